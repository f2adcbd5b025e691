/**
 * For iterating on the server's memory (targets: RSS under load < 150 MB, 1,000 idle event
 * subscribers < 50 MB): starts the built server on a copy of a seeded bench database (`BENCH_DB`,
 * made by `npm run bench` with BENCH_DB set), prints its RSS idle, after a short load of the bench's
 * routes (GET one order, a list page, POST a create, at 10 and 50 connections), and after opening
 * PROBE_SUBSCRIBERS (1,000) idle `GET /v1/events` streams (per-stream KB, and how long one change
 * takes to reach all of them), then its peak (VmHWM) and where the memory is (smaps_rollup).
 * Usage: BENCH_DB=/tmp/seed.db npx tsx bench/rss-probe.ts
 * PROBE_SERVER=<main.js> to probe another build (for a before/after in one sitting), PROBE_LOAD=0
 * to skip the load, PROBE_SECONDS (2) per load step, PROBE_NODE_ARGS for extra node flags,
 * PROBE_SIGNAL=1 with PROBE_NODE_ARGS="--import $PWD/bench/mem-report.mjs" for the V8 heap at each step.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSubscribers } from './subscribers.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const seed = process.env.BENCH_DB;
if (!seed) throw new Error('Set BENCH_DB to a database seeded by npm run bench.');
const { firstOrderOfA } = JSON.parse(readFileSync(`${seed}.json`, 'utf8')) as { firstOrderOfA: number };
const dir = mkdtempSync(join(tmpdir(), 'jobag-rss-'));
copyFileSync(seed, join(dir, 'bench.db'));
// Below the ephemeral range (32768+), where busy clients on this machine hold ports.
const port = 20_000 + Math.floor(Math.random() * 12_000);
const server = process.env.PROBE_SERVER ?? join(root, 'dist-server/main.js');
const child = spawn(process.execPath, ['--max-semi-space-size=8', '--max-old-space-size=512', ...(process.env.PROBE_NODE_ARGS ?? '').split(' ').filter(Boolean), server], {
  cwd: dir,
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: `file:${join(dir, 'bench.db')}`, JOBAG_DEMO: 'false', JOBAG_SIGNING_SECRET: 'bench-signing-secret-0123456789-abcdefghijklmnop' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const api = `http://127.0.0.1:${port}`;
let exited = false;
child.once('exit', () => (exited = true));
for (;;) {
  if (exited) throw new Error(`The server exited before it answered (port ${port} taken?).`);
  try {
    if ((await fetch(`${api}/healthz`)).ok) break;
  } catch {
    await new Promise((r) => setTimeout(r, 20));
  }
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (file: string, field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${child.pid}/${file}`, 'utf8'))?.[1] ?? 0) / 1024;
const rss = () => mb('status', 'VmRSS');
const cpuMs = () => {
  const f = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
};
const out: string[] = [`idle ${rss().toFixed(1)} MB`];
/** With bench/mem-report.mjs preloaded: the heap spaces at each step (on the server's stderr). */
const dump = async () => {
  if (process.env.PROBE_SIGNAL !== '1') return;
  child.kill('SIGUSR2');
  await sleep(100);
};
await dump();

const employerA = { authorization: 'Bearer demo_employer_a', 'content-type': 'application/json' };
const { occupations } = await import('../server/reference/index.ts');
const body = JSON.stringify({
  occupationCode: occupations[0]!.code,
  responsibleJobcenterId: '101',
  description: 'Lager og pakning.',
  positions: 2,
  workplace: { pNumber: '1003456781', name: 'Nordlys Køkken Vesterbro', street: 'Vesterbrogade 12', postalCode: '1620', city: 'København V' },
  contact: { contactPersonId: 1, name: 'Mette Hansen', email: 'mette.hansen@nordlys.example' },
});

if (process.env.PROBE_LOAD !== '0') {
  const seconds = Number(process.env.PROBE_SECONDS ?? 2);
  let seq = 0;
  const steps: [string, Partial<autocannon.Options>][] = [
    ['get', { url: `${api}/v1/job-orders/${firstOrderOfA}` }],
    ['list', { url: `${api}/v1/job-orders?sort=title&order=asc&limit=25` }],
    ['post', { url: `${api}/v1/job-orders`, method: 'POST', body, requests: [{ setupRequest: (req) => ({ ...req, headers: { ...employerA, 'idempotency-key': `rss-${process.pid}-${++seq}` } }) }] }],
  ];
  for (const connections of [10, 50]) {
    for (const [name, options] of steps) {
      const before = cpuMs();
      const r = await autocannon({ headers: employerA, ...options, url: options.url!, connections, duration: seconds } as autocannon.Options);
      const us = ((cpuMs() - before) * 1000) / r.requests.total;
      await dump();
      out.push(`${name} c=${connections}: ${r.requests.average.toFixed(0)} req/s, ${us.toFixed(0)} µs CPU/req, p99 ${r.latency.p99} ms, non2xx ${r.non2xx}, rss ${rss().toFixed(1)} MB (peak ${mb('status', 'VmHWM').toFixed(1)})`);
    }
  }
}

const count = Number(process.env.PROBE_SUBSCRIBERS ?? 1000);
if (count > 0) {
  const before = rss();
  const subscribers = await openSubscribers(api, employerA, count);
  await sleep(1500);
  await dump();
  const extra = rss() - before;
  const t = performance.now();
  const res = await fetch(`${api}/v1/job-orders`, { method: 'POST', headers: employerA, body });
  if (res.status !== 201) throw new Error(`event trigger: ${res.status} ${await res.text()}`);
  await Promise.race([subscribers.everyone, sleep(10_000)]);
  out.push(`${count} subscribers: +${extra.toFixed(1)} MB (${((extra * 1024) / count).toFixed(1)} KB each), one change to all in ${(performance.now() - t).toFixed(0)} ms (${subscribers.received()} got it)`);
  subscribers.close();
  await sleep(500);
}
out.push(`peak (VmHWM) ${mb('status', 'VmHWM').toFixed(1)} MB; now: anon ${mb('smaps_rollup', 'Anonymous').toFixed(1)} MB, file ${(mb('status', 'RssFile') + mb('status', 'RssShmem')).toFixed(1)} MB, threads ${/Threads:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]}`);
console.log(out.join('\n'));
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
rmSync(dir, { recursive: true, force: true });
