// Webhooks for HR systems: subscriptions managed by an integration's API key,
// deliveries through a leased worker to real HTTP receivers on 127.0.0.1, signed per Standard
// Webhooks and checked with the SDK's verifier; the SSRF rules; two server processes on one file.
// The privacy filter is the access policy's (R1.4, R8.4): what a subscriber gets is what its key reads.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { signWebhook, verifyWebhook, WebhookVerificationError, type WebhookEvent } from '../sdk/index.ts';
import { journalKinds } from '../server/contract/journal.ts';
import { addressRefusal, checkWebhookUrl } from '../server/core/webhook-url-policy.ts';
import { createWebhookWorker, type WebhookSettings, type WebhookWorker } from '../server/workers/webhooks/worker.ts';
import { demoKeys, signingSecret, startHarness, type Harness } from './support/harness.ts';
import { validOrder, validOrderB } from './support/orders.ts';
import { startServerProcess, stopServerProcess, waitFor, type ServerProcess } from './support/server-process.ts';
import { startWebhookReceiver, type ReceivedDelivery, type WebhookReceiver } from './support/webhook-receiver.ts';

const A = demoKeys.employerA;
const B = demoKeys.employerB;
const KK = demoKeys.jobcenter101; // responsible for validOrder()
const AAR = demoKeys.jobcenter751;
const demoPolicy = { allowLoopback: true };

/** Address protection (R8.4): this street must never appear in any delivery. */
const protectedStreet = 'Skjultevej 977';
const protectedCandidate = {
  name: 'Sara Nielsen', birthYear: 1989, addressProtected: true,
  address: { street: protectedStreet, postalCode: '2400', city: 'København NV' }, cvSearchable: false, phone: '+45 40 11 22 33',
};
const candidate = (name: string) => ({ name, birthYear: 1999, addressProtected: false, cvSearchable: false, email: 'kandidat@post.example', phone: '+45 26 55 77 88' });

const fast: Partial<WebhookSettings> = { pollMs: 20, attemptTimeoutMs: 400, leaseMs: 5_000, backoffMs: [40, 80], jitter: 0, maxConsecutiveFailures: 50 };

/** The workers' clock: it moves only when a test moves it, so back-offs pass without waiting. */
const workerTime = { now: Date.now() };
const workerClock = () => new Date(workerTime.now);
/** Longer than every back-off in `fast`: after it, any retry that is due has had its turn. */
const pastBackoff = 100;

/** Runs the worker round after round, each a back-off later than the last, until `done()` holds. */
async function until(worker: WebhookWorker, done: () => boolean, ms = 8_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) assert.fail('the deliveries did not arrive in time');
    await worker.runOnce();
    workerTime.now += pastBackoff;
  }
}

async function verified(secret: string, d: ReceivedDelivery): Promise<WebhookEvent> {
  return verifyWebhook(secret, d.headers, d.body);
}

async function subscribe(h: Harness, key: string, url: string, events: string[] = [...journalKinds]): Promise<{ id: number; secret: string }> {
  const res = await h.request('POST', '/v1/webhook-subscriptions', { key, body: { url, events } });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

describe('webhook subscriptions: who, what, and the secret shown once', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ webhookPolicy: demoPolicy });
  });
  after(() => h.close());

  it('an API key subscribes, lists and deletes; the secret is in the 201 only and is stored sealed', async () => {
    const created = await h.request('POST', '/v1/webhook-subscriptions', { key: A, body: { url: 'http://127.0.0.1:9/hook', events: ['placement', 'status_changed', 'placement'] } });
    assert.equal(created.status, 201);
    assert.match(created.body.secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.deepEqual(created.body.events, ['placement', 'status_changed'], 'each kind once');
    assert.equal(created.body.status, 'active');
    const list = await h.request('GET', '/v1/webhook-subscriptions', { key: A });
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.items.map((s: { id: number }) => s.id), [created.body.id]);
    assert.ok(!list.text.includes(created.body.secret) && !list.text.includes('secret'), 'the list never shows the secret');
    const stored = JSON.stringify(await h.db.query('SELECT * FROM webhook_subscriptions'));
    assert.ok(!stored.includes(created.body.secret.slice(6)), 'the database holds it sealed');
    // Another tenant neither sees nor deletes it (404, not 403: nothing about it leaks).
    assert.deepEqual((await h.request('GET', '/v1/webhook-subscriptions', { key: B })).body.items, []);
    assert.equal((await h.request('DELETE', `/v1/webhook-subscriptions/${created.body.id}`, { key: B })).status, 404);
    assert.equal((await h.request('DELETE', `/v1/webhook-subscriptions/${created.body.id}`, { key: A })).status, 204);
    assert.equal((await h.request('DELETE', `/v1/webhook-subscriptions/${created.body.id}`, { key: A })).status, 404);
    assert.deepEqual((await h.request('GET', '/v1/webhook-subscriptions', { key: A })).body.items, []);
  });

  it('a widget token may not manage webhooks (403 naming Authorization), whatever the body', async () => {
    const token = (await h.request('POST', '/v1/sessions', { key: A, body: { contactPersonId: 1 } })).body.token as string;
    for (const [method, path, body] of [
      ['POST', '/v1/webhook-subscriptions', { url: 'http://127.0.0.1:9/hook', events: ['placement'] }],
      ['POST', '/v1/webhook-subscriptions', { url: 42 }],
      ['GET', '/v1/webhook-subscriptions', undefined],
      ['DELETE', '/v1/webhook-subscriptions/1', undefined],
    ] as const) {
      const res = await h.request(method, path, { key: token, ...(body ? { body } : {}) });
      assert.equal(res.status, 403, `${method} ${path}`);
      assert.deepEqual(res.body.errors.map((e: { path: string; code: string }) => [e.path, e.code]), [['Authorization', 'not_allowed']]);
    }
    assert.equal((await h.request('GET', '/v1/webhook-subscriptions')).status, 401);
  });

  it('422 names the field: a bad url, an unknown event kind, no events, too many subscriptions', async () => {
    const refuse = async (body: unknown, path: string, code: string) => {
      const res = await h.request('POST', '/v1/webhook-subscriptions', { key: B, body });
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.ok(res.body.errors.some((e: { path: string; code: string }) => e.path === path && e.code === code), `${JSON.stringify(body)}: ${JSON.stringify(res.body.errors)}`);
    };
    await refuse({ url: 'not a url', events: ['placement'] }, 'url', 'format');
    await refuse({ url: 'ftp://127.0.0.1/x', events: ['placement'] }, 'url', 'insecure_url');
    await refuse({ url: 'http://user:pw@127.0.0.1:9/x', events: ['placement'] }, 'url', 'format');
    await refuse({ url: 'http://127.0.0.1:9/x', events: ['hired'] }, 'events.0', 'enum');
    await refuse({ url: 'http://127.0.0.1:9/x', events: [] }, 'events', 'too_small');
    await refuse({ url: 'http://127.0.0.1:9/x' }, 'events', 'required');
    // The server itself (the host the request came to) is refused even in demo mode.
    await refuse({ url: 'http://localhost/v1/job-orders', events: ['placement'] }, 'url', 'private_address');
    for (let i = 0; i < 10; i++) await subscribe(h, B, `http://127.0.0.1:9/hook${i}`, ['note']);
    await refuse({ url: 'http://127.0.0.1:9/one-too-many', events: ['note'] }, '(body)', 'too_many');
  });
});

describe('SSRF: where a webhook may point (production rule)', () => {
  let h: Harness;
  before(async () => {
    // Production's rule, with a resolver of our own so no test depends on DNS.
    const names: Record<string, string[]> = { 'hr.example.dk': ['93.184.215.14'], 'rebind.example': ['10.0.0.7'], 'mixed.example': ['93.184.215.14', '192.168.1.2'] };
    h = await startHarness({ webhookPolicy: { allowLoopback: false, resolve: async (host) => names[host] ?? [] } });
  });
  after(() => h.close());

  it('https to a public address is accepted; http, loopback, private, link-local, CGNAT, v6 local and mapped, multicast and unresolvable are refused', async () => {
    assert.equal((await h.request('POST', '/v1/webhook-subscriptions', { key: A, body: { url: 'https://hr.example.dk/jobag', events: ['placement'] } })).status, 201);
    assert.equal((await h.request('POST', '/v1/webhook-subscriptions', { key: A, body: { url: 'https://93.184.215.14:8443/jobag', events: ['placement'] } })).status, 201, 'any port');
    const refused: [string, string][] = [
      ['http://hr.example.dk/jobag', 'insecure_url'],
      ['https://127.0.0.1/x', 'private_address'],
      ['https://localhost/x', 'private_address'],
      ['https://10.1.2.3/x', 'private_address'],
      ['https://172.16.0.1/x', 'private_address'],
      ['https://192.168.0.10/x', 'private_address'],
      ['https://169.254.169.254/latest/meta-data', 'private_address'],
      ['https://100.64.0.1/x', 'private_address'],
      ['https://0.0.0.0/x', 'private_address'],
      ['https://224.0.0.1/x', 'private_address'],
      ['https://[::1]/x', 'private_address'],
      ['https://[fd00::1]/x', 'private_address'],
      ['https://[fe80::1]/x', 'private_address'],
      ['https://[::ffff:127.0.0.1]/x', 'private_address'],
      ['https://[::ffff:a00:1]/x', 'private_address'],
      ['https://rebind.example/x', 'private_address'],
      ['https://mixed.example/x', 'private_address'],
      ['https://nowhere.example/x', 'private_address'],
      ['https://2130706433/x', 'private_address'], // 127.0.0.1 written as one number
    ];
    for (const [url, code] of refused) {
      const res = await h.request('POST', '/v1/webhook-subscriptions', { key: A, body: { url, events: ['placement'] } });
      assert.equal(res.status, 422, url);
      assert.deepEqual(res.body.errors.map((e: { path: string; code: string }) => [e.path, e.code]), [['url', code]], url);
    }
  });

  it('the delivery checks the address again and connects only to the one it checked (DNS rebinding)', async () => {
    const receiver = await startWebhookReceiver();
    try {
      // Subscribed while the name was public; by delivery time it points inside.
      let answer = ['93.184.215.14'];
      const policy = { allowLoopback: false, resolve: async () => answer };
      const check = await checkWebhookUrl('https://flip.example/x', policy);
      assert.equal(check.ok, true);
      answer = ['127.0.0.1'];
      const again = await checkWebhookUrl('https://flip.example/x', policy);
      assert.equal(again.ok, false);
      assert.match(addressRefusal('::ffff:192.168.0.1', policy) ?? '', /private/);
      assert.equal(addressRefusal('::1', { allowLoopback: true }), null, 'demo mode: loopback');
    } finally {
      await receiver.close();
    }
  });
});

describe('deliveries to a real receiver (one process)', () => {
  let h: Harness;
  let receiver: WebhookReceiver;
  let worker: WebhookWorker;
  before(async () => {
    h = await startHarness({ now: new Date().toISOString(), webhookPolicy: demoPolicy });
    receiver = await startWebhookReceiver();
    worker = createWebhookWorker({ db: h.db, serverSecret: signingSecret, policy: demoPolicy, settings: fast, clock: workerClock, log: () => {} });
  });
  after(async () => {
    await receiver.close();
    await h.close();
  });

  it('each event once, signed (the SDK verifier and the reference library agree), in journal order per order, with the /v1/events data', async () => {
    const { id, secret } = await subscribe(h, A, receiver.url);
    const one = (await h.request('POST', '/v1/job-orders', { key: A, body: validOrder() })).body.id as number;
    const two = (await h.request('POST', '/v1/job-orders', { key: A, body: validOrder() })).body.id as number;
    for (let i = 0; i < 3; i++) {
      await h.request('POST', `/v1/job-orders/${one}/status`, { key: A, body: { status: i % 2 ? 'open' : 'inactive' }, headers: { 'if-match': '*' } });
      await h.request('PATCH', `/v1/job-orders/${two}`, { key: A, body: { positions: i + 3 }, headers: { 'if-match': '*' } });
    }
    await h.request('POST', `/v1/job-orders/${one}/status`, { key: A, body: { status: 'open' }, headers: { 'if-match': '*' } });
    await h.request('PUT', `/v1/job-orders/${one}/coordinator`, { key: KK, body: { name: 'Lone Kristensen' }, headers: { 'if-match': '*' } });
    assert.equal((await h.request('POST', `/v1/job-orders/${one}/placements`, { key: KK, body: { candidate: protectedCandidate, description: 'Kan starte mandag.' } })).status, 201);
    const expected = (await h.db.query<{ id: number }>('SELECT id FROM journal WHERE job_order_id IN (?, ?) ORDER BY id', [one, two])).map((r) => Number(r.id));
    assert.equal(expected.length, 11);
    await until(worker, () => receiver.accepted.length >= expected.length);
    await worker.runOnce(); // nothing more comes
    assert.equal(receiver.attempts.length, expected.length, 'each event once');
    const events = await Promise.all(receiver.accepted.map((d) => verified(secret, d)));
    assert.deepEqual(events.map((e) => e.data.id).sort((a, b) => a - b), expected);
    for (const order of [one, two]) {
      const ids = events.filter((e) => e.data.orderId === order).map((e) => e.data.id);
      assert.deepEqual(ids, [...ids].sort((a, b) => a - b), `order ${order} in journal order`);
    }
    const reference = new Webhook(secret);
    for (const d of receiver.accepted) {
      assert.deepEqual(reference.verify(d.body, d.headers as Record<string, string>), JSON.parse(d.body));
      assert.match(String(d.headers['webhook-id']), new RegExp(`^msg_${id}_\\d+$`));
      assert.equal(d.headers['content-type'], 'application/json');
    }
    // The payload is the /v1/events event's data: the same LogEntry the log shows.
    const log = await h.request('GET', `/v1/job-orders/${one}/log`, { key: A });
    const fromLog = log.body.items.find((e: { action: string }) => e.action === 'placement');
    const delivered = events.find((e) => e.type === 'placement')!;
    assert.deepEqual(delivered.data, fromLog);
    assert.equal(delivered.timestamp, fromLog.at);
    assert.ok(!receiver.accepted.some((d) => d.body.includes(protectedStreet)), 'no protected address (R8.4)');
    // A tampered body, another secret, or an old timestamp is refused by the verifier.
    const d = receiver.accepted[0]!;
    await assert.rejects(verifyWebhook(secret, d.headers, d.body.replace('"id":', '"id": ')), WebhookVerificationError);
    await assert.rejects(verifyWebhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`, d.headers, d.body), WebhookVerificationError);
    await assert.rejects(verifyWebhook(secret, d.headers, d.body, { now: new Date(Date.now() + 6 * 60_000) }), /too old/);
    await assert.rejects(verifyWebhook(secret, { ...d.headers, 'webhook-signature': undefined }, d.body), WebhookVerificationError);
  });

  it('the SDK signer matches the Standard Webhooks specification\'s test vector', async () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const body = '{"test": 2432232314}';
    const signature = await signWebhook(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, body);
    assert.equal(signature, 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    assert.equal(signature, new Webhook(secret).sign('msg_p5jXN8AQM9LWM0D4loKWxJek', new Date(1614265330_000), body));
    const headers = { 'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek', 'webhook-timestamp': '1614265330', 'webhook-signature': `v1,bm9ldHUjKzFob2VudXRob2VodWUzMjRvdWVvdW9ldQo= ${signature}` };
    assert.deepEqual(await verifyWebhook(secret, headers, body, { now: new Date(1614265330_000) }), { test: 2432232314 });
  });

  it('retried after 500s and after a time-out, then delivered once; the next event of the order waits for it', async () => {
    await h.db.run('DELETE FROM webhook_deliveries');
    await h.db.run('DELETE FROM webhook_subscriptions');
    const flaky = await startWebhookReceiver();
    try {
      const { secret } = await subscribe(h, A, flaky.url, ['status_changed']);
      // 1st: 500, 2nd: no answer (time-out), 3rd: 500, then 200.
      flaky.behave((_, attempt) => (attempt === 2 ? 'hang' : attempt <= 3 ? 500 : 200));
      const order = (await h.request('POST', '/v1/job-orders', { key: A, body: validOrder() })).body.id as number;
      await h.request('POST', `/v1/job-orders/${order}/status`, { key: A, body: { status: 'inactive' }, headers: { 'if-match': '*' } });
      await h.request('POST', `/v1/job-orders/${order}/status`, { key: A, body: { status: 'open' }, headers: { 'if-match': '*' } });
      await until(worker, () => flaky.accepted.length >= 2);
      await worker.runOnce();
      const ids = flaky.attempts.map((d) => String(d.headers['webhook-id']));
      // The first event four times (same webhook-id each time), then the second once: never the second before the first.
      assert.equal(ids.length, 5, ids.join(' '));
      assert.equal(new Set(ids.slice(0, 4)).size, 1);
      assert.notEqual(ids[4], ids[0]);
      const statuses = await Promise.all(flaky.accepted.map(async (d) => (await verified(secret, d)).data.status));
      assert.deepEqual(statuses, ['inactive', 'open']);
      const [sub] = (await h.request('GET', '/v1/webhook-subscriptions', { key: A })).body.items;
      assert.equal(sub.consecutiveFailures, 0, 'a success resets the count');
      assert.equal(sub.status, 'active');
    } finally {
      await flaky.close();
    }
  });

  it('disabled after repeated failure, with the reason in the list; nothing more is sent', async () => {
    await h.db.run('DELETE FROM webhook_deliveries');
    await h.db.run('DELETE FROM webhook_subscriptions');
    const broken = await startWebhookReceiver();
    const strict = createWebhookWorker({ db: h.db, serverSecret: signingSecret, policy: demoPolicy, settings: { ...fast, maxConsecutiveFailures: 3 }, clock: workerClock, log: () => {} });
    try {
      broken.behave(() => 503);
      await subscribe(h, A, broken.url, ['created']);
      await h.request('POST', '/v1/job-orders', { key: A, body: validOrder() });
      await until(strict, () => broken.attempts.length >= 3);
      // A round when a fourth attempt would be due: a disabled subscription gets none.
      workerTime.now += pastBackoff;
      await strict.runOnce();
      assert.equal(broken.attempts.length, 3);
      const [sub] = (await h.request('GET', '/v1/webhook-subscriptions', { key: A })).body.items;
      assert.equal(sub.status, 'disabled');
      assert.match(sub.disabledReason, /after 3 failed deliveries in a row.*HTTP 503/);
      assert.equal(sub.lastError, 'HTTP 503');
      await h.request('POST', '/v1/job-orders', { key: A, body: validOrder() });
      await strict.runOnce();
      assert.equal(broken.attempts.length, 3, 'a disabled subscription gets nothing');
    } finally {
      await broken.close();
    }
  });

  it('privacy: a jobcenter receives its own placements, never another jobcenter\'s; the company all of its orders\' and no other company\'s', async () => {
    await h.db.run('DELETE FROM webhook_deliveries');
    await h.db.run('DELETE FROM webhook_subscriptions');
    const receivers = { kk: await startWebhookReceiver('/kk'), aar: await startWebhookReceiver('/aar'), a: await startWebhookReceiver('/a'), b: await startWebhookReceiver('/b') };
    try {
      const secrets = {
        kk: (await subscribe(h, KK, receivers.kk.url, ['placement', 'withdrawn', 'created'])).secret,
        aar: (await subscribe(h, AAR, receivers.aar.url, ['placement', 'withdrawn', 'created'])).secret,
        a: (await subscribe(h, A, receivers.a.url, ['placement', 'withdrawn', 'created'])).secret,
        b: (await subscribe(h, B, receivers.b.url, ['placement', 'withdrawn', 'created'])).secret,
      };
      const order = (await h.request('POST', '/v1/job-orders', { key: A, body: validOrder() })).body.id as number;
      await h.request('POST', `/v1/job-orders/${order}/placements`, { key: KK, body: { candidate: protectedCandidate, description: 'Beskyttet adresse.' } });
      const theirs = (await h.request('POST', `/v1/job-orders/${order}/placements`, { key: AAR, body: { candidate: candidate('Jonas Berg'), description: 'Fra Aarhus.' } })).body.id as number;
      await h.request('POST', `/v1/job-orders/${order}/placements/${theirs}/withdraw`, { key: AAR, body: { reason: 'Fik andet arbejde.' } });
      await h.request('POST', '/v1/job-orders', { key: B, body: validOrderB() });
      await until(worker, () => receivers.a.accepted.length >= 4 && receivers.kk.accepted.length >= 3 && receivers.aar.accepted.length >= 4 && receivers.b.accepted.length >= 1);
      await worker.runOnce();
      // In journal order per order; between orders there is no promise, so the lists are sorted.
      const kinds = async (name: keyof typeof receivers) =>
        (await Promise.all(receivers[name].accepted.map(async (d) => { const e = await verified(secrets[name], d); return `${e.data.orderId === order ? 'A' : 'B'}:${e.data.id}:${e.type}`; })))
          .sort().map((k) => k.replace(/:\d+:/, ':'));
      assert.deepEqual(await kinds('a'), ['A:created', 'A:placement', 'A:placement', 'A:withdrawn']);
      assert.deepEqual(await kinds('b'), ['B:created']);
      assert.deepEqual(await kinds('kk'), ['A:created', 'A:placement', 'B:created'], 'not Aarhus\'s placement or withdrawal');
      assert.deepEqual(await kinds('aar'), ['A:created', 'A:placement', 'A:withdrawn', 'B:created'], 'not København\'s placement');
      for (const r of Object.values(receivers)) assert.ok(!r.attempts.some((d) => d.body.includes(protectedStreet)), 'no protected address');
    } finally {
      for (const r of Object.values(receivers)) await r.close();
    }
  });
});

describe('two server processes on one database file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jobag-webhooks-'));
  const env = {
    DATABASE_URL: `file:${join(dir, 'shared.db')}`, JOBAG_SIGNING_SECRET: 'w'.repeat(40),
    JOBAG_WEBHOOK_POLL_MS: '25', JOBAG_WEBHOOK_BACKOFF_MS: '50,100', JOBAG_WEBHOOK_TIMEOUT_MS: '1000', LOG_LEVEL: 'error',
  };
  let one: ServerProcess;
  let two: ServerProcess;
  let receiver: WebhookReceiver;
  before(async () => {
    one = await startServerProcess(env);
    two = await startServerProcess(env);
    receiver = await startWebhookReceiver();
  });
  after(async () => {
    await Promise.all([stopServerProcess(one.child), stopServerProcess(two.child)]);
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('each event arrives exactly once, in order per order, through 500s, with both processes\' workers running', async () => {
    const call = async (base: string, method: string, path: string, body?: unknown, key: string = A) => {
      const res = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'if-match': '*' }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as any };
    };
    const sub = await call(one.url, 'POST', '/v1/webhook-subscriptions', { url: receiver.url, events: [...journalKinds] });
    assert.equal(sub.status, 201, JSON.stringify(sub.body));
    // Every fifth attempt fails: retries happen while both processes race for the rows.
    receiver.behave((_, attempt) => (attempt % 5 === 0 ? 500 : 200));
    const orders = await Promise.all([0, 1, 2].map(async (i) => (await call(i % 2 ? two.url : one.url, 'POST', '/v1/job-orders', validOrder())).body.id as number));
    await Promise.all(
      orders.map(async (order, i) => {
        for (let n = 0; n < 6; n++) {
          const base = (n + i) % 2 ? one.url : two.url;
          const res = await call(base, 'POST', `/v1/job-orders/${order}/status`, { status: n % 2 ? 'open' : 'inactive' });
          assert.equal(res.status, 200);
        }
      }),
    );
    const verifiedEvents = () => Promise.all(receiver.accepted.map((d) => verifyWebhook(sub.body.secret, d.headers, d.body)));
    // One more change of each order: delivered in order per order, it arrives only after every
    // earlier one, so a duplicate of those would be here by the time all three are.
    for (const [i, order] of orders.entries()) {
      assert.equal((await call(i % 2 ? one.url : two.url, 'POST', `/v1/job-orders/${order}/status`, { status: 'inactive' })).status, 200);
    }
    const expected = 3 + 18 + 3;
    await waitFor('the last change of every order', async () => {
      const versions = (await verifiedEvents()).map((e) => e.data.orderVersion);
      return versions.filter((v) => v === 8).length === 3 ? true : undefined;
    });
    const events = await verifiedEvents();
    const ids = events.map((e) => e.data.id);
    assert.equal(ids.length, expected, `${ids.length} accepted of ${expected}`);
    assert.equal(new Set(ids).size, expected, 'exactly once');
    for (const order of orders) {
      const mine = events.filter((e) => e.data.orderId === order).map((e) => e.data.orderVersion);
      assert.deepEqual(mine, [1, 2, 3, 4, 5, 6, 7, 8], `order ${order} in journal order`);
    }
    assert.ok(receiver.attempts.length > expected, 'some attempts failed and were retried');
    const senders = new Set(receiver.accepted.map((d) => d.headers['user-agent']));
    assert.equal(senders.size, 1);
  });

  it('examples/hr-webhook-receiver.ts subscribes, prints the signed deliveries it verified, and deletes its subscription', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'examples/hr-webhook-receiver.ts'], {
      env: { ...process.env, JOBAG_URL: two.url, JOBAG_WATCH_SECONDS: '2' },
      timeout: 30_000,
    });
    assert.match(stdout, /Subscribed http:\/\/127\.0\.0\.1:\d+\/jobag-webhook as webhook subscription \d+/);
    assert.match(stdout, /Verified delivery msg_\d+_\d+: created on #\d+ \(version 1\)/);
    assert.match(stdout, /Verified delivery msg_\d+_\d+: status_changed on #\d+ \(version 2\).*Pause til februar/);
    assert.doesNotMatch(stdout, /Refused/);
    assert.match(stdout, /Deleted subscription \d+; 2 deliveries received\./);
  });
});
