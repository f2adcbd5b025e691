// E-mail on placement (R6): the transactional outbox and its worker, against a real SMTP server
// in this process (smtp-server on 127.0.0.1, random port). Time is an injected clock wherever a
// back-off or a lease has to pass, so no test waits for real minutes.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../../../server/http/app.ts';
import { openDatabase } from '../../../../server/db/driver/client.ts';
import type { Database } from '../../../../server/db/driver/types.ts';
import { fileMailer, smtpMailer, type Mailer } from '../../../../server/workers/mail/mailer.ts';
import { placementEmail } from '../../../../server/core/placement-email.ts';
import { backoffDelay, createOutboxWorker, type OutboxWorker, type OutboxWorkerOptions } from '../../../../server/workers/mail/worker.ts';
import { startHarness, demoKeys, signingSecret, type Harness } from '../../../support/harness.ts';
import { validOrder } from '../../../support/orders.ts';
import { freePort, parseMail, startSmtpServer, type TestSmtpServer } from '../../../support/smtp.ts';

const from = 'JobAG Jobordre <jobordre@jobag.example>';
const protectedStreet = 'Skjultevej 977';
const protectedCandidate = {
  name: 'Sara Nielsen', birthYear: 1989, addressProtected: true,
  address: { street: protectedStreet, postalCode: '2400', city: 'København NV' }, cvSearchable: false, phone: '+45 40 11 22 33',
};
const plainCandidate = {
  name: 'Peter Madsen', birthYear: 1971, addressProtected: false,
  address: { street: 'Amagerbrogade 200', postalCode: '2300', city: 'København S' }, cvSearchable: false,
};

/** Everything a test opened, closed again after it whatever happened. */
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

async function harness(now?: string): Promise<Harness> {
  const h = await startHarness(now ? { now } : {});
  cleanup.push(() => h.close());
  return h;
}
async function smtp(options: Parameters<typeof startSmtpServer>[0] = {}): Promise<TestSmtpServer> {
  const server = await startSmtpServer(options);
  cleanup.push(() => server.close());
  return server;
}

/** A clock the test moves by hand, starting at the harness's "now". */
function manualClock(h: Harness) {
  let now = h.now();
  return { clock: () => now, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

function worker(db: Database, port: number, options: Partial<OutboxWorkerOptions> = {}): OutboxWorker {
  const mailer = smtpMailer(`smtp://127.0.0.1:${port}`, { timeoutMs: 3000 });
  const w = createOutboxWorker({
    db, mailer, from, backoffBaseMs: 1000, backoffMaxMs: 8000, leaseMs: 60_000, sendBudgetMs: 10_000, log: () => {}, ...options,
  });
  cleanup.push(async () => {
    await w.stop();
    mailer.close();
  });
  return w;
}

async function order(h: Harness, overrides: Record<string, unknown> = {}): Promise<any> {
  const res = await h.request('POST', '/v1/job-orders', { key: demoKeys.employerA, body: validOrder({ longTerm: true, ...overrides }) });
  assert.equal(res.status, 201, res.text);
  return res.body;
}
async function place(h: Harness, orderId: number, candidate: object = plainCandidate, key: string = demoKeys.jobcenter101): Promise<any> {
  const res = await h.request('POST', `/v1/job-orders/${orderId}/placements`, { key, body: { candidate, description: 'Et godt match.' } });
  assert.equal(res.status, 201, res.text);
  return res.body;
}
const outboxRow = async (db: Database, placementId: number) =>
  (await db.query('SELECT * FROM outbox WHERE dedupe_key = ?', [`placement:${placementId}`]))[0] as Record<string, any>;

describe('the placement e-mail (R6.1)', () => {
  it('names the jobcenter and the order, in Danish, with a plain-text and an HTML part, and nothing of the candidate', async () => {
    const h = await harness();
    const server = await smtp();
    const created = await order(h);
    const placement = await place(h, created.id, protectedCandidate, demoKeys.jobcenter101);
    assert.equal((await worker(h.db, server.port, manualClock(h)).runOnce()).sent, 1);

    assert.equal(server.received.length, 1);
    const mail = server.received[0]!;
    const expectedSubject = `Jobcenter København har formidlet en kandidat til Jobordre ${created.id} – Køkkenmedhjælper`;
    assert.equal(mail.subject, expectedSubject);
    assert.deepEqual(mail.to, ['mette.hansen@nordlys.example']);
    assert.equal(mail.from, 'jobordre@jobag.example');
    assert.equal(mail.messageId, `<placement-${placement.id}@jobag.orders>`);
    assert.match(mail.raw, /Content-Type: multipart\/alternative/i);
    assert.match(mail.text, /^Kære Mette Hansen$/m);
    assert.match(mail.text, new RegExp(`Jobcenter København har formidlet en kandidat til Jobordre ${created.id} – Køkkenmedhjælper\\.`));
    assert.match(mail.text, /Jobordren har nu 1 formidlet kandidat\./);
    assert.match(mail.text, /"E-mail ved formidling"/);
    assert.match(mail.html, /<html lang="da">/);
    assert.match(mail.html, /<p>Jobcenter København har formidlet en kandidat til Jobordre \d+ – Køkkenmedhjælper\.<\/p>/);
    // No personal data of the candidate travels by e-mail (R8.4): not the address, not even the name.
    for (const needle of [protectedStreet, 'Skjultevej', 'Sara', '+45 40 11 22 33']) {
      assert.ok(!mail.decoded.includes(needle) && !mail.raw.includes(needle), `the e-mail carries ${needle}`);
    }
  });

  it('escapes what people typed into the HTML part', () => {
    const email = placementEmail({ jobOrderId: 17, occupationTitle: 'Køkkenmedhjælper', jobcenterName: 'Jobcenter København', contactName: '<b>Mette</b> & Co', candidateCount: 2 });
    assert.equal(email.subject, 'Jobcenter København har formidlet en kandidat til Jobordre 17 – Køkkenmedhjælper');
    assert.match(email.html, /Kære &lt;b&gt;Mette&lt;\/b&gt; &amp; Co/);
    assert.match(email.text, /Jobordren har nu 2 formidlede kandidater\./);
  });

  it('is not queued when the order\'s e-mail option is off (R2.3)', async () => {
    const h = await harness();
    const server = await smtp();
    const quiet = await order(h, { emailOnPlacement: false });
    const placement = await place(h, quiet.id);
    assert.equal(await outboxRow(h.db, placement.id), undefined);
    assert.equal((await worker(h.db, server.port, manualClock(h)).runOnce()).sent, 0);
    assert.equal(server.offered, 0);
  });

  it('is queued in the placement\'s transaction: a refused placement queues nothing', async () => {
    const h = await harness();
    const created = await order(h, { longTerm: false, maxCandidates: 1 });
    await place(h, created.id);
    const refused = await h.request('POST', `/v1/job-orders/${created.id}/placements`, { key: demoKeys.jobcenter101, body: { candidate: plainCandidate, description: 'x' } });
    assert.equal(refused.status, 409);
    assert.equal((await h.db.query('SELECT COUNT(*) AS n FROM outbox'))[0]!.n, 1);
  });
});

describe('sending the outbox over SMTP (R6.2)', () => {
  it('delivers, marks the row sent, and never sends it again', async () => {
    const h = await harness();
    const server = await smtp();
    const placement = await place(h, (await order(h)).id);
    const time = manualClock(h);
    const w = worker(h.db, server.port, time);
    assert.deepEqual(await w.runOnce(), { sent: 1, failed: 0 });
    const row = await outboxRow(h.db, placement.id);
    assert.equal(row.sent_at, time.clock().toISOString());
    assert.equal(row.attempts, 1);
    assert.equal(row.lease_owner, null);
    time.advance(24 * 3600_000);
    assert.deepEqual(await w.runOnce(), { sent: 0, failed: 0 });
    assert.equal(server.received.length, 1);
  });

  it('retries with exponential back-off while the SMTP server is down, and delivers once it is up', async () => {
    const h = await harness();
    const port = await freePort();
    const placement = await place(h, (await order(h)).id);
    const time = manualClock(h);
    const w = worker(h.db, port, time);

    assert.deepEqual(await w.runOnce(), { sent: 0, failed: 1 });
    let row = await outboxRow(h.db, placement.id);
    assert.match(row.last_error, /ECONNREFUSED/);
    assert.equal(row.next_attempt_at, new Date(time.clock().getTime() + 1000).toISOString());
    time.advance(1000);
    assert.deepEqual(await w.runOnce(), { sent: 0, failed: 1 });
    row = await outboxRow(h.db, placement.id);
    assert.equal(row.attempts, 2);
    assert.equal(row.next_attempt_at, new Date(time.clock().getTime() + 2000).toISOString(), 'the wait doubles');

    const server = await smtp({ port });
    time.advance(1999);
    assert.deepEqual(await w.runOnce(), { sent: 0, failed: 0 }, 'not due yet');
    time.advance(1);
    assert.deepEqual(await w.runOnce(), { sent: 1, failed: 0 });
    row = await outboxRow(h.db, placement.id);
    assert.ok(row.sent_at);
    assert.equal(row.last_error, null);
    assert.equal(server.received.length, 1);
  });

  it('retries when the server refuses (451) and delivers later; a permanent refusal stays pending with its error, then is given up', async () => {
    const h = await harness();
    const busy = await smtp({ reject: (n) => (n <= 2 ? 451 : null) });
    const placement = await place(h, (await order(h)).id);
    const time = manualClock(h);
    const w = worker(h.db, busy.port, time);
    assert.equal((await w.runOnce()).failed, 1);
    assert.match((await outboxRow(h.db, placement.id)).last_error, /451/);
    time.advance(1000);
    assert.equal((await w.runOnce()).failed, 1);
    time.advance(2000);
    assert.equal((await w.runOnce()).sent, 1);
    assert.equal(busy.offered, 3);
    assert.equal(busy.received.length, 1);

    const refusing = await smtp({ reject: () => 550 });
    const doomed = await place(h, (await order(h)).id);
    const strict = worker(h.db, refusing.port, { ...time, maxAttempts: 3 });
    for (let i = 0; i < 3; i++) {
      assert.equal((await strict.runOnce()).failed, 1);
      const row = await outboxRow(h.db, doomed.id);
      assert.equal(row.sent_at, null, 'still pending');
      assert.match(row.last_error, /550/);
      time.advance(60_000);
    }
    assert.ok((await outboxRow(h.db, doomed.id)).failed_at, 'given up after maxAttempts');
    assert.deepEqual(await strict.runOnce(), { sent: 0, failed: 0 });
    assert.equal(refusing.offered, 3);
  });

  it('exactly once with two workers on two database connections racing over one outbox', async () => {
    const h = await harness();
    const server = await smtp({ delayMs: 3 });
    const created = await order(h);
    const placements = [];
    for (let i = 0; i < 24; i++) placements.push(await place(h, created.id, { ...plainCandidate, name: `Kandidat ${i}` }, i % 2 ? demoKeys.jobcenter101 : demoKeys.jobcenter751));
    const second = await openDatabase({ url: h.db.url });
    cleanup.push(() => second.close());
    const time = manualClock(h);
    const one = worker(h.db, server.port, { ...time, batchSize: 4, id: 'one' });
    const two = worker(second, server.port, { ...time, batchSize: 4, id: 'two' });
    const sent = { one: 0, two: 0 };
    for (let round = 0; round < 20 && server.received.length < 24; round++) {
      const [a, b] = await Promise.all([one.runOnce(), two.runOnce()]);
      sent.one += a.sent;
      sent.two += b.sent;
    }
    assert.equal(server.received.length, 24);
    assert.equal(new Set(server.received.map((m) => m.messageId)).size, 24, 'every placement\'s e-mail once');
    const rows = await h.db.query('SELECT sent_at, attempts, lease_owner FROM outbox');
    assert.equal(rows.length, 24);
    assert.ok(rows.every((r) => r.sent_at !== null && r.attempts === 1 && r.lease_owner === null));
    assert.equal(sent.one + sent.two, 24);
    assert.ok(sent.one > 0 && sent.two > 0, `both workers took part: ${JSON.stringify(sent)}`);
  });

  it('a crashed worker\'s claim is taken over only after its lease ends', async () => {
    const h = await harness();
    const server = await smtp();
    const placement = await place(h, (await order(h)).id);
    const time = manualClock(h);
    // Another process claimed the row and died before sending.
    const leaseUntil = new Date(time.clock().getTime() + 60_000).toISOString();
    await h.db.run('UPDATE outbox SET lease_owner = ?, lease_until = ?, attempts = 1 WHERE dedupe_key = ?', ['crashed#1', leaseUntil, `placement:${placement.id}`]);
    const w = worker(h.db, server.port, time);
    assert.deepEqual(await w.runOnce(), { sent: 0, failed: 0 });
    time.advance(60_001);
    assert.deepEqual(await w.runOnce(), { sent: 1, failed: 0 });
    assert.equal(server.received.length, 1);
    assert.equal((await outboxRow(h.db, placement.id)).attempts, 2);
  });

  it('hands back, untried, a claimed row whose lease would end before its send could', async () => {
    const h = await harness();
    const server = await smtp();
    await place(h, (await order(h)).id);
    let calls = 0;
    const base = h.now().getTime();
    // The clock jumps 55 s between the claim and the send: 5 s of lease left, 10 s needed.
    const w = worker(h.db, server.port, { clock: () => new Date(base + (calls++ === 0 ? 0 : 55_000)) });
    assert.deepEqual(await w.runOnce(), { sent: 0, failed: 0 });
    const row = (await h.db.query('SELECT attempts, lease_owner FROM outbox'))[0]!;
    assert.deepEqual(row, { attempts: 0, lease_owner: null });
    assert.equal(server.offered, 0);
  });

  it('exactly once with two worker processes sharing the database file', async () => {
    // Real time here (the child processes use the system clock), so the orders lie in the past.
    const h = await harness('2025-06-02T08:00:00Z');
    const server = await smtp({ delayMs: 20 });
    const created = await order(h);
    for (let i = 0; i < 15; i++) await place(h, created.id, { ...plainCandidate, name: `Kandidat ${i}` });
    const run = () =>
      new Promise<{ sent: number }>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/outbox-worker-process.ts', h.db.url, String(server.port)], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (out += d));
        child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!)) : reject(new Error(out))));
      });
    const [a, b] = await Promise.all([run(), run()]);
    assert.equal(a.sent + b.sent, 15);
    assert.equal(server.received.length, 15);
    assert.equal(new Set(server.received.map((m) => m.messageId)).size, 15);
    assert.equal((await h.db.query('SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NOT NULL'))[0]!.n, 15);
  });
});

describe('the running worker', () => {
  it('starts, retries on real timers until the server is up, sends, and stops', async () => {
    const h = await harness('2025-06-02T08:00:00Z');
    const port = await freePort();
    const placement = await place(h, (await order(h)).id);
    const w = worker(h.db, port, { pollMs: 10, backoffBaseMs: 30, backoffMaxMs: 60 });
    w.start();
    await until(async () => (await outboxRow(h.db, placement.id)).attempts >= 2, 'two failed attempts');
    const server = await smtp({ port });
    await until(() => server.received.length === 1, 'delivery');
    await w.stop();
    // A new placement waits for the next start (that no round runs after stop, however long, is
    // shown on fake timers in polling-loop.test.ts).
    const next = await place(h, (await order(h)).id);
    assert.equal((await outboxRow(h.db, next.id)).attempts, 0);
    assert.equal(server.received.length, 1);
    w.start();
    await until(() => server.received.length === 2, 'delivery after the next start');
  });

  it('is woken by a placement instead of waiting for its next poll', async () => {
    const h = await harness('2025-06-02T08:00:00Z');
    const server = await smtp();
    const w = worker(h.db, server.port, { pollMs: 60_000 });
    const app = createApp({ db: h.db, clock: h.now, signingSecret, corsOrigins: [], outboxChanged: () => w.wake() });
    w.start();
    const created = await order(h);
    const res = await app.request(`/v1/job-orders/${created.id}/placements`, {
      method: 'POST',
      headers: { authorization: `Bearer ${demoKeys.jobcenter751}`, 'content-type': 'application/json' },
      body: JSON.stringify({ candidate: plainCandidate, description: 'Straks.' }),
    });
    assert.equal(res.status, 201);
    await until(() => server.received.length === 1, 'delivery without waiting a minute');
    assert.match(server.received[0]!.subject, /^Jobcenter Aarhus har formidlet en kandidat til Jobordre \d+ – Køkkenmedhjælper$/);
  });
});

describe('without SMTP_URL: .eml files', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'jobag-outbox-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one whole .eml per e-mail under the directory, with both parts', async () => {
    const h = await harness();
    const created = await order(h);
    const placement = await place(h, created.id, protectedCandidate);
    const mailer: Mailer = fileMailer(join(dir, 'outbox'));
    cleanup.push(() => mailer.close());
    assert.match(mailer.description, /written as \.eml files to .*outbox/);
    const w = createOutboxWorker({ db: h.db, mailer, from, clock: h.now, log: () => {} });
    assert.equal((await w.runOnce()).sent, 1);
    assert.deepEqual(readdirSync(join(dir, 'outbox')), [`placement-${placement.id}.eml`]);
    const mail = parseMail(readFileSync(join(dir, 'outbox', `placement-${placement.id}.eml`), 'utf8'));
    assert.equal(mail.subject, `Jobcenter København har formidlet en kandidat til Jobordre ${created.id} – Køkkenmedhjælper`);
    assert.match(mail.text, /Kære Mette Hansen/);
    assert.match(mail.html, /<p>Kære Mette Hansen<\/p>/);
    assert.ok(!mail.decoded.includes('Skjultevej'));
  });

  it('an SMTP mailer describes itself without the password', () => {
    const mailer = smtpMailer('smtp://jobag:hemmelig@mail.example:2525');
    assert.equal(mailer.description, 'sent over SMTP to smtp://mail.example:2525');
    mailer.close();
  });

  it('back-off doubles from the base and stops at the cap', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, 10_000, 60_000)), [10_000, 20_000, 40_000, 60_000, 60_000, 60_000]);
  });
});

/** Polls `condition` every 10 ms for at most 5 s. */
async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
