// The one access policy (server/domain/access.ts), as a matrix: every order operation × every kind
// of caller. Another company's order is a 404 (R1.6); the company edits and changes status
// (R7, R4.2); only the responsible jobcenter appoints and writes notes (R1.5, R5.4); any signed-up
// jobcenter places (R1.4, R5.1) and withdraws only its own candidates; a jobcenter outside the
// scheme is refused everything (R1.3). A refused call writes nothing to the journal.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hashApiKey } from '../server/auth/index.ts';
import { startHarness, demoKeys, type Harness } from './support/harness.ts';
import { validOrder } from './support/orders.ts';

const callers = {
  company: demoKeys.employerA,
  otherCompany: demoKeys.employerB,
  responsibleJobcenter: demoKeys.jobcenter101,
  otherJobcenter: demoKeys.jobcenter751,
  notSignedUp: 'test_jobcenter_630_not_signed_up',
} as const;
type Caller = keyof typeof callers;

const candidate = { name: 'Lise Holm', birthYear: 1999, addressProtected: false, cvSearchable: false, email: 'lise@post.example' };

interface Fixture { orderId: number; placementId: number }
interface Operation {
  name: string;
  call: (f: Fixture) => { method: string; path: string; body?: unknown; headers?: Record<string, string> };
  expect: Record<Caller, number>;
}

// An API key must send If-Match on an edit or status change (428 without); `*` is any version.
const anyVersion = { 'if-match': '*' };

const operations: Operation[] = [
  { name: 'read the order', call: (f) => ({ method: 'GET', path: `/v1/job-orders/${f.orderId}` }),
    expect: { company: 200, otherCompany: 404, responsibleJobcenter: 200, otherJobcenter: 200, notSignedUp: 403 } },
  { name: 'edit (R7)', call: (f) => ({ method: 'PATCH', path: `/v1/job-orders/${f.orderId}`, body: { positions: 4 }, headers: anyVersion }),
    expect: { company: 200, otherCompany: 404, responsibleJobcenter: 403, otherJobcenter: 403, notSignedUp: 403 } },
  { name: 'change status (R4.2)', call: (f) => ({ method: 'POST', path: `/v1/job-orders/${f.orderId}/status`, body: { status: 'inactive' }, headers: anyVersion }),
    expect: { company: 200, otherCompany: 404, responsibleJobcenter: 403, otherJobcenter: 403, notSignedUp: 403 } },
  { name: 'appoint the tovholder (R1.5)', call: (f) => ({ method: 'PUT', path: `/v1/job-orders/${f.orderId}/coordinator`, body: { name: 'Lone Kristensen' } }),
    expect: { company: 403, otherCompany: 404, responsibleJobcenter: 200, otherJobcenter: 403, notSignedUp: 403 } },
  { name: 'write a note (R5.4)', call: (f) => ({ method: 'POST', path: `/v1/job-orders/${f.orderId}/notes`, body: { text: 'Vi ringer.' } }),
    expect: { company: 403, otherCompany: 404, responsibleJobcenter: 200, otherJobcenter: 403, notSignedUp: 403 } },
  { name: 'place a candidate (R5.1)', call: (f) => ({ method: 'POST', path: `/v1/job-orders/${f.orderId}/placements`, body: { candidate, description: 'Et match.' } }),
    expect: { company: 403, otherCompany: 404, responsibleJobcenter: 201, otherJobcenter: 201, notSignedUp: 403 } },
  // The fixture's candidate was placed by the other (non-responsible) jobcenter.
  { name: 'withdraw a candidate (R5.3)', call: (f) => ({ method: 'POST', path: `/v1/job-orders/${f.orderId}/placements/${f.placementId}/withdraw`, body: {} }),
    expect: { company: 403, otherCompany: 404, responsibleJobcenter: 404, otherJobcenter: 200, notSignedUp: 403 } },
  { name: 'read the placed candidate (R4.4, R8.4)', call: (f) => ({ method: 'GET', path: `/v1/job-orders/${f.orderId}/placements/${f.placementId}` }),
    expect: { company: 200, otherCompany: 404, responsibleJobcenter: 404, otherJobcenter: 200, notSignedUp: 403 } },
  { name: 'list the placed candidates', call: (f) => ({ method: 'GET', path: `/v1/job-orders/${f.orderId}/placements` }),
    expect: { company: 200, otherCompany: 404, responsibleJobcenter: 200, otherJobcenter: 200, notSignedUp: 403 } },
  { name: 'read the log (R4.3)', call: (f) => ({ method: 'GET', path: `/v1/job-orders/${f.orderId}/log` }),
    expect: { company: 200, otherCompany: 404, responsibleJobcenter: 200, otherJobcenter: 200, notSignedUp: 403 } },
];

let h: Harness;
before(async () => {
  h = await startHarness();
  await h.db.run('INSERT INTO api_keys (key_hash, label, jobcenter_id, created_at) VALUES (?, ?, ?, ?)', [hashApiKey(callers.notSignedUp), 'test', '630', h.now().toISOString()]);
});
after(() => h.close());

/** A fresh order of the company, responsible jobcenter 101, with one candidate placed by jobcenter 751. */
async function fixture(): Promise<Fixture> {
  const order = await h.request('POST', '/v1/job-orders', { key: callers.company, body: validOrder() });
  assert.equal(order.status, 201);
  const placed = await h.request('POST', `/v1/job-orders/${order.body.id}/placements`, { key: callers.otherJobcenter, body: { candidate, description: 'Fra Aarhus.' } });
  assert.equal(placed.status, 201);
  return { orderId: order.body.id, placementId: placed.body.id };
}

const journalSize = async () => Number((await h.db.query('SELECT COUNT(*) AS n FROM journal'))[0]!.n);

describe('the access policy: every operation × every caller', () => {
  for (const operation of operations) {
    it(operation.name, async () => {
      for (const [caller, expected] of Object.entries(operation.expect) as [Caller, number][]) {
        const f = await fixture();
        const before = await journalSize();
        const { method, path, body, headers } = operation.call(f);
        const res = await h.request(method, path, { key: callers[caller], body, headers });
        assert.equal(res.status, expected, `${caller}: ${res.text}`);
        if (expected >= 400) {
          assert.equal(await journalSize(), before, `${caller}: a refused call writes nothing`);
          // A 404 says nothing about the order: the same answer as for an id that does not exist.
          if (expected === 404) assert.doesNotMatch(res.text, /Nordlys|Køkkenmedhjælper|Lise/);
        }
      }
    });
  }
});
