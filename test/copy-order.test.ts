// Kopiér jobordre over real HTTP: POST /v1/job-orders with `copyOf` makes a new order
// from one the caller may read — its fields, not its status, candidates, tovholder, notes or log;
// the body's fields win; dates that would be in the past are cleared and then R2.4's rules apply
// (a missing start date becomes today, R2.4.2); the responsible jobcenter must still be signed up
// (R1.3); and the copy's created line names the source.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hashApiKey } from '../server/auth/index.ts';
import { demoKeys, startHarness, type Harness } from './support/harness.ts';
import { startRealHttp, type RealHttp } from './support/real-http.ts';
import { validOrder } from './support/orders.ts';

const A = demoKeys.employerA;
const B = demoKeys.employerB;
const KK = demoKeys.jobcenter101;
const AAR = demoKeys.jobcenter751;
const VEJLE = 'test_jobcenter_630_not_signed_up';

let h: Harness;
let http: RealHttp;
let source: any; // created 2026-11-27 with start 2026-11-30 and deadline 2026-11-29; copied from 2026-12-10
let futureSource: any;

/** The fields a copy keeps: everything the company typed about the job. */
const kept = (o: any) => ({
  occupation: o.occupation, responsibleJobcenter: o.responsibleJobcenter, company: o.company, description: o.description, positions: o.positions,
  emailOnPlacement: o.emailOnPlacement, longTerm: o.longTerm, durationDays: o.durationDays, maxCandidates: o.maxCandidates, workingTime: o.workingTime,
  weeklyHours: o.weeklyHours, workingHoursCondition: o.workingHoursCondition, responseMethod: o.responseMethod, workplace: o.workplace, contact: o.contact,
});

before(async () => {
  h = await startHarness({ now: '2026-11-27T09:00:00Z' });
  await h.db.run('INSERT INTO api_keys (key_hash, label, jobcenter_id, created_at) VALUES (?, ?, ?, ?)', [hashApiKey(VEJLE), 'test', '630', h.now().toISOString()]);
  http = await startRealHttp(h);
  const body = validOrder({
    positions: 3, emailOnPlacement: false, startDate: '2026-11-30', durationDays: 40, responseDeadline: '2026-11-29', maxCandidates: 5,
    workingTime: 'part_time', weeklyHours: 20, workingHoursCondition: 'evening', responseMethod: 'candidate_calls',
    workplace: { ...(validOrder().workplace as object), floor: '2', door: 'th' },
  });
  source = (await http.request('POST', '/v1/job-orders', { key: A, body })).body;
  futureSource = (await http.request('POST', '/v1/job-orders', { key: A, body: validOrder({ startDate: '2027-02-01', responseDeadline: '2027-01-15' }) })).body;
  // The source lives a life: a tovholder, a candidate, a note, a pause with a note.
  await http.request('PUT', `/v1/job-orders/${source.id}/coordinator`, { key: KK, body: { name: 'Lone Kristensen' } });
  await http.request('POST', `/v1/job-orders/${source.id}/placements`, { key: KK, body: { candidate: { name: 'Anna Berg', birthYear: 1990, addressProtected: false, cvSearchable: false, email: 'a@post.example' }, description: 'Anna kan starte straks.' } });
  await http.request('POST', `/v1/job-orders/${source.id}/notes`, { key: KK, body: { text: 'Vi har flere på vej.' } });
  await http.request('POST', `/v1/job-orders/${source.id}/status`, { key: A, body: { status: 'closed', closeReason: 'filled_by_placement' }, headers: { 'if-match': '*' } });
  h.setNow('2026-12-10T09:00:00Z');
});
after(async () => {
  await http.close();
  await h.close();
});

describe('Kopiér jobordre: POST /v1/job-orders with copyOf', () => {
  it('keeps what the company typed, clears past dates (the start date becomes today, R2.4.2) and starts a fresh order', async () => {
    const res = await http.request('POST', '/v1/job-orders', { key: A, body: { copyOf: source.id } });
    assert.equal(res.status, 201, res.text);
    const copy = res.body;
    assert.notEqual(copy.id, source.id);
    assert.ok(copy.id > futureSource.id, 'a new, higher id (R2.8)');
    assert.equal(res.headers.get('location'), `/v1/job-orders/${copy.id}`);
    assert.deepEqual(kept(copy), kept(source));
    assert.equal(copy.workplace.floor, '2');
    // Past dates cleared: the start date is today again, the deadline gone (R2.4.2, R2.4.4).
    assert.equal(copy.startDate, '2026-12-10');
    assert.equal(copy.responseDeadline, null);
    // Nothing of the source's life comes along.
    assert.deepEqual(
      [copy.status, copy.candidateCount, copy.coordinator, copy.latestNote, copy.closeReason, copy.version, copy.createdAt],
      ['open', 0, null, null, null, 1, '2026-12-10T09:00:00.000Z'],
    );
    assert.equal((await http.request('GET', `/v1/job-orders/${copy.id}/placements`, { key: A })).body.items.length, 0);
    const log = (await http.request('GET', `/v1/job-orders/${copy.id}/log`, { key: A })).body.items;
    assert.deepEqual(log.map((e: any) => [e.action, e.copyOf]), [['created', source.id]], 'one created line naming the source');
    // Every jobcenter of the scheme sees the order and where it came from (R1.4).
    assert.equal((await http.request('GET', `/v1/job-orders/${copy.id}/log`, { key: AAR })).body.items[0].copyOf, source.id);
  });

  it('keeps dates that are still ahead', async () => {
    const copy = (await http.request('POST', '/v1/job-orders', { key: A, body: { copyOf: futureSource.id } })).body;
    assert.deepEqual([copy.startDate, copy.responseDeadline], ['2027-02-01', '2027-01-15']);
  });

  it('the body\'s fields win over the source\'s, and the rules of a new order apply to the result (R2.4)', async () => {
    const res = await http.request('POST', '/v1/job-orders', {
      key: A,
      body: { copyOf: source.id, positions: 1, description: 'Kun én til januar.', startDate: '2027-01-04', weeklyHours: null, workingTime: 'full_time' },
    });
    assert.equal(res.status, 201, res.text);
    assert.deepEqual([res.body.positions, res.body.description, res.body.startDate, res.body.workingTime, res.body.weeklyHours], [1, 'Kun én til januar.', '2027-01-04', 'full_time', null]);
    assert.equal(res.body.durationDays, 40);
    // A start date sent in the past, and weekly hours the copied full time does not allow: both named.
    const bad = await http.request('POST', '/v1/job-orders', { key: A, body: { copyOf: res.body.id, startDate: '2026-12-01', weeklyHours: 10, responseDeadline: '2026-12-10' } });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.errors.map((e: any) => [e.path, e.code]).sort(), [['responseDeadline', 'not_future'], ['startDate', 'past_date'], ['weeklyHours', 'not_part_time']]);
    // Long-term copies clear the four terms (R2.4.1).
    const longTerm = await http.request('POST', '/v1/job-orders', { key: A, body: { copyOf: source.id, longTerm: true } });
    assert.deepEqual([longTerm.body.startDate, longTerm.body.durationDays, longTerm.body.responseDeadline, longTerm.body.maxCandidates], [null, null, null, null]);
  });

  it('the responsible jobcenter is checked again: one that has left the scheme is a 422 naming it; another may be chosen', async () => {
    await h.db.run("UPDATE jobcenters SET signed_up = 0 WHERE id = '101'");
    try {
      const res = await http.request('POST', '/v1/job-orders', { key: A, body: { copyOf: futureSource.id } });
      assert.equal(res.status, 422);
      assert.deepEqual(res.body.errors.map((e: any) => [e.path, e.code]), [['responsibleJobcenterId', 'not_signed_up']]);
      const moved = await http.request('POST', '/v1/job-orders', { key: A, body: { copyOf: futureSource.id, responsibleJobcenterId: '751' } });
      assert.equal(moved.status, 201);
      assert.equal(moved.body.responsibleJobcenter.id, '751');
    } finally {
      await h.db.run("UPDATE jobcenters SET signed_up = 1 WHERE id = '101'");
    }
  });

  it('the source must be one the caller may read: another company 404, a jobcenter outside the scheme 403, none 404', async () => {
    const other = await http.request('POST', '/v1/job-orders', { key: B, body: { copyOf: source.id } });
    assert.equal(other.status, 404);
    assert.doesNotMatch(other.text, /Nordlys|Vesterbrogade/);
    assert.equal((await http.request('POST', '/v1/job-orders', { key: VEJLE, body: { copyOf: source.id } })).status, 403);
    assert.equal((await http.request('POST', '/v1/job-orders', { key: A, body: { copyOf: 999_999 } })).status, 404);
  });

  it('a jobcenter copies on the company\'s behalf (R1.7): the company comes from the source, the log names the jobcenter', async () => {
    const res = await http.request('POST', '/v1/job-orders', { key: AAR, body: { copyOf: futureSource.id } });
    assert.equal(res.status, 201, res.text);
    assert.deepEqual(res.body.company, futureSource.company);
    assert.deepEqual(res.body.createdBy, { kind: 'jobcenter', name: 'Jobcenter Aarhus' });
    // Company A lists it as its own.
    assert.equal((await http.request('GET', `/v1/job-orders/${res.body.id}`, { key: A })).status, 200);
  });

  it('a bad copyOf or an unknown field is a 422 naming it; an Idempotency-Key replays the copy', async () => {
    const bad = await http.request('POST', '/v1/job-orders', { key: A, body: { copyOf: 'seventeen' } });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.errors.map((e: any) => e.path), ['copyOf']);
    const unknown = await http.request('POST', '/v1/job-orders', { key: A, body: { copyOf: source.id, colour: 'blue' } });
    assert.equal(unknown.status, 422);
    assert.deepEqual(unknown.body.errors.map((e: any) => [e.path, e.code]), [['colour', 'unknown_field']]);
    const headers = { 'idempotency-key': 'copy-of-source-0001' };
    const first = await http.request('POST', '/v1/job-orders', { key: A, body: { copyOf: source.id }, headers });
    const again = await http.request('POST', '/v1/job-orders', { key: A, body: { copyOf: source.id }, headers });
    assert.equal(first.status, 201);
    assert.equal(again.body.id, first.body.id);
  });
});
