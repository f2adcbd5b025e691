// A connection that heals across a real restart: the example portal and the jobcenter desk stay
// open in Chromium while the server process stops and starts again on the same port and database
// with a new demo signing secret, so every token the pages hold is refused. Their live streams
// resume with fresh tokens from the pages' own token routes (getToken with a refresh), a change
// made afterwards reaches both pages live, and neither asks the user to sign in again.
// A node test driving Chromium with puppeteer-core: the browser runner cannot restart the app.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { freePort, stopServerProcess, waitFor as waitForValue } from './support/server-process.ts';

/** `waitFor`, failing with what the pages did meanwhile. */
const waitFor = <T>(what: string, check: () => T | undefined | Promise<T | undefined>, ms?: number) =>
  waitForValue(what, check, ms).catch((error: Error) => {
    throw new Error(`${error.message}; the pages' requests:\n${network.join('\n')}`);
  });

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'jobag-restart-'));
let port = 0;
let server: ChildProcess | undefined;
let browser: Browser | undefined;

/** Starts the demo server on `port` and the shared database file; no JOBAG_SIGNING_SECRET, so each start picks a new one. */
async function startServer(): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: `file:${join(dir, 'demo.db')}`, JOBAG_SECOND_ORIGIN_PORT: '0', LOG_LEVEL: 'warn' };
  delete env.JOBAG_SIGNING_SECRET;
  delete env.NODE_ENV;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  await waitFor('the server to listen', async () => {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    if (!output.includes('JobAG Orders API on')) return undefined;
    return (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.ok || undefined;
  }, 60_000);
  return child;
}

/** Every text in the page, shadow roots included. */
const pageText = (page: Page) =>
  page.evaluate(`(() => {
    const walk = (node) => [...node.childNodes].map((c) => (c.nodeType === 3 ? c.textContent : walk(c.shadowRoot ?? c) + (c.shadowRoot ? walk(c) : ''))).join(' ');
    return walk(document.body);
  })()`) as Promise<string>;

/** The ids of the rows of the page's (or the desk's) job-order list. */
const listIds = (page: Page) =>
  page.evaluate(`(() => {
    const desk = document.querySelector('jobag-jobcenter-desk');
    const list = desk ? desk.shadowRoot?.querySelector('jobag-order-list') : document.querySelector('jobag-order-list');
    return [...(list?.shadowRoot?.querySelectorAll('tbody tr') ?? [])].map((row) => Number(row.dataset.id));
  })()`) as Promise<number[]>;

/** What the pages asked of the API and their token routes, and its answers: the story of a failure. */
const network: string[] = [];

/** Counts the page's event streams answered 200 and its token requests, from the network. */
function watch(page: Page, tokenPath: string) {
  const seen = { streams: 0, tokens: 0 };
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (path.startsWith('/v1/') || path === tokenPath) network.push(`${tokenPath === '/examples/token' ? 'portal' : 'desk'} ${response.request().method()} ${path} ${response.status()}`);
    if (path === '/v1/events' && response.status() === 200) seen.streams++;
    if (path === tokenPath && response.request().method() === 'POST' && response.ok()) seen.tokens++;
  });
  return seen;
}

before(async () => {
  const built = spawnSync(process.execPath, ['scripts/build-if-needed.mjs'], { cwd: root, stdio: 'inherit' });
  assert.equal(built.status, 0, 'dist/ could not be built');
  port = await freePort();
  server = await startServer();
  browser = await puppeteer.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
});

after(async () => {
  await browser?.close();
  if (server) await stopServerProcess(server);
  rmSync(dir, { recursive: true, force: true });
});

describe('a real restart with a new signing secret while the portal and the desk stay open', () => {
  it('both pages resume their live streams with fresh tokens, show a change made after it, and never say "Log ind igen"', { timeout: 240_000 }, async () => {
    const base = `http://127.0.0.1:${port}`;
    const portal = await browser!.newPage();
    const desk = await browser!.newPage();
    const portalSeen = watch(portal, '/examples/token');
    const deskSeen = watch(desk, '/examples/caseworker-token');
    await portal.goto(`${base}/examples/`);
    await desk.goto(`${base}/examples/desk.html`);
    await waitFor('both lists', async () => ((await listIds(portal)).length > 0 && (await listIds(desk)).length > 0) || undefined);
    await waitFor('both live streams', () => (portalSeen.streams > 0 && deskSeen.streams > 0) || undefined);
    const oldToken = await (await fetch(`${base}/examples/token`, { method: 'POST', body: '{}' })).text();
    assert.equal((await fetch(`${base}/v1/me`, { headers: { authorization: `Bearer ${oldToken}` } })).status, 200);

    await stopServerProcess(server!);
    server = await startServer();
    // A new secret: a token minted before the restart is refused.
    assert.equal((await fetch(`${base}/v1/me`, { headers: { authorization: `Bearer ${oldToken}` } })).status, 401);
    const before = { portal: { ...portalSeen }, desk: { ...deskSeen } };

    // Each page asks its backend for a new token and its stream opens again.
    await waitFor('the portal stream to resume with a new token', () => (portalSeen.streams > before.portal.streams && portalSeen.tokens > before.portal.tokens) || undefined, 60_000);
    await waitFor('the desk stream to resume with a new token', () => (deskSeen.streams > before.desk.streams && deskSeen.tokens > before.desk.tokens) || undefined, 60_000);

    // A change after the restart reaches both pages live: a new order of the portal's company.
    const me = await (await fetch(`${base}/v1/me`, { headers: { authorization: 'Bearer demo_employer_a' } })).json();
    const workplace = me.company.workplaces[0];
    const contact = me.company.contactPersons[0];
    const created = await fetch(`${base}/v1/job-orders`, {
      method: 'POST',
      headers: { authorization: 'Bearer demo_employer_a', 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({
        occupationCode: '941201', responsibleJobcenterId: '101', description: 'Efter genstarten.', positions: 1,
        workplace: { pNumber: workplace.pNumber, name: workplace.name, street: workplace.street, postalCode: workplace.postalCode, city: workplace.city },
        contact: { contactPersonId: contact.id, name: contact.name, email: contact.email },
      }),
    });
    assert.equal(created.status, 201, await created.clone().text());
    const { id } = await created.json();
    await waitFor('the new order in the portal list', async () => (await listIds(portal)).includes(id) || undefined, 15_000);
    await waitFor('the new order in the desk list', async () => (await listIds(desk)).includes(id) || undefined, 15_000);

    for (const page of [portal, desk]) {
      const text = await pageText(page);
      assert.doesNotMatch(text, /Log ind igen|sign in again/);
      // Live updates are back: no element still says they are paused.
      assert.doesNotMatch(text, /Liveopdateringer er på pause/);
    }
  });
});
