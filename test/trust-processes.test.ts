// The guarantees with real server processes (`node server/main.ts`): configuration cannot open a door (1),
// idempotency across restarts and processes (2), a body over the limit refused while it streams
// (6), tokens follow their key in every process (8).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runAdmin } from '../scripts/admin.ts';
import { openDatabase } from '../server/db/driver/client.ts';
import { demoKeys } from '../server/demo/data.ts';
import { freePort, startServerProcess, stopServerProcess, type ServerProcess } from './support/server-process.ts';
import { validOrder } from './support/orders.ts';

const A = demoKeys.employerA;
const secret = 'a-production-secret-of-at-least-32-characters';
const repo = resolve(import.meta.dirname, '..');
const tsx = pathToFileURL(join(repo, 'node_modules/tsx/dist/loader.mjs')).href;

let dir: string;
/** Every process `launch` started, so none outlives a failed assertion. */
const launched: ChildProcess[] = [];
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'jobag-trust-'));
});
after(async () => {
  await Promise.all(launched.map((child) => stopServerProcess(child)));
  rmSync(dir, { recursive: true, force: true });
});

/** `server/main.ts` in `cwd` with exactly `env` (plus PATH): resolves when it listens or exits. */
async function launch(env: Record<string, string>, cwd = repo): Promise<{ child: ChildProcess; url: string | null; code: number | null; output: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', tsx, join(repo, 'server/main.ts')], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  launched.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return { child, url: null, code: child.exitCode, output };
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { child, url, code: null, output };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`neither listening nor exited: ${output}`);
}

const me = (url: string, key: string) => fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${key}` } });

describe('1. configuration cannot open a door', () => {
  it('demo and production use different default database files: production never sees the demo keys', async () => {
    const cwd = mkdtempSync(join(dir, 'defaults-'));
    const demo = await launch({}, cwd);
    assert.ok(demo.url, demo.output);
    assert.equal((await me(demo.url, A)).status, 200);
    // The demo data's own status changes send If-Match (an API key without it gets 428).
    const closed = await (await fetch(`${demo.url}/v1/job-orders?status=closed`, { headers: { authorization: `Bearer ${A}` } })).json();
    assert.equal(closed.items.length, 1);
    await stopServerProcess(demo.child);
    assert.ok(existsSync(join(cwd, 'data/jobag-demo.db')));
    assert.ok(!existsSync(join(cwd, 'data/jobag.db')));
    const production = await launch({ NODE_ENV: 'production', JOBAG_SIGNING_SECRET: secret }, cwd);
    assert.ok(production.url, production.output);
    try {
      assert.equal((await me(production.url, A)).status, 401);
      assert.ok(existsSync(join(cwd, 'data/jobag.db')));
    } finally {
      await stopServerProcess(production.child);
    }
  });

  it('production refuses to start on a database holding active demo keys, and starts once they are revoked', async () => {
    const env = { DATABASE_URL: `file:${join(dir, 'was-demo.db')}` };
    const demo = await launch(env);
    assert.ok(demo.url, demo.output);
    await stopServerProcess(demo.child);

    const refused = await launch({ ...env, NODE_ENV: 'production', JOBAG_SIGNING_SECRET: secret });
    assert.equal(refused.code, 1, refused.output);
    assert.match(refused.output, /demo API key.*revoke-demo-keys/s);

    const db = await openDatabase({ url: env.DATABASE_URL });
    try {
      assert.match(await runAdmin(['revoke-demo-keys'], db), /Revoked 4 demo key/);
    } finally {
      db.close();
    }
    const production = await launch({ ...env, NODE_ENV: 'production', JOBAG_SIGNING_SECRET: secret });
    assert.ok(production.url, production.output);
    try {
      for (const key of Object.values(demoKeys)) assert.equal((await me(production.url, key)).status, 401, key);
    } finally {
      await stopServerProcess(production.child);
    }
  });

  it('production without a signing secret, or with a weak one, does not start', async () => {
    const env = { NODE_ENV: 'production', DATABASE_URL: `file:${join(dir, 'secretless.db')}` };
    for (const extra of [{}, { JOBAG_SIGNING_SECRET: 'short-secret' }] as Record<string, string>[]) {
      const started = await launch({ ...env, ...extra });
      assert.equal(started.code, 1, started.output);
      assert.match(started.output, /JOBAG_SIGNING_SECRET must be set to at least 32 characters/);
    }
  });
});

describe('server processes on one database file', () => {
  let one: ServerProcess;
  let two: ServerProcess;
  const env = () => ({ DATABASE_URL: `file:${join(dir, 'shared.db')}`, JOBAG_SIGNING_SECRET: secret, LOG_LEVEL: 'warn' });
  before(async () => {
    one = await startServerProcess(env());
    two = await startServerProcess(env());
  });
  after(async () => {
    await Promise.all([stopServerProcess(one.child), stopServerProcess(two.child)]);
  });

  const post = (url: string, path: string, key: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('2. an Idempotency-Key holds across processes and a restart: concurrent duplicates make one order, a retry elsewhere replays it', async () => {
    const headers = { 'idempotency-key': 'across-processes-1' };
    const first = await Promise.all([one, two, one, two].map((p) => post(p.url, '/v1/job-orders', A, validOrder(), headers)));
    const bodies = await Promise.all(first.map((r) => r.json()));
    assert.deepEqual(first.map((r) => r.status), [201, 201, 201, 201]);
    assert.equal(new Set(bodies.map((b) => b.id)).size, 1);
    await stopServerProcess(one.child);
    one = await startServerProcess(env());
    const retry = await post(one.url, '/v1/job-orders', A, validOrder(), headers);
    assert.equal(retry.status, 201);
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');
    assert.equal((await retry.json()).id, bodies[0].id);
    assert.equal((await post(two.url, '/v1/job-orders', A, validOrder({ positions: 7 }), headers)).status, 422);
  });

  it('8. revoking a key (scripts/admin.ts, a third process) stops its widget tokens in every server process at once', async () => {
    const db = await openDatabase({ url: env().DATABASE_URL });
    try {
      const key = (await runAdmin(['create-key', '--company', '31415926'], db)).split('\n')[0]!;
      const token = (await (await post(one.url, '/v1/sessions', key, { contactPersonId: 1 })).json()).token as string;
      assert.equal((await me(one.url, token)).status, 200);
      assert.equal((await me(two.url, token)).status, 200);
      await runAdmin(['revoke-key', key], db);
      assert.equal((await me(one.url, token)).status, 401);
      assert.equal((await me(two.url, token)).status, 401);
    } finally {
      db.close();
    }
  });

  it('6. a 100 MB body streamed without Content-Length is refused with 413 while it streams: the server\'s memory does not grow with it', async () => {
    const rss = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${two.child.pid}/status`, 'utf8'))![1]) / 1024;
    await me(two.url, A);
    const baseline = rss();
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, rss())), 20);
    const chunk = Buffer.alloc(64 * 1024, '[');
    const { status, sent } = await new Promise<{ status: number; sent: number }>((done, fail) => {
      const target = new URL('/v1/job-orders', two.url);
      const req = httpRequest(target, { method: 'POST', headers: { authorization: `Bearer ${A}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked' } });
      let sent = 0;
      let answered = false;
      req.on('response', (res) => {
        answered = true;
        res.resume();
        res.on('end', () => {
          req.destroy();
          done({ status: res.statusCode ?? 0, sent });
        });
      });
      req.on('error', (error) => (answered ? undefined : fail(error)));
      const pump = () => {
        while (!answered && sent < 100 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!answered) req.end();
      };
      pump();
    });
    clearInterval(sampler);
    peak = Math.max(peak, rss());
    assert.equal(status, 413);
    assert.ok(sent < 100 * 1024 * 1024, `refused before the whole body was sent (${sent} bytes sent)`);
    assert.ok(peak - baseline < 40, `RSS grew ${Math.round(peak - baseline)} MB (from ${Math.round(baseline)} MB)`);
    // A declared Content-Length over the limit is refused before a byte of the body is read.
    const declared = await fetch(`${two.url}/v1/job-orders`, {
      method: 'POST', headers: { authorization: `Bearer ${A}`, 'content-type': 'application/json' }, body: 'x'.repeat(300 * 1024),
    });
    assert.equal(declared.status, 413);
    assert.equal((await declared.json()).type, '/problems/payload-too-large');
    assert.equal((await me(two.url, A)).status, 200, 'the server is still up');
  });
});
