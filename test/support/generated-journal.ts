// Generated orders and journal entries in a real database file, for the property tests that hold
// the SQL reads of the journal and of the order scope to the access policy's predicates.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { journalKinds } from '../../server/contract/journal.ts';
import type { Database, SqlArgs, SqlExecutor } from '../../server/db/driver/types.ts';
import { insertJobOrder, type JobOrderFields } from '../../server/db/job-orders.ts';
import { appendJournal, type NewJournalEntry } from '../../server/db/journal.ts';
import { migrate } from '../../server/db/migrate.ts';
import { insertCompany } from '../../server/db/organisations.ts';
import { ensureJobcenters } from '../../server/db/reference-data.ts';
import { openTestDatabase } from './database.ts';

export const companyIds = [1, 2, 3];
export const jobcenterIds = ['101', '751', '147'];

/** A migrated database in a temporary folder with the companies above and every jobcenter. */
export async function openGeneratedDatabase(name: string): Promise<{ db: Database; close: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), `jobag-${name}-`));
  const db = await openTestDatabase(join(dir, `${name}.db`));
  await migrate(db);
  await ensureJobcenters(db);
  await db.transaction(async (tx) => {
    for (const id of companyIds) await insertCompany(tx, { id, cvr: `1000000${id}`, name: `Firma ${id}`, workplaces: [], contactPersons: [] });
  });
  return {
    db,
    close: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const fields: JobOrderFields = {
  occupationCode: '1', occupationTitle: 'Køkkenmedhjælper', description: 'Opvask.', positions: 1, emailOnPlacement: true, longTerm: false,
  startDate: null, durationDays: null, responseDeadline: null, maxCandidates: null, workingTime: 'unspecified', weeklyHours: null,
  workingHoursCondition: 'normal', responseMethod: 'unspecified',
  workplace: { pNumber: '1003456781', name: 'Køkkenet', street: 'Vesterbrogade 12', floor: null, door: null, postalCode: '1620', city: 'København V' },
  contact: { contactPersonId: null, name: 'Mette Hansen', email: 'mette@example.dk', phone: null },
};

export const orderArbitrary = fc.record({ company: fc.constantFrom(...companyIds), jobcenter: fc.constantFrom(...jobcenterIds) });
export const entryArbitrary = fc.record({
  order: fc.nat(),
  kind: fc.constantFrom(...journalKinds),
  // Independent of the kind on purpose: the reads must agree with the policy on any row, not only on rows the commands write.
  audience: fc.constantFrom('scheme' as const, 'placement' as const),
  placingJobcenter: fc.option(fc.constantFrom(...jobcenterIds), { nil: null }),
});
type GeneratedOrder = typeof orderArbitrary extends fc.Arbitrary<infer T> ? T : never;
type GeneratedEntry = typeof entryArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** Replaces the orders and the journal with the generated ones; returns the orders' ids and the entries as stored. */
export async function storeGenerated(db: Database, orders: GeneratedOrder[], entries: GeneratedEntry[]) {
  return db.transaction(async (tx) => {
    await tx.run('DELETE FROM journal');
    await tx.run('DELETE FROM job_orders');
    const stored: { id: number; companyId: number; responsibleJobcenterId: string }[] = [];
    for (const o of orders) {
      const record = await insertJobOrder(tx, {
        ...fields, companyId: o.company, companyName: `Firma ${o.company}`, responsibleJobcenterId: o.jobcenter, createdBy: { kind: 'company', name: `Firma ${o.company}` }, at: '2026-01-01T00:00:00.000Z',
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

/** Runs `read` against an executor that records each statement instead of answering it (to ask SQLite for its plans). */
export async function capturedStatements(read: (recorder: SqlExecutor) => Promise<unknown>): Promise<{ sql: string; args: SqlArgs }[]> {
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
  await read(recorder);
  return statements;
}
