// Crash safety: the real server on a file database takes a stream of
// creates, edits and placements and is killed with SIGKILL in the middle of it, several times.
// After each restart every acknowledged write is there with its content, and the order, its
// journal, its placements and its e-mail outbox agree: no orphan, no half-write (R2.8, R4.3, R6.2).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../server/db/driver/client.ts';
import type { Database } from '../server/db/driver/types.ts';
import { validOrder } from './support/orders.ts';
import { startServerProcess, waitFor, type ServerProcess } from './support/server-process.ts';
import { startSmtpServer, type TestSmtpServer } from './support/smtp.ts';

const A = 'demo_employer_a';
const KBH = 'demo_jobcenter_101';
const cycles = 4;

interface Acknowledged {
  creates: Map<number, any>;
  edits: { orderId: number; version: number; positions: number }[];
  placements: { id: number; orderId: number; name: string }[];
}

async function send(url: string, method: string, path: string, key: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, etag: res.headers.get('etag'), body: await res.json().catch(() => null) };
}

/** Mixed writes while `running()`; a request cut off by the kill is simply not acknowledged. */
async function workload(url: string, running: () => boolean, ack: Acknowledged): Promise<void> {
  // A poll interval, not a wait for an outcome: the first create is still on its way.
  const idle = () => new Promise((resolve) => setTimeout(resolve, 10));
  /** An acknowledged order, waiting (never spinning) until there is one. */
  const pick = async () => {
    const ids = [...ack.creates.keys()];
    if (ids.length === 0) await idle();
    return ids[Math.floor(Math.random() * ids.length)];
  };
  const loop = async (step: () => Promise<void>) => {
    while (running()) {
      try {
        await step();
      } catch {
        // connection refused or reset by the kill: this write was never acknowledged
      }
    }
  };
  const create = async () => {
    const res = await send(url, 'POST', '/v1/job-orders', A, validOrder({ description: `Crash ${randomUUID()}` }), { 'idempotency-key': randomUUID() });
    if (res.status === 201) ack.creates.set(res.body.id, res.body);
  };
  const edit = async () => {
    const id = await pick();
    if (id === undefined) return;
    const current = await send(url, 'GET', `/v1/job-orders/${id}`, A);
    if (current.status !== 200) return;
    const positions = 1 + Math.floor(Math.random() * 50);
    const res = await send(url, 'PATCH', `/v1/job-orders/${id}`, A, { positions }, { 'if-match': current.etag! });
    if (res.status === 200) ack.edits.push({ orderId: id, version: res.body.version, positions });
  };
  const place = async () => {
    const id = await pick();
    if (id === undefined) return;
    const name = `Kandidat ${randomUUID().slice(0, 8)}`;
    const candidate = { name, birthYear: 1990, addressProtected: false, cvSearchable: false, email: 'k@post.example' };
    const res = await send(url, 'POST', `/v1/job-orders/${id}/placements`, KBH, { candidate, description: 'Et match.' }, { 'idempotency-key': randomUUID() });
    if (res.status === 201) ack.placements.push({ id: res.body.id, orderId: id, name });
  };
  await Promise.all([loop(create), loop(create), loop(edit), loop(edit), loop(place), loop(place)]);
}

const acknowledged = (ack: Acknowledged) => ack.creates.size + ack.edits.length + ack.placements.length;

const rows = async (db: Database, sql: string) => db.query<Record<string, any>>(sql);

describe('SIGKILL in the middle of writes, several times', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jobag-crash-'));
  const ack: Acknowledged = { creates: new Map(), edits: [], placements: [] };
  let smtp: TestSmtpServer;
  let server: ServerProcess;
  let db: Database;
  let env: Record<string, string>;

  before(async () => {
    smtp = await startSmtpServer();
    env = { DATABASE_URL: `file:${join(dir, 'crash.db')}`, JOBAG_SIGNING_SECRET: 'c'.repeat(40), SMTP_URL: `smtp://127.0.0.1:${smtp.port}` };
    for (let cycle = 0; cycle < cycles; cycle++) {
      server = await startServerProcess(env);
      let running = true;
      const traffic = workload(server.url, () => running, ack);
      // Killed after a varying number of acknowledged writes, with the six loops' next ones in flight.
      const target = acknowledged(ack) + 5 + Math.floor(Math.random() * 25);
      await waitFor('acknowledged writes', () => (acknowledged(ack) >= target ? true : undefined), 20_000);
      server.child.kill('SIGKILL');
      running = false;
      await traffic;
      await new Promise<void>((resolve) => (server.child.exitCode !== null || server.child.signalCode ? resolve() : server.child.once('exit', () => resolve())));
    }
    // A last start recovers the file (WAL) as any restart would; then read it directly.
    server = await startServerProcess(env);
    db = await openDatabase({ url: env.DATABASE_URL! });
  });

  after(async () => {
    db?.close();
    server?.child.kill('SIGKILL');
    await smtp?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the workload really was cut off mid-stream with writes acknowledged in every kind', () => {
    assert.ok(ack.creates.size >= cycles, `creates acknowledged: ${ack.creates.size}`);
    assert.ok(ack.edits.length > 0, 'edits acknowledged');
    assert.ok(ack.placements.length > 0, 'placements acknowledged');
    console.log(`# ${cycles} kills; acknowledged: ${ack.creates.size} creates, ${ack.edits.length} edits, ${ack.placements.length} placements`);
  });

  it('every acknowledged create is there with its content (R2.8)', async () => {
    for (const [id, created] of ack.creates) {
      const now = await send(server.url, 'GET', `/v1/job-orders/${id}`, A);
      assert.equal(now.status, 200, `order ${id}`);
      for (const field of ['description', 'occupation', 'workplace', 'contact', 'createdAt', 'responsibleJobcenter'] as const) {
        assert.deepEqual(now.body[field], created[field], `order ${id} ${field}`);
      }
    }
  });

  it('every acknowledged edit and placement is in the journal and the tables', async () => {
    const journal = await rows(db, 'SELECT job_order_id, kind, order_version, placement_id FROM journal');
    const key = (orderId: number, version: number) => `${orderId}:${version}`;
    const edited = new Set(journal.filter((e) => e.kind === 'edited').map((e) => key(Number(e.job_order_id), Number(e.order_version))));
    for (const edit of ack.edits) assert.ok(edited.has(key(edit.orderId, edit.version)), `edit of ${edit.orderId} to version ${edit.version}`);
    const placements = new Map((await rows(db, 'SELECT id, job_order_id, candidate_name FROM placements')).map((p) => [Number(p.id), p]));
    for (const placed of ack.placements) {
      const row = placements.get(placed.id);
      assert.ok(row, `placement ${placed.id}`);
      assert.equal(Number(row.job_order_id), placed.orderId);
      assert.equal(row.candidate_name, placed.name);
    }
  });

  it('no half-write: every order\'s version, journal, candidate count, placements and outbox agree (R4.3, R6.2)', async () => {
    const orders = await rows(db, 'SELECT id, version, candidate_count, email_on_placement FROM job_orders');
    const journal = await rows(db, 'SELECT job_order_id, kind, placement_id FROM journal');
    const placements = await rows(db, 'SELECT id, job_order_id, withdrawn_at FROM placements');
    const outbox = await rows(db, 'SELECT dedupe_key FROM outbox');
    const outboxKeys = outbox.map((o) => String(o.dedupe_key));
    assert.equal(new Set(outboxKeys).size, outboxKeys.length, 'one outbox row per key');
    for (const order of orders) {
      const id = Number(order.id);
      const entries = journal.filter((e) => Number(e.job_order_id) === id);
      // Every command moves the version by one and appends one entry; creation is version 1.
      assert.equal(Number(order.version), entries.length, `order ${id}: version = journal entries`);
      assert.equal(entries.filter((e) => e.kind === 'created').length, 1, `order ${id}: created once`);
      const placed = placements.filter((p) => Number(p.job_order_id) === id);
      assert.equal(Number(order.candidate_count), placed.filter((p) => p.withdrawn_at === null).length, `order ${id}: candidate count`);
      for (const p of placed) {
        assert.equal(entries.filter((e) => e.kind === 'placement' && Number(e.placement_id) === Number(p.id)).length, 1, `placement ${p.id} logged once`);
        const mailed = outboxKeys.includes(`placement:${p.id}`);
        assert.equal(mailed, order.email_on_placement === 1, `placement ${p.id}: an e-mail exactly when the order asks for one`);
      }
    }
    const placementIds = new Set(placements.map((p) => `placement:${p.id}`));
    assert.deepEqual(outboxKeys.filter((k) => !placementIds.has(k)), [], 'no e-mail for a placement that does not exist');
    assert.deepEqual(journal.filter((e) => e.kind === 'placement' && !placements.some((p) => Number(p.id) === Number(e.placement_id))), [], 'no log line for a placement that does not exist');
  });

  it('idempotency records point at resources that exist, so a retry after the crash replays instead of doubling', async () => {
    const stored = await rows(db, 'SELECT location FROM idempotency_keys');
    assert.ok(stored.length > 0);
    for (const { location } of stored) {
      // The company reads both its orders and the candidates placed on them.
      const res = await send(server.url, 'GET', String(location), A);
      assert.equal(res.status, 200, `${location}`);
    }
  });
});
