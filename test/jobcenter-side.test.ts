// The jobcenter side of a job order: the jobcenter's list, the tovholder, placements,
// withdrawals, notes, orders created for a company, and what the company sees of its candidates.
// The last test scans every response body of this file's run for a protected address (R4.4, R8.4).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hashApiKey } from '../server/auth/index.ts';
import { startHarness, demoKeys, type Harness } from './support/harness.ts';
import { validOrder, validOrderB } from './support/orders.ts';

// An API key must send If-Match on an edit or status change (428 without); `*` is whatever the version.
const anyVersion = { 'if-match': '*' };

const A: string = demoKeys.employerA;
const B: string = demoKeys.employerB;
const KK: string = demoKeys.jobcenter101; // responsible for validOrder()
const AAR: string = demoKeys.jobcenter751;
const VEJLE = 'test_jobcenter_630_not_signed_up';

/** Address protection (adressebeskyttelse): this street must never appear in anything that leaves the server. */
const protectedStreet = 'Skjultevej 977';
const protectedAddress = { street: protectedStreet, postalCode: '2400', city: 'København NV' };

const cv = {
  headline: 'Køkkenmedhjælper med erfaring',
  summary: 'Fem år i travle køkkener.',
  experience: [{ title: 'Køkkenmedhjælper', employer: 'Café Nord', from: '2021-03', to: null }],
  education: [{ title: 'Hygiejnebevis', institution: 'AMU', year: 2019 }],
  skills: ['Opvask', 'Klargøring'],
};
const searchable = {
  name: 'Amir Haddad', birthYear: 1994, addressProtected: false,
  address: { street: 'Nørrebrogade 101', postalCode: '2200', city: 'København N' },
  cvSearchable: true, cv, website: 'https://amir.example',
};
const notSearchable = {
  name: 'Peter Madsen', birthYear: 1971, addressProtected: false,
  address: { street: 'Amagerbrogade 200', postalCode: '2300', city: 'København S' },
  cvSearchable: false, cv, // a CV that is not searchable is never shown (R4.4)
};
const withoutCv = { name: 'Lise Holm', birthYear: 1999, addressProtected: false, cvSearchable: false, email: 'lise@post.example', phone: '+45 26 55 77 88' };
const addressProtected = { name: 'Sara Nielsen', birthYear: 1989, addressProtected: true, address: protectedAddress, cvSearchable: false, phone: '+45 40 11 22 33' };

let h: Harness;
before(async () => {
  h = await startHarness();
  // A jobcenter that has not signed up for job orders, with an API key of its own (R1.3).
  await h.db.run('INSERT INTO api_keys (key_hash, label, jobcenter_id, created_at) VALUES (?, ?, ?, ?)', [hashApiKey(VEJLE), 'test', '630', h.now().toISOString()]);
});
after(() => h.close());

async function createOrder(overrides: Record<string, unknown> = {}, key = A): Promise<any> {
  const res = await h.request('POST', '/v1/job-orders', { key, body: key === B ? validOrderB(overrides) : validOrder(overrides) });
  assert.equal(res.status, 201, res.text);
  return res.body;
}
const getOrder = async (id: number, key = A) => (await h.request('GET', `/v1/job-orders/${id}`, { key })).body;
const place = (id: number, candidate: object, key = KK, extra: { headers?: Record<string, string>; description?: string } = {}) =>
  h.request('POST', `/v1/job-orders/${id}/placements`, { key, body: { candidate, description: extra.description ?? 'Et godt match til opgaven.' }, headers: extra.headers });
const logOf = async (id: number, key = A) => (await h.request('GET', `/v1/job-orders/${id}/log`, { key })).body.items as any[];
const later = (minutes: number) => h.setNow(new Date(h.now().getTime() + minutes * 60_000).toISOString());

describe('the jobcenter\'s list (R1.4)', () => {
  it('shows orders of every company, with the company, filterable to the orders it is responsible for', async () => {
    const ofA = await createOrder();
    const ofB = await createOrder({}, B);
    const all = await h.request('GET', '/v1/job-orders?limit=100', { key: KK });
    assert.equal(all.status, 200);
    const ids = all.body.items.map((o: any) => o.id);
    assert.ok(ids.includes(ofA.id) && ids.includes(ofB.id), 'orders of both companies');
    assert.equal(all.body.items.find((o: any) => o.id === ofB.id).company.name, 'Havnens Lager A/S');
    const mine = await h.request('GET', '/v1/job-orders?responsible=true&limit=100', { key: KK });
    assert.ok(mine.body.items.every((o: any) => o.responsibleJobcenter.id === '101'));
    assert.ok(mine.body.items.some((o: any) => o.id === ofA.id));
    assert.ok(!mine.body.items.some((o: any) => o.id === ofB.id), 'B\'s order belongs to Jobcenter Aarhus');
    // An employer never sees another company's order, and `responsible` changes nothing for it.
    const employer = await h.request('GET', '/v1/job-orders?responsible=true&limit=100', { key: B });
    assert.ok(employer.body.items.every((o: any) => o.company.name === 'Havnens Lager A/S'));
  });

  it('sorts and pages like the employer list, e.g. by candidates (R3.2, R3.3): every order once, in order', async () => {
    const busy = await createOrder();
    assert.equal((await place(busy.id, withoutCv)).status, 201);
    assert.equal((await place(busy.id, withoutCv)).status, 201);
    const one = await createOrder({}, B);
    assert.equal((await place(one.id, withoutCv)).status, 201);
    const all = (await h.request('GET', '/v1/job-orders?limit=100', { key: AAR })).body.items as any[];
    // The expected order: candidates descending, ties by id descending.
    const expected = [...all].sort((x, y) => y.candidateCount - x.candidateCount || y.id - x.id).map((o) => o.id);
    const walked: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/v1/job-orders?sort=candidates&order=desc&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page: any = await h.request('GET', query, { key: AAR });
      assert.equal(page.status, 200);
      walked.push(...page.body.items.map((o: any) => o.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    assert.deepEqual(walked, expected, 'no gap, no repeat, across both companies');
    assert.equal(walked[0], busy.id, 'the order with two candidates first');
  });

  it('sorts by company too (every column, R3.3), in Danish order, paged without gap or repeat; a rename re-sorts', async () => {
    await createOrder();
    await createOrder({}, B);
    const walk = async (order: 'asc' | 'desc', key = AAR) => {
      const walked: { id: number; company: string }[] = [];
      let cursor: string | null = null;
      do {
        const page: any = await h.request('GET', `/v1/job-orders?sort=company&order=${order}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, { key });
        assert.equal(page.status, 200, page.text);
        walked.push(...page.body.items.map((o: any) => ({ id: o.id, company: o.company.name })));
        cursor = page.body.nextCursor;
      } while (cursor);
      return walked;
    };
    const all = (await h.request('GET', '/v1/job-orders?limit=100', { key: AAR })).body.items as any[];
    const byName = (order: 'asc' | 'desc') => {
      const sign = order === 'asc' ? 1 : -1;
      return [...all].sort((x, y) => sign * (x.company.name < y.company.name ? -1 : x.company.name > y.company.name ? 1 : x.id - y.id)).map((o) => o.id);
    };
    assert.ok(new Set(all.map((o) => o.company.name)).size >= 2, 'orders of two companies');
    assert.deepEqual((await walk('asc')).map((o) => o.id), byName('asc'), 'Havnens Lager before Nordlys Køkken, ties by id');
    assert.deepEqual((await walk('desc')).map((o) => o.id), byName('desc'));
    // A company's own list may sort by company as well: all one company, so by id.
    const own = await walk('asc', A);
    assert.deepEqual(own.map((o) => o.id), [...own].map((o) => o.id).sort((x, y) => x - y));
    // Æ sorts after Z in Danish: renamed, Havnens Lager's orders move to the end.
    await h.db.run("UPDATE companies SET name = 'Ærø Lager A/S' WHERE name = 'Havnens Lager A/S'");
    const renamed = await walk('asc');
    assert.equal(renamed.at(-1)!.company, 'Ærø Lager A/S');
    assert.equal(renamed[0]!.company, 'Nordlys Køkken ApS');
    await h.db.run("UPDATE companies SET name = 'Havnens Lager A/S' WHERE name = 'Ærø Lager A/S'");
  });
});

describe('the tovholder (R1.5, R4.1)', () => {
  it('the responsible jobcenter appoints one; the company sees the name on the order and the contact details', async () => {
    const order = await createOrder();
    const none = await h.request('GET', `/v1/job-orders/${order.id}/coordinator`, { key: A });
    assert.equal(none.status, 404);
    assert.equal(none.body.type, '/problems/no-coordinator');
    assert.equal(none.body.errors[0].path, 'coordinator');
    later(5);
    const put = await h.request('PUT', `/v1/job-orders/${order.id}/coordinator`, {
      key: KK,
      body: { name: '  Lone Kristensen ', email: 'lone@jobcenter-kbh.example', phone: '+45 33 66 33 66' },
    });
    assert.equal(put.status, 200);
    assert.deepEqual(put.body, {
      name: 'Lone Kristensen', email: 'lone@jobcenter-kbh.example', phone: '+45 33 66 33 66',
      appointedAt: h.now().toISOString(), jobcenter: { id: '101', name: 'Jobcenter København' },
    });
    const seen = await getOrder(order.id);
    assert.equal(seen.coordinator, 'Lone Kristensen');
    assert.equal(seen.version, order.version + 1);
    assert.equal(seen.updatedAt, h.now().toISOString());
    // Every jobcenter proposing a candidate may reach the tovholder; so may the company.
    assert.equal((await h.request('GET', `/v1/job-orders/${order.id}/coordinator`, { key: AAR })).body.email, 'lone@jobcenter-kbh.example');
    assert.equal((await h.request('GET', `/v1/job-orders/${order.id}/coordinator`, { key: A })).body.name, 'Lone Kristensen');
    // Appointing again replaces the tovholder.
    await h.request('PUT', `/v1/job-orders/${order.id}/coordinator`, { key: KK, body: { name: 'Ali Demir' } });
    assert.equal((await getOrder(order.id)).coordinator, 'Ali Demir');
  });

  it('only the responsible jobcenter: another is 403, the company 403, another company 404', async () => {
    const order = await createOrder();
    const body = { name: 'Mads Holm' };
    const other = await h.request('PUT', `/v1/job-orders/${order.id}/coordinator`, { key: AAR, body });
    assert.equal(other.status, 403);
    assert.equal(other.body.type, '/problems/not-responsible');
    assert.deepEqual(other.body.errors.map((e: any) => [e.path, e.code]), [['Authorization', 'not_responsible']]);
    assert.equal((await h.request('PUT', `/v1/job-orders/${order.id}/coordinator`, { key: A, body })).status, 403);
    assert.equal((await h.request('PUT', `/v1/job-orders/${order.id}/coordinator`, { key: B, body })).status, 404);
    assert.equal((await h.request('GET', `/v1/job-orders/${order.id}/coordinator`, { key: B })).status, 404);
    assert.equal((await h.request('PUT', '/v1/job-orders/999999/coordinator', { key: KK, body })).status, 404);
    assert.equal((await getOrder(order.id)).coordinator, null);
  });

  it('names every broken field (422)', async () => {
    const order = await createOrder();
    const res = await h.request('PUT', `/v1/job-orders/${order.id}/coordinator`, { key: KK, body: { name: ' ', email: 'nope', phone: 'abc', extra: 1 } });
    assert.equal(res.status, 422);
    assert.deepEqual(res.body.errors.map((e: any) => e.path).sort(), ['email', 'extra', 'name', 'phone']);
  });
});

describe('placing candidates (R5, R2.4.5, R3.5, R4.3)', () => {
  it('any signed-up jobcenter places; logged with its name; count, latest action and version move', async () => {
    const order = await createOrder();
    later(10);
    const res = await place(order.id, searchable, AAR, { description: 'Amir kan starte med det samme.' });
    assert.equal(res.status, 201);
    assert.equal(res.headers.get('location'), `/v1/job-orders/${order.id}/placements/${res.body.id}`);
    assert.equal(res.body.placedBy.name, 'Jobcenter Aarhus');
    const seen = await getOrder(order.id);
    assert.equal(seen.candidateCount, 1);
    assert.equal(seen.updatedAt, h.now().toISOString());
    assert.equal(seen.version, order.version + 1);
    const last = (await logOf(order.id)).at(-1);
    assert.deepEqual(
      { action: last.action, actor: last.actor, description: last.description },
      { action: 'placement', actor: { kind: 'jobcenter', name: 'Jobcenter Aarhus', person: null }, description: 'Amir kan starte med det samme.' },
    );
  });

  it('a caseworker\'s widget token places like its jobcenter\'s key', async () => {
    const order = await createOrder();
    const session = await h.request('POST', '/v1/sessions', { key: KK, body: { caseworker: { name: 'Lone Kristensen' } } });
    const res = await place(order.id, withoutCv, session.body.token);
    assert.equal(res.status, 201);
    assert.equal(res.body.placedBy.id, '101');
  });

  it('a candidate without a CV is placed with contact details only (R5.2)', async () => {
    const order = await createOrder();
    const res = await place(order.id, withoutCv);
    assert.equal(res.status, 201);
    const seen = await h.request('GET', `/v1/job-orders/${order.id}/placements/${res.body.id}`, { key: A });
    assert.equal(seen.body.email, 'lise@post.example');
    assert.equal(seen.body.phone, '+45 26 55 77 88');
    assert.equal('cv' in seen.body, false);
    assert.equal('address' in seen.body, false);
  });

  it('is refused with 409 when the order is not open (R3.5)', async () => {
    for (const status of ['inactive', 'closed'] as const) {
      const order = await createOrder();
      await h.request('POST', `/v1/job-orders/${order.id}/status`, { key: A, headers: anyVersion, body: { status } });
      const res = await place(order.id, withoutCv);
      assert.equal(res.status, 409, status);
      assert.equal(res.body.type, '/problems/order-not-open');
      assert.equal(res.body.errors[0].path, 'status');
      assert.equal((await getOrder(order.id)).candidateCount, 0);
    }
  });

  it('is refused with 409 at maxCandidates; a withdrawal frees the slot (R2.4.5, R5.4)', async () => {
    const order = await createOrder({ maxCandidates: 2 });
    assert.equal((await place(order.id, withoutCv)).status, 201);
    const second = await place(order.id, searchable, AAR);
    assert.equal(second.status, 201);
    const third = await place(order.id, notSearchable);
    assert.equal(third.status, 409);
    assert.equal(third.body.type, '/problems/max-candidates-reached');
    assert.deepEqual(third.body.errors.map((e: any) => e.path), ['maxCandidates']);
    await h.request('POST', `/v1/job-orders/${order.id}/placements/${second.body.id}/withdraw`, { key: AAR, body: {} });
    assert.equal((await place(order.id, notSearchable)).status, 201);
    assert.equal((await getOrder(order.id)).candidateCount, 2);
  });

  it('never exceeds maxCandidates when jobcenters place at the same moment', async () => {
    const order = await createOrder({ maxCandidates: 2 });
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => place(order.id, { ...withoutCv, name: `Kandidat ${i}` }, i % 2 ? KK : AAR)));
    assert.deepEqual(results.map((r) => r.status).sort(), [201, 201, 409, 409, 409, 409]);
    assert.equal((await getOrder(order.id)).candidateCount, 2);
    assert.equal((await h.request('GET', `/v1/job-orders/${order.id}/placements`, { key: A })).body.items.length, 2);
  });

  it('a long-term order has no maximum (R2.4.1)', async () => {
    const order = await createOrder({ longTerm: true });
    for (let i = 0; i < 4; i++) assert.equal((await place(order.id, withoutCv)).status, 201);
    assert.equal((await getOrder(order.id)).candidateCount, 4);
  });

  it('the company, another company and a jobcenter that has not signed up cannot place', async () => {
    const order = await createOrder();
    const employer = await place(order.id, withoutCv, A);
    assert.equal(employer.status, 403);
    assert.deepEqual(employer.body.errors.map((e: any) => e.code), ['not_jobcenter']);
    assert.equal((await place(order.id, withoutCv, B)).status, 404);
    const notSignedUp = await place(order.id, withoutCv, VEJLE);
    assert.equal(notSignedUp.status, 403);
    assert.equal(notSignedUp.body.type, '/problems/not-signed-up');
    assert.equal(notSignedUp.body.errors[0].path, 'Authorization');
    assert.equal((await getOrder(order.id)).candidateCount, 0);
  });

  it('names every broken field of the candidate (422), without quoting the candidate', async () => {
    const order = await createOrder();
    const res = await h.request('POST', `/v1/job-orders/${order.id}/placements`, {
      key: KK,
      body: {
        candidate: { name: 42, birthYear: 'Skjultevej 977', addressProtected: 'yes', address: { street: 977, postalCode: 'Skjultevej 977', city: 'NV' }, cvSearchable: false, website: 'javascript:alert(1)', nickname: 'Skjultevej 977' },
        description: '',
      },
    });
    assert.equal(res.status, 422);
    assert.deepEqual(res.body.errors.map((e: any) => e.path).sort(), [
      'candidate.address.postalCode', 'candidate.address.street', 'candidate.addressProtected', 'candidate.birthYear',
      'candidate.name', 'candidate.nickname', 'candidate.website', 'description',
    ]);
    assert.doesNotMatch(res.text, /Skjultevej|javascript/);
  });

  it('checks the rules that need more than one field: a searchable CV must be sent; birth year; postal code', async () => {
    const order = await createOrder();
    const res = await place(order.id, { ...withoutCv, cvSearchable: true, birthYear: 2020, address: { street: 'Vej 1', postalCode: '0001', city: 'X' } });
    assert.equal(res.status, 422);
    assert.deepEqual(res.body.errors.map((e: any) => e.path).sort(), ['candidate.address.postalCode', 'candidate.birthYear', 'candidate.cv']);
  });

  it('refuses any text that repeats the protected address: it would reach the company and the log (R4.4)', async () => {
    const order = await createOrder();
    const res = await place(order.id, { ...addressProtected, cvSearchable: true, cv: { ...cv, skills: ['Opvask', `Bor på ${protectedStreet}`] } }, KK, {
      description: `Sara bor på ${protectedStreet.toUpperCase()}.`,
    });
    assert.equal(res.status, 422);
    assert.deepEqual(res.body.errors.map((e: any) => e.path), ['description', 'candidate.cv.skills.1']);
    assert.doesNotMatch(res.text, /Skjultevej/i);
    assert.equal((await getOrder(order.id)).candidateCount, 0);
  });

  it('answers 415 without JSON, 400 for malformed JSON and for a bad id', async () => {
    const order = await createOrder();
    assert.equal((await h.request('POST', `/v1/job-orders/${order.id}/placements`, { key: KK, rawBody: 'x', headers: { 'content-type': 'text/plain' } })).status, 415);
    const malformed = await h.request('POST', `/v1/job-orders/${order.id}/placements`, { key: KK, rawBody: '{', headers: { 'content-type': 'application/json' } });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.errors[0].path, '(body)');
    assert.equal((await h.request('GET', `/v1/job-orders/${order.id}/placements/abc`, { key: A })).body.errors[0].path, 'placementId');
  });

  it('a retry with the same Idempotency-Key places once and queues one e-mail (R6.2)', async () => {
    const order = await createOrder();
    const headers = { 'idempotency-key': 'case-4711-placement' };
    const first = await place(order.id, searchable, KK, { headers });
    const retry = await place(order.id, searchable, KK, { headers });
    assert.equal(first.status, 201);
    assert.equal(retry.status, 201);
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(retry.body, first.body);
    assert.equal((await getOrder(order.id)).candidateCount, 1);
    const rows = await h.db.query('SELECT 1 FROM outbox WHERE dedupe_key = ?', [`placement:${first.body.id}`]);
    assert.equal(rows.length, 1);
    const reused = await place(order.id, notSearchable, KK, { headers });
    assert.equal(reused.status, 422);
    assert.equal(reused.body.errors[0].path, 'Idempotency-Key');
  });
});

describe('withdrawing a candidate (R5.3)', () => {
  it('is logged as withdrawn with the reason, and the count drops', async () => {
    const order = await createOrder();
    const placed = await place(order.id, searchable);
    later(30);
    const res = await h.request('POST', `/v1/job-orders/${order.id}/placements/${placed.body.id}/withdraw`, { key: KK, body: { reason: 'Har fået andet arbejde.' } });
    assert.equal(res.status, 200);
    assert.equal(res.body.withdrawnAt, h.now().toISOString());
    const seen = await getOrder(order.id);
    assert.equal(seen.candidateCount, 0);
    assert.equal(seen.updatedAt, h.now().toISOString());
    assert.equal(seen.version, order.version + 2);
    const last = (await logOf(order.id)).at(-1);
    assert.deepEqual({ action: last.action, actor: last.actor.name, description: last.description }, { action: 'withdrawn', actor: 'Jobcenter København', description: 'Amir Haddad: Har fået andet arbejde.' });
    // The log names the candidate, never their address.
    assert.ok(!last.description.includes('Nørrebrogade'));
    // The company still sees the candidate, marked withdrawn.
    const list = await h.request('GET', `/v1/job-orders/${order.id}/placements`, { key: A });
    assert.equal(list.body.items[0].withdrawnAt, h.now().toISOString());
  });

  it('a second withdrawal is 409; an empty body is fine', async () => {
    const order = await createOrder();
    const placed = await place(order.id, withoutCv);
    const path = `/v1/job-orders/${order.id}/placements/${placed.body.id}/withdraw`;
    assert.equal((await h.request('POST', path, { key: KK })).status, 200);
    const again = await h.request('POST', path, { key: KK, body: {} });
    assert.equal(again.status, 409);
    assert.equal(again.body.type, '/problems/already-withdrawn');
    assert.equal(again.body.errors[0].path, 'placementId');
    assert.equal((await getOrder(order.id)).candidateCount, 0);
  });

  it('only the placing jobcenter: another jobcenter 404, the company 403, another company 404', async () => {
    const order = await createOrder();
    const placed = await place(order.id, withoutCv, AAR);
    const path = `/v1/job-orders/${order.id}/placements/${placed.body.id}/withdraw`;
    const otherJobcenter = await h.request('POST', path, { key: KK, body: {} });
    assert.equal(otherJobcenter.status, 404);
    assert.equal(otherJobcenter.body.errors[0].path, 'placementId');
    assert.equal((await h.request('POST', path, { key: A, body: {} })).status, 403);
    assert.equal((await h.request('POST', path, { key: B, body: {} })).status, 404);
    assert.equal((await h.request('POST', `/v1/job-orders/${order.id}/placements/999999/withdraw`, { key: AAR, body: {} })).status, 404);
    assert.equal((await getOrder(order.id)).candidateCount, 1);
  });
});

describe('notes from the jobcenter (R4.1, R5.4)', () => {
  it('the responsible jobcenter\'s note becomes the latest note and a log line', async () => {
    const order = await createOrder();
    later(15);
    const res = await h.request('POST', `/v1/job-orders/${order.id}/notes`, { key: KK, body: { text: ' Vi sender tre kandidater i morgen. ' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('etag'), `"${order.version + 1}"`);
    const seen = await getOrder(order.id);
    assert.deepEqual(seen.latestNote, { text: 'Vi sender tre kandidater i morgen.', at: h.now().toISOString(), by: 'Jobcenter København' });
    assert.equal(seen.updatedAt, h.now().toISOString());
    const last = (await logOf(order.id)).at(-1);
    assert.deepEqual({ action: last.action, actor: last.actor, description: last.description }, {
      action: 'note', actor: { kind: 'jobcenter', name: 'Jobcenter København', person: null }, description: 'Vi sender tre kandidater i morgen.',
    });
  });

  it('another jobcenter and the company are 403, another company 404; an empty note is 422', async () => {
    const order = await createOrder();
    const body = { text: 'Hej' };
    assert.equal((await h.request('POST', `/v1/job-orders/${order.id}/notes`, { key: AAR, body })).status, 403);
    assert.equal((await h.request('POST', `/v1/job-orders/${order.id}/notes`, { key: A, body })).status, 403);
    assert.equal((await h.request('POST', `/v1/job-orders/${order.id}/notes`, { key: B, body })).status, 404);
    const empty = await h.request('POST', `/v1/job-orders/${order.id}/notes`, { key: KK, body: { text: '  ' } });
    assert.equal(empty.status, 422);
    assert.equal(empty.body.errors[0].path, 'text');
    assert.equal((await getOrder(order.id)).latestNote, null);
  });
});

describe('what the company sees of its candidates (R4.4, R8.4)', () => {
  let order: any;
  const ids: Record<string, number> = {};
  before(async () => {
    order = await createOrder();
    ids.searchable = (await place(order.id, searchable)).body.id;
    ids.notSearchable = (await place(order.id, notSearchable, AAR)).body.id;
    ids.protected = (await place(order.id, addressProtected, AAR)).body.id;
  });

  it('a searchable CV is shown, with the website', async () => {
    const res = await h.request('GET', `/v1/job-orders/${order.id}/placements/${ids.searchable}`, { key: A });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.cv, cv);
    assert.equal(res.body.website, 'https://amir.example');
    assert.equal(res.body.name, 'Amir Haddad');
  });

  it('without a searchable CV: name, address and birth year, never the CV', async () => {
    const res = await h.request('GET', `/v1/job-orders/${order.id}/placements/${ids.notSearchable}`, { key: A });
    assert.equal(res.body.name, 'Peter Madsen');
    assert.equal(res.body.birthYear, 1971);
    assert.deepEqual(res.body.address, notSearchable.address);
    assert.equal('cv' in res.body, false);
    const stored = await h.db.query('SELECT cv_json FROM placements WHERE id = ?', [ids.notSearchable]);
    assert.equal(stored[0]!.cv_json, null, 'a CV that may not be shown is not even kept');
  });

  it('an address-protected person: name and birth year, no address anywhere — not even in the database', async () => {
    const res = await h.request('GET', `/v1/job-orders/${order.id}/placements/${ids.protected}`, { key: A });
    assert.equal(res.body.name, 'Sara Nielsen');
    assert.equal(res.body.birthYear, 1989);
    assert.equal('address' in res.body, false);
    const list = await h.request('GET', `/v1/job-orders/${order.id}/placements`, { key: A });
    assert.deepEqual(list.body.items.map((p: any) => p.id), [ids.searchable, ids.notSearchable, ids.protected]);
    assert.equal('address' in list.body.items[2], false);
    const row = await h.db.query('SELECT address_street, address_postal_code, address_city FROM placements WHERE id = ?', [ids.protected]);
    assert.deepEqual(row[0], { address_street: null, address_postal_code: null, address_city: null });
  });

  it('another company sees none of them (404); a placement of another order is 404', async () => {
    assert.equal((await h.request('GET', `/v1/job-orders/${order.id}/placements`, { key: B })).status, 404);
    assert.equal((await h.request('GET', `/v1/job-orders/${order.id}/placements/${ids.searchable}`, { key: B })).status, 404);
    const other = await createOrder();
    assert.equal((await h.request('GET', `/v1/job-orders/${other.id}/placements/${ids.searchable}`, { key: A })).status, 404);
  });

  it('a jobcenter sees only the candidates it placed itself', async () => {
    const kk = await h.request('GET', `/v1/job-orders/${order.id}/placements`, { key: KK });
    assert.deepEqual(kk.body.items.map((p: any) => p.id), [ids.searchable]);
    const aarhus = await h.request('GET', `/v1/job-orders/${order.id}/placements`, { key: AAR });
    assert.deepEqual(aarhus.body.items.map((p: any) => p.id), [ids.notSearchable, ids.protected]);
    assert.equal((await h.request('GET', `/v1/job-orders/${order.id}/placements/${ids.protected}`, { key: KK })).status, 404);
    assert.equal((await h.request('GET', `/v1/job-orders/${order.id}/placements/${ids.protected}`, { key: AAR })).status, 200);
  });
});

describe('a jobcenter creates an order for a company (R1.7)', () => {
  it('names the company by CVR; the log says the jobcenter created it; the company sees it', async () => {
    const res = await h.request('POST', '/v1/job-orders', { key: AAR, body: validOrderB({ companyCvr: '27182828' }) });
    assert.equal(res.status, 201, res.text);
    assert.deepEqual(res.body.createdBy, { kind: 'jobcenter', name: 'Jobcenter Aarhus' });
    assert.equal(res.body.company.name, 'Havnens Lager A/S');
    const log = await logOf(res.body.id, B);
    assert.deepEqual(log.map((e) => [e.action, e.actor.kind, e.actor.name]), [['created', 'jobcenter', 'Jobcenter Aarhus']]);
    assert.equal((await h.request('GET', `/v1/job-orders/${res.body.id}`, { key: B })).status, 200);
    assert.equal((await h.request('GET', `/v1/job-orders/${res.body.id}`, { key: A })).status, 404);
  });

  it('checks the company\'s workplaces and people as for the company itself; CVR required and known', async () => {
    const missing = await h.request('POST', '/v1/job-orders', { key: AAR, body: validOrderB() });
    assert.equal(missing.status, 422);
    assert.deepEqual(missing.body.errors.map((e: any) => e.path), ['companyCvr']);
    // 12345674 has a valid check digit but no company; 12345678 fails the check digit and is not looked up.
    const unknown = await h.request('POST', '/v1/job-orders', { key: AAR, body: validOrderB({ companyCvr: '12345674' }) });
    assert.deepEqual(unknown.body.errors.map((e: any) => [e.path, e.code]), [['companyCvr', 'unknown']]);
    const badDigit = await h.request('POST', '/v1/job-orders', { key: AAR, body: validOrderB({ companyCvr: '12345678' }) });
    assert.deepEqual(badDigit.body.errors.map((e: any) => [e.path, e.code]), [['companyCvr', 'check_digit']]);
    // Company A's workplace is not one of Havnens Lager's.
    const wrongWorkplace = await h.request('POST', '/v1/job-orders', { key: AAR, body: validOrder({ companyCvr: '27182828' }) });
    assert.ok(wrongWorkplace.body.errors.some((e: any) => e.path === 'workplace.pNumber'));
    assert.equal((await h.request('POST', '/v1/job-orders', { key: VEJLE, body: validOrderB({ companyCvr: '27182828' }) })).status, 403);
  });

  it('the employer path is unchanged: its own company, and companyCvr is not a field for it', async () => {
    const own = await h.request('POST', '/v1/job-orders', { key: B, body: validOrderB() });
    assert.deepEqual(own.body.createdBy, { kind: 'company', name: 'Havnens Lager A/S' });
    const sent = await h.request('POST', '/v1/job-orders', { key: B, body: validOrderB({ companyCvr: '31415926' }) });
    assert.equal(sent.status, 422);
    assert.deepEqual(sent.body.errors.map((e: any) => [e.path, e.code]), [['companyCvr', 'unknown_field']]);
  });
});

describe('no input produces a 5xx', () => {
  const strange: unknown[] = [
    null, true, 0, -1, 1.5, 1e308, Number.MAX_SAFE_INTEGER + 2, '', ' ', 'x'.repeat(20000), '<script>alert(1)</script>',
    "'; DROP TABLE placements; --", '\u0000', '😀', 'æøå', [], [1, 2], {}, { a: { b: [] } },
  ];
  const paths = [
    'name', 'birthYear', 'addressProtected', 'address', 'address.street', 'address.postalCode', 'cvSearchable', 'cv', 'cv.headline',
    'cv.experience', 'cv.experience.0', 'cv.experience.0.from', 'cv.education.0.year', 'cv.skills', 'cv.skills.0', 'website', 'email', 'phone', 'unknown',
  ];
  /** A small seeded generator, so a failure can be replayed. */
  const prng = (seed: number) => () => ((seed = (Math.imul(seed ^ (seed >>> 15), 2246822507) + 0x6d2b79f5) >>> 0) / 4294967296);

  it('placement bodies with fields replaced by strange values (seeded, 300 requests)', async () => {
    const order = await createOrder({ longTerm: true });
    const next = prng(Number(process.env.FUZZ_SEED ?? 4711));
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
    for (let i = 0; i < 300; i++) {
      // Only a protected person carries the protected address; the scan at the end must find it nowhere.
      const isProtected = next() < 0.5;
      const candidate = structuredClone({ ...searchable, addressProtected: isProtected, address: isProtected ? protectedAddress : searchable.address }) as Record<string, any>;
      for (let k = 0; k < 1 + Math.floor(next() * 3); k++) {
        const keys = pick(paths).split('.');
        let target: any = candidate;
        for (const key of keys.slice(0, -1)) target = target && typeof target === 'object' ? target[key] : undefined;
        if (target && typeof target === 'object') target[keys.at(-1)!] = pick(strange);
      }
      const body = next() < 0.1 ? pick(strange) : { candidate: next() < 0.05 ? pick(strange) : candidate, description: next() < 0.2 ? pick(strange) : 'Et match.' };
      const res = await h.request('POST', `/v1/job-orders/${order.id}/placements`, { key: KK, body });
      assert.ok([201, 400, 422].includes(res.status), `request ${i}: ${res.status} ${res.text.slice(0, 300)}`);
    }
  });

  it('coordinator, note and withdrawal bodies, and odd ids', async () => {
    const order = await createOrder();
    const placed = await place(order.id, withoutCv);
    for (const value of strange) {
      for (const [method, path, key, field] of [
        ['PUT', `/v1/job-orders/${order.id}/coordinator`, KK, 'name'],
        ['PUT', `/v1/job-orders/${order.id}/coordinator`, KK, 'email'],
        ['POST', `/v1/job-orders/${order.id}/notes`, KK, 'text'],
        ['POST', `/v1/job-orders/${order.id}/placements/${placed.body.id}/withdraw`, AAR, 'reason'],
      ] as const) {
        const res = await h.request(method, path, { key, body: { name: 'Lone', [field]: value } });
        assert.ok(res.status < 500, `${method} ${path} ${field}=${String(value).slice(0, 20)}: ${res.status}`);
      }
      await h.request('POST', `/v1/job-orders/${order.id}/notes`, { key: KK, body: value });
    }
    for (const id of ['0', '-1', '1.5', '99999999999', 'abc', '%00']) {
      assert.ok((await h.request('GET', `/v1/job-orders/${order.id}/placements/${id}`, { key: A })).status < 500);
      assert.ok((await h.request('POST', `/v1/job-orders/${id}/placements`, { key: KK, body: { candidate: withoutCv, description: 'x' } })).status < 500);
    }
  });

  it('every new route answers 401 without a credential', async () => {
    for (const [method, path] of [
      ['GET', '/v1/job-orders/1/coordinator'], ['PUT', '/v1/job-orders/1/coordinator'], ['GET', '/v1/job-orders/1/placements'],
      ['POST', '/v1/job-orders/1/placements'], ['GET', '/v1/job-orders/1/placements/1'], ['POST', '/v1/job-orders/1/placements/1/withdraw'],
      ['POST', '/v1/job-orders/1/notes'],
    ]) {
      assert.equal((await h.request(method!, path!, method === 'GET' ? {} : { body: {} })).status, 401, `${method} ${path}`);
    }
  });
});

describe('privacy (R4.4, R8.4)', () => {
  it('the protected address is in no response body of this whole run, and nowhere in the database', async () => {
    // One more tour through everything that could carry it: the order, its log, lists, a refusal.
    const order = await createOrder({ maxCandidates: 1 });
    const placed = await place(order.id, addressProtected, AAR, { description: 'Sara kan arbejde aftener.' });
    assert.equal(placed.status, 201);
    assert.equal((await place(order.id, addressProtected, AAR)).status, 409);
    await h.request('GET', `/v1/job-orders/${order.id}`, { key: A });
    await h.request('GET', `/v1/job-orders/${order.id}/log`, { key: A });
    await h.request('GET', `/v1/job-orders/${order.id}/log`, { key: KK });
    await h.request('GET', '/v1/job-orders?limit=100', { key: AAR });
    await h.request('POST', `/v1/job-orders/${order.id}/placements/${placed.body.id}/withdraw`, { key: AAR, body: { reason: 'Trukket.' } });
    await h.request('GET', `/v1/job-orders/${order.id}/placements`, { key: A });
    await h.request('GET', `/v1/job-orders/${order.id}/placements`, { key: AAR });

    assert.ok(h.seenBodies.length > 100, `scanned ${h.seenBodies.length} bodies`);
    const needles = [protectedStreet, 'Skjultevej', 'skjultevej'];
    for (const body of h.seenBodies) for (const needle of needles) assert.ok(!body.includes(needle), `a response carried ${needle}: ${body.slice(0, 300)}`);
    // Every table the server keeps: the placement, the log, the outbox's e-mails, idempotency replays.
    for (const table of ['placements', 'journal', 'outbox', 'idempotency_keys', 'job_orders']) {
      const dump = JSON.stringify(await h.db.query(`SELECT * FROM ${table}`));
      assert.ok(!dump.includes('Skjultevej'), `${table} holds the protected address`);
    }
  });
});
