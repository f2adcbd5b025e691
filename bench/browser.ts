/**
 * `npm run bench:browser`: first rows and bundle loading of the widgets in headless Chromium against the real
 * built server (dist-server/main.js, demo mode, a fresh database file seeded with 200 orders for
 * the portal's company) on 127.0.0.1.
 *
 * - First rows: the example portal (/examples/, the loader dist/jobag.js), from navigation start
 *   to the first row of `<jobag-order-list>` in its shadow DOM (a MutationObserver records
 *   `performance.now()` when the row is inserted); median of BENCH_RUNS (5) fresh browser
 *   contexts (empty cache). Target ≤ 250 ms. The first run's waterfall is printed.
 * - Sorting a 100-row page: the list at page-size 100, a click on a sort header ("Nr.", which
 *   toggles) until the rows are re-rendered in the new order. Reported: the longest re-render
 *   (Lit's `update()`, the main-thread work that builds the rows) and the whole click → rows
 *   time, which includes the server's sorted answer; median of BENCH_SORTS (11). Target: the
 *   re-render < 16 ms (one frame).
 *
 * Also prints where the time went (the document, the token, the list's request, each run) and, with
 * BENCH_TRACE=<file>, writes a Chrome trace of one extra, uncounted run.
 *
 * Prints a table and PASS/FAIL per target; exits non-zero on a FAIL. BENCH_SORTS=0 skips the
 * sorting; BENCH_JSON=<file> also writes the first rows' median and runs there (for `npm run bench`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';
import { freePort } from '../test/support/server-process.ts';
import { seedBenchDatabase } from './seed.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 5);
const sorts = Number(process.env.BENCH_SORTS ?? 11);
const chromium = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const targets = { firstRows: 250, rerender: 16 };

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function startServer(dir: string): Promise<{ child: ChildProcess; url: string }> {
  if (!existsSync(join(root, 'dist-server', 'main.js')) || !existsSync(join(root, 'dist', 'jobag.js'))) {
    throw new Error('Build first: npm run bench:browser builds dist/ and dist-server/ when needed.');
  }
  const file = join(dir, 'bench.db');
  await seedBenchDatabase(file, 1000, 200);
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'dist-server', 'main.js')], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'development', JOBAG_DEMO: 'true', DATABASE_URL: `file:${file}`, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
    if (child.exitCode !== null) throw new Error('the server exited');
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) return { child, url };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not start');
}

// The in-page scripts are plain JavaScript strings: tsx would wrap functions passed to the page
// in helpers (`__name`) that the page does not have.

/** Runs in the page before its own scripts: resolves `__firstRows` with the time the list's first row is inserted. */
const watchFirstRows = `
  window.__firstRows = new Promise((resolve) => {
    customElements.whenDefined('jobag-order-list').then(() => {
      const list = document.querySelector('jobag-order-list');
      const found = () => {
        if (!list.shadowRoot || !list.shadowRoot.querySelector('tbody tr')) return false;
        resolve(performance.now());
        return true;
      };
      if (found()) return;
      const observer = new MutationObserver(() => found() && observer.disconnect());
      observer.observe(list.shadowRoot, { childList: true, subtree: true });
    });
  });
  // When each element got defined, for the phase breakdown (not part of the measure).
  window.__defined = {};
  for (const tag of ['jobag-provider', 'jobag-order-list', 'jobag-order-form']) {
    customElements.whenDefined(tag).then(() => { window.__defined[tag] = performance.now(); });
  }
`;

/** The resources fetched so far, start → end (ms since navigation start), then the first row. */
const waterfallScript = `
  window.__firstRows.then((firstRow) => [
    ...performance.getEntriesByType('resource').map((e) => String(e.startTime.toFixed(0)).padStart(5) + ' → ' + String(e.responseEnd.toFixed(0)).padStart(5) + ' ms  ' + new URL(e.name).pathname),
    String(firstRow.toFixed(0)).padStart(5) + '          first row',
  ])
`;

/**
 * Where the time went in one run (ms since navigation start): the document, the portal's scripts,
 * the token, the list's data request, the elements' definitions, the first row. The portal's page
 * carries the list's first page, so the first row usually comes before the list's own request.
 */
const phasesScript = `
  window.__firstRows.then((firstRow) => {
    const nav = performance.getEntriesByType('navigation')[0];
    const resources = performance.getEntriesByType('resource');
    const find = (path) => resources.find((e) => new URL(e.name).pathname === path || new URL(e.name).pathname.startsWith(path));
    const phase = (entry) => (entry ? [entry.startTime, entry.responseEnd] : [NaN, NaN]);
    return {
      'document: response start': nav.responseStart,
      'document: response end': nav.responseEnd,
      'document: DOM interactive': nav.domInteractive,
      'document: DOMContentLoaded': nav.domContentLoadedEventStart,
      'loader jobag.js: end': phase(find('/dist/jobag.js'))[1],
      'portal.js: end': phase(find('/examples/portal.js'))[1],
      'token: start': phase(find('/examples/token'))[0],
      'token: end': phase(find('/examples/token'))[1],
      '<jobag-provider> defined': window.__defined['jobag-provider'] ?? NaN,
      '<jobag-order-list> defined': window.__defined['jobag-order-list'] ?? NaN,
      '/v1/job-orders: start': phase(find('/v1/job-orders'))[0],
      '/v1/job-orders: end': phase(find('/v1/job-orders'))[1],
      'first row': firstRow,
    };
  })
`;

/** Sorts the list (page-size 100) `count` times by "Nr."; each re-render is timed around Lit's update(). */
const sortScript = (count: number) => `
  (async () => {
    await customElements.whenDefined('jobag-order-list');
    const list = document.querySelector('jobag-order-list');
    const rows = () => list.shadowRoot.querySelectorAll('tbody tr[data-id]');
    const ids = () => [...rows()].map((row) => row.dataset.id).join(',');
    const until = async (ok) => {
      while (!ok()) await new Promise((resolve) => setTimeout(resolve, 0));
      await list.updateComplete;
    };
    list.pageSize = 100;
    await until(() => rows().length >= 100);
    let updates = [];
    const update = list.update;
    list.update = function (changed) {
      const started = performance.now();
      update.call(this, changed);
      updates.push(performance.now() - started);
    };
    const rerender = [];
    const total = [];
    for (let i = 0; i < ${count}; i++) {
      const before = ids();
      updates = [];
      const started = performance.now();
      list.shadowRoot.querySelector('button[data-sort="id"]').click();
      await until(() => ids() !== before && rows().length >= 100);
      total.push(performance.now() - started);
      rerender.push(Math.max(...updates));
    }
    return { rerender, total };
  })()
`;

async function firstRows(browser: Browser, url: string): Promise<{ times: number[]; waterfall: string[]; phases: Record<string, number>[] }> {
  const times: number[] = [];
  const phases: Record<string, number>[] = [];
  let waterfall: string[] = [];
  if (process.env.BENCH_TRACE) {
    // One more run, not counted (tracing slows it): a Chrome trace for the DevTools Performance panel
    // (BENCH_TRACE_CATEGORIES adds e.g. disabled-by-default-v8.cpu_profiler for JS samples).
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.evaluateOnNewDocument(watchFirstRows);
    await page.tracing.start({ path: process.env.BENCH_TRACE, categories: (process.env.BENCH_TRACE_CATEGORIES ?? 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink.user_timing,loading').split(',') });
    await page.goto(`${url}/examples/`, { waitUntil: 'domcontentloaded' });
    console.log(`Traced run (not counted): first row at ${((await page.evaluate('window.__firstRows')) as number).toFixed(0)} ms; trace in ${process.env.BENCH_TRACE}`);
    await page.tracing.stop();
    await context.close();
  }
  for (let run = 0; run < runs; run++) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${String(error)}`));
    await page.evaluateOnNewDocument(watchFirstRows);
    await page.goto(`${url}/examples/`, { waitUntil: 'domcontentloaded' });
    times.push((await page.evaluate('window.__firstRows')) as number);
    phases.push((await page.evaluate(phasesScript)) as Record<string, number>);
    if (run === 0) waterfall = (await page.evaluate(waterfallScript)) as string[];
    await context.close();
  }
  return { times, waterfall, phases };
}

async function sorting(browser: Browser, url: string): Promise<{ rerender: number[]; total: number[] }> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${String(error)}`));
  await page.goto(`${url}/examples/`, { waitUntil: 'domcontentloaded' });
  const result = (await page.evaluate(sortScript(sorts))) as { rerender: number[]; total: number[] };
  await context.close();
  return result;
}

const dir = mkdtempSync(join(tmpdir(), 'jobag-bench-browser-'));
let server: { child: ChildProcess; url: string } | undefined;
let browser: Browser | undefined;
let failed = false;
try {
  server = await startServer(dir);
  browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    protocolTimeout: 60_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const rows = await firstRows(browser, server.url);
  const sort = sorts > 0 ? await sorting(browser, server.url) : { rerender: [], total: [] };
  const firstRowsMedian = median(rows.times);
  const rerenderMedian = sorts > 0 ? median(sort.rerender) : 0;
  if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify({ firstRowsMs: firstRowsMedian, runs: rows.times }));
  const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  failed = firstRowsMedian > targets.firstRows || rerenderMedian >= targets.rerender;
  console.log(`First run's waterfall (navigation start = 0):\n${rows.waterfall.join('\n')}\n`);
  console.log('Phases, ms since navigation start: median (each run)');
  for (const name of Object.keys(rows.phases[0] ?? {})) {
    // A phase that did not happen (no token request when the page carries one) is null.
    const values = rows.phases.map((p) => p[name]).filter((v): v is number => typeof v === 'number');
    if (values.length) console.log(`  ${name.padEnd(28)} ${median(values).toFixed(0).padStart(5)}  (${values.map((v) => v.toFixed(0)).join(', ')})`);
    else console.log(`  ${name.padEnd(28)}     –`);
  }
  console.log('');
  console.log(`| measure (headless Chromium, 127.0.0.1) | median | runs | target | |`);
  console.log(`| --- | --- | --- | --- | --- |`);
  console.log(`| first rows, example portal (fresh context) | ${ms(firstRowsMedian)} | ${rows.times.map((t) => t.toFixed(0)).join(', ')} | ≤ ${targets.firstRows} ms | ${pass(firstRowsMedian <= targets.firstRows)} |`);
  if (sorts > 0) {
    console.log(`| sort 100 rows: longest re-render | ${ms(rerenderMedian)} | ${sort.rerender.map((t) => t.toFixed(1)).join(', ')} | < ${targets.rerender} ms | ${pass(rerenderMedian < targets.rerender)} |`);
    console.log(`| sort 100 rows: click → rows (with the API) | ${ms(median(sort.total))} | ${sort.total.map((t) => t.toFixed(0)).join(', ')} | | |`);
  }
} finally {
  await browser?.close();
  server?.child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
