// The event stream's catch-up reads of the journal (server/db/journal.ts): on generated orders
// and entries in a real database file, paging through `readVisibleJournalAfter` in batches of any
// size, from any point, with or without one order, yields exactly the entries `journalEntryVisible`
// accepts, in id order, each once; `countVisibleJournalAfter` counts them up to its bound; and
// SQLite plans every shape through one of the journal's indexes, without a scan or a sort.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Database } from '../../../server/db/driver/types.ts';
import { countVisibleJournalAfter, readVisibleJournalAfter } from '../../../server/db/journal.ts';
import { journalEntryVisible, type JournalAudience } from '../../../server/domain/access.ts';
import { capturedStatements, companyIds, entryArbitrary, jobcenterIds, openGeneratedDatabase, orderArbitrary, storeGenerated } from '../../support/generated-journal.ts';

const audiences: JournalAudience[] = [...companyIds.map((companyId) => ({ companyId })), ...jobcenterIds.map((jobcenterId) => ({ jobcenterId }))];

let db: Database;
let close: () => void;
before(async () => ({ db, close } = await openGeneratedDatabase('journal')));
after(() => close());

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
          const { orders, journal } = await storeGenerated(db, generatedOrders, generatedEntries);
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
    const statements = await capturedStatements(async (recorder) => {
      for (const audience of [{ companyId: 1 }, { jobcenterId: '101' }]) {
        for (const jobOrderId of [undefined, 7]) {
          await readVisibleJournalAfter(recorder, audience, { afterId: 40, limit: 200, jobOrderId });
          await countVisibleJournalAfter(recorder, audience, { afterId: 40, atMost: 10_001, jobOrderId });
        }
      }
    });
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
