/**
 * `npm run bench`: the real server (a child process, as `npm start` runs it) on a fresh file
 * database seeded to 100,000 orders (`--orders=1000000` or BENCH_ORDERS for a million), one
 * company holding 1,000 of them, against a bare Hono route (bench/bare.mjs: fixed JSON, its own
 * process) measured just before each route in the same round. Prints the targets table — per
 * path the server's CPU µs per answered request (the bare route's beside it), the throughput
 * ratio to the bare route and the p99 at 10 connections; for writes the p99 target is the disk's
 * own fdatasync p99 measured in the same run + 5 ms — then cold start against a bare Hono
 * process, peak RSS, first list rows in headless Chromium (bench/browser.ts) and the widget JS of
 * a list + view + log page (bench/widget-size.ts); writes it all to bench/results[-<orders>].md.
 *
 * Lists: by default 14 shapes, each sort key once ascending and once descending, one of the two
 * with `status=closed` (a fifth of the orders), alternating, plus a jobcenter's whole-scheme list
 * with and without the filter; `--lists=all` (BENCH_LISTS=all) measures every sort × direction ×
 * filter (28 employer shapes).
 *
 * Flags and knobs: --orders=N (BENCH_ORDERS), --lists=all, --no-browser (BENCH_BROWSER=0; skipped
 * anyway when no Chromium is found), BENCH_SECONDS (per measurement, 1.5), BENCH_ROUNDS (3),
 * BENCH_CONNECTIONS ("10"; the targets are at 10, e.g. "10,50" adds 50 for information),
 * BENCH_ONLY (a regex over route names; also skips cold start, subscribers, browser, and writes
 * no file), BENCH_SERVER=tsx (the TypeScript sources instead of dist-server/), BENCH_PROFILE=dir
 * (server --cpu-prof), BENCH_DB=file (seed once into that file, start later runs from a copy),
 * BENCH_WORKERS=n / BENCH_THREADS=n (JOBAG_WORKERS / JOBAG_THREADS; CPU and RSS summed over
 * the processes; written to bench/results-workers-<n>.md / -threads-<n>.md).
 */
import autocannon from 'autocannon';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fdatasyncLatency } from './disk-sync.ts';
import { seedBenchDatabase } from './seed.ts';
import { openSubscribers } from './subscribers.ts';
import { widgetPageSize } from './widget-size.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const flag = (name: string) => process.argv.slice(2).find((a) => a === `--${name}` || a.startsWith(`--${name}=`))?.split('=')[1];
const orders = Number(flag('orders') ?? process.env.BENCH_ORDERS ?? 100_000);
if (!Number.isInteger(orders) || orders < 2_000) throw new Error('--orders (BENCH_ORDERS) must be a whole number ≥ 2000');
const allLists = (flag('lists') ?? process.env.BENCH_LISTS) === 'all';
const seconds = Number(process.env.BENCH_SECONDS ?? 1.5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connectionLevels = (process.env.BENCH_CONNECTIONS ?? '10').split(',').map(Number);
const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
const chromium = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'].find((p) => p && existsSync(p));
const browserWanted = !only && !process.argv.includes('--no-browser') && process.env.BENCH_BROWSER !== '0';
const companyOrders = 1000;
const workers = Number(process.env.BENCH_WORKERS ?? 1);
if (!Number.isInteger(workers) || workers < 1) throw new Error('BENCH_WORKERS must be a whole number ≥ 1');
const threads = Number(process.env.BENCH_THREADS ?? 1);
if (!Number.isInteger(threads) || threads < 1) throw new Error('BENCH_THREADS must be a whole number ≥ 1');
const benchStarted = performance.now();
const loadBefore = loadavg().map((l) => l.toFixed(1)).join(' ');

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
// A run that fails midway must not leave its servers running on the machine.
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

// Measure the code as it is: the server build, and (for the page size and the browser) the widgets.
if (process.env.BENCH_SERVER !== 'tsx') buildOrDie('scripts/build-server.mjs', '--if-needed');
if (!only) buildOrDie('scripts/build-if-needed.mjs');
function buildOrDie(script: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [join(root, script), ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${script} failed`);
}

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
  JOBAG_SIGNING_SECRET: 'bench-signing-secret-0123456789-abcdefghijklmnop',
  JOBAG_WORKERS: String(workers),
  JOBAG_THREADS: String(threads),
  // 1,000 idle subscribers of one key from one address: above the default stream limits.
  JOBAG_EVENT_STREAMS_PER_KEY: '2000',
  JOBAG_EVENT_STREAMS_PER_ADDRESS: '2000',
};
const orderOfA = seeded.firstOrderOfA;

// ---- cold start: spawn to the first 200 of GET /v1/job-orders/{id} on the existing database,
// alternating with a bare Hono process spawned to its first 200 (same machine, same minute).
const coldStarts: number[] = [];
const bareStarts: number[] = [];
for (let i = 0; i < (only ? 0 : 3); i++) {
  const s = await startProcess(serverArgs(), serverPort, `/v1/job-orders/${seeded.firstOrderOfA}`, serverEnv);
  coldStarts.push(s.ms);
  await stop(s.child);
  const b = await startProcess([join(root, 'bench/bare.mjs')], serverPort, '/');
  bareStarts.push(b.ms);
  await stop(b.child);
}
// For comparison: the TypeScript sources through tsx.
const tsxArgs = ['--import', import.meta.resolve('tsx'), join(root, 'server/main.ts')];
const tsxStart = only ? NaN : (await startProcess(tsxArgs, serverPort, '/healthz', serverEnv).then(async (p) => (await stop(p.child), p.ms)));

// ---- the disk's own fdatasync, where the database lives: the floor of a durable write's latency
const disk = fdatasyncLatency(dir);

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

type Kind = 'one' | 'list' | 'write';
interface Target {
  name: string;
  kind: Kind;
  options: Partial<autocannon.Options>;
}
/** The issue's targets per kind of path: CPU µs per request, throughput ratio, p99 at 10 connections (ms; writes: the disk's fdatasync p99 + 5). */
const goals: Record<Kind, { cpuUs: number; ratio: number; p99Ms: () => number; p99Text: string }> = {
  one: { cpuUs: 150, ratio: 0.35, p99Ms: () => 10, p99Text: '< 10 ms' },
  list: { cpuUs: 250, ratio: 0.18, p99Ms: () => 10, p99Text: '< 10 ms' },
  write: { cpuUs: 700, ratio: 0.08, p99Ms: () => disk.p99 + 5, p99Text: 'fdatasync p99 + 5 ms' },
};
let keySeq = 0;
const targets: Target[] = [{ name: 'GET /v1/job-orders/{id}', kind: 'one', options: { url: `${api}/v1/job-orders/${orderOfA}`, headers: employerA } }];
const sorts = ['id', 'title', 'contact', 'status', 'updatedAt', 'candidates', 'longTerm'];
sorts.forEach((sort, i) => {
  for (const order of ['asc', 'desc']) {
    for (const status of [undefined, 'closed']) {
      // The representative set: each sort both ways, the filter on one of them, alternating.
      if (!allLists && (status === undefined) !== ((order === 'asc') === (i % 2 === 0))) continue;
      const query = `sort=${sort}&order=${order}${status ? `&status=${status}` : ''}`;
      targets.push({ name: `GET /v1/job-orders?${query}`, kind: 'list', options: { url: `${api}/v1/job-orders?${query}&limit=25`, headers: employerA } });
    }
  }
});
// A jobcenter sees the whole scheme: every seeded order, the widest range a list walks.
for (const status of [undefined, 'closed']) {
  const query = `sort=updatedAt&order=desc${status ? `&status=${status}` : ''}`;
  targets.push({ name: `GET /v1/job-orders?${query} (jobcenter)`, kind: 'list', options: { url: `${api}/v1/job-orders?${query}&limit=25`, headers: jobcenter } });
}
targets.push({
  name: 'POST /v1/job-orders',
  kind: 'write',
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
  kind: 'write',
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
const events = only ? null : await eventSubscribers(1000).catch((error: Error) => (console.error(`event subscribers: ${error.message}`), null));
const hwm = rssMb(server.child.pid!, 'VmHWM');
const pss = rssMb(server.child.pid!, 'Pss');
const processCount = processTree(server.child.pid!).length;
await stop(server.child);
await stop(bare.child);

// ---- the browser: first list rows on the example portal (its own server, demo mode), and the page's widget JS
let firstRows: { firstRowsMs: number; runs: number[] } | string;
if (!browserWanted) firstRows = 'skipped (--no-browser)';
else if (!chromium) firstRows = 'skipped: no Chromium found (set CHROME_PATH)';
else {
  const out = join(dir, 'browser.json');
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench/browser.ts')], {
    cwd: root,
    env: { ...process.env, CHROME_PATH: chromium, BENCH_RUNS: '5', BENCH_SORTS: '0', BENCH_JSON: out },
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 300_000,
  });
  firstRows = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as { firstRowsMs: number; runs: number[] }) : `failed (exit ${result.status ?? result.signal})`;
}
const widgets = only ? null : widgetPageSize(join(root, 'dist'));

// ---- the tables
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const mark = (ok: boolean) => (ok ? '✓' : '✗');
let failures = 0;
const targetLines = [
  '| path | CPU µs/req (bare route) | throughput ratio to bare | p99 at 10 conns | met |',
  '|---|---|---|---|---|',
];
const detailLines = [
  '| route | conns | req/s | p50 ms | p99 ms | bare req/s | ratio | CPU µs/req (bare) | errors |',
  '|---|---|---|---|---|---|---|---|---|',
];
for (const t of selected) {
  for (const connections of connectionLevels) {
    const s = samples.get(`${t.name}|${connections}`)!;
    const ratio = median(s.route.map((r, i) => r.rps / s.bare[i]!.rps));
    const p99 = median(s.route.map((r) => r.p99));
    const cpu = median(s.route.map((r) => r.cpuUs));
    const bareCpu = median(s.bare.map((r) => r.cpuUs));
    // A measurement that got no answer at all counts as failed, not as free.
    const errors = s.route.reduce((n, r) => n + r.errors + (r.rps === 0 ? 1 : 0), 0);
    detailLines.push(
      `| ${t.name.replaceAll('|', '\\|')} | ${connections} | ${median(s.route.map((r) => r.rps)).toFixed(0)} | ${median(s.route.map((r) => r.p50)).toFixed(1)} | ${p99.toFixed(1)} | ${median(s.bare.map((r) => r.rps)).toFixed(0)} | ${ratio.toFixed(3)} | ${cpu.toFixed(0)} (${bareCpu.toFixed(0)}) | ${errors} |`,
    );
    if (connections !== 10) continue;
    const goal = goals[t.kind];
    const cpuOk = cpu <= goal.cpuUs;
    const ratioOk = ratio >= goal.ratio;
    const p99Goal = goal.p99Ms();
    const p99Ok = t.kind === 'write' ? p99 <= p99Goal : p99 < p99Goal;
    const ok = cpuOk && ratioOk && p99Ok && errors === 0;
    if (!ok) failures++;
    const p99Target = t.kind === 'write' ? `≤ ${p99Goal.toFixed(1)} (${goal.p99Text})` : goal.p99Text;
    targetLines.push(
      `| ${t.name.replaceAll('|', '\\|')} | ${cpu.toFixed(0)} (${bareCpu.toFixed(0)}) ${mark(cpuOk)} ≤ ${goal.cpuUs} | ${ratio.toFixed(3)} ${mark(ratioOk)} ≥ ${goal.ratio} | ${p99.toFixed(1)} ms ${mark(p99Ok)} ${p99Target} | ${ok ? 'met' : `not met${errors ? ` (${errors} errors)` : ''}`} |`,
    );
  }
}
const budget = (name: string, value: string, target: string, ok: boolean | null) => {
  if (ok === false) failures++;
  targetLines.push(`| ${name} | ${value} | ${target} | | ${ok === null ? 'not measured' : ok ? 'met' : 'not met'} |`);
};
if (!only) {
  const coldRatio = median(coldStarts) / median(bareStarts);
  budget(
    'cold start to the first 200 (median of 3, alternating)',
    `${median(coldStarts).toFixed(0)} ms; bare Hono process ${median(bareStarts).toFixed(0)} ms; ratio ${coldRatio.toFixed(2)} (tsx sources ${tsxStart.toFixed(0)} ms)`,
    '≤ 1.5 × the bare process',
    coldRatio <= 1.5,
  );
}
budget(
  workers === 1 ? 'peak RSS under the bench' : `peak RSS under the bench, summed over the primary and ${workers} workers`,
  `${hwm.toFixed(0)} MB (idle ${idleRss.toFixed(0)}, sampled max ${peakRss.toFixed(0)}; PSS at the end ${pss.toFixed(0)}${workers === 1 ? '' : `, ${processCount} processes`})`,
  '< 150 MB',
  hwm < 150,
);
if (!only) {
  budget(
    'first list rows, example portal, headless Chromium (median of 5 fresh contexts)',
    typeof firstRows === 'string' ? firstRows : `${firstRows.firstRowsMs.toFixed(0)} ms (${firstRows.runs.map((r) => r.toFixed(0)).join(', ')})`,
    '≤ 250 ms',
    typeof firstRows === 'string' ? null : firstRows.firstRowsMs <= 250,
  );
  budget(
    'widget JS, list + view + log page with the live-stream chunk, as sent (Brotli)',
    `${(widgets!.wireBytes / 1024).toFixed(1)} KB in ${widgets!.files.length} files (gzip -9: ${(widgets!.gzipBytes / 1024).toFixed(1)} KB)`,
    '≤ 30 KB',
    widgets!.wireBytes <= 30 * 1024,
  );
}
if (events) {
  budget('1,000 idle event subscribers: extra RSS', `${events.extra.toFixed(1)} MB`, '< 50 MB', events.extra < 50);
  budget('1,000 subscribers: one change delivered to all', `${events.deliveryMs.toFixed(0)} ms (${events.received} got it)`, '< 2000 ms', events.deliveryMs < 2000);
}
const summary = [
  `# JobAG bench`,
  '',
  `${orders.toLocaleString('en')} orders (one company with ${companyOrders}), seeded in ${(seeded.ms / 1000).toFixed(1)} s; ${rounds} rounds × ${seconds} s per measurement, ` +
    `autocannon on loopback at ${connectionLevels.join(' and ')} connections; ratio = the route's req/s over a bare Hono route's (fixed JSON, @hono/node-server, its own process) measured just before it, median of rounds; CPU µs/req = the server process's CPU time per answered request (the bare process's in brackets), which other load on the machine changes far less than req/s. ` +
    `The disk's own fdatasync in this run: p50 ${disk.p50.toFixed(1)} ms, p99 ${disk.p99.toFixed(1)} ms (4 KB appends, 200 syncs). ` +
    `Lists: ${allLists ? 'every sort × direction × filter' : 'each sort both ways, `status=closed` on one of the two (alternating), and a jobcenter\'s whole-scheme list'}. ` +
    `Server: ${serverArgs().at(-1)!.replace(root, '')}, ${workers === 1 ? `one process${threads > 1 ? ` with JOBAG_THREADS=${threads} (${threads} HTTP threads on one socket)` : ''}` : `JOBAG_WORKERS=${workers} (a primary and ${workers} HTTP workers; CPU and RSS summed over them)`}. Node ${process.version}, load average ${loadBefore} before and ${loadavg().map((l) => l.toFixed(1)).join(' ')} after, ${new Date().toISOString()}, ${((performance.now() - benchStarted) / 1000).toFixed(0)} s in all.`,
  '',
  '## Targets',
  '',
  ...targetLines,
  '',
  failures === 0 ? 'Every target met.' : `${failures} target(s) not met; docs/performance.md says why.`,
  '',
  '## Each measurement',
  '',
  ...detailLines,
  '',
];
console.log(`\n${summary.join('\n')}`);
if (!only) writeFileSync(join(root, `bench/results${workers > 1 ? `-workers-${workers}` : ''}${threads > 1 ? `-threads-${threads}` : ''}${orders === 100_000 ? '' : `-${orders}`}.md`), summary.join('\n'));
cleanUp();
process.exit(0);
