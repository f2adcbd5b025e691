// The access policy is written once, in server/domain/access.ts; the lists filter in SQL by the
// same scopes so a page is read by an index. Here, on generated orders and journal entries in a
// real database file, each SQL filter returns exactly the rows its TypeScript predicate accepts:
// the order scope of every kind of principal (`orderInScope`), and the journal's audience
// (`journalEntryVisible`).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Database } from '../../../server/db/driver/types.ts';
import { insertJobOrder, listJobOrders, type JobOrderFields } from '../../../server/db/job-orders.ts';
import { journalKinds } from '../../../server/contract/journal.ts';
import { appendJournal, listJournalOfOrder, type NewJournalEntry } from '../../../server/db/journal.ts';
import { migrate } from '../../../server/db/migrate.ts';
import { insertCompany } from '../../../server/db/organisations.ts';
import { ensureJobcenters } from '../../../server/db/reference-data.ts';
import { journalAudience, journalEntryVisible, orderInScope, orderScope } from '../../../server/domain/access.ts';
import type { Principal } from '../../../server/domain/principal.ts';
import { openTestDatabase } from '../../support/database.ts';

const companyIds = [1, 2, 3];
const jobcenterIds = ['101', '751', '147'];

const dir = mkdtempSync(join(tmpdir(), 'jobag-access-sql-'));
let db: Database;
before(async () => {
  db = await openTestDatabase(join(dir, 'access.db'));
  await migrate(db);
  await ensureJobcenters(db);
  await db.transaction(async (tx) => {
    for (const id of companyIds) await insertCompany(tx, { id, cvr: `1000000${id}`, name: `Firma ${id}`, workplaces: [], contactPersons: [] });
  });
});
after(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const fields: JobOrderFields = {
  occupationCode: '1',
  occupationTitle: 'Køkkenmedhjælper',
  description: 'Opvask.',
  positions: 1,
  emailOnPlacement: true,
  longTerm: false,
  startDate: null,
  durationDays: null,
  responseDeadline: null,
  maxCandidates: null,
  workingTime: 'unspecified',
  weeklyHours: null,
  workingHoursCondition: 'normal',
  responseMethod: 'unspecified',
  workplace: { pNumber: '1003456781', name: 'Køkkenet', street: 'Vesterbrogade 12', floor: null, door: null, postalCode: '1620', city: 'København V' },
  contact: { contactPersonId: null, name: 'Mette Hansen', email: 'mette@example.dk', phone: null },
};

/** Every kind of principal, over every organisation the data uses: employers by key and by token, jobcenters likewise. */
const principals: Principal[] = [
  ...companyIds.flatMap((companyId): Principal[] =>
    (['apiKey', 'token'] as const).map((via) => ({
      kind: 'employer', companyId, companyName: `Firma ${companyId}`, contactPersonId: via === 'token' ? 1 : null, contactPersonName: null, via, keyId: 1,
    })),
  ),
  ...jobcenterIds.flatMap((jobcenterId): Principal[] =>
    (['apiKey', 'token'] as const).map((via) => ({
      kind: 'jobcenter', jobcenterId, jobcenterName: `Jobcenter ${jobcenterId}`, signedUp: true, caseworkerName: via === 'token' ? 'Sagsbehandler' : null, via, keyId: 1,
    })),
  ),
];

const orderArbitrary = fc.record({ company: fc.constantFrom(...companyIds), jobcenter: fc.constantFrom(...jobcenterIds) });
const entryArbitrary = fc.record({
  order: fc.nat(),
  kind: fc.constantFrom(...journalKinds),
  // Independent of the kind on purpose: the filters must agree on any row, not only on rows the commands write.
  audience: fc.constantFrom('scheme' as const, 'placement' as const),
  placingJobcenter: fc.option(fc.constantFrom(...jobcenterIds), { nil: null }),
});

type GeneratedEntry = typeof entryArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** Replaces the orders and the journal with the generated ones; returns the orders' ids and the entries as stored. */
async function store(orders: { company: number; jobcenter: string }[], entries: GeneratedEntry[]) {
  return db.transaction(async (tx) => {
    await tx.run('DELETE FROM journal');
    await tx.run('DELETE FROM job_orders');
    const stored: { id: number; companyId: number; responsibleJobcenterId: string }[] = [];
    for (const o of orders) {
      const record = await insertJobOrder(tx, {
        ...fields, companyId: o.company, responsibleJobcenterId: o.jobcenter, createdBy: { kind: 'company', name: `Firma ${o.company}` }, at: '2026-01-01T00:00:00.000Z',
      });
      stored.push({ id: record.order.id, companyId: o.company, responsibleJobcenterId: o.jobcenter });
    }
    const journal: (NewJournalEntry & { id: number })[] = [];
    if (stored.length > 0) {
      for (const e of entries) {
        const order = stored[e.order % stored.length]!;
        const entry: NewJournalEntry = {
          jobOrderId: order.id, companyId: order.companyId, responsibleJobcenterId: order.responsibleJobcenterId, kind: e.kind, at: '2026-01-01T00:00:00.000Z',
          actor: { kind: 'company', name: 'Firma', person: null }, description: e.kind, status: null, placementId: null, audience: e.audience,
          placingJobcenterId: e.placingJobcenter, orderVersion: 1, outcome: null, closeReason: null, copyOf: null,
        };
        journal.push({ ...entry, id: await appendJournal(tx, entry) });
      }
    }
    return { orders: stored, journal };
  });
}

const runs = { numRuns: 40 };

describe('the access policy in SQL', () => {
  it('an order scope lists exactly the orders orderInScope accepts, for every kind of principal', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(orderArbitrary, { maxLength: 15 }), async (generated) => {
        const { orders } = await store(generated, []);
        for (const principal of principals) {
          for (const responsibleOnly of [false, true]) {
            const scope = orderScope(principal, responsibleOnly);
            const page = await listJobOrders(db, scope, { sort: 'id', order: 'asc', limit: 100 });
            const listed = page.items.map((json) => (JSON.parse(json) as { id: number }).id);
            const accepted = orders.filter((o) => orderInScope(scope, o)).map((o) => o.id);
            assert.deepEqual(listed, accepted, `${JSON.stringify(scope)}`);
          }
        }
      }),
      runs,
    );
  });

  it('a journal audience reads exactly the entries journalEntryVisible accepts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(orderArbitrary, { minLength: 1, maxLength: 4 }), fc.array(entryArbitrary, { maxLength: 25 }), async (generatedOrders, generatedEntries) => {
        const { orders, journal } = await store(generatedOrders, generatedEntries);
        for (const principal of principals) {
          const audience = journalAudience(principal);
          for (const order of orders) {
            const read = await listJournalOfOrder(db, order.id, audience, { afterId: 0, limit: 100 });
            const accepted = journal.filter((e) => e.jobOrderId === order.id && journalEntryVisible(audience, e)).map((e) => e.id);
            assert.deepEqual(read.map((e) => e.id), accepted, `${JSON.stringify(audience)} on order ${order.id}`);
          }
        }
      }),
      runs,
    );
  });

  it('the generated data reaches both sides of each filter', async () => {
    // A guard on the properties above: with every row visible (or none) they would prove nothing.
    const { orders, journal } = await store(
      [{ company: 1, jobcenter: '101' }, { company: 2, jobcenter: '751' }],
      [
        { order: 0, kind: 'placement', audience: 'placement', placingJobcenter: '751' },
        { order: 0, kind: 'note', audience: 'scheme', placingJobcenter: null },
      ],
    );
    const scope = orderScope(principals[0]!);
    assert.deepEqual(orders.map((o) => orderInScope(scope, o)), [true, false]);
    const jobcenter = journalAudience(principals.find((p) => p.kind === 'jobcenter')!);
    assert.deepEqual(journal.map((e) => journalEntryVisible(jobcenter, e)), [false, true]);
    assert.deepEqual((await listJournalOfOrder(db, orders[0]!.id, jobcenter, { afterId: 0, limit: 100 })).map((e) => e.kind), ['note']);
  });
});
