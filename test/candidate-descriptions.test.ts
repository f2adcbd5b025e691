// A withdrawal (Fjernet) and an outcome (Udfald) name the candidate as the company may see them —
// the name, never an address — in the placement log, and so in the event stream and webhooks,
// which carry the same journal entry.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readJournalAfter } from '../server/db/journal.ts';
import { webhookPayload } from '../server/workers/webhooks/worker.ts';
import { addDays, todayInCopenhagen } from '../sdk/index.ts';
import { demoKeys, startHarness, type Harness } from './support/harness.ts';
import { validOrder } from './support/orders.ts';

const A = demoKeys.employerA;
const KK = demoKeys.jobcenter101;

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

const street = 'Nørrebrogade 101';
const withAddress = (name: string) => ({ name, birthYear: 1994, addressProtected: false, address: { street, postalCode: '2200', city: 'København N' }, cvSearchable: false, phone: '+45 31 22 44 55' });

describe('withdrawals and outcomes name the candidate', () => {
  it('in the log for the company and the placing jobcenter, and in the webhook payload; never the address', async () => {
    const order = (await h.request('POST', '/v1/job-orders', { key: A, body: validOrder() })).body.id as number;
    const place = async (name: string) => {
      const res = await h.request('POST', `/v1/job-orders/${order}/placements`, { key: KK, body: { candidate: withAddress(name), description: 'Kan starte straks.' } });
      assert.equal(res.status, 201, res.text);
      return res.body.id as number;
    };
    const amir = await place('Amir Haddad');
    const sofie = await place('Sofie Berg');
    const mira = await place('Mira Jensen');
    const withdraw = (id: number, body: unknown) => h.request('POST', `/v1/job-orders/${order}/placements/${id}/withdraw`, { key: KK, body });
    assert.equal((await withdraw(amir, { reason: 'Fik andet job.' })).status, 200);
    assert.equal((await withdraw(sofie, {})).status, 200);
    const hired = await h.request('POST', `/v1/job-orders/${order}/placements/${mira}/outcome`, { key: A, body: { outcome: 'hired', startDate: addDays(todayInCopenhagen(), 30) } });
    assert.equal(hired.status, 200, hired.text);

    const expected = [
      ['withdrawn', 'Amir Haddad: Fik andet job.'],
      ['withdrawn', 'Sofie Berg'],
      ['outcome', 'Mira Jensen'],
    ];
    for (const key of [A, KK]) {
      const log = await h.request('GET', `/v1/job-orders/${order}/log?limit=100`, { key });
      assert.equal(log.status, 200);
      const rows = log.body.items.filter((e: { action: string }) => e.action === 'withdrawn' || e.action === 'outcome').map((e: { action: string; description: string }) => [e.action, e.description]);
      assert.deepEqual(rows, expected, key);
      assert.ok(!JSON.stringify(log.body).includes(street), 'no address in the log');
    }
    const payloads = (await readJournalAfter(h.db, 0, 1000))
      .filter((r) => r.jobOrderId === order && (r.kind === 'withdrawn' || r.kind === 'outcome'))
      .map((r) => JSON.parse(webhookPayload(r)) as { type: string; data: { description: string } });
    assert.deepEqual(payloads.map((p) => [p.type, p.data.description]), expected);
    assert.ok(!JSON.stringify(payloads).includes(street), 'no address in a webhook');
  });
});
