// No lost update: a command checks the version the caller read (If-Match) inside its
// transaction, and the condition is in the UPDATE itself, so of racing writers with one ETag
// exactly one wins and the others get 412 — across processes and with slow bodies too.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validOrder } from './support/orders.ts';
import { startServerProcess, stopServerProcess, type ServerProcess } from './support/server-process.ts';

const A = 'demo_employer_a';
const KBH = 'demo_jobcenter_101';

async function call(url: string, method: string, path: string, key: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, etag: res.headers.get('etag'), body: text ? JSON.parse(text) : null };
}

/**
 * Sends the headers and the first bytes of the body; the rest goes when `finish()` is called, so
 * the request is "in flight" meanwhile. `sent` resolves once the first part has left.
 */
function slowRequest(url: string, method: string, path: string, key: string, body: unknown, headers: Record<string, string>) {
  const payload = JSON.stringify(body);
  let finish!: () => void;
  let started!: () => void;
  const sent = new Promise<void>((resolve) => (started = resolve));
  const response = new Promise<{ status: number; body: any }>((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.write(payload.slice(0, 5), () => started());
    finish = () => req.end(payload.slice(5));
  });
  return { sent, finish, response };
}

const count = (statuses: number[]) => statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});

describe('racing writers with one If-Match, two server processes on one database file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jobag-race-'));
  const env = { DATABASE_URL: `file:${join(dir, 'race.db')}`, JOBAG_SIGNING_SECRET: 'r'.repeat(40) };
  let one: ServerProcess;
  let two: ServerProcess;
  before(async () => {
    one = await startServerProcess(env);
    two = await startServerProcess(env);
  });
  after(async () => {
    await Promise.all([stopServerProcess(one.child), stopServerProcess(two.child)]);
    rmSync(dir, { recursive: true, force: true });
  });

  const newOrder = async () => {
    const created = await call(one.url, 'POST', '/v1/job-orders', A, validOrder());
    assert.equal(created.status, 201);
    return created;
  };

  /** 50 requests, alternating between the two processes, all sent with the same ETag. */
  async function race(make: (url: string, i: number) => Promise<{ status: number }>) {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => make(i % 2 ? one.url : two.url, i)));
    return count(results.map((r) => r.status));
  }

  it('R4.2, R7.5: 50 status changes → exactly one 200 and 49 × 412; one Ændret line in the log', async () => {
    const { body: order, etag } = await newOrder();
    const statuses = await race((url, i) =>
      call(url, 'POST', `/v1/job-orders/${order.id}/status`, A, { status: 'inactive', note: `note ${i}` }, { 'if-match': etag! }),
    );
    assert.deepEqual(statuses, { 200: 1, 412: 49 });
    const log = await call(one.url, 'GET', `/v1/job-orders/${order.id}/log`, A);
    assert.deepEqual(log.body.items.map((e: any) => e.action), ['created', 'changed']);
    const now = await call(two.url, 'GET', `/v1/job-orders/${order.id}`, A);
    assert.equal(now.body.version, 2);
    assert.equal(now.body.latestNote.text, log.body.items[1].description, 'the note of the one that won');
  });

  it('R7: 50 edits → one 200, 49 × 412; the winner\'s positions are stored', async () => {
    const { body: order, etag } = await newOrder();
    const statuses = await race((url, i) => call(url, 'PATCH', `/v1/job-orders/${order.id}`, A, { positions: i + 1 }, { 'if-match': etag! }));
    assert.deepEqual(statuses, { 200: 1, 412: 49 });
    const log = await call(one.url, 'GET', `/v1/job-orders/${order.id}/log`, A);
    assert.deepEqual(log.body.items.map((e: any) => e.action), ['created', 'edited']);
  });

  it('R1.5: 50 coordinator appointments → one 200, 49 × 412', async () => {
    const { body: order, etag } = await newOrder();
    const statuses = await race((url, i) => call(url, 'PUT', `/v1/job-orders/${order.id}/coordinator`, KBH, { name: `Tovholder ${i}` }, { 'if-match': etag! }));
    assert.deepEqual(statuses, { 200: 1, 412: 49 });
    const log = await call(one.url, 'GET', `/v1/job-orders/${order.id}/log`, A);
    assert.deepEqual(log.body.items.map((e: any) => e.action), ['created', 'coordinator_appointed']);
  });

  it('a request whose body arrives after another\'s with the same ETag was answered gets 412 and overwrites nothing', async () => {
    const { body: order, etag } = await newOrder();
    const slow = slowRequest(one.url, 'POST', `/v1/job-orders/${order.id}/status`, A, { status: 'closed', note: 'slow' }, { 'if-match': etag! });
    await slow.sent;
    const fast = await call(two.url, 'POST', `/v1/job-orders/${order.id}/status`, A, { status: 'inactive', note: 'fast' }, { 'if-match': etag! });
    assert.equal(fast.status, 200);
    slow.finish();
    const late = await slow.response;
    assert.equal(late.status, 412);
    assert.equal(late.body.type, '/problems/stale-version');
    const now = await call(one.url, 'GET', `/v1/job-orders/${order.id}`, A);
    assert.equal(now.body.status, 'inactive');
    assert.equal(now.body.latestNote.text, 'fast');
  });

  it('without If-Match an integration\'s change is refused with 428 (nothing applies, nothing is logged), so none can be lost', async () => {
    const { body: order } = await newOrder();
    const statuses = await race((url, i) => call(url, 'POST', `/v1/job-orders/${order.id}/status`, A, { status: i % 2 ? 'open' : 'inactive', note: `n${i}` }));
    assert.deepEqual(statuses, { 428: 50 });
    const edits = await race((url, i) => call(url, 'PATCH', `/v1/job-orders/${order.id}`, A, { positions: i + 1 }));
    assert.deepEqual(edits, { 428: 50 });
    const log = await call(one.url, 'GET', `/v1/job-orders/${order.id}/log?limit=100`, A);
    assert.deepEqual(log.body.items.map((e: { action: string }) => e.action), ['created']);
    const now = await call(one.url, 'GET', `/v1/job-orders/${order.id}`, A);
    assert.equal(now.body.version, 1);
  });
});
