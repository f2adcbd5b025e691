// Reads answer with an order's JSON built by SQLite (`orderJsonSql`) instead of a
// `JobOrder` object serialised in JavaScript. The two must never drift apart: every field,
// null, boolean, number and awkward string comes out of the SQL exactly as `toJobOrder` makes
// it, for GET one order (R3) and for list pages (R3.1–R3.3).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findJobOrder, findJobOrderJson } from '../../../server/db/job-orders.ts';
import { ensureOrderJson } from '../../../server/db/order-json.ts';
import { demoKeys, startHarness, type Harness } from '../../support/harness.ts';
import { validOrder } from '../../support/orders.ts';

let h: Harness;
const ids: number[] = [];
before(async () => {
  h = await startHarness();
  for (let i = 0; i < 4; i++) {
    const res = await h.request('POST', '/v1/job-orders', { key: demoKeys.employerA, body: validOrder({ positions: i + 1 }) });
    assert.equal(res.status, 201, res.text);
    ids.push(res.body.id);
  }
  // Values no create sends, written straight into the row: every nullable set, odd strings.
  const odd = 'Citat " og \\ skråstreg, linje\nskift, tab\t, kontrol \u0001, emoji 🧑‍🍳, æøå <script>';
  await h.db.run(
    `UPDATE job_orders SET description = ?, workplace_floor = '3', workplace_door = 'tv', weekly_hours = 30, max_candidates = 4,
       start_date = NULL, duration_days = NULL, response_deadline = NULL, long_term = 1, email_on_placement = 0,
       coordinator_name = 'Ida Holm', coordinator_email = 'ida@jobcenter.example', latest_note_text = ?, latest_note_at = '2026-11-27T09:00:00.000Z',
       latest_note_by = 'Ida Holm', candidate_count = 2, status = 'closed', status_rank = 2, close_reason = 'filled_otherwise', contact_phone = NULL
     WHERE id = ?`,
    [odd, odd, ids[0]!],
  );
  await h.db.run('UPDATE job_orders SET weekly_hours = 37, contact_person_id = NULL WHERE id = ?', [ids[1]!]);
});
after(() => h.close());

/** The order as its company receives it: its data and what a company may do to its own order. */
const asCompany = <T extends object>(order: T) => ({ ...order, actions: ['edit', 'changeStatus', 'copy'] });

describe('an order as JSON built by SQLite', () => {
  it('equals toJobOrder for every field of every order', async () => {
    for (const id of ids) {
      const expected = (await findJobOrder(h.db, id))!;
      const found = (await findJobOrderJson(h.db, id))!;
      assert.deepEqual(JSON.parse(found.json), expected.order, `order ${id}`);
      assert.equal(found.version, expected.order.version);
      assert.equal(found.companyId, expected.companyId);
      assert.equal(found.responsibleJobcenterId, expected.order.responsibleJobcenter.id);
      assert.deepEqual([found.status, found.candidateCount, found.maxCandidates], [expected.order.status, expected.order.candidateCount, expected.order.maxCandidates]);
    }
  });

  it('GET one order answers it, with its ETag (R3)', async () => {
    for (const id of ids) {
      const res = await h.request('GET', `/v1/job-orders/${id}`, { key: demoKeys.employerA });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      const expected = (await findJobOrder(h.db, id))!.order;
      assert.deepEqual(res.body, asCompany(expected));
      assert.equal(res.headers.get('etag'), `"${expected.version}"`);
    }
  });

  it('a list page carries the same items and a working cursor (R3.1–R3.3)', async () => {
    const seen: unknown[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { items: { id: number }[]; nextCursor: string | null } } = await h.request(
        'GET',
        `/v1/job-orders?sort=title&order=desc&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        { key: demoKeys.employerA },
      );
      assert.equal(res.status, 200);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    assert.equal(seen.length, ids.length);
    for (const item of seen as { id: number }[]) assert.deepEqual(item, asCompany((await findJobOrder(h.db, item.id))!.order));
  });

  it('stays the answer after any write: a company or jobcenter renamed, a placement, an edit — whoever writes', async () => {
    const id = ids[2]!;
    await h.db.run("UPDATE companies SET name = 'Nordlys Køkken & Co.' WHERE id = (SELECT company_id FROM job_orders WHERE id = ?)", [id]);
    await h.db.run("UPDATE jobcenters SET name = 'Jobcenter København (nyt navn)' WHERE id = (SELECT responsible_jobcenter_id FROM job_orders WHERE id = ?)", [id]);
    const placed = await h.request('POST', `/v1/job-orders/${id}/placements`, {
      key: demoKeys.jobcenter101,
      body: { candidate: { name: 'Amir Haddad', birthYear: 1994, addressProtected: true, cvSearchable: false }, description: 'Kan starte straks.' },
    });
    assert.equal(placed.status, 201, placed.text);
    const res = await h.request('GET', `/v1/job-orders/${id}`, { key: demoKeys.employerA });
    const expected = (await findJobOrder(h.db, id))!.order;
    assert.deepEqual(res.body, asCompany(expected));
    assert.equal(expected.company.name, 'Nordlys Køkken & Co.');
    assert.equal(expected.responsibleJobcenter.name, 'Jobcenter København (nyt navn)');
    assert.equal(expected.candidateCount, 1);
  });

  it('is rebuilt for every order when the expression or the columns it was made from changed', async () => {
    assert.equal(await ensureOrderJson(h.db), false, 'up to date: only read');
    await h.db.run("UPDATE derived_state SET fingerprint = 'older' WHERE name = 'job_orders.json'");
    await h.db.run('DROP TRIGGER job_orders_json_update');
    await h.db.run('UPDATE job_orders SET json = NULL');
    assert.equal(await ensureOrderJson(h.db), true);
    const missing = await h.db.query('SELECT id FROM job_orders WHERE json IS NULL');
    assert.deepEqual(missing, []);
    for (const id of ids) assert.deepEqual(JSON.parse((await findJobOrderJson(h.db, id))!.json), (await findJobOrder(h.db, id))!.order);
    // The remade update trigger works again.
    await h.db.run("UPDATE job_orders SET description = 'Igen' WHERE id = ?", [ids[3]!]);
    assert.equal(JSON.parse((await findJobOrderJson(h.db, ids[3]!))!.json).description, 'Igen');
  });
});
