// The journal: every command appends one entry in its own transaction; the placement
// log is a read of it with R4.3's words; who acted — organisation and person — is recorded; who
// may read an entry is the access policy's; long logs and candidate lists page with one cursor codec.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, demoKeys, type Harness } from './support/harness.ts';
import { validOrder } from './support/orders.ts';

// An API key must send If-Match on an edit or status change (428 without); `*` is whatever the version.
const anyVersion = { 'if-match': '*' };

const A: string = demoKeys.employerA;
const B: string = demoKeys.employerB;
const KK: string = demoKeys.jobcenter101;
const AAR: string = demoKeys.jobcenter751;
const candidate = { name: 'Lise Holm', birthYear: 1999, addressProtected: false, cvSearchable: false, email: 'lise@post.example' };

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

const token = async (key: string, body: unknown) => {
  const res = await h.request('POST', '/v1/sessions', { key, body });
  assert.equal(res.status, 201, res.text);
  return res.body.token as string;
};
const create = async (key = A) => {
  const res = await h.request('POST', '/v1/job-orders', { key, body: validOrder() });
  assert.equal(res.status, 201, res.text);
  return res.body;
};
const logOf = async (id: number, key = A, query = '') => h.request('GET', `/v1/job-orders/${id}/log${query}`, { key });
const journalRows = async () => Number((await h.db.query('SELECT COUNT(*) AS n FROM journal'))[0]!.n);

describe('the placement log is a read of the journal (R4.3)', () => {
  it('every command leaves one entry, in R4.3\'s words, with the organisation and the person who acted', async () => {
    const mette = await token(A, { contactPersonId: 1 });
    const lone = await token(KK, { caseworker: { name: 'Lone Kristensen' } });
    const order = await create(mette);
    const edited = await h.request('PATCH', `/v1/job-orders/${order.id}`, { key: mette, body: { positions: 3, note: 'Én mere.' } });
    assert.equal(edited.status, 200);
    assert.equal((await h.request('PUT', `/v1/job-orders/${order.id}/coordinator`, { key: lone, body: { name: 'Lone Kristensen' } })).status, 200);
    assert.equal((await h.request('POST', `/v1/job-orders/${order.id}/notes`, { key: lone, body: { text: 'Vi ringer i morgen.' } })).status, 200);
    const placed = await h.request('POST', `/v1/job-orders/${order.id}/placements`, { key: lone, body: { candidate, description: 'Lise kan starte mandag.' } });
    assert.equal(placed.status, 201);
    const withdrawn = await h.request('POST', `/v1/job-orders/${order.id}/placements/${placed.body.id}/withdraw`, { key: lone, body: { reason: 'Fik andet job.' } });
    assert.equal(withdrawn.status, 200);
    assert.equal((await h.request('POST', `/v1/job-orders/${order.id}/status`, { key: mette, body: { status: 'closed', note: 'Besat.' } })).status, 200);

    const log = await logOf(order.id);
    assert.equal(log.status, 200);
    const lines = log.body.items.map((e: any) => [e.action, e.actor.kind, e.actor.name, e.actor.person, e.description, e.status]);
    assert.deepEqual(lines, [
      ['created', 'company', 'Nordlys Køkken ApS', 'Mette Hansen', '', null],
      ['edited', 'company', 'Nordlys Køkken ApS', 'Mette Hansen', 'Én mere.', null],
      ['coordinator_appointed', 'jobcenter', 'Jobcenter København', 'Lone Kristensen', 'Lone Kristensen', null],
      ['note', 'jobcenter', 'Jobcenter København', 'Lone Kristensen', 'Vi ringer i morgen.', null],
      ['placement', 'jobcenter', 'Jobcenter København', 'Lone Kristensen', 'Lise kan starte mandag.', null],
      // Fjernet names whom it concerns, then why.
      ['withdrawn', 'jobcenter', 'Jobcenter København', 'Lone Kristensen', 'Lise Holm: Fik andet job.', null],
      // R4.3, R7.5: Ændret is the status change, with its note.
      ['changed', 'company', 'Nordlys Køkken ApS', 'Mette Hansen', 'Besat.', 'closed'],
    ]);
    const ids = log.body.items.map((e: any) => e.id);
    assert.deepEqual(ids, [...ids].sort((x: number, y: number) => x - y), 'oldest first');
    assert.deepEqual(log.body.items.map((e: any) => e.orderVersion), [1, 2, 3, 4, 5, 6, 7], 'each entry names the version it made');
    assert.equal(log.body.items[4].placementId, placed.body.id);
    assert.equal(log.body.items[5].placementId, placed.body.id);
    assert.equal(log.body.nextCursor, null);
    // An integration's API key acts for nobody in particular.
    const viaKey = await create(A);
    assert.equal((await logOf(viaKey.id)).body.items[0].actor.person, null);
  });

  it('a refused command writes nothing to the journal (422, 403, 409, 412)', async () => {
    const order = await create();
    const before = await journalRows();
    assert.equal((await h.request('PATCH', `/v1/job-orders/${order.id}`, { key: A, headers: anyVersion, body: { positions: 0 } })).status, 422);
    assert.equal((await h.request('PATCH', `/v1/job-orders/${order.id}`, { key: A, headers: { 'if-match': '"99"' }, body: { positions: 2 } })).status, 412);
    assert.equal((await h.request('POST', `/v1/job-orders/${order.id}/notes`, { key: AAR, body: { text: 'Ikke vores.' } })).status, 403);
    assert.equal((await h.request('POST', `/v1/job-orders/${order.id}/status`, { key: A, headers: anyVersion, body: { status: 'inactive' } })).status, 200);
    const afterStatus = await journalRows();
    assert.equal(afterStatus, before + 1, 'only the status change');
    assert.equal((await h.request('POST', `/v1/job-orders/${order.id}/placements`, { key: KK, body: { candidate, description: 'x' } })).status, 409);
    assert.equal(await journalRows(), afterStatus);
    // The same status without a note changes nothing at all.
    assert.equal((await h.request('POST', `/v1/job-orders/${order.id}/status`, { key: A, headers: anyVersion, body: { status: 'inactive' } })).status, 200);
    assert.equal(await journalRows(), afterStatus);
  });

  it('R1.4, R8.4: every signed-up jobcenter reads what happened to the order, but a placement only the placing jobcenter (and the company)', async () => {
    const order = await create();
    const byAarhus = await h.request('POST', `/v1/job-orders/${order.id}/placements`, { key: AAR, body: { candidate, description: 'Fra Aarhus.' } });
    assert.equal(byAarhus.status, 201);
    const actions = async (key: string) => (await logOf(order.id, key)).body.items.map((e: any) => e.action);
    assert.deepEqual(await actions(A), ['created', 'placement']);
    assert.deepEqual(await actions(AAR), ['created', 'placement']);
    assert.deepEqual(await actions(KK), ['created'], 'the responsible jobcenter does not read another jobcenter\'s candidate text');
    assert.equal((await logOf(order.id, B)).status, 404, 'another company: no such order (R1.6)');
  });
});

describe('one cursor codec for every growing list (log, placements, orders)', () => {
  it('the log pages oldest first: every entry once, the last page without a cursor', async () => {
    const order = await create();
    for (let i = 0; i < 6; i++) {
      assert.equal((await h.request('POST', `/v1/job-orders/${order.id}/notes`, { key: KK, body: { text: `Note ${i}` } })).status, 200);
    }
    const all = (await logOf(order.id)).body.items.map((e: any) => e.id);
    assert.equal(all.length, 7);
    const walked: number[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await logOf(order.id, A, `?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(page.status, 200);
      walked.push(...page.body.items.map((e: any) => e.id));
      sizes.push(page.body.items.length);
      cursor = page.body.nextCursor;
    } while (cursor);
    assert.deepEqual(walked, all);
    assert.deepEqual(sizes, [3, 3, 1]);
  });

  it('placed candidates page the same way, and a jobcenter pages only its own (R4.4, R8.4)', async () => {
    const order = await create();
    for (const key of [KK, AAR, KK, KK]) {
      assert.equal((await h.request('POST', `/v1/job-orders/${order.id}/placements`, { key, body: { candidate, description: 'Et match.' } })).status, 201);
    }
    const walk = async (key: string) => {
      const ids: number[] = [];
      let cursor: string | null = null;
      do {
        const page: any = await h.request('GET', `/v1/job-orders/${order.id}/placements?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { key });
        assert.equal(page.status, 200);
        ids.push(...page.body.items.map((p: any) => p.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      return ids;
    };
    const company = await walk(A);
    assert.equal(company.length, 4);
    assert.deepEqual(company, [...company].sort((x, y) => x - y));
    assert.equal((await walk(KK)).length, 3);
    assert.equal((await walk(AAR)).length, 1);
  });

  it('a cursor we did not make is a 400 naming cursor, never a 500', async () => {
    const order = await create();
    assert.equal((await h.request('POST', `/v1/job-orders/${order.id}/notes`, { key: KK, body: { text: 'En linje mere.' } })).status, 200);
    const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
    const logCursor = (await logOf(order.id, A, '?limit=1')).body.nextCursor;
    const ordersCursor = (await h.request('GET', '/v1/job-orders?limit=1&sort=title', { key: A })).body.nextCursor;
    assert.ok(logCursor && ordersCursor);
    const bad: [string, string][] = [
      ['/v1/job-orders?sort=id', b64('[\"orders\",\"id\",\"desc\",1e309,1]')],
      ['/v1/job-orders?sort=id', b64(['orders', 'id', 'desc', 1e300, 1])],
      ['/v1/job-orders?sort=title', b64(['orders', 'title', 'desc', 5, 1])],
      ['/v1/job-orders?sort=candidates', b64(['orders', 'candidates', 'desc', 'x', 1])],
      ['/v1/job-orders?sort=id', b64({ s: 'id', o: 'desc', v: 1, i: 1 })],
      ['/v1/job-orders?sort=id', 'not base64 at all!'],
      ['/v1/job-orders?sort=title', logCursor],
      ['/v1/job-orders?sort=contact', ordersCursor],
      [`/v1/job-orders/${order.id}/log?limit=1`, ordersCursor],
      [`/v1/job-orders/${order.id}/placements?limit=1`, logCursor],
      [`/v1/job-orders/${order.id}/log?limit=1`, b64(['log', 'id', 'asc', -1, -1])],
    ];
    for (const [path, cursor] of bad) {
      const res = await h.request('GET', `${path}&cursor=${encodeURIComponent(cursor)}`, { key: A });
      assert.equal(res.status, 400, `${path} with ${cursor}: ${res.text}`);
      assert.equal(res.body.errors[0].path, 'cursor');
    }
  });
});

describe('transactions', () => {
  it('a read outside a transaction never sees another request\'s uncommitted write', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const count = async () => Number((await h.db.query("SELECT COUNT(*) AS n FROM companies WHERE cvr = '12345674'"))[0]!.n);
    let written!: () => void;
    const insertDone = new Promise<void>((resolve) => (written = resolve));
    const writing = h.db.transaction(async (tx) => {
      await tx.run("INSERT INTO companies (cvr, name) VALUES ('12345674', 'Uncommitted ApS')");
      written();
      await gate; // a test holds the transaction open on purpose; commands never do
    });
    await insertDone;
    assert.equal(await count(), 0);
    release();
    await writing;
    assert.equal(await count(), 1);
  });
});
