// Outcomes and close reasons over real HTTP: what became of each placed candidate
// (Ansat, Til samtale, Ikke relevant, Mødte ikke op), recorded by the company that owns the order
// only; its journal entry seen by the company and the jobcenter that placed the candidate, never
// by another jobcenter (R8.4) — in the log and on /v1/events alike; why an order was closed; and
// a jobcenter's own numbers on a known data set.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hashApiKey } from '../server/auth/index.ts';
import { demoKeys, startHarness, type Harness } from './support/harness.ts';
import { startRealHttp, type RealHttp } from './support/real-http.ts';
import { validOrder, validOrderB } from './support/orders.ts';

const A = demoKeys.employerA;
const B = demoKeys.employerB;
const KK = demoKeys.jobcenter101; // responsible for validOrder()
const AAR = demoKeys.jobcenter751;
const VEJLE = 'test_jobcenter_630_not_signed_up';
const anyVersion = { 'if-match': '*' };

const candidate = (name: string) => ({ candidate: { name, birthYear: 1990, addressProtected: false, cvSearchable: false, email: 'k@post.example' }, description: `${name} kan starte straks.` });

let h: Harness;
let http: RealHttp;
let order1: number; // positions 2: KK places p1 and p2, AAR places p3
let order2: number; // positions 1: KK places p4; AAR places p5 and withdraws it
let p1: number, p2: number, p3: number, p4: number, p5: number;

before(async () => {
  h = await startHarness({ now: '2026-11-27T09:00:00Z' });
  await h.db.run('INSERT INTO api_keys (key_hash, label, jobcenter_id, created_at) VALUES (?, ?, ?, ?)', [hashApiKey(VEJLE), 'test', '630', h.now().toISOString()]);
  http = await startRealHttp(h);
  order1 = (await http.request('POST', '/v1/job-orders', { key: A, body: validOrder({ positions: 2 }) })).body.id;
  order2 = (await http.request('POST', '/v1/job-orders', { key: A, body: validOrder({ positions: 1 }) })).body.id;
  const place = async (key: string, order: number, name: string) => {
    const res = await http.request('POST', `/v1/job-orders/${order}/placements`, { key, body: candidate(name) });
    assert.equal(res.status, 201, res.text);
    return res.body.id as number;
  };
  h.setNow('2026-11-29T15:00:00Z'); // two days and six hours after the orders
  p1 = await place(KK, order1, 'Anna Berg');
  p2 = await place(KK, order1, 'Bo Dahl');
  p3 = await place(AAR, order1, 'Cille Eg');
  h.setNow('2026-12-02T10:00:00Z'); // five days and one hour after
  p4 = await place(KK, order2, 'Dan Friis');
  p5 = await place(AAR, order2, 'Eva Gram');
  assert.equal((await http.request('POST', `/v1/job-orders/${order2}/placements/${p5}/withdraw`, { key: AAR, body: {} })).status, 200);
});
after(async () => {
  await http.close();
  await h.close();
});

const outcomeUrl = (order: number, placement: number) => `/v1/job-orders/${order}/placements/${placement}/outcome`;

describe('outcomes of placed candidates', () => {
  it('the company records each outcome; the placement carries it; a later one replaces the earlier', async () => {
    const hired = await http.request('POST', outcomeUrl(order1, p1), { key: A, body: { outcome: 'hired', startDate: '2026-12-07' } });
    assert.equal(hired.status, 200, hired.text);
    assert.deepEqual({ ...hired.body.outcome, at: undefined }, { outcome: 'hired', startDate: '2026-12-07', reason: null, at: undefined });
    const notSuitable = await http.request('POST', outcomeUrl(order1, p2), { key: A, body: { outcome: 'not_suitable', reason: 'language' } });
    assert.equal(notSuitable.status, 200, notSuitable.text);
    assert.equal(notSuitable.body.outcome.reason, 'language');
    const interviewed = await http.request('POST', outcomeUrl(order1, p3), { key: A, body: { outcome: 'interviewed' } });
    assert.equal(interviewed.body.outcome.outcome, 'interviewed');
    const noShow = await http.request('POST', outcomeUrl(order2, p4), { key: A, body: { outcome: 'no_show', startDate: null, reason: null } });
    assert.equal(noShow.body.outcome.outcome, 'no_show');
    // Later the candidate did turn up and was hired: the outcome is replaced.
    const later = await http.request('POST', outcomeUrl(order2, p4), { key: A, body: { outcome: 'hired', startDate: '2027-01-04' } });
    assert.equal(later.body.outcome.outcome, 'hired');
    const list = await http.request('GET', `/v1/job-orders/${order1}/placements`, { key: A });
    assert.deepEqual(list.body.items.map((p: any) => p.outcome?.outcome ?? null), ['hired', 'not_suitable', 'interviewed']);
  });

  it('the placing jobcenter sees its candidates\' outcomes, and only those (R8.4)', async () => {
    const kk = await http.request('GET', `/v1/job-orders/${order1}/placements`, { key: KK });
    assert.deepEqual(kk.body.items.map((p: any) => [p.id, p.outcome.outcome]), [[p1, 'hired'], [p2, 'not_suitable']]);
    const aar = await http.request('GET', `/v1/job-orders/${order1}/placements/${p3}`, { key: AAR });
    assert.equal(aar.body.outcome.outcome, 'interviewed');
    assert.equal((await http.request('GET', `/v1/job-orders/${order1}/placements/${p1}`, { key: AAR })).status, 404);
  });

  it('the fields must fit the outcome: 422 naming each field and its rule, all at once', async () => {
    const cases: [unknown, [string, string][]][] = [
      [{ outcome: 'hired' }, [['startDate', 'required']]],
      [{ outcome: 'hired', startDate: null }, [['startDate', 'required']]],
      [{ outcome: 'interviewed', startDate: '2026-12-07' }, [['startDate', 'not_applicable']]],
      [{ outcome: 'hired', startDate: '2026-12-07', reason: 'language' }, [['reason', 'not_applicable']]],
      [{ outcome: 'no_show', startDate: '2026-12-07', reason: 'other' }, [['startDate', 'not_applicable'], ['reason', 'not_applicable']]],
      [{ outcome: 'not_suitable', reason: 'too_tall' }, [['reason', 'enum']]],
      [{ outcome: 'promoted' }, [['outcome', 'enum']]],
      [{ outcome: 'hired', startDate: '2026-02-30' }, [['startDate', 'format']]],
      [{ outcome: 'interviewed', grade: 5 }, [['grade', 'unknown_field']]],
      [{}, [['outcome', 'required']]],
    ];
    for (const [body, expected] of cases) {
      const res = await http.request('POST', outcomeUrl(order1, p3), { key: A, body });
      assert.equal(res.status, 422, `${JSON.stringify(body)}: ${res.text}`);
      assert.deepEqual(res.body.errors.map((e: any) => [e.path, e.code]), expected, JSON.stringify(body));
    }
    // Nothing was changed by the refusals.
    assert.equal((await http.request('GET', `/v1/job-orders/${order1}/placements/${p3}`, { key: A })).body.outcome.outcome, 'interviewed');
  });

  it('only the company that owns the order records it: a jobcenter 403, another company 404, a jobcenter outside the scheme 403', async () => {
    const placing = await http.request('POST', outcomeUrl(order1, p1), { key: KK, body: { outcome: 'no_show' } });
    assert.equal(placing.status, 403);
    assert.equal(placing.body.errors[0].code, 'not_employer');
    assert.equal((await http.request('POST', outcomeUrl(order1, p3), { key: AAR, body: { outcome: 'no_show' } })).status, 403);
    const other = await http.request('POST', outcomeUrl(order1, p1), { key: B, body: { outcome: 'no_show' } });
    assert.equal(other.status, 404);
    assert.doesNotMatch(other.text, /Anna Berg|Nordlys/);
    assert.equal((await http.request('POST', outcomeUrl(order1, p1), { key: VEJLE, body: { outcome: 'no_show' } })).status, 403);
    // A placement of another order, under this order's id: not found.
    const wrongOrder = await http.request('POST', outcomeUrl(order1, p4), { key: A, body: { outcome: 'no_show' } });
    assert.equal(wrongOrder.status, 404);
    assert.equal(wrongOrder.body.errors[0].path, 'placementId');
  });

  it('a withdrawn candidate has no outcome: 409 naming the placement', async () => {
    const res = await http.request('POST', outcomeUrl(order2, p5), { key: A, body: { outcome: 'interviewed' } });
    assert.equal(res.status, 409);
    assert.equal(res.body.type, '/problems/already-withdrawn');
    assert.deepEqual(res.body.errors.map((e: any) => [e.path, e.code]), [['placementId', 'already_withdrawn']]);
  });

  it('the outcome is logged for the company and the placing jobcenter, never another jobcenter; the log and /v1/events agree', async () => {
    const outcomesIn = (items: any[]) => items.filter((e) => e.action === 'outcome').map((e) => [e.placementId, e.outcome.outcome, e.outcome.startDate, e.outcome.reason]);
    const logOf = async (key: string) => (await http.request('GET', `/v1/job-orders/${order1}/log`, { key })).body.items as any[];
    const company = await logOf(A);
    assert.deepEqual(outcomesIn(company), [[p1, 'hired', '2026-12-07', null], [p2, 'not_suitable', null, 'language'], [p3, 'interviewed', null, null]]);
    assert.ok(company.filter((e) => e.action === 'outcome').every((e) => e.actor.kind === 'company' && e.actor.name === 'Nordlys Køkken ApS'));
    const kk = await logOf(KK);
    assert.deepEqual(outcomesIn(kk), [[p1, 'hired', '2026-12-07', null], [p2, 'not_suitable', null, 'language']]);
    const aar = await logOf(AAR);
    assert.deepEqual(outcomesIn(aar), [[p3, 'interviewed', null, null]]);
    for (const [key, log] of [[A, company], [KK, kk], [AAR, aar]] as const) {
      const events = await http.events(`/v1/events?orderId=${order1}`, key, log.length);
      assert.deepEqual(events, log, `the stream of ${key} is its log`);
    }
  });

  it('sending the outcome a candidate already has changes nothing: no second log line, the order\'s version stays', async () => {
    const before = (await http.request('GET', `/v1/job-orders/${order1}/log`, { key: A })).body.items.length;
    const version = (await http.request('GET', `/v1/job-orders/${order1}`, { key: A })).body.version;
    const again = await http.request('POST', outcomeUrl(order1, p1), { key: A, body: { outcome: 'hired', startDate: '2026-12-07' } });
    assert.equal(again.status, 200);
    assert.equal((await http.request('GET', `/v1/job-orders/${order1}/log`, { key: A })).body.items.length, before);
    assert.equal((await http.request('GET', `/v1/job-orders/${order1}`, { key: A })).body.version, version);
  });
});

describe('close reasons', () => {
  let order: number;
  before(async () => {
    order = (await http.request('POST', '/v1/job-orders', { key: A, body: validOrder() })).body.id;
  });
  const status = (body: unknown, key: string = A) => http.request('POST', `/v1/job-orders/${order}/status`, { key, body, headers: anyVersion });

  it('a close reason that does not fit is a 422 naming the field; nothing changes', async () => {
    const cases: [unknown, [string, string][]][] = [
      [{ status: 'closed', closeReason: 'other' }, [['note', 'required']]],
      [{ status: 'closed', closeReason: 'other', note: '   ' }, [['note', 'required']]],
      [{ status: 'inactive', closeReason: 'no_longer_needed' }, [['closeReason', 'not_applicable']]],
      [{ status: 'closed', closeReason: 'budget' }, [['closeReason', 'enum']]],
    ];
    for (const [body, expected] of cases) {
      const res = await status(body);
      assert.equal(res.status, 422, `${JSON.stringify(body)}: ${res.text}`);
      assert.deepEqual(res.body.errors.map((e: any) => [e.path, e.code]), expected);
    }
    assert.equal((await http.request('GET', `/v1/job-orders/${order}`, { key: A })).body.status, 'open');
  });

  it('closing with a reason: the order and its Ændret line carry it, seen by every jobcenter of the scheme; reopening clears it', async () => {
    const closed = await status({ status: 'closed', closeReason: 'filled_by_placement' });
    assert.equal(closed.status, 200, closed.text);
    assert.equal(closed.body.closeReason, 'filled_by_placement');
    for (const key of [A, KK, AAR]) {
      const log = (await http.request('GET', `/v1/job-orders/${order}/log`, { key })).body.items;
      const line = log.at(-1);
      assert.deepEqual([line.action, line.status, line.closeReason], ['changed', 'closed', 'filled_by_placement'], key);
      assert.equal((await http.request('GET', `/v1/job-orders/${order}`, { key })).body.closeReason, 'filled_by_placement');
    }
    // Another reason while closed is a change of its own; the same one again is none.
    const other = await status({ status: 'closed', closeReason: 'other', note: 'Stillingen er nedlagt ved en omorganisering.' });
    assert.equal(other.body.closeReason, 'other');
    const otherwise = await status({ status: 'closed', closeReason: 'filled_otherwise' });
    assert.equal(otherwise.body.version, other.body.version + 1);
    assert.equal((await status({ status: 'closed', closeReason: 'filled_otherwise' })).body.version, otherwise.body.version);
    assert.equal((await status({ status: 'closed' })).body.closeReason, 'filled_otherwise', 'closed again without a reason keeps the one given');
    const reopened = await status({ status: 'open' });
    assert.equal(reopened.body.closeReason, null);
    assert.equal((await http.request('GET', `/v1/job-orders/${order}/log`, { key: A })).body.items.at(-1).closeReason, null);
  });

  it('an older client closes without a reason (it stays null); a jobcenter may not close at all', async () => {
    const closed = await status({ status: 'closed', note: 'Lukket fra HR-systemet.' });
    assert.equal(closed.status, 200);
    assert.equal(closed.body.closeReason, null);
    assert.equal((await status({ status: 'open' }, KK)).status, 403);
    assert.equal((await http.request('POST', `/v1/job-orders/${order}/status`, { key: B, body: { status: 'closed', closeReason: 'filled_otherwise' }, headers: anyVersion })).status, 404);
  });
});

describe('a jobcenter\'s placement statistics', () => {
  it('counts only its own placements, per order and in total, on a known data set', async () => {
    const kk = await http.request('GET', '/v1/placement-stats', { key: KK });
    assert.equal(kk.status, 200, kk.text);
    const rows = (body: any) => body.items.map((i: any) => [i.orderId, i.positions, i.placements, i.hires, i.daysToFirstPlacement, i.fillRatePercent]);
    // order2: p4 hired after five days (1 of 1 position); order1: p1 hired, p2 not suitable, after two days (1 of 2).
    assert.deepEqual(rows(kk.body), [[order2, 1, 1, 1, 5, 100], [order1, 2, 2, 1, 2, 50]]);
    assert.deepEqual(kk.body.totals, { orders: 2, positions: 3, placements: 3, hires: 2, averageDaysToFirstPlacement: 4, fillRatePercent: 67 });
    assert.deepEqual(kk.body.jobcenter, { id: '101', name: 'Jobcenter København' });
    // Aarhus: p3 (interviewed) on order1; its withdrawn p5 on order2 does not count.
    const aar = await http.request('GET', '/v1/placement-stats', { key: AAR });
    assert.deepEqual(rows(aar.body), [[order1, 2, 1, 0, 2, 0]]);
    assert.deepEqual(aar.body.totals, { orders: 1, positions: 2, placements: 1, hires: 0, averageDaysToFirstPlacement: 2, fillRatePercent: 0 });
    assert.doesNotMatch(aar.text, /Anna Berg|Dan Friis/);
  });

  it('pages by order, newest first; totals cover every page', async () => {
    const first = await http.request('GET', '/v1/placement-stats?limit=1', { key: KK });
    assert.deepEqual(first.body.items.map((i: any) => i.orderId), [order2]);
    assert.equal(first.body.totals.orders, 2);
    const second = await http.request('GET', `/v1/placement-stats?limit=1&cursor=${first.body.nextCursor}`, { key: KK });
    assert.deepEqual(second.body.items.map((i: any) => i.orderId), [order1]);
    assert.equal(second.body.nextCursor, null);
    const foreign = await http.request('GET', `/v1/placement-stats?cursor=${Buffer.from(JSON.stringify(['log', 'id', 'asc', 1, 1])).toString('base64url')}`, { key: KK });
    assert.equal(foreign.status, 400);
    assert.equal(foreign.body.errors[0].path, 'cursor');
  });

  it('a company is the wrong side (403); a jobcenter outside the scheme 403; a jobcenter with no placements sees zeros', async () => {
    assert.equal((await http.request('GET', '/v1/placement-stats', { key: A })).status, 403);
    assert.equal((await http.request('GET', '/v1/placement-stats', { key: VEJLE })).status, 403);
    const orderB = (await http.request('POST', '/v1/job-orders', { key: B, body: validOrderB() })).body.id;
    assert.ok(orderB);
    // Aarhus placed nothing on company B's order; its numbers stay as they were.
    assert.equal((await http.request('GET', '/v1/placement-stats', { key: AAR })).body.totals.orders, 1);
  });
});
