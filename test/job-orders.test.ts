import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { demoKeys, startHarness, type Harness } from './support/harness.ts';
import { codeOfTitle, validOrder, validOrderB } from './support/orders.ts';

// An API key must send If-Match on an edit or status change (428 without); `*` is whatever the version.
const anyVersion = { 'if-match': '*' };

const A = demoKeys.employerA;
const B = demoKeys.employerB;

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

const paths = (body: { errors?: { path: string; code: string }[] }) => (body.errors ?? []).map((e) => `${e.path}:${e.code}`).sort();

describe('creating a job order (R2)', () => {
  it('R2.1, R2.8: creates with the four required fields and returns 201, Location, ETag and the order', async () => {
    const res = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder() });
    assert.equal(res.status, 201);
    assert.equal(res.headers.get('location'), `/v1/job-orders/${res.body.id}`);
    assert.equal(res.headers.get('etag'), '"1"');
    assert.equal(res.body.status, 'open');
    assert.equal(res.body.occupation.title, 'Køkkenmedhjælper');
    assert.deepEqual(res.body.responsibleJobcenter, { id: '101', name: 'Jobcenter København' });
    assert.equal(res.body.candidateCount, 0);
    assert.equal(res.body.coordinator, null);
    assert.deepEqual(res.body.createdBy, { kind: 'company', name: 'Nordlys Køkken ApS' });
  });

  it('R2.3, R2.4.2, R2.4.6, R2.4.8, R2.4.9: defaults — e-mail on, start today (Copenhagen), not specified, normal hours', async () => {
    // 23:30 UTC on 27 Nov is already 28 Nov in Copenhagen (R8.1).
    h.setNow('2026-11-27T23:30:00Z');
    const res = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder() });
    h.setNow('2026-11-27T09:00:00Z');
    assert.equal(res.status, 201);
    assert.equal(res.body.emailOnPlacement, true);
    assert.equal(res.body.longTerm, false);
    assert.equal(res.body.startDate, '2026-11-28');
    assert.equal(res.body.workingTime, 'unspecified');
    assert.equal(res.body.workingHoursCondition, 'normal');
    assert.equal(res.body.responseMethod, 'unspecified');
  });

  it('R2.8: ids are sequential, the newest highest', async () => {
    const first = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder() });
    const second = await h.request('POST', '/v1/job-orders', { key: B, body: validOrderB() });
    assert.equal(second.body.id, first.body.id + 1);
  });

  it('R2.1: reports every missing required field at once, as a 422 problem naming each', async () => {
    const res = await h.request('POST', '/v1/job-orders', { key: A, body: {} });
    assert.equal(res.status, 422);
    assert.equal(res.body.type, '/problems/validation');
    assert.deepEqual(paths(res.body), [
      'contact:required',
      'description:required',
      'occupationCode:required',
      'positions:required',
      'responsibleJobcenterId:required',
      'workplace:required',
    ]);
  });

  it('R2.1.4, R2.4.3, R2.4.5: positions ≥ 1 and whole numbers', async () => {
    const res = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder({ positions: 0, durationDays: 2.5, maxCandidates: -1 }) });
    assert.equal(res.status, 422);
    assert.deepEqual(paths(res.body), ['durationDays:integer', 'maxCandidates:too_small', 'positions:too_small']);
  });

  it('R2.4.2: a start date before today is refused, today is accepted', async () => {
    const past = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder({ startDate: '2026-11-26' }) });
    assert.equal(past.status, 422);
    assert.deepEqual(paths(past.body), ['startDate:past_date']);
    const today = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder({ startDate: '2026-11-27' }) });
    assert.equal(today.status, 201);
  });

  it('R2.4.4: the response deadline must be after today', async () => {
    const res = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder({ responseDeadline: '2026-11-27' }) });
    assert.deepEqual(paths(res.body), ['responseDeadline:not_future']);
    const ok = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder({ responseDeadline: '2026-11-28' }) });
    assert.equal(ok.status, 201);
    assert.equal(ok.body.responseDeadline, '2026-11-28');
  });

  it('rejects impossible dates and malformed formats with the field named', async () => {
    const res = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder({ startDate: '2026-02-30', responseDeadline: 'tomorrow' }) });
    assert.equal(res.status, 422);
    assert.deepEqual(paths(res.body), ['responseDeadline:format', 'startDate:format']);
  });

  it('R2.4.1: a long-term order stores no start date, duration, deadline or max candidates', async () => {
    const res = await h.request('POST', '/v1/job-orders', {
      key: A,
      body: validOrder({ longTerm: true, startDate: '2026-12-01', durationDays: 10, responseDeadline: '2026-12-05', maxCandidates: 4 }),
    });
    assert.equal(res.status, 201);
    assert.equal(res.body.longTerm, true);
    assert.equal(res.body.startDate, null);
    assert.equal(res.body.durationDays, null);
    assert.equal(res.body.responseDeadline, null);
    assert.equal(res.body.maxCandidates, null);
  });

  it('R2.4.7: weekly hours only with part time, 1–37', async () => {
    const fullTime = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder({ workingTime: 'full_time', weeklyHours: 20 }) });
    assert.deepEqual(paths(fullTime.body), ['weeklyHours:not_part_time']);
    const tooMany = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder({ workingTime: 'part_time', weeklyHours: 38 }) });
    assert.deepEqual(paths(tooMany.body), ['weeklyHours:too_big']);
    const ok = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder({ workingTime: 'part_time', weeklyHours: 20 }) });
    assert.equal(ok.body.weeklyHours, 20);
  });

  it('R2.4.8, R2.4.9: only the listed working-hours conditions and response methods', async () => {
    const res = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder({ workingHoursCondition: 'sometimes', responseMethod: 'pigeon' }) });
    assert.deepEqual(paths(res.body), ['responseMethod:enum', 'workingHoursCondition:enum']);
    const ok = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder({ workingHoursCondition: 'night', responseMethod: 'candidate_calls' }) });
    assert.equal(ok.status, 201);
  });

  it('R1.3, R2.1.2: the responsible jobcenter must exist and be signed up', async () => {
    const notSignedUp = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder({ responsibleJobcenterId: '147' }) });
    assert.deepEqual(paths(notSignedUp.body), ['responsibleJobcenterId:not_signed_up']);
    assert.match(notSignedUp.body.errors[0].message, /Jobcenter Frederiksberg/);
    const unknown = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder({ responsibleJobcenterId: '999' }) });
    assert.deepEqual(paths(unknown.body), ['responsibleJobcenterId:unknown']);
  });

  it('R2.1.1: the occupation must come from the taxonomy', async () => {
    const res = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder({ occupationCode: '000000' }) });
    assert.deepEqual(paths(res.body), ['occupationCode:unknown']);
  });

  it('R2.5: the workplace must be one of the company\'s P-numbers, with name, street, a real postal code and city', async () => {
    const res = await h.request('POST', '/v1/job-orders', {
      key: A,
      body: validOrder({ workplace: { pNumber: '1009876541', name: '', street: 'Havnegade 3', postalCode: '0000', city: 'Vejle' } }),
    });
    assert.deepEqual(paths(res.body), ['workplace.name:too_small', 'workplace.pNumber:unknown', 'workplace.postalCode:unknown']);
    const floorDoor = await h.request('POST', '/v1/job-orders', {
      key: A,
      body: validOrder({ workplace: { pNumber: '1003456782', name: 'Nordlys Køkken Aarhus', street: 'Mejlgade 40', floor: '2', door: 'tv', postalCode: '8000', city: 'Aarhus C' } }),
    });
    assert.equal(floorDoor.status, 201);
    assert.equal(floorDoor.body.workplace.floor, '2');
    assert.equal(floorDoor.body.workplace.door, 'tv');
  });

  it('R2.6: the contact person needs a name and a valid e-mail; an id must be the company\'s own', async () => {
    const res = await h.request('POST', '/v1/job-orders', {
      key: A,
      body: validOrder({ contact: { contactPersonId: 3, name: ' ', email: 'not-an-email', phone: 'abc' } }),
    });
    assert.deepEqual(paths(res.body), ['contact.contactPersonId:unknown', 'contact.email:format', 'contact.name:too_small', 'contact.phone:format']);
  });

  it('names unknown fields instead of silently dropping them', async () => {
    const res = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder({ postions: 3 }) });
    assert.deepEqual(paths(res.body), ['postions:unknown_field']);
  });

  it('malformed JSON is a 400 problem, a non-JSON body a 415, and no input produces a 5xx', async () => {
    const bad = await h.request('POST', '/v1/job-orders', { key: A, rawBody: '{"positions": ', headers: { 'content-type': 'application/json' } });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.type, '/problems/malformed-json');
    const form = await h.request('POST', '/v1/job-orders', { key: A, rawBody: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(form.status, 415);
    for (const body of [null, [], 'text', 42, true, { workplace: [] }, { contact: null }, { positions: '2' }, { description: { a: 1 } }]) {
      const res = await h.request('POST', '/v1/job-orders', { key: A, body });
      assert.equal(res.status, 422, `body ${JSON.stringify(body)}`);
      assert.ok(res.body.errors.length > 0);
    }
  });

  it('never echoes the input back in an error', async () => {
    const secret = 'very-secret-input-ÆØÅ';
    const res = await h.request('POST', '/v1/job-orders', {
      key: A,
      body: validOrder({ positions: secret, description: 7, workingTime: secret, contact: { contactPersonId: secret, name: 'x', email: secret } }),
    });
    assert.equal(res.status, 422);
    assert.equal(res.body.errors.length, 5);
    assert.ok(!res.text.includes(secret), res.text);
  });

  it('Idempotency-Key: a retry replays the first response and creates nothing new; another body with the key is refused', async () => {
    const headers = { 'idempotency-key': 'order-attempt-1' };
    const first = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder(), headers });
    const again = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder(), headers });
    assert.equal(first.status, 201);
    assert.equal(again.status, 201);
    assert.equal(again.body.id, first.body.id);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    const next = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder() });
    assert.equal(next.body.id, first.body.id + 1);
    const other = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder({ positions: 9 }), headers });
    assert.equal(other.status, 422);
    assert.equal(other.body.type, '/problems/idempotency-key-reused');
    // Keys are per company: B may use the same key string for its own order.
    const b = await h.request('POST', '/v1/job-orders', { key: B, body: validOrderB(), headers });
    assert.equal(b.status, 201);
    assert.notEqual(b.body.id, first.body.id);
  });

  it('Idempotency-Key: concurrent retries create one order', async () => {
    const headers = { 'idempotency-key': 'concurrent-1' };
    const results = await Promise.all([1, 2, 3].map(() => h.request('POST', '/v1/job-orders', { key: A, body: validOrder(), headers })));
    assert.deepEqual(results.map((r) => r.status), [201, 201, 201]);
    assert.equal(new Set(results.map((r) => r.body.id)).size, 1);
  });
});

describe('viewing, editing and status (R4, R7)', () => {
  it('R4.1, R4.5: GET returns the order with an ETag and honours If-None-Match', async () => {
    const created = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder({ description: 'Se mig' }) });
    const res = await h.request('GET', `/v1/job-orders/${created.body.id}`, { key: A });
    assert.equal(res.status, 200);
    assert.equal(res.body.description, 'Se mig');
    assert.equal(res.headers.get('etag'), '"1"');
    const again = await h.request('GET', `/v1/job-orders/${created.body.id}`, { key: A, headers: { 'if-none-match': '"1"' } });
    assert.equal(again.status, 304);
  });

  it('R7.1, R7.4: edits any field, bumps version and updatedAt, and logs "edited" with the note (R7.2; "changed" is for status, R4.3)', async () => {
    const created = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder() });
    h.setNow('2026-11-28T10:00:00Z');
    const res = await h.request('PATCH', `/v1/job-orders/${created.body.id}`, {
      key: A,
      headers: { 'if-match': '"1"' },
      body: { occupationCode: codeOfTitle('Køkkenchef'), positions: 5, description: 'Ny tekst', note: 'Vi mangler flere.' },
    });
    h.setNow('2026-11-27T09:00:00Z');
    assert.equal(res.status, 200);
    assert.equal(res.body.positions, 5);
    assert.equal(res.body.occupation.title, 'Køkkenchef');
    assert.equal(res.body.version, 2);
    assert.equal(res.headers.get('etag'), '"2"');
    assert.ok(res.body.updatedAt > created.body.updatedAt);
    assert.deepEqual(res.body.latestNote, { text: 'Vi mangler flere.', at: '2026-11-28T10:00:00.000Z', by: 'Nordlys Køkken ApS' });
    const log = await h.request('GET', `/v1/job-orders/${created.body.id}/log`, { key: A });
    assert.deepEqual(log.body.items.map((e: { action: string; description: string }) => [e.action, e.description]), [
      ['created', ''],
      ['edited', 'Vi mangler flere.'],
    ]);
  });

  it('R7.1: the responsible jobcenter cannot be changed (the same value is harmless)', async () => {
    const created = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder() });
    const res = await h.request('PATCH', `/v1/job-orders/${created.body.id}`, { key: A, headers: anyVersion, body: { responsibleJobcenterId: '751' } });
    assert.equal(res.status, 422);
    assert.deepEqual(paths(res.body), ['responsibleJobcenterId:immutable']);
    const same = await h.request('PATCH', `/v1/job-orders/${created.body.id}`, { key: A, headers: anyVersion, body: { responsibleJobcenterId: '101', positions: 3 } });
    assert.equal(same.status, 200);
    assert.equal(same.body.responsibleJobcenter.id, '101');
  });

  it('R7.3: an edit with a start date before today fails naming startDate', async () => {
    const created = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder({ startDate: '2026-11-30' }) });
    const res = await h.request('PATCH', `/v1/job-orders/${created.body.id}`, { key: A, headers: anyVersion, body: { startDate: '2026-11-20' } });
    assert.equal(res.status, 422);
    assert.deepEqual(paths(res.body), ['startDate:past_date']);
    assert.equal(res.body.errors[0].message, 'The job start date must be today or a future date.');
    // Days later the stored start date has passed; editing something else still works.
    h.setNow('2026-12-05T09:00:00Z');
    const other = await h.request('PATCH', `/v1/job-orders/${created.body.id}`, { key: A, headers: anyVersion, body: { positions: 4 } });
    const resent = await h.request('PATCH', `/v1/job-orders/${created.body.id}`, { key: A, headers: anyVersion, body: { startDate: '2026-11-30' } });
    h.setNow('2026-11-27T09:00:00Z');
    assert.equal(other.status, 200);
    assert.equal(resent.status, 422);
  });

  it('R2.4.1 on edit: turning long-term on clears the four fields; null clears one', async () => {
    const created = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder({ durationDays: 5, maxCandidates: 3, responseDeadline: '2026-12-10' }) });
    const cleared = await h.request('PATCH', `/v1/job-orders/${created.body.id}`, { key: A, headers: anyVersion, body: { durationDays: null } });
    assert.equal(cleared.body.durationDays, null);
    assert.equal(cleared.body.maxCandidates, 3);
    const longTerm = await h.request('PATCH', `/v1/job-orders/${created.body.id}`, { key: A, headers: anyVersion, body: { longTerm: true } });
    assert.equal(longTerm.body.startDate, null);
    assert.equal(longTerm.body.maxCandidates, null);
    assert.equal(longTerm.body.responseDeadline, null);
    const back = await h.request('PATCH', `/v1/job-orders/${created.body.id}`, { key: A, headers: anyVersion, body: { longTerm: false } });
    assert.equal(back.body.startDate, '2026-11-27', 'start date defaults to today again');
  });

  it('R2.4.7 on edit: weekly hours are checked against the merged working time', async () => {
    const created = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder({ workingTime: 'part_time', weeklyHours: 20 }) });
    const res = await h.request('PATCH', `/v1/job-orders/${created.body.id}`, { key: A, headers: anyVersion, body: { workingTime: 'full_time' } });
    assert.deepEqual(paths(res.body), ['weeklyHours:not_part_time']);
    const ok = await h.request('PATCH', `/v1/job-orders/${created.body.id}`, { key: A, headers: anyVersion, body: { workingTime: 'full_time', weeklyHours: null } });
    assert.equal(ok.status, 200);
  });

  it('If-Match: a stale version answers 412 and loses nothing', async () => {
    const created = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder() });
    const first = await h.request('PATCH', `/v1/job-orders/${created.body.id}`, { key: A, headers: { 'if-match': '"1"' }, body: { positions: 3 } });
    assert.equal(first.status, 200);
    const stale = await h.request('PATCH', `/v1/job-orders/${created.body.id}`, { key: A, headers: { 'if-match': '"1"' }, body: { positions: 7 } });
    assert.equal(stale.status, 412);
    assert.equal(stale.body.type, '/problems/stale-version');
    const now = await h.request('GET', `/v1/job-orders/${created.body.id}`, { key: A });
    assert.equal(now.body.positions, 3);
  });

  it('If-Match: of two concurrent edits of one version exactly one wins', async () => {
    const created = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder() });
    const results = await Promise.all(
      [3, 4].map((positions) => h.request('PATCH', `/v1/job-orders/${created.body.id}`, { key: A, headers: { 'if-match': '"1"' }, body: { positions } })),
    );
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 412]);
  });

  it('R3.5, R4.2, R7.5: status changes with a note are logged as "changed"; a closed order can be reopened', async () => {
    const created = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder() });
    const id = created.body.id;
    const inactive = await h.request('POST', `/v1/job-orders/${id}/status`, { key: A, headers: anyVersion, body: { status: 'inactive', note: 'Pause til januar.' } });
    assert.equal(inactive.body.status, 'inactive');
    assert.deepEqual(inactive.body.latestNote?.text, 'Pause til januar.');
    const closed = await h.request('POST', `/v1/job-orders/${id}/status`, { key: A, headers: anyVersion, body: { status: 'closed' } });
    assert.equal(closed.body.status, 'closed');
    assert.equal(closed.body.latestNote.text, 'Pause til januar.', 'a change without a note keeps the latest note');
    const reopened = await h.request('POST', `/v1/job-orders/${id}/status`, { key: A, headers: anyVersion, body: { status: 'open' } });
    assert.equal(reopened.body.status, 'open');
    const log = await h.request('GET', `/v1/job-orders/${id}/log`, { key: A });
    assert.deepEqual(log.body.items.map((e: { action: string; status: string | null }) => [e.action, e.status]), [
      ['created', null],
      ['changed', 'inactive'],
      ['changed', 'closed'],
      ['changed', 'open'],
    ]);
    const bad = await h.request('POST', `/v1/job-orders/${id}/status`, { key: A, headers: anyVersion, body: { status: 'paused' } });
    assert.equal(bad.status, 422);
    assert.deepEqual(paths(bad.body), ['status:enum']);
  });

  it('R4.3: the log is oldest first with who acted and when', async () => {
    const created = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder() });
    const log = await h.request('GET', `/v1/job-orders/${created.body.id}/log`, { key: A });
    assert.equal(log.body.items.length, 1);
    assert.deepEqual(log.body.items[0].actor, { kind: 'company', name: 'Nordlys Køkken ApS', person: null });
    assert.equal(log.body.items[0].at, created.body.createdAt);
  });

  it('bad ids are a 400 naming id; unknown ones a 404 problem', async () => {
    const bad = await h.request('GET', '/v1/job-orders/abc', { key: A });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors[0].path, 'id');
    const missing = await h.request('GET', '/v1/job-orders/999999', { key: A });
    assert.equal(missing.status, 404);
  });
});

describe('the job-order list (R3)', () => {
  let fresh: Harness;
  before(async () => {
    fresh = await startHarness();
    // Real taxonomy titles (codeOfTitle throws on a missing one): Danish order needs case-insensitive
    // "Indkøbschef" < "IT-direktør", "Tømrer" < "Tårnkranfører" (ø before å) and Æ, Ø after T.
    const titles = ['Tømrer', 'IT-direktør', 'Tårnkranfører', 'Indkøbschef', 'Økonom', 'Ældrechef'];
    const contacts = ['Mette Hansen', 'Åse Berg', 'Anders Ærø', 'Øjvind Lund', 'bo Nielsen', 'Carl Dahl'];
    for (const [i, title] of titles.entries()) {
      fresh.setNow(`2026-11-27T09:0${i}:00Z`);
      const res = await fresh.request('POST', '/v1/job-orders', {
        key: A,
        body: validOrder({ occupationCode: codeOfTitle(title), longTerm: i % 2 === 0, contact: { name: contacts[i], email: 'x@nordlys.example' } }),
      });
      assert.equal(res.status, 201);
      assert.equal(res.body.occupation.title, title);
    }
    await fresh.request('POST', '/v1/job-orders', { key: B, body: validOrderB() });
    // Real placements (R5) so candidate counts differ: order id → candidates placed.
    const placed: Record<number, number> = { 1: 2, 2: 1, 3: 0, 4: 2, 5: 3, 6: 0 };
    for (const [id, count] of Object.entries(placed)) {
      for (let n = 0; n < count; n++) {
        fresh.setNow(`2026-11-27T09:3${n}:00Z`);
        const res = await fresh.request('POST', `/v1/job-orders/${id}/placements`, {
          key: demoKeys.jobcenter101,
          body: {
            candidate: { name: `Kandidat ${id}-${n}`, birthYear: 1990, addressProtected: false, cvSearchable: false, email: `k${id}${n}@post.example` },
            description: 'Et godt match til opgaven.',
          },
        });
        assert.equal(res.status, 201, res.text);
      }
    }
    fresh.setNow('2026-11-27T10:00:00Z');
    await fresh.request('POST', '/v1/job-orders/2/status', { key: A, headers: anyVersion, body: { status: 'closed' } });
    fresh.setNow('2026-11-27T10:01:00Z');
    await fresh.request('POST', '/v1/job-orders/4/status', { key: A, headers: anyVersion, body: { status: 'inactive' } });
  });
  after(() => fresh.close());

  const list = async (query: string, key: string = A) => (await fresh.request('GET', `/v1/job-orders?${query}`, { key })).body;
  /** Company A's orders (ids) in ascending order of each sort, worked out by hand from the setup above; ties by id. */
  const ascending = {
    title: [4, 2, 1, 3, 6, 5], // Indkøbschef, IT-direktør, Tømrer, Tårnkranfører, Ældrechef, Økonom
    contact: [3, 5, 6, 1, 4, 2], // Anders Ærø, bo Nielsen, Carl Dahl, Mette Hansen, Øjvind Lund, Åse Berg
    candidates: [3, 6, 2, 1, 4, 5], // 0, 0, 1, 2, 2, 3
    status: [1, 3, 5, 6, 4, 2], // open, inactive, closed
  };
  /** Descending is the exact reverse, ties included (the id tie-break flips with the direction). */
  const expectedIds = (sort: keyof typeof ascending, order: 'asc' | 'desc') => (order === 'asc' ? ascending[sort] : [...ascending[sort]].reverse());

  it('R1.2, R3.1: every contact person of a company sees the same list; another company sees none of it', async () => {
    const a = await list('');
    assert.deepEqual(a.items.map((o: { id: number }) => o.id), [6, 5, 4, 3, 2, 1], 'newest first by default');
    const b = await list('', B);
    assert.deepEqual(b.items.map((o: { id: number }) => o.id), [7]);
  });

  it('R3.2, R3.3: sorts by every column, ascending and descending', async () => {
    const ids = async (q: string) => (await list(q)).items.map((o: { id: number }) => o.id);
    assert.deepEqual(await ids('sort=id&order=asc'), [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(await ids('sort=status&order=asc'), [1, 3, 5, 6, 4, 2], 'Åben, then Midlertidig inaktiv, then Lukket');
    assert.deepEqual(await ids('sort=longTerm&order=desc'), [5, 3, 1, 6, 4, 2]);
    assert.deepEqual(await ids('sort=updatedAt&order=desc').then((x) => x.slice(0, 2)), [4, 2]);
    const contacts = (await list('sort=contact&order=asc')).items.map((o: { contact: { name: string } }) => o.contact.name);
    assert.deepEqual(contacts, ['Anders Ærø', 'bo Nielsen', 'Carl Dahl', 'Mette Hansen', 'Øjvind Lund', 'Åse Berg'], 'Danish order: case-insensitive, Æ Ø Å last');
    assert.deepEqual(await ids('sort=contact&order=desc'), expectedIds('contact', 'desc'));
  });

  it('R3.2, R3.3: sorts by job title in Danish order (case-insensitive, Æ < Ø < Å after Z), both directions', async () => {
    const titles = async (order: string) => (await list(`sort=title&order=${order}`)).items.map((o: { occupation: { title: string } }) => o.occupation.title);
    // Code-point order would give IT-direktør < Indkøbschef and Tårnkranfører < Tømrer; English puts Æ and Ø among A and O.
    const danish = ['Indkøbschef', 'IT-direktør', 'Tømrer', 'Tårnkranfører', 'Ældrechef', 'Økonom'];
    assert.deepEqual(await titles('asc'), danish);
    assert.deepEqual(await titles('desc'), [...danish].reverse());
    assert.deepEqual((await list('sort=title&order=asc')).items.map((o: { id: number }) => o.id), expectedIds('title', 'asc'));
  });

  it('R3.2, R3.3: sorts by number of placed candidates, both directions, ties broken by id', async () => {
    const page = async (order: string) => (await list(`sort=candidates&order=${order}`)).items.map((o: { id: number; candidateCount: number }) => [o.id, o.candidateCount]);
    assert.deepEqual(await page('asc'), [[3, 0], [6, 0], [2, 1], [1, 2], [4, 2], [5, 3]]);
    assert.deepEqual(await page('desc'), [[5, 3], [4, 2], [1, 2], [2, 1], [6, 0], [3, 0]]);
  });

  it('R3.5: filters by status', async () => {
    assert.deepEqual((await list('status=closed')).items.map((o: { id: number }) => o.id), [2]);
    assert.deepEqual((await list('status=open&sort=id&order=asc')).items.map((o: { id: number }) => o.id), [1, 3, 5, 6]);
  });

  it('R3.3: following nextCursor page by page gives exactly the expected order, and the last page has nextCursor null', async () => {
    for (const sort of ['title', 'contact', 'candidates', 'status'] as const) {
      for (const order of ['asc', 'desc'] as const) {
        for (const limit of [1, 2, 4, 6]) {
          const label = `sort=${sort} order=${order} limit=${limit}`;
          const walked: number[] = [];
          let cursor: string | null = null;
          let pages = 0;
          do {
            const page: { items: { id: number }[]; nextCursor: string | null } = await list(
              `sort=${sort}&order=${order}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
            );
            pages++;
            walked.push(...page.items.map((o) => o.id));
            cursor = page.nextCursor;
            if (cursor !== null) assert.equal(page.items.length, limit, `${label}: a page with a next cursor is full`);
            assert.ok(pages <= 6, `${label}: never ends`);
          } while (cursor !== null);
          assert.deepEqual(walked, expectedIds(sort, order), `${label}: no gap, no repeat, in order`);
          assert.equal(pages, Math.ceil(6 / limit), `${label}: no empty page after the last`);
        }
      }
    }
  });

  it('keyset pagination walks every sort without gaps or repeats, stable under inserts', async () => {
    for (const sort of ['id', 'title', 'contact', 'status', 'updatedAt', 'candidates', 'longTerm']) {
      for (const order of ['asc', 'desc']) {
        const all = (await list(`sort=${sort}&order=${order}&limit=100`)).items.map((o: { id: number }) => o.id);
        const walked: number[] = [];
        let cursor: string | null = null;
        do {
          const page: { items: { id: number }[]; nextCursor: string | null } = await list(
            `sort=${sort}&order=${order}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          );
          walked.push(...page.items.map((o) => o.id));
          cursor = page.nextCursor;
        } while (cursor);
        assert.deepEqual(walked, all, `${sort} ${order}`);
      }
    }
    const first = await list('sort=id&order=desc&limit=2');
    await fresh.request('POST', '/v1/job-orders', { key: A, body: validOrder() });
    const second = await list(`sort=id&order=desc&limit=2&cursor=${encodeURIComponent(first.nextCursor)}`);
    assert.deepEqual(second.items.map((o: { id: number }) => o.id), [4, 3], 'a new order does not shift the next page');
  });

  it('bad list parameters are a 400 naming each', async () => {
    const res = await fresh.request('GET', '/v1/job-orders?sort=colour&order=up&limit=500&status=x', { key: A });
    assert.equal(res.status, 400);
    assert.deepEqual(paths(res.body), ['limit:too_big', 'order:enum', 'sort:enum', 'status:enum'].sort());
    const cursor = await fresh.request('GET', '/v1/job-orders?cursor=garbage', { key: A });
    assert.equal(cursor.status, 400);
    assert.equal(cursor.body.errors[0].path, 'cursor');
    const page = await list('sort=id&limit=1');
    const mismatch = await fresh.request('GET', `/v1/job-orders?sort=title&limit=1&cursor=${page.nextCursor}`, { key: A });
    assert.equal(mismatch.status, 400);
  });
});

describe('reference data routes', () => {
  it('R2.1.1: occupations containing three letters anywhere, case-insensitively', async () => {
    const res = await h.request('GET', '/v1/occupations?q=KØK', { key: A });
    const titles = res.body.items.map((o: { title: string }) => o.title);
    assert.ok(titles.includes('Køkkenchef'));
    assert.ok(titles.includes('Køkkenmedhjælper'));
    assert.ok(titles.includes('Kok, køkkenleder'), 'matches inside the title too');
    assert.ok(titles.indexOf('Køkkenchef') < titles.indexOf('Kok, køkkenleder'), 'titles starting with the letters come first');
    const short = await h.request('GET', '/v1/occupations?q=kø', { key: A });
    assert.equal(short.status, 400);
    assert.deepEqual(paths(short.body), ['q:too_small']);
  });

  it('postal codes give the city and every municipality they span, never one picked silently', async () => {
    const vejle = await h.request('GET', '/v1/postal-codes/7100', { key: A });
    assert.equal(vejle.body.city, 'Vejle');
    assert.deepEqual(vejle.body.municipalities.map((m: { code: string }) => m.code), ['630', '766']);
    const aarhus = await h.request('GET', '/v1/postal-codes/8000', { key: A });
    assert.deepEqual(aarhus.body.municipalities, [{ code: '751', name: 'Aarhus' }]);
    assert.equal((await h.request('GET', '/v1/postal-codes/0000', { key: A })).status, 404);
    const bad = await h.request('GET', '/v1/postal-codes/12a4', { key: A });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors[0].path, 'code');
  });

  it('R1.3: jobcenters, one per municipality, with which have signed up', async () => {
    const all = await h.request('GET', '/v1/jobcenters', { key: A });
    assert.equal(all.body.items.length, 98);
    const signedUp = await h.request('GET', '/v1/jobcenters?signedUp=true', { key: A });
    assert.deepEqual(signedUp.body.items.map((j: { id: string }) => j.id).sort(), ['101', '751']);
    assert.equal(all.body.items.at(-1).name, 'Jobcenter Aarhus', 'Danish alphabetical order puts Aa last');
  });

  it('R1.1: /v1/me gives the company with workplaces, local jobcenters and contact persons', async () => {
    const res = await h.request('GET', '/v1/me', { key: A });
    assert.equal(res.body.role, 'employer');
    assert.equal(res.body.company.cvr, '31415926');
    assert.deepEqual(res.body.company.workplaces.map((w: { pNumber: string; localJobcenterId: string }) => [w.pNumber, w.localJobcenterId]), [
      ['1003456781', '101'],
      ['1003456782', '751'],
    ]);
    assert.equal(res.body.company.contactPersons.length, 2);
  });
});
