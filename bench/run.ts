/**
 * `npm run bench`: the real server (a child process, as `npm start` runs it) on a fresh file
 * database seeded to BENCH_ORDERS orders (default 100,000; e.g. BENCH_ORDERS=1000000), one
 * company holding 1,000 of them. autocannon on loopback measures a bare Hono route (fixed JSON,
 * its own process — the machine's ceiling) and each target route alternately, BENCH_ROUNDS
 * rounds (3) at 10 and 50 connections; each route's ratio is its req/s over the bare route's in
 * the same round (median of rounds). Also: cold start to the first 200, RSS under load, 1,000 idle
 * event subscribers. Prints a table and writes it to bench/results.md.
 *
 * Knobs: BENCH_ORDERS, BENCH_SECONDS (per measurement, 1.5), BENCH_ROUNDS (3),
 * BENCH_CONNECTIONS ("10,50"), BENCH_ONLY (a regex over route names), BENCH_SERVER=tsx (run the
 * TypeScript sources instead of the built dist-server/), BENCH_PROFILE=dir (server --cpu-prof),
 * BENCH_DB=file (seed once into that file, start later runs from a copy of it), BENCH_WORKERS=n
 * (the server with JOBAG_WORKERS=n: a primary and n HTTP workers; RSS and CPU are then summed over
 * all of them, and a full run writes bench/results-workers-<n>.md instead of results.md),
 * BENCH_THREADS=n (the server with JOBAG_THREADS=n: one process, n HTTP threads on one socket;
 * a full run writes bench/results-threads-<n>.md).
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedBenchDatabase } from './seed.ts';
import { openSubscribers } from './subscribers.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const orders = Number(process.env.BENCH_ORDERS ?? 100_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 1.5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connectionLevels = (process.env.BENCH_CONNECTIONS ?? '10,50').split(',').map(Number);
const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
const companyOrders = 1000;
const workers = Number(process.env.BENCH_WORKERS ?? 1);
if (!Number.isInteger(workers) || workers < 1) throw new Error('BENCH_WORKERS must be a whole number ≥ 1');
const threads = Number(process.env.BENCH_THREADS ?? 1);
if (!Number.isInteger(threads) || threads < 1) throw new Error('BENCH_THREADS must be a whole number ≥ 1');
const benchStarted = performance.now();

const dir = mkdtempSync(join(tmpdir(), 'jobag-bench-'));
const file = join(dir, 'bench.db');
const children = new Set<ChildProcess>();
function cleanUp() {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
}
process.on('SIGINT', () => {
  cleanUp();
  process.exit(130);
});

const distServer = join(root, 'dist-server/main.js');
function serverArgs(): string[] {
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  // The V8 flags `npm start` gives (package.json): semi-spaces of at most 8 MB, and an old space
  // capped at 512 MB, which also makes V8 grow it by ~1.4× a collection instead of up to 4×.
  if (process.env.BENCH_SERVER !== 'tsx' && existsSync(distServer)) return [...profile, '--max-semi-space-size=8', '--max-old-space-size=512', distServer];
  return [...profile, '--import', import.meta.resolve('tsx'), join(root, 'server/main.ts')];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Spawns a process that serves HTTP on `port`; resolves once `probe` answers 200, with the time that took. */
async function startProcess(args: string[], port: number, probe: string, env: Record<string, string> = {}) {
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: dir,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    // stdout (one log line per request) goes to /dev/null, as cheap as a production log collector gets.
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let output = '';
  child.stderr!.on('data', (d) => (output = (output + d).slice(-10_000)));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`process exited: ${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}${probe}`, { headers: { authorization: 'Bearer demo_employer_a' } });
      await res.arrayBuffer();
      if (res.status === 200) return { child, ms: performance.now() - started };
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 30_000) throw new Error(`did not start: ${output}`);
    await sleep(5);
  }
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/** The process and its children (a cluster's primary and its workers), found by parent pid in /proc. */
function processTree(pid: number): number[] {
  const pids = [pid];
  if (workers === 1) return pids;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      if (ppid === pid) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}
const statusMb = (pid: number, field: string) => {
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/${field === 'Pss' ? 'smaps_rollup' : 'status'}`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
};
/**
 * RSS in MB, summed over the server's processes (with workers: the primary and each worker). The
 * sum of VmHWM adds each process's own peak (they need not coincide: an upper bound). `Pss` shares
 * pages several processes map (the node binary, libraries) among them, so its sum is what they take together.
 */
const rssMb = (pid: number, field: 'VmRSS' | 'VmHWM' | 'Pss' = 'VmRSS') => processTree(pid).reduce((sum, p) => sum + statusMb(p, field), 0);

// ---- seed (BENCH_DB=<file>: seed once into that file and start each run from a copy of it)
const seeded = await seedOrReuse();
async function seedOrReuse(): Promise<{ ms: number; firstOrderOfA: number }> {
  const cached = process.env.BENCH_DB;
  if (cached && existsSync(cached) && existsSync(`${cached}.json`)) {
    copyFileSync(cached, file);
    console.log(`Reusing the seeded database ${cached}`);
    return JSON.parse(readFileSync(`${cached}.json`, 'utf8'));
  }
  console.log(`Seeding ${orders.toLocaleString('en')} orders (${companyOrders} of one company) …`);
  const result = await seedBenchDatabase(file, orders, companyOrders);
  console.log(`  seeded in ${(result.ms / 1000).toFixed(1)} s`);
  if (cached) {
    copyFileSync(file, cached);
    writeFileSync(`${cached}.json`, JSON.stringify(result));
  }
  return result;
}

const serverPort = 18_000 + Math.floor(Math.random() * 20_000);
const barePort = serverPort + 1;
const serverEnv = {
  DATABASE_URL: `file:${file}`,
  JOBAG_DEMO: 'false',
  JOBAG_SIGNING_SECRET: 'bench-'.repeat(8),
  JOBAG_WORKERS: String(workers),
  JOBAG_THREADS: String(threads),
};
const orderOfA = seeded.firstOrderOfA;

// ---- cold start: spawn to the first 200 of GET /v1/job-orders/{id}, on the existing database
const coldStarts: number[] = [];
for (let i = 0; i < 3; i++) {
  const { child, ms } = await startProcess(serverArgs(), serverPort, `/v1/job-orders/${orderOfA}`, serverEnv);
  coldStarts.push(ms);
  await stop(child);
}
coldStarts.sort((a, b) => a - b);
// For comparison on this (shared, noisy) machine: the TypeScript sources through tsx, and the bare route.
const tsxArgs = ['--import', import.meta.resolve('tsx'), join(root, 'server/main.ts')];
const tsxStart = only ? NaN : (await startProcess(tsxArgs, serverPort, '/healthz', serverEnv).then(async (p) => (await stop(p.child), p.ms)));
const bareStarts: number[] = [];
for (let i = 0; i < 3; i++) {
  const p = await startProcess([join(root, 'bench/bare.mjs')], serverPort, '/');
  bareStarts.push(p.ms);
  await stop(p.child);
}

const bare = await startProcess([join(root, 'bench/bare.mjs')], barePort, '/');
const server = await startProcess(serverArgs(), serverPort, '/healthz', serverEnv);
const idleRss = rssMb(server.child.pid!);

// ---- the routes
const api = `http://127.0.0.1:${serverPort}`;
const employerA = { authorization: 'Bearer demo_employer_a' };
const employerB = { authorization: 'Bearer demo_employer_b', 'content-type': 'application/json' };
const jobcenter = { authorization: 'Bearer demo_jobcenter_101', 'content-type': 'application/json' };
const createBody = JSON.stringify({
  occupationCode: '5131.00', // replaced below by a real code
  responsibleJobcenterId: '751',
  description: 'Lager og pakning.',
  positions: 2,
  workplace: { pNumber: '1009876541', name: 'Havnens Lager', street: 'Havnegade 3', postalCode: '7100', city: 'Vejle' },
  contact: { contactPersonId: 3, name: 'Søren Ågesen', email: 'soren.agesen@havnenslager.example' },
});
const { occupations } = await import('../server/reference/index.ts');
const body = createBody.replace('5131.00', occupations[0]!.code);
const bodyA = JSON.stringify({
  ...JSON.parse(body),
  responsibleJobcenterId: '101',
  workplace: { pNumber: '1003456781', name: 'Nordlys Køkken Vesterbro', street: 'Vesterbrogade 12', postalCode: '1620', city: 'København V' },
  contact: { contactPersonId: 1, name: 'Mette Hansen', email: 'mette.hansen@nordlys.example' },
});
const placementBody = JSON.stringify({
  candidate: { name: 'Amir Haddad', birthYear: 1994, addressProtected: false, address: { street: 'Nørrebrogade 101', postalCode: '2200', city: 'København N' }, cvSearchable: false, phone: '+45 31 22 44 55' },
  description: 'Amir kan starte med det samme.',
});

interface Target {
  name: string;
  target: number;
  options: Partial<autocannon.Options>;
}
let keySeq = 0;
const targets: Target[] = [
  { name: 'GET /v1/job-orders/{id}', target: 0.45, options: { url: `${api}/v1/job-orders/${orderOfA}`, headers: employerA } },
];
for (const sort of ['id', 'title', 'contact', 'status', 'updatedAt', 'candidates', 'longTerm']) {
  for (const order of ['asc', 'desc']) {
    targets.push({ name: `GET /v1/job-orders?sort=${sort}&order=${order}`, target: 0.15, options: { url: `${api}/v1/job-orders?sort=${sort}&order=${order}&limit=25`, headers: employerA } });
  }
}
targets.push({
  name: 'POST /v1/job-orders',
  target: 0.15,
  options: {
    url: `${api}/v1/job-orders`,
    method: 'POST',
    headers: employerB,
    body,
    // A fresh Idempotency-Key per request: every create writes its idempotency record.
    requests: [{ setupRequest: (req) => ({ ...req, headers: { ...employerB, 'idempotency-key': `bench-${process.pid}-${++keySeq}` } }) }],
  },
});
targets.push({
  name: 'POST /v1/job-orders/{id}/placements',
  target: 0.15,
  options: {
    method: 'POST',
    headers: jobcenter,
    body: placementBody,
    url: `${api}/v1/job-orders/${orderOfA}/placements`,
    // Spread over company A's open orders (every fifth seeded order is open in a row of three).
    requests: [
      {
        setupRequest: (req) => {
          const n = ++keySeq;
          return { ...req, path: `/v1/job-orders/${openOrders[n % openOrders.length]}/placements` };
        },
      },
    ],
  },
});

// Open orders of company A for placements.
const openOrders: number[] = [];
{
  let cursor: string | null = null;
  do {
    const res: Response = await fetch(`${api}/v1/job-orders?status=open&limit=100${cursor ? `&cursor=${cursor}` : ''}`, { headers: employerA });
    const page = (await res.json()) as { items: { id: number }[]; nextCursor: string | null };
    openOrders.push(...page.items.map((o) => o.id));
    cursor = page.nextCursor;
  } while (cursor && openOrders.length < 300);
}

// Check every target answers 2xx before measuring.
for (const t of targets) {
  const res = await fetch(t.options.url!, { method: t.options.method ?? 'GET', headers: t.options.headers as Record<string, string>, body: t.options.body as string | undefined });
  if (res.status >= 300) throw new Error(`${t.name}: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
}

/**
 * CPU time (user + system) a process has used, in ms: what a request costs whatever else runs on
 * the machine. With workers: summed over the primary and its workers.
 */
const cpuMs = (pid: number) =>
  processTree(pid).reduce((sum, p) => {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return sum + ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
    } catch {
      return sum;
    }
  }, 0);
interface Sample { rps: number; p50: number; p99: number; errors: number; cpuUs: number }
async function cannon(options: Partial<autocannon.Options>, connections: number, pid: number): Promise<Sample> {
  const cpuBefore = cpuMs(pid);
  const result = await autocannon({ ...options, url: options.url!, connections, duration: seconds } as autocannon.Options);
  const cpuUs = ((cpuMs(pid) - cpuBefore) * 1000) / Math.max(1, result.requests.total);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx, cpuUs };
}

const selected = targets.filter((t) => !only || only.test(t.name));
const samples = new Map<string, { bare: Sample[]; route: Sample[] }>();
let peakRss = 0;
for (let round = 1; round <= rounds; round++) {
  for (const connections of connectionLevels) {
    for (const t of selected) {
      const b = await cannon({ url: `http://127.0.0.1:${barePort}/` }, connections, bare.child.pid!);
      const r = await cannon(t.options, connections, server.child.pid!);
      peakRss = Math.max(peakRss, rssMb(server.child.pid!));
      const key = `${t.name}|${connections}`;
      const entry = samples.get(key) ?? { bare: [], route: [] };
      entry.bare.push(b);
      entry.route.push(r);
      samples.set(key, entry);
    }
    process.stdout.write(`  round ${round}/${rounds}, ${connections} connections done (${((performance.now() - benchStarted) / 1000).toFixed(0)} s)\n`);
  }
}

// ---- 1,000 idle event subscribers: memory, and time until a change reaches all of them
async function eventSubscribers(count: number) {
  const before = rssMb(server.child.pid!);
  const subscribers = await openSubscribers(api, employerA, count);
  await sleep(1500);
  const extra = rssMb(server.child.pid!) - before;
  const t = performance.now();
  const res = await fetch(`${api}/v1/job-orders`, { method: 'POST', headers: { ...employerA, 'content-type': 'application/json' }, body: bodyA });
  if (res.status !== 201) throw new Error(`event trigger: ${res.status} ${await res.text()}`);
  await Promise.race([subscribers.everyone, sleep(10_000)]);
  const received = subscribers.received();
  const deliveryMs = received === count ? performance.now() - t : NaN;
  subscribers.close();
  return { extra, deliveryMs, received };
}
const events = only ? null : await eventSubscribers(1000);
const hwm = rssMb(server.child.pid!, 'VmHWM');
const pss = rssMb(server.child.pid!, 'Pss');
const processCount = processTree(server.child.pid!).length;
await stop(server.child);
await stop(bare.child);

// ---- the table
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const lines: string[] = [];
const head = `| route | conns | req/s | p50 ms | p99 ms | bare req/s | ratio | target | pass | CPU µs/req (bare) |`;
lines.push(head, '|---|---|---|---|---|---|---|---|---|---|');
let failures = 0;
for (const t of selected) {
  for (const connections of connectionLevels) {
    const s = samples.get(`${t.name}|${connections}`)!;
    const ratios = s.route.map((r, i) => r.rps / s.bare[i]!.rps);
    const ratio = median(ratios);
    const p99 = median(s.route.map((r) => r.p99));
    const errors = s.route.reduce((n, r) => n + r.errors, 0);
    const pass = ratio >= t.target && (connections !== 10 || p99 < 15) && errors === 0;
    if (!pass) failures++;
    lines.push(
      `| ${t.name.replaceAll('|', '\\|')} | ${connections} | ${median(s.route.map((r) => r.rps)).toFixed(0)} | ${median(s.route.map((r) => r.p50)).toFixed(1)} | ${p99.toFixed(1)} | ${median(s.bare.map((r) => r.rps)).toFixed(0)} | ${ratio.toFixed(3)} | ≥ ${t.target}${connections === 10 ? ', p99 < 15' : ''} | ${pass ? 'pass' : `FAIL${errors ? ` (${errors} errors)` : ''}`} | ${median(s.route.map((r) => r.cpuUs)).toFixed(0)} (${median(s.bare.map((r) => r.cpuUs)).toFixed(0)}) |`,
    );
  }
}
const budget = (name: string, value: string, target: string, pass: boolean) => {
  if (!pass) failures++;
  lines.push(`| ${name} | | ${value} | | | | | ${target} | ${pass ? 'pass' : 'FAIL'} | |`);
};
budget(
  'cold start to first 200 (median of 3)',
  `${median(coldStarts).toFixed(0)} ms (tsx sources ${tsxStart.toFixed(0)} ms; bare Hono process ${median(bareStarts).toFixed(0)} ms)`,
  '< 400 ms',
  median(coldStarts) < 400,
);
budget(
  workers === 1 ? 'server RSS under load (peak)' : `server RSS under load (peak), summed over the primary and ${workers} workers`,
  `${hwm.toFixed(0)} MB (idle ${idleRss.toFixed(0)}, sampled max ${peakRss.toFixed(0)}; PSS at the end ${pss.toFixed(0)}${workers === 1 ? '' : `, ${processCount} processes`})`,
  '< 150 MB',
  hwm < 150,
);
if (events) {
  budget('1,000 idle event subscribers: extra RSS', `${events.extra.toFixed(1)} MB`, '< 50 MB', events.extra < 50);
  budget('1,000 subscribers: one change delivered to all', `${events.deliveryMs.toFixed(0)} ms (${events.received} got it)`, '< 2000 ms', events.deliveryMs < 2000);
}
const summary = [
  `# JobAG bench`,
  '',
  `${orders.toLocaleString('en')} orders (one company with ${companyOrders}), seeded in ${(seeded.ms / 1000).toFixed(1)} s; ${rounds} rounds × ${seconds} s per measurement, ` +
    `autocannon on loopback; ratio = the route's req/s over a bare Hono route's (fixed JSON, @hono/node-server) measured just before it, median of rounds; CPU µs/req = the server process's CPU time per answered request (the bare process's in brackets), which other load on the machine hardly changes. ` +
    `Server: ${serverArgs().at(-1)!.replace(root, '')}, ${workers === 1 ? `one process${threads > 1 ? ` with JOBAG_THREADS=${threads} (${threads} HTTP threads on one socket)` : ''}` : `JOBAG_WORKERS=${workers} (a primary and ${workers} HTTP workers; CPU and RSS summed over them)`}. Node ${process.version}, ${new Date().toISOString()}, ${((performance.now() - benchStarted) / 1000).toFixed(0)} s in all.`,
  '',
  ...lines,
  '',
  failures === 0 ? 'Every target met.' : `${failures} target(s) not met.`,
  '',
];
console.log(`\n${summary.join('\n')}`);
if (!only) writeFileSync(join(root, `bench/results${workers > 1 ? `-workers-${workers}` : ''}${threads > 1 ? `-threads-${threads}` : ''}${orders === 100_000 ? '' : `-${orders}`}.md`), summary.join('\n'));
cleanUp();
process.exit(0);
