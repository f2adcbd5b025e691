// Webhooks carrying outcomes, close reasons and copies, on real receivers on 127.0.0.1: an `outcome` goes to the company and to the
// jobcenter that placed the candidate — never to another jobcenter (R8.4, the access policy's
// placement audience); `status_changed` carries the close reason and `created` the copied order's
// id (copyOf), to every party that reads the order (R1.4). Each delivery is checked with the SDK's verifier.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, todayInCopenhagen, verifyWebhook, type WebhookEvent } from '../sdk/index.ts';
import { createWebhookWorker, type WebhookWorker } from '../server/workers/webhooks/worker.ts';
import { demoKeys, signingSecret, startHarness, type Harness } from './support/harness.ts';
import { validOrder } from './support/orders.ts';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.ts';

const A = demoKeys.employerA;
const KK = demoKeys.jobcenter101; // responsible for validOrder()
const AAR = demoKeys.jobcenter751;
const demoPolicy = { allowLoopback: true };
const events = ['created', 'status_changed', 'placement', 'outcome'];
const candidate = (name: string) => ({ name, birthYear: 1996, addressProtected: false, cvSearchable: false, email: 'kandidat@post.example', phone: '+45 26 55 77 88' });

/** The worker's clock: it moves only when the test moves it. */
const workerTime = { now: Date.now() };

describe('webhooks carry outcomes, close reasons and copies to the right parties only', () => {
  let h: Harness;
  let worker: WebhookWorker;
  const receivers: Record<'a' | 'kk' | 'aar', WebhookReceiver> = {} as never;
  const secrets: Record<'a' | 'kk' | 'aar', string> = {} as never;
  before(async () => {
    h = await startHarness({ now: new Date().toISOString(), webhookPolicy: demoPolicy });
    worker = createWebhookWorker({ db: h.db, serverSecret: signingSecret, policy: demoPolicy, settings: { pollMs: 20, attemptTimeoutMs: 400, backoffMs: [40, 80], jitter: 0 }, clock: () => new Date(workerTime.now), log: () => {} });
    for (const [name, key] of [['a', A], ['kk', KK], ['aar', AAR]] as const) {
      receivers[name] = await startWebhookReceiver(`/${name}`);
      const res = await h.request('POST', '/v1/webhook-subscriptions', { key, body: { url: receivers[name].url, events } });
      assert.equal(res.status, 201, res.text);
      secrets[name] = res.body.secret;
    }
  });
  after(async () => {
    for (const r of Object.values(receivers)) await r.close();
    await h.close();
  });

  /** The verified events a subscriber received, in journal order. */
  const received = async (name: 'a' | 'kk' | 'aar'): Promise<WebhookEvent[]> =>
    (await Promise.all(receivers[name].accepted.map((d) => verifyWebhook(secrets[name], d.headers, d.body)))).sort((x, y) => x.data.id - y.data.id);

  it('an outcome reaches the company and the placing jobcenter, not the other jobcenter; closeReason in status_changed; copyOf in created', async () => {
    const order = (await h.request('POST', '/v1/job-orders', { key: A, body: validOrder() })).body.id as number;
    const ours = (await h.request('POST', `/v1/job-orders/${order}/placements`, { key: KK, body: { candidate: candidate('Mira Jensen'), description: 'Fra København.' } })).body.id as number;
    const theirs = (await h.request('POST', `/v1/job-orders/${order}/placements`, { key: AAR, body: { candidate: candidate('Jonas Berg'), description: 'Fra Aarhus.' } })).body.id as number;
    const startDate = addDays(todayInCopenhagen(), 14);
    const hired = await h.request('POST', `/v1/job-orders/${order}/placements/${ours}/outcome`, { key: A, body: { outcome: 'hired', startDate } });
    assert.equal(hired.status, 200, hired.text);
    const notSuitable = await h.request('POST', `/v1/job-orders/${order}/placements/${theirs}/outcome`, { key: A, body: { outcome: 'not_suitable', reason: 'language' } });
    assert.equal(notSuitable.status, 200, notSuitable.text);
    const closed = await h.request('POST', `/v1/job-orders/${order}/status`, { key: A, body: { status: 'closed', closeReason: 'no_longer_needed' }, headers: { 'if-match': '*' } });
    assert.equal(closed.status, 200, closed.text);
    const copy = await h.request('POST', '/v1/job-orders', { key: A, body: { copyOf: order } });
    assert.equal(copy.status, 201, copy.text);

    // The company: 2 created, 2 placements, 2 outcomes, 1 status change; each jobcenter: its own placement and outcome only.
    const deadline = Date.now() + 8_000;
    const counts = () => [receivers.a.accepted.length >= 7, receivers.kk.accepted.length >= 5, receivers.aar.accepted.length >= 5];
    while (!counts().every(Boolean)) {
      if (Date.now() > deadline) assert.fail(`the deliveries did not arrive in time: ${JSON.stringify(Object.fromEntries(Object.entries(receivers).map(([k, r]) => [k, r.accepted.length])))}`);
      await worker.runOnce();
      // The next round past any back-off, without waiting for it.
      workerTime.now += 100;
    }
    await worker.runOnce(); // nothing more comes

    const summary = (list: WebhookEvent[]) =>
      list.map((e) => {
        const d = e.data;
        if (e.type === 'outcome') return `outcome:${d.placementId}:${d.outcome?.outcome}`;
        if (e.type === 'placement') return `placement:${d.placementId}`;
        if (e.type === 'status_changed') return `status_changed:${d.status}:${d.closeReason}`;
        return `created:${d.orderId}:${d.copyOf ?? '-'}`;
      });
    const copyId = copy.body.id as number;
    assert.deepEqual(summary(await received('a')), [
      `created:${order}:-`,
      `placement:${ours}`,
      `placement:${theirs}`,
      `outcome:${ours}:hired`,
      `outcome:${theirs}:not_suitable`,
      'status_changed:closed:no_longer_needed',
      `created:${copyId}:${order}`,
    ]);
    assert.deepEqual(
      summary(await received('kk')),
      [`created:${order}:-`, `placement:${ours}`, `outcome:${ours}:hired`, 'status_changed:closed:no_longer_needed', `created:${copyId}:${order}`],
      'København: its own candidate\'s outcome, not Aarhus\'s',
    );
    assert.deepEqual(
      summary(await received('aar')),
      [`created:${order}:-`, `placement:${theirs}`, `outcome:${theirs}:not_suitable`, 'status_changed:closed:no_longer_needed', `created:${copyId}:${order}`],
      'Aarhus: its own candidate\'s outcome, not København\'s',
    );
    // The outcome's facts as the log shows them: Ansat with its start date.
    const outcome = (await received('kk')).find((e) => e.type === 'outcome')!;
    assert.deepEqual({ ...outcome.data.outcome }, { outcome: 'hired', startDate, reason: null });
    assert.ok(!receivers.aar.attempts.some((d) => d.body.includes('Mira Jensen')), 'København\'s candidate never reaches Aarhus');
    assert.ok(!receivers.kk.attempts.some((d) => d.body.includes('Jonas Berg')), 'Aarhus\'s candidate never reaches København');
  });
});
