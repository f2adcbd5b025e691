// The second-origin example in Chromium, over real HTTP: a portal on another origin loads
// the widgets from the API's origin pinned with SRI, mints tokens on its own backend and calls the
// API cross-origin — allowed for Nordlys Køkken by the admin command's own code at start-up
// (server/demo/second-origin.ts, as `npm start` does in demo mode); Havnens Lager never allowed
// it, and its user gets the clear "origin not allowed" message (R1.2, R8.3).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { createApp } from '../../../server/http/app.ts';
import { openDatabase } from '../../../server/db/driver/client.ts';
import type { Database } from '../../../server/db/driver/types.ts';
import { isOriginAllowedFor } from '../../../server/db/origins.ts';
import { migrate } from '../../../server/db/migrate.ts';
import { ensureJobcenters } from '../../../server/db/reference-data.ts';
import { loadDemoData, loadDemoOrders } from '../../../server/demo/data.ts';
import { systemClock } from '../../../server/domain/calendar.ts';
import { examplePortalRoutes } from '../../../server/demo/example-portal.ts';
import { startSecondOrigin } from '../../../server/demo/second-origin.ts';
import { todayInCopenhagen } from '../../../sdk/rules.ts';
import { en } from '../../../widget/locales/en.ts';
import { buildBundle } from '../../browser/support/real-app.ts';

const root = new URL('../../../', import.meta.url).pathname;

/** Rows of the list inside <jobag-order-page>, and the list's alert, read through the shadow roots. */
const listState = (page: Page) =>
  page.evaluate(() => {
    const list = document.querySelector('jobag-order-page')?.shadowRoot?.querySelector('jobag-order-list')?.shadowRoot;
    return { rows: list?.querySelectorAll('tbody tr').length ?? 0, alert: list?.querySelector('[role="alert"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '' };
  });

/** How often the page says "The company's job orders" as a heading (its own and the order page's), and whether it offers "Create job order". */
const pageChrome = (page: Page) =>
  page.evaluate((heading) => {
    const inner = document.querySelector('jobag-order-page')?.shadowRoot;
    const headings = [...document.querySelectorAll('h1, h2, h3'), ...(inner?.querySelectorAll('h1, h2, h3') ?? [])].filter((h) => h.textContent?.trim() === heading);
    return { headings: headings.length, create: Boolean(inner?.getElementById('create')) };
  }, en.page.heading);

describe('the second-origin example page', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jobag-second-origin-'));
  let db: Database;
  let api: ReturnType<typeof serve>;
  let apiOrigin: string;
  let second: { origin: string; close: () => Promise<void> };
  let browser: Browser;

  before(async () => {
    const distDir = join(dir, 'dist');
    [db] = await Promise.all([openDatabase({ url: `file:${join(dir, 'demo.db')}` }), buildBundle(distDir)]);
    await migrate(db);
    await ensureJobcenters(db);
    await loadDemoData(db, systemClock());
    const app = createApp({ db, clock: systemClock, signingSecret: 'second-origin-test-secret-0123456789abcdef', corsOrigins: [] });
    app.route('/', examplePortalRoutes({ api: app.fetch, distDir, secondOrigin: () => second?.origin }));
    await loadDemoOrders((path, init) => app.request(path, init), todayInCopenhagen(systemClock()));
    api = await new Promise((resolve) => {
      const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
        apiOrigin = `http://127.0.0.1:${info.port}`;
        resolve(server);
      });
    });
    second = await startSecondOrigin({ api: app.fetch, apiOrigin, db, host: '127.0.0.1', port: 0, distDir });
    const executablePath = spawnSync('bash', [join(root, 'scripts', 'find-chromium.sh')], { encoding: 'utf8' }).stdout.trim();
    browser = await puppeteer.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  });

  after(async () => {
    await browser?.close();
    await second?.close();
    await new Promise((resolve) => api?.close(resolve));
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is another origin, allowed for the first demo company only, by the admin command', async () => {
    assert.notEqual(new URL(second.origin).origin, new URL(apiOrigin).origin);
    assert.equal(await isOriginAllowedFor(db, second.origin, { companyId: 1 }), true);
    assert.equal(await isOriginAllowedFor(db, second.origin, { companyId: 2 }), false);
    // The portal on the API's origin links to it.
    const redirect = await fetch(`${apiOrigin}/examples/second-origin`, { redirect: 'manual' });
    assert.equal(redirect.headers.get('location'), `${second.origin}/`);
  });

  it('loads the widgets from the API origin with SRI and shows the company\'s orders; the company that did not allow it gets "origin not allowed"', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    const apiCalls: string[] = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(String(error)));
    page.on('request', (request) => request.url().startsWith(`${apiOrigin}/v1/`) && apiCalls.push(request.url()));
    await page.goto(`${second.origin}/`, { waitUntil: 'load' });

    const script = await page.$eval('script[src$="/dist/jobag.js"]', (s) => ({ src: s.getAttribute('src'), integrity: s.getAttribute('integrity'), crossorigin: s.getAttribute('crossorigin') }));
    assert.equal(script.src, `${apiOrigin}/dist/jobag.js`);
    assert.match(script.integrity!, /^sha384-[A-Za-z0-9+/]{64}$/);
    assert.equal(script.crossorigin, 'anonymous');
    // The page tells the operator's step, with this very origin.
    const text = await page.$eval('main', (m) => m.textContent!.replace(/\s+/g, ' '));
    assert.match(text, new RegExp(`scripts/admin\\.ts allow-origin --company 31415926 ${second.origin.replace(/\./g, '\\.')}`));

    await page.waitForFunction(() => (document.querySelector('jobag-order-page')?.shadowRoot?.querySelector('jobag-order-list')?.shadowRoot?.querySelectorAll('tbody tr').length ?? 0) >= 3, { timeout: 15_000 });
    assert.deepEqual(await pageChrome(page), { headings: 1, create: true }, 'an allowed company may create');
    assert.ok(apiCalls.some((url) => url.startsWith(`${apiOrigin}/v1/job-orders`)), 'the list called the API cross-origin');
    // An order opens, cross-origin too.
    await page.evaluate(() => document.querySelector('jobag-order-page')!.shadowRoot!.querySelector('jobag-order-list')!.shadowRoot!.querySelector<HTMLElement>('tbody tr a')!.click());
    await page.waitForFunction(() => document.querySelector('jobag-order-page')?.shadowRoot?.querySelector('jobag-order-view')?.shadowRoot?.getElementById('view-heading'), { timeout: 15_000 });
    await page.evaluate(() => document.querySelector('jobag-order-page')!.shadowRoot!.getElementById('back')!.click());

    // Havnens Lager's person: the API refuses this origin, and the list says so.
    await page.select('#user', '3');
    await page.waitForFunction(
      (message) => document.querySelector('jobag-order-page')?.shadowRoot?.querySelector('jobag-order-list')?.shadowRoot?.querySelector('[role="alert"]')?.textContent?.includes(message),
      { timeout: 15_000 },
      en.problems['/problems/origin-not-allowed'],
    );
    const state = await listState(page);
    assert.equal(state.rows, 0);
    // The refusal is the whole answer: the heading once, and no "Create job order" it would refuse too.
    await page.waitForFunction(() => !document.querySelector('jobag-order-page')?.shadowRoot?.getElementById('create'), { timeout: 15_000 });
    assert.deepEqual(await pageChrome(page), { headings: 1, create: false });
    // Only the refused requests' 403s, nothing else went wrong (no CSP or SRI error).
    assert.deepEqual(problems.filter((p) => !/403/.test(p)), []);
    await page.close();
  });
});
