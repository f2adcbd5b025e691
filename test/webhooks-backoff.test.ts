// Webhook back-off belongs to the subscription: a receiver that is down costs one attempt per
// back-off step, not one per waiting event; a disabled subscription keeps what it has not
// delivered, and enabling it (API or admin command) pings it and sends what waited. A
// subscription answers to the key that made it, and a server that cannot open a subscription's
// secret leaves its rows for one that can. Time is the workers' injected clock, never real waiting.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { verifyWebhook, type WebhookEvent } from '../sdk/index.ts';
import { createApp } from '../server/http/app.ts';
import { runAdmin } from '../server/ops/admin.ts';
import { createWebhookWorker, type WebhookSettings } from '../server/workers/webhooks/worker.ts';
import { demoCompanies } from '../server/demo/data.ts';
import { demoKeys, signingSecret, startHarness, type Harness } from './support/harness.ts';
import { validOrder } from './support/orders.ts';
import { startWebhookReceiver, type ReceivedDelivery, type WebhookReceiver } from './support/webhook-receiver.ts';

const A = demoKeys.employerA;
const demoPolicy = { allowLoopback: true };
const steps = [5_000, 30_000, 120_000];
// The attempt time-out is real time: far beyond a loopback answer, so a busy machine never turns a 200 into a failure.
const settings: Partial<WebhookSettings> = { pollMs: 20, attemptTimeoutMs: 5_000, leaseMs: 20_000, backoffMs: steps, jitter: 0, maxConsecutiveFailures: 15 };

/** The workers' clock: it moves only when a test moves it. */
const workerTime = { now: Date.parse('2026-12-01T09:00:00Z') };
const workerClock = () => new Date(workerTime.now);

async function subscribe(h: Harness, key: string, url: string, events = ['created', 'status_changed']): Promise<{ id: number; secret: string }> {
  const res = await h.request('POST', '/v1/webhook-subscriptions', { key, body: { url, events } });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

async function subscription(h: Harness, id: number, key = A) {
  const list = await h.request('GET', '/v1/webhook-subscriptions', { key });
  return list.body.items.find((s: { id: number }) => s.id === id);
}

const createOrder = async (h: Harness) => (await h.request('POST', '/v1/job-orders', { key: A, body: validOrder() })).body.id as number;
const setStatus = (h: Harness, order: number, status: string) =>
  h.request('POST', `/v1/job-orders/${order}/status`, { key: A, body: { status }, headers: { 'if-match': '*' } });

const events = (secret: string, deliveries: ReceivedDelivery[]): Promise<WebhookEvent[]> =>
  Promise.all(deliveries.map((d) => verifyWebhook(secret, d.headers, d.body, { now: new Date(Number(d.headers['webhook-timestamp']) * 1000) })));

describe('webhook back-off per subscription', () => {
  let h: Harness;
  let receiver: WebhookReceiver;
  before(async () => {
    h = await startHarness({ webhookPolicy: demoPolicy });
    receiver = await startWebhookReceiver();
  });
  after(async () => {
    await receiver.close();
    await h.close();
  });
  beforeEach(async () => {
    await h.db.run('DELETE FROM webhook_deliveries');
    await h.db.run('DELETE FROM webhook_subscriptions');
    receiver.attempts.length = 0;
    receiver.accepted.length = 0;
  });

  it('a receiver outage costs one attempt per back-off step; afterwards every event arrives once, in order, and the subscription stays active', async () => {
    const worker = createWebhookWorker({ db: h.db, serverSecret: signingSecret, policy: demoPolicy, settings, clock: workerClock, log: () => {} });
    const start = workerTime.now;
    // Down for 40 s of the worker's time (the 1st, 2nd and 3rd step fail), then up.
    const outageMs = 40_000;
    receiver.behave(() => (workerTime.now - start < outageMs ? 500 : 200));
    const { id, secret } = await subscribe(h, A, receiver.url);
    const first = await createOrder(h);
    await worker.runOnce();
    assert.equal(receiver.attempts.length, 1, 'the first event is tried at once');
    // Sixteen orders are made while the receiver is down, each changed twice.
    const orders = [first];
    for (let i = 0; i < 15; i++) orders.push(await createOrder(h));
    for (const order of orders) {
      assert.equal((await setStatus(h, order, 'inactive')).status, 200);
      assert.equal((await setStatus(h, order, 'open')).status, 200);
    }
    const expected = (await h.db.query('SELECT id FROM journal WHERE job_order_id IN (SELECT value FROM json_each(?)) ORDER BY id', [JSON.stringify(orders)])).map((r) => Number(r.id));
    assert.equal(expected.length, 48);
    // A round every second of the worker's time, through the outage and past the next step.
    const attemptsAt: number[] = [0];
    for (let second = 0; second <= 160; second++) {
      const before = receiver.attempts.length;
      await worker.runOnce();
      for (let n = before; n < receiver.attempts.length; n++) attemptsAt.push(workerTime.now - start);
      if (second === 20) {
        const paused = await subscription(h, id);
        assert.equal(paused.status, 'active');
        assert.equal(paused.consecutiveFailures, 2, 'two steps have failed, however many events wait');
        assert.equal(paused.pausedUntil, new Date(start + steps[0]! + steps[1]!).toISOString());
        assert.equal(paused.lastError, 'HTTP 500');
      }
      workerTime.now += 1_000;
    }
    const failed = receiver.attempts.length - receiver.accepted.length;
    assert.equal(failed, 3, `one attempt per step during the outage, at ${attemptsAt.slice(0, 4).join(', ')} ms`);
    // The steps: at once, 5 s later, 30 s after that; the fourth (2 min later) finds it up.
    assert.deepEqual(attemptsAt.slice(0, 4), [0, 5_000, 35_000, 155_000]);
    const delivered = await events(secret, receiver.accepted);
    assert.deepEqual(delivered.map((e) => e.data.id).sort((a, b) => a - b), expected, 'every event once');
    for (const order of orders) {
      const versions = delivered.filter((e) => e.data.orderId === order).map((e) => e.data.orderVersion);
      assert.deepEqual(versions, [1, 2, 3], `order ${order} in journal order`);
    }
    const healthy = await subscription(h, id);
    assert.equal(healthy.status, 'active');
    assert.equal(healthy.consecutiveFailures, 0);
    assert.equal(healthy.pausedUntil, null);
  });

  it('"failures in a row" counts steps: attempts in flight together when the receiver goes down count once', async () => {
    const worker = createWebhookWorker({ db: h.db, serverSecret: signingSecret, policy: demoPolicy, settings: { ...settings, maxConsecutiveFailures: 2 }, clock: workerClock, log: () => {} });
    receiver.behave(() => 503);
    const { id } = await subscribe(h, A, receiver.url);
    for (let i = 0; i < 6; i++) await createOrder(h);
    await worker.runOnce();
    assert.equal(receiver.attempts.length, 6, 'six orders\' first events were sent together');
    let sub = await subscription(h, id);
    assert.equal(sub.consecutiveFailures, 1);
    assert.equal(sub.status, 'active');
    workerTime.now += steps[0]!;
    await worker.runOnce();
    assert.equal(receiver.attempts.length, 7, 'the next step tries one');
    sub = await subscription(h, id);
    assert.equal(sub.status, 'disabled');
    assert.match(sub.disabledReason, /after 2 failed deliveries in a row.*HTTP 503/);
  });

  it('disabling keeps every undelivered event; enabling through the API pings the receiver and sends what waited, in order', async () => {
    const worker = createWebhookWorker({ db: h.db, serverSecret: signingSecret, policy: demoPolicy, settings: { ...settings, maxConsecutiveFailures: 2 }, clock: workerClock, log: () => {} });
    receiver.behave(() => 503);
    const { id, secret } = await subscribe(h, A, receiver.url);
    const order = await createOrder(h);
    await worker.runOnce();
    workerTime.now += steps[0]!;
    await worker.runOnce();
    assert.equal((await subscription(h, id)).status, 'disabled');
    // More happens while it is disabled.
    await setStatus(h, order, 'inactive');
    const other = await createOrder(h);
    workerTime.now += steps[1]!;
    await worker.runOnce();
    assert.equal(receiver.attempts.length, 2, 'a disabled subscription gets nothing');

    // Another tenant cannot enable it; a widget token may not.
    assert.equal((await h.request('POST', `/v1/webhook-subscriptions/${id}/enable`, { key: demoKeys.employerB })).status, 404);
    const token = (await h.request('POST', '/v1/sessions', { key: A, body: { contactPersonId: 1 } })).body.token as string;
    assert.equal((await h.request('POST', `/v1/webhook-subscriptions/${id}/enable`, { key: token })).status, 403);

    receiver.behave(() => 204);
    const enabled = await h.request('POST', `/v1/webhook-subscriptions/${id}/enable`, { key: A });
    assert.equal(enabled.status, 200, enabled.text);
    assert.equal(enabled.body.status, 'active');
    assert.equal(enabled.body.consecutiveFailures, 0);
    assert.equal(enabled.body.disabledReason, null);
    assert.deepEqual(enabled.body.ping, { delivered: true, status: 204, error: null });
    const ping = receiver.attempts.at(-1)!;
    const pingedAt = new Date(Number(ping.headers['webhook-timestamp']) * 1000);
    const pinged = (await verifyWebhook(secret, ping.headers, ping.body, { now: pingedAt })) as unknown as { type: string; data: { subscriptionId: number } };
    assert.equal(pinged.type, 'ping');
    assert.equal(pinged.data.subscriptionId, id);

    for (let i = 0; i < 5 && receiver.accepted.length < 4; i++) await worker.runOnce();
    const delivered = await events(secret, receiver.accepted.slice(1));
    const expected = (await h.db.query('SELECT id FROM journal WHERE job_order_id IN (?, ?) ORDER BY id', [order, other])).map((r) => Number(r.id));
    assert.deepEqual(delivered.map((e) => e.data.id).sort((a, b) => a - b), expected, 'the kept event and those made while disabled, once each');
    assert.deepEqual(delivered.filter((e) => e.data.orderId === order).map((e) => e.type), ['created', 'status_changed']);
  });

  it('a failed ping still enables, and says why', async () => {
    receiver.behave(() => 500);
    const { id } = await subscribe(h, A, receiver.url);
    await h.db.run("UPDATE webhook_subscriptions SET disabled_at = '2026-12-01T09:00:00.000Z', disabled_reason = 'x' WHERE id = ?", [id]);
    const enabled = await h.request('POST', `/v1/webhook-subscriptions/${id}/enable`, { key: A });
    assert.equal(enabled.status, 200);
    assert.equal(enabled.body.status, 'active');
    assert.deepEqual(enabled.body.ping, { delivered: false, status: 500, error: 'HTTP 500' });
  });
});

describe('a subscription answers to the key that made it', () => {
  let h: Harness;
  let receiver: WebhookReceiver;
  before(async () => {
    h = await startHarness({ webhookPolicy: demoPolicy });
    receiver = await startWebhookReceiver();
  });
  after(async () => {
    await receiver.close();
    await h.close();
  });

  it('revoking the key disables its subscriptions with that reason, not the company\'s others; the admin command enables and pings again', async () => {
    const worker = createWebhookWorker({ db: h.db, serverSecret: signingSecret, policy: demoPolicy, settings, clock: workerClock, log: () => {} });
    const key = (await runAdmin(['create-key', '--company', demoCompanies[0].cvr, '--label', 'HR system'], h.db)).split('\n')[0]!;
    const leaked = await subscribe(h, key, `${receiver.url}?leaked`);
    const kept = await subscribe(h, A, `${receiver.url}?kept`);
    assert.equal(await runAdmin(['revoke-key', key], h.db), 'Revoked.');
    const revoked = await subscription(h, leaked.id);
    assert.equal(revoked.status, 'disabled');
    assert.match(revoked.disabledReason, /API key that made it \("HR system"\) was revoked/);
    assert.equal((await subscription(h, kept.id)).status, 'active');

    await createOrder(h);
    for (let i = 0; i < 3; i++) await worker.runOnce();
    // One delivery, signed with the kept subscription's secret and not the revoked one's.
    assert.equal(receiver.attempts.length, 1);
    assert.equal((await events(kept.secret, receiver.accepted))[0]!.type, 'created');
    await assert.rejects(events(leaked.secret, receiver.accepted));

    const webhooks = () => ({ serverSecret: signingSecret, policy: demoPolicy });
    const out = await runAdmin(['enable-webhook', String(leaked.id)], h.db, new Date(), { webhooks });
    assert.match(out, new RegExp(`Enabled webhook subscription ${leaked.id} .*answered with HTTP 200`));
    assert.equal((await subscription(h, leaked.id)).status, 'active');
    const ping = receiver.accepted.at(-1)!;
    assert.equal(JSON.parse(ping.body).type, 'ping');
    await verifyWebhook(leaked.secret, ping.headers, ping.body);
    await assert.rejects(runAdmin(['enable-webhook', '999999'], h.db, new Date(), { webhooks }), /No webhook subscription 999999/);
  });
});

describe('servers with different signing secrets on one database', () => {
  let h: Harness;
  let receiver: WebhookReceiver;
  before(async () => {
    h = await startHarness({ webhookPolicy: demoPolicy });
    receiver = await startWebhookReceiver();
  });
  after(async () => {
    await receiver.close();
    await h.close();
  });

  it('the server that cannot open a secret leaves the rows, logs an error and reports it in /healthz; the one that can delivers them', async () => {
    const otherSecret = 'another-server-secret-another-server-1';
    const errors: string[] = [];
    const stranger = createWebhookWorker({ db: h.db, serverSecret: otherSecret, policy: demoPolicy, settings, clock: workerClock, log: () => {}, logError: (m) => errors.push(m) });
    const owner = createWebhookWorker({ db: h.db, serverSecret: signingSecret, policy: demoPolicy, settings, clock: workerClock, log: () => {} });
    const { id, secret } = await subscribe(h, A, receiver.url);
    const orders = [await createOrder(h), await createOrder(h)];
    for (let i = 0; i < 3; i++) {
      await stranger.runOnce();
      workerTime.now += steps[0]!;
    }
    assert.equal(receiver.attempts.length, 0, 'nothing is sent unsigned or wrongly signed');
    assert.deepEqual(stranger.unreadable(), [id]);
    assert.equal(errors.length, 1, 'the error is logged once');
    assert.match(errors[0]!, new RegExp(`subscription ${id}: .*another JOBAG_SIGNING_SECRET`));
    const sub = await subscription(h, id);
    assert.equal(sub.status, 'active');
    assert.equal(sub.consecutiveFailures, 0, 'not counted as the receiver\'s failure');

    const strangerApp = createApp({ db: h.db, clock: () => new Date(), signingSecret: otherSecret, corsOrigins: [], webhookPolicy: demoPolicy });
    const health = await (await strangerApp.request('/healthz')).json();
    assert.deepEqual(health.webhooks, { secrets: 'unreadable', unreadableSubscriptions: [id] });
    assert.deepEqual((await h.request('GET', '/healthz')).body.webhooks, { secrets: 'ok', unreadableSubscriptions: [] });

    await owner.runOnce();
    const delivered = await events(secret, receiver.accepted);
    assert.deepEqual(delivered.map((e) => e.data.orderId).sort(), [...orders].sort());
    assert.equal(receiver.attempts.length, 2);
  });
});
