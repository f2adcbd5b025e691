// The event stream's catch-up reads of the journal (server/db/journal.ts): on generated orders
// and entries in a real database file, paging through `readVisibleJournalAfter` in batches of any
// size, from any point, with or without one order, yields exactly the entries `journalEntryVisible`
// accepts, in id order, each once; `countVisibleJournalAfter` counts them up to its bound; and
// SQLite plans every shape through one of the journal's indexes, without a scan or a sort.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Database, SqlArgs, SqlExecutor } from '../../../server/db/driver/types.ts';
import { insertJobOrder, type JobOrderFields } from '../../../server/db/job-orders.ts';
import { journalKinds } from '../../../server/contract/journal.ts';
import { appendJournal, countVisibleJournalAfter, readVisibleJournalAfter, type NewJournalEntry } from '../../../server/db/journal.ts';
import { migrate } from '../../../server/db/migrate.ts';
import { insertCompany } from '../../../server/db/organisations.ts';
import { ensureJobcenters } from '../../../server/db/reference-data.ts';
import { journalEntryVisible, type JournalAudience } from '../../../server/domain/access.ts';
import { openTestDatabase } from '../../support/database.ts';

const companyIds = [1, 2, 3];
const jobcenterIds = ['101', '751', '147'];
const audiences: JournalAudience[] = [...companyIds.map((companyId) => ({ companyId })), ...jobcenterIds.map((jobcenterId) => ({ jobcenterId }))];

const dir = mkdtempSync(join(tmpdir(), 'jobag-journal-'));
let db: Database;
before(async () => {
  db = await openTestDatabase(join(dir, 'journal.db'));
  await migrate(db);
  await ensureJobcenters(db);
  await db.transaction(async (tx) => {
    for (const id of companyIds) await insertCompany(tx, { id, cvr: `2000000${id}`, name: `Firma ${id}`, workplaces: [], contactPersons: [] });
  });
});
after(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const fields: JobOrderFields = {
  occupationCode: '1', occupationTitle: 'Køkkenmedhjælper', description: 'Opvask.', positions: 1, emailOnPlacement: true, longTerm: false,
  startDate: null, durationDays: null, responseDeadline: null, maxCandidates: null, workingTime: 'unspecified', weeklyHours: null,
  workingHoursCondition: 'normal', responseMethod: 'unspecified',
  workplace: { pNumber: '1003456781', name: 'Køkkenet', street: 'Vesterbrogade 12', floor: null, door: null, postalCode: '1620', city: 'København V' },
  contact: { contactPersonId: null, name: 'Mette Hansen', email: 'mette@example.dk', phone: null },
};

const orderArbitrary = fc.record({ company: fc.constantFrom(...companyIds), jobcenter: fc.constantFrom(...jobcenterIds) });
const entryArbitrary = fc.record({
  order: fc.nat(),
  kind: fc.constantFrom(...journalKinds),
  // Independent of the kind: the reads must agree with the policy on any row.
  audience: fc.constantFrom('scheme' as const, 'placement' as const),
  placingJobcenter: fc.option(fc.constantFrom(...jobcenterIds), { nil: null }),
});
type GeneratedEntry = typeof entryArbitrary extends fc.Arbitrary<infer T> ? T : never;

async function store(orders: { company: number; jobcenter: string }[], entries: GeneratedEntry[]) {
  return db.transaction(async (tx) => {
    await tx.run('DELETE FROM journal');
    await tx.run('DELETE FROM job_orders');
    const stored: { id: number; companyId: number; responsibleJobcenterId: string }[] = [];
    for (const o of orders) {
      const record = await insertJobOrder(tx, { ...fields, companyId: o.company, responsibleJobcenterId: o.jobcenter, createdBy: { kind: 'company', name: 'Firma' }, at: '2026-01-01T00:00:00.000Z' });
      stored.push({ id: record.order.id, companyId: o.company, responsibleJobcenterId: o.jobcenter });
    }
    const journal: (NewJournalEntry & { id: number })[] = [];
    for (const e of entries) {
      const order = stored[e.order % stored.length]!;
      const entry: NewJournalEntry = {
        jobOrderId: order.id, companyId: order.companyId, responsibleJobcenterId: order.responsibleJobcenterId, kind: e.kind, at: '2026-01-01T00:00:00.000Z',
        actor: { kind: 'company', name: 'Firma', person: null }, description: e.kind, status: null, placementId: null, audience: e.audience,
        placingJobcenterId: e.placingJobcenter, orderVersion: 1, outcome: null, closeReason: null, copyOf: null,
      };
      journal.push({ ...entry, id: await appendJournal(tx, entry) });
    }
    return { orders: stored, journal };
  });
}

describe('the journal read by audience', () => {
  it('paging in batches of any size from any point reads exactly the visible entries, in order, once; the count agrees up to its bound', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(orderArbitrary, { minLength: 1, maxLength: 3 }),
        fc.array(entryArbitrary, { maxLength: 30 }),
        fc.integer({ min: 1, max: 5 }),
        fc.nat({ max: 30 }),
        fc.integer({ min: 0, max: 12 }),
        async (generatedOrders, generatedEntries, limit, startAt, atMost) => {
          const { orders, journal } = await store(generatedOrders, generatedEntries);
          const start = journal[startAt]?.id ?? journal.at(-1)?.id ?? 0;
          for (const audience of audiences) {
            for (const jobOrderId of [undefined, ...orders.map((o) => o.id)]) {
              const accepted = journal.filter((e) => e.id > start && journalEntryVisible(audience, e) && (jobOrderId === undefined || e.jobOrderId === jobOrderId)).map((e) => e.id);
              const read: number[] = [];
              let afterId = start;
              for (let pages = 0; pages <= journal.length + 1; pages++) {
                const batch = await readVisibleJournalAfter(db, audience, { afterId, limit, jobOrderId });
                assert.ok(batch.length <= limit);
                read.push(...batch.map((e) => e.id));
                if (batch.length < limit) break;
                afterId = batch.at(-1)!.id;
              }
              const what = `${JSON.stringify(audience)} order ${jobOrderId ?? 'any'} after ${start} by ${limit}`;
              assert.deepEqual(read, accepted, what);
              assert.equal(await countVisibleJournalAfter(db, audience, { afterId: start, atMost, jobOrderId }), Math.min(atMost, accepted.length), what);
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('every catch-up read is planned through an index, without a full scan or a sort', async () => {
    const statements: { sql: string; args: SqlArgs }[] = [];
    const recorder: SqlExecutor = {
      async query(sql, args = []) {
        statements.push({ sql, args });
        return [];
      },
      async queryOne(sql, args = []) {
        statements.push({ sql, args });
        return null;
      },
      async run() {
        throw new Error('a read must not write');
      },
    };
    for (const audience of [{ companyId: 1 }, { jobcenterId: '101' }]) {
      for (const jobOrderId of [undefined, 7]) {
        await readVisibleJournalAfter(recorder, audience, { afterId: 40, limit: 200, jobOrderId });
        await countVisibleJournalAfter(recorder, audience, { afterId: 40, atMost: 10_001, jobOrderId });
      }
    }
    const failures: string[] = [];
    for (const { sql, args } of statements) {
      const plan = (await db.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, args)).map((r) => String(r.detail));
      // The journal by one of its indexes (not a scan, nor a walk of every id above the cursor);
      // a scan of the count's own bounded subquery is fine.
      const byIndex = plan.some((line) => /^SEARCH journal USING (COVERING )?INDEX journal_/.test(line));
      if (!byIndex || plan.some((line) => /USE TEMP B-TREE/.test(line) || /^SCAN journal\b/.test(line))) failures.push(`${sql}: ${plan.join(' | ')}`);
    }
    assert.ok(statements.length >= 8);
    assert.deepEqual(failures, []);
  });
});
