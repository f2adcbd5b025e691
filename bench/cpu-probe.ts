/**
 * For iterating on one route's CPU cost: starts the built server on a copy of a seeded bench
 * database (`BENCH_DB`, made by `npm run bench` with BENCH_DB set), warms it up, then prints the
 * server's CPU µs per request and req/s at each connection level, and its peak RSS.
 * Usage: BENCH_DB=/tmp/seed.db npx tsx bench/cpu-probe.ts '/v1/job-orders/{id}' ['/v1/job-orders?sort=title&limit=25' …]
 * PROBE_SECONDS (3), PROBE_CONNECTIONS ("10,50"), PROBE_METHOD/PROBE_BODY for a POST,
 * PROBE_TOKEN (demo_employer_a), PROBE_IDEMPOTENCY=1 for a fresh Idempotency-Key per request (as
 * `npm run bench` sends), PROBE_SPREAD=1 to spread a `{id}` path over company A's open orders
 * (as the bench does for placements; use PROBE_TOKEN=demo_jobcenter_101), PROBE_SERVER=<main.js>
 * to probe another build (e.g. an older commit's dist-server, for a before/after in one sitting).
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const seed = process.env.BENCH_DB;
if (!seed) throw new Error('Set BENCH_DB to a database seeded by npm run bench.');
const { firstOrderOfA } = JSON.parse(readFileSync(`${seed}.json`, 'utf8')) as { firstOrderOfA: number };
const dir = mkdtempSync(join(tmpdir(), 'jobag-probe-'));
copyFileSync(seed, join(dir, 'bench.db'));
const port = 40_000 + Math.floor(Math.random() * 20_000);
const child = spawn(process.execPath, ['--max-semi-space-size=8', '--max-old-space-size=512', ...(process.env.PROBE_NODE_ARGS ?? '').split(' ').filter(Boolean), process.env.PROBE_SERVER ?? join(root, 'dist-server/main.js')], {
  cwd: dir,
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: `file:${join(dir, 'bench.db')}`, JOBAG_DEMO: 'false', JOBAG_SIGNING_SECRET: 'bench-signing-secret-0123456789-abcdefghijklmnop' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const headers = { authorization: `Bearer ${process.env.PROBE_TOKEN ?? 'demo_employer_a'}`, 'content-type': 'application/json' };
for (;;) {
  if (child.exitCode !== null) throw new Error('the server exited before it answered /healthz');
  try {
    if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
  } catch {
    await new Promise((r) => setTimeout(r, 20));
  }
}
const cpuMs = () => {
  const f = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
};
/** CPU ms per thread (the main one, and each other by name:tid: libuv's pool, the checkpoint worker, V8's helpers), for PROBE_THREADS=1. */
const threadCpu = () => {
  const out = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${child.pid}/task`)) {
    try {
      const comm = readFileSync(`/proc/${child.pid}/task/${tid}/comm`, 'utf8').trim();
      const name = tid === String(child.pid) ? 'main' : `${comm}:${tid}`;
      const f = readFileSync(`/proc/${child.pid}/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      out.set(name, (out.get(name) ?? 0) + ((Number(f[11]) + Number(f[12])) * 1000) / 100);
    } catch {
      // the thread ended
    }
  }
  return out;
};
const rss = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024;
const seconds = Number(process.env.PROBE_SECONDS ?? 3);
const method = (process.env.PROBE_METHOD ?? 'GET') as 'GET';
const openOrders: number[] = [];
if (process.env.PROBE_SPREAD === '1') {
  let cursor: string | null = null;
  do {
    const res: Response = await fetch(`http://127.0.0.1:${port}/v1/job-orders?status=open&limit=100${cursor ? `&cursor=${cursor}` : ''}`, { headers: { authorization: 'Bearer demo_employer_a' } });
    const page = (await res.json()) as { items: { id: number }[]; nextCursor: string | null };
    openOrders.push(...page.items.map((o) => o.id));
    cursor = page.nextCursor;
  } while (cursor && openOrders.length < 300);
}
let seq = 0;
const requests: NonNullable<autocannon.Options['requests']> = [
  {
    setupRequest: (req) => {
      const n = ++seq;
      const out = { ...req };
      if (process.env.PROBE_IDEMPOTENCY === '1') out.headers = { ...req.headers, 'idempotency-key': `probe-${process.pid}-${n}` };
      if (openOrders.length > 0 && out.path) out.path = out.path.replace(`/${firstOrderOfA}/`, `/${openOrders[n % openOrders.length]}/`);
      return out;
    },
  },
];
for (const path of process.argv.slice(2).map((p) => p.replace('{id}', String(firstOrderOfA)))) {
  const url = `http://127.0.0.1:${port}${path}`;
  await autocannon({ url, method, headers, body: process.env.PROBE_BODY, connections: 10, duration: 1, requests });
  for (const connections of (process.env.PROBE_CONNECTIONS ?? '10,50').split(',').map(Number)) {
    const before = cpuMs();
    const threadsBefore = threadCpu();
    const r = await autocannon({ url, method, headers, body: process.env.PROBE_BODY, connections, duration: seconds, requests });
    const us = ((cpuMs() - before) * 1000) / r.requests.total;
    console.log(`${path} c=${connections}: ${us.toFixed(0)} µs CPU/req, ${r.requests.average.toFixed(0)} req/s, p99 ${r.latency.p99} ms, non2xx ${r.non2xx}, rss ${rss('VmRSS').toFixed(0)} MB`);
    if (process.env.PROBE_THREADS === '1') {
      const parts = [...threadCpu()].map(([name, ms]) => [name, ((ms - (threadsBefore.get(name) ?? 0)) * 1000) / r.requests.total] as const);
      console.log(`  per thread µs/req: ${parts.filter(([, us]) => us >= 1).map(([name, us]) => `${name} ${us.toFixed(0)}`).join(', ')}`);
    }
  }
}
console.log(`peak RSS ${rss('VmHWM').toFixed(0)} MB`);
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
rmSync(dir, { recursive: true, force: true });
