// An order's and a placement's `actions` are what the server will accept from that caller now:
// for every caller, state and action, the action is tried for real on a fresh order, and it
// succeeds exactly when it was offered.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hashApiKey } from '../server/auth/index.ts';
import { orderCapabilities } from '../server/contract/job-orders.ts';
import { placementCapabilities } from '../server/contract/placements.ts';
import { startHarness, demoKeys, type Harness } from './support/harness.ts';
import { validOrder } from './support/orders.ts';

const A: string = demoKeys.employerA;
const KK: string = demoKeys.jobcenter101; // responsible for validOrder()
const VEJLE = 'test_jobcenter_630_not_signed_up';
const anyVersion = { 'if-match': '*' };
const candidate = { name: 'Lise Holm', birthYear: 1999, addressProtected: false, cvSearchable: false, email: 'lise@post.example' };

let h: Harness;
const callers: [string, string][] = [];
before(async () => {
  h = await startHarness();
  await h.db.run('INSERT INTO api_keys (key_hash, label, jobcenter_id, created_at) VALUES (?, ?, ?, ?)', [hashApiKey(VEJLE), 'test', '630', h.now().toISOString()]);
  const token = async (key: string, body: unknown) => {
    const res = await h.request('POST', '/v1/sessions', { key, body });
    assert.equal(res.status, 201, res.text);
    return res.body.token as string;
  };
  callers.push(
    ['company (API key)', A],
    ['company (widget token)', await token(A, { contactPersonId: 1 })],
    ['another company', demoKeys.employerB],
    ['responsible jobcenter (API key)', KK],
    ['responsible jobcenter (widget token)', await token(KK, { caseworker: { name: 'Lone Kristensen' } })],
    ['another jobcenter', demoKeys.jobcenter751],
    ['jobcenter not signed up', VEJLE],
  );
});
after(() => h.close());

type State = 'open' | 'inactive' | 'closed' | 'open at its maximum';
const states: State[] = ['open', 'inactive', 'closed', 'open at its maximum'];

/** A fresh order in the state, with one candidate placed by the responsible jobcenter (withdrawn when asked). */
async function freshOrder(state: State, options: { withdrawn?: boolean } = {}): Promise<{ id: number; placementId: number }> {
  const created = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder({ maxCandidates: state === 'open at its maximum' ? 1 : 5 }) });
  assert.equal(created.status, 201, created.text);
  const id = created.body.id as number;
  const placed = await h.request('POST', `/v1/job-orders/${id}/placements`, { key: KK, body: { candidate, description: 'Kan starte mandag.' } });
  assert.equal(placed.status, 201, placed.text);
  const placementId = placed.body.id as number;
  if (options.withdrawn) assert.equal((await h.request('POST', `/v1/job-orders/${id}/placements/${placementId}/withdraw`, { key: KK, body: {} })).status, 200);
  if (state === 'inactive' || state === 'closed') {
    const res = await h.request('POST', `/v1/job-orders/${id}/status`, { key: A, headers: anyVersion, body: { status: state } });
    assert.equal(res.status, 200, res.text);
  }
  return { id, placementId };
}

/** Each action, tried for real; the answer's status says whether the server accepted it. */
const tryOrderAction: Record<(typeof orderCapabilities)[number], (key: string, id: number, state: State) => Promise<number>> = {
  edit: async (key, id) => (await h.request('PATCH', `/v1/job-orders/${id}`, { key, headers: anyVersion, body: { positions: 3 } })).status,
  changeStatus: async (key, id, state) =>
    (await h.request('POST', `/v1/job-orders/${id}/status`, { key, headers: anyVersion, body: { status: state === 'inactive' || state === 'closed' ? 'open' : 'inactive' } })).status,
  copy: async (key, id) => (await h.request('POST', '/v1/job-orders', { key, body: { copyOf: id } })).status,
  appointCoordinator: async (key, id) => (await h.request('PUT', `/v1/job-orders/${id}/coordinator`, { key, headers: anyVersion, body: { name: 'Ida Holm' } })).status,
  note: async (key, id) => (await h.request('POST', `/v1/job-orders/${id}/notes`, { key, headers: anyVersion, body: { text: 'Vi ringer i morgen.' } })).status,
  place: async (key, id) => (await h.request('POST', `/v1/job-orders/${id}/placements`, { key, body: { candidate, description: 'Også god.' } })).status,
};

const tryPlacementAction: Record<(typeof placementCapabilities)[number], (key: string, id: number, placementId: number) => Promise<number>> = {
  withdraw: async (key, id, placementId) => (await h.request('POST', `/v1/job-orders/${id}/placements/${placementId}/withdraw`, { key, body: { reason: 'Fik andet job.' } })).status,
  recordOutcome: async (key, id, placementId) =>
    (await h.request('POST', `/v1/job-orders/${id}/placements/${placementId}/outcome`, { key, body: { outcome: 'interviewed' } })).status,
};

/** The order's actions as the caller reads them; none when it may not read the order. */
async function offeredOn(key: string, id: number): Promise<string[]> {
  const res = await h.request('GET', `/v1/job-orders/${id}`, { key });
  return res.status === 200 ? res.body.actions : [];
}

const accepted = (status: number) => status >= 200 && status < 300;

describe('actions: offered exactly when the server accepts them', () => {
  it('on an order, for every caller × action × status', async () => {
    const mismatches: string[] = [];
    let tried = 0;
    for (const [who, key] of callers) {
      for (const state of states) {
        for (const action of orderCapabilities) {
          const { id } = await freshOrder(state);
          const offered = (await offeredOn(key, id)).includes(action);
          const status = await tryOrderAction[action](key, id, state);
          tried++;
          if (offered !== accepted(status)) mismatches.push(`${who}, ${state}, ${action}: offered ${offered}, answered ${status}`);
        }
      }
    }
    assert.equal(tried, callers.length * states.length * orderCapabilities.length);
    assert.deepEqual(mismatches, []);
  });

  it('on a placed candidate, placed or withdrawn, for every caller × action × status', async () => {
    const mismatches: string[] = [];
    let tried = 0;
    for (const [who, key] of callers) {
      for (const state of states) {
        for (const withdrawn of [false, true]) {
          const { id, placementId } = await freshOrder(state, { withdrawn });
          const res = await h.request('GET', `/v1/job-orders/${id}/placements/${placementId}`, { key });
          const offered: string[] = res.status === 200 ? res.body.actions : [];
          // The outcome first: recording one leaves the candidate placed, so the withdrawal that follows meets the same state.
          for (const action of ['recordOutcome', 'withdraw'] as const) {
            const status = await tryPlacementAction[action](key, id, placementId);
            tried++;
            if (offered.includes(action) !== accepted(status)) mismatches.push(`${who}, ${state}${withdrawn ? ', withdrawn' : ''}, ${action}: offered ${offered.includes(action)}, answered ${status}`);
          }
        }
      }
    }
    assert.equal(tried, callers.length * states.length * 2 * placementCapabilities.length);
    assert.deepEqual(mismatches, []);
  });

  it('the list, the create answer and each change answer carry the same actions as a read', async () => {
    const created = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder() });
    assert.deepEqual(created.body.actions, await offeredOn(A, created.body.id));
    const edited = await h.request('PATCH', `/v1/job-orders/${created.body.id}`, { key: A, headers: anyVersion, body: { positions: 2 } });
    assert.deepEqual(edited.body.actions, await offeredOn(A, created.body.id));
    const closed = await h.request('POST', `/v1/job-orders/${created.body.id}/status`, { key: A, headers: anyVersion, body: { status: 'closed' } });
    assert.deepEqual(closed.body.actions, await offeredOn(A, created.body.id));
    const noted = await h.request('POST', `/v1/job-orders/${created.body.id}/notes`, { key: KK, headers: anyVersion, body: { text: 'Tak.' } });
    assert.deepEqual(noted.body.actions, await offeredOn(KK, created.body.id));
    for (const [who, key] of callers) {
      const list = await h.request('GET', '/v1/job-orders?limit=100', { key });
      if (list.status !== 200) continue;
      for (const item of list.body.items.slice(0, 5)) assert.deepEqual(item.actions, await offeredOn(key, item.id), `${who}, order ${item.id}`);
    }
    // A closed order takes no candidates, so the responsible jobcenter is not offered to place one.
    assert.deepEqual(await offeredOn(KK, created.body.id), ['copy', 'appointCoordinator', 'note']);
  });
});
