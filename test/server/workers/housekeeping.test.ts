// Stored Idempotency-Key answers are kept a week, then purged (server/workers/housekeeping.ts): a retry
// within the week replays, one after the purge is a new request, and the purge goes by age only.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHousekeeping, idempotencyRetentionMs } from '../../../server/workers/housekeeping.ts';
import { demoKeys, startHarness, type Harness } from '../../support/harness.ts';
import { validOrder } from '../../support/orders.ts';
import { waitFor } from '../../support/server-process.ts';

const A = demoKeys.employerA;
const day = 24 * 60 * 60 * 1000;

describe('housekeeping: Idempotency-Key answers expire after the retention', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  const create = (key: string) => h.request('POST', '/v1/job-orders', { key: A, body: validOrder(), headers: { 'idempotency-key': key } });
  const storedKeys = async () => (await h.db.query<{ key: string }>('SELECT key FROM idempotency_keys ORDER BY key')).map((row) => row.key);
  const housekeeping = () => createHousekeeping({ db: h.db, clock: () => h.now(), batchSize: 2 });

  it('keeps a key younger than the retention, so its retry still replays (≥ 24 h promised)', async () => {
    const first = await create('young');
    h.setNow(new Date(h.now().getTime() + idempotencyRetentionMs - day).toISOString());
    assert.deepEqual(await housekeeping().runOnce(), { idempotencyKeys: 0 });
    const again = await create('young');
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(again.body.id, first.body.id);
  });

  it('purges keys older than the retention in batches, and a retry after that is a new request', async () => {
    const start = h.now().getTime();
    for (const key of ['old-1', 'old-2', 'old-3', 'old-4', 'old-5']) await create(key);
    h.setNow(new Date(start + 2 * day).toISOString());
    await create('recent');
    h.setNow(new Date(start + idempotencyRetentionMs + day).toISOString());
    // Five old keys (and the one from the test before) go in batches of two; the recent one stays.
    assert.deepEqual(await housekeeping().runOnce(), { idempotencyKeys: 6 });
    assert.deepEqual(await storedKeys(), ['recent']);
    const retried = await create('old-1');
    assert.equal(retried.status, 201);
    assert.notEqual(retried.headers.get('idempotent-replayed'), 'true');
  });

  it('runs on the polling loop: start() purges at once, stop() ends it', async () => {
    const start = h.now().getTime();
    await create('looped');
    h.setNow(new Date(start + idempotencyRetentionMs + day).toISOString());
    const loop = createHousekeeping({ db: h.db, clock: () => h.now(), everyMs: 60 * 60 * 1000 });
    loop.start();
    try {
      await waitFor('the first round of the loop', async () => ((await storedKeys()).includes('looped') ? undefined : true));
    } finally {
      await loop.stop();
    }
  });

  it('the purge finds old keys through an index, not by reading the whole table', async () => {
    const plan = await h.db.query<{ detail: string }>(
      'EXPLAIN QUERY PLAN SELECT rowid FROM idempotency_keys WHERE created_at < ? ORDER BY created_at LIMIT 10',
      ['2026-01-01'],
    );
    assert.ok(plan.some((step) => /USING (COVERING )?INDEX idempotency_keys_created/.test(step.detail)), JSON.stringify(plan));
  });
});
