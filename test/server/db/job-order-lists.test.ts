// A list without a status filter is the merge of one index range per status (server/db/job-orders.ts):
// on generated orders, paging through every scope × sort × direction × status filter by cursor
// gives exactly the orders of the scope and filter, in the order of (sort column, id), each once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Database } from '../../../server/db/driver/types.ts';
import { listJobOrders, sortKeys, type ListParams, type SortKey } from '../../../server/db/job-orders.ts';
import type { OrderScope } from '../../../server/domain/access.ts';
import { companyIds, jobcenterIds, openGeneratedDatabase, orderArbitrary, storeGenerated } from '../../support/generated-journal.ts';

let db: Database;
let close: () => void;
before(async () => ({ db, close } = await openGeneratedDatabase('order-lists')));
after(() => close());

const statuses = ['open', 'inactive', 'closed'] as const;
const rank = { open: 0, inactive: 1, closed: 2 };
// Few distinct values, so most sort values tie and the id decides.
const sortedArbitrary = fc.record({
  status: fc.constantFrom(...statuses),
  title: fc.constantFrom('bager', 'ålejer', 'Æblepluk', 'kok'),
  contact: fc.constantFrom('Ole', 'Åse', 'anders'),
  updatedAt: fc.constantFrom('2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'),
  candidates: fc.nat(2),
  longTerm: fc.boolean(),
});

type Row = { id: number; company_id: number; responsible_jobcenter_id: string; status: string } & Record<string, string | number>;
const columnOf: Record<SortKey, string> = {
  id: 'id', title: 'title_sort_key', contact: 'contact_sort_key', status: 'status_rank', updatedAt: 'updated_at', candidates: 'candidate_count', longTerm: 'long_term', company: 'company_sort_key',
};
const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

/** Every page of a list, followed by cursor. */
async function walk(scope: OrderScope, params: Omit<ListParams, 'after'>): Promise<number[]> {
  const ids: number[] = [];
  let afterRow: ListParams['after'];
  for (let pages = 0; pages < 100; pages++) {
    const page = await listJobOrders(db, scope, { ...params, after: afterRow });
    ids.push(...page.facts.map((f) => f.id));
    if (!page.more) return ids;
    afterRow = page.last!;
  }
  throw new Error('the list never ended');
}

const scopes: OrderScope[] = [
  { companyId: companyIds[0]! },
  { jobcenterId: jobcenterIds[0]!, responsibleOnly: false },
  { jobcenterId: jobcenterIds[0]!, responsibleOnly: true },
];
const inScope = (scope: OrderScope, row: Row) =>
  'companyId' in scope ? row.company_id === scope.companyId : !scope.responsibleOnly || row.responsible_jobcenter_id === scope.jobcenterId;

describe('order lists over the one index of each (scope, sort key)', () => {
  it('every scope, sort, direction and status filter pages through exactly its orders, in order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(orderArbitrary, sortedArbitrary), { maxLength: 24 }), async (generated) => {
        const { orders } = await storeGenerated(db, generated.map(([o]) => o), []);
        await db.transaction(async (tx) => {
          for (const [i, { id }] of orders.entries()) {
            const s = generated[i]![1];
            await tx.run(
              `UPDATE job_orders SET status = ?, status_rank = ?, title_sort_key = ?, contact_sort_key = ?, updated_at = ?, candidate_count = ?, long_term = ? WHERE id = ?`,
              [s.status, rank[s.status], s.title, s.contact, s.updatedAt, s.candidates, s.longTerm ? 1 : 0, id],
            );
          }
        });
        const rows = await db.query<Row>(`SELECT * FROM job_orders`);
        for (const scope of scopes) {
          for (const sort of sortKeys) {
            for (const order of ['asc', 'desc'] as const) {
              for (const status of [undefined, ...statuses]) {
                const expected = rows
                  .filter((r) => inScope(scope, r) && (status === undefined || r.status === status))
                  .sort((a, b) => compare(a[columnOf[sort]]!, b[columnOf[sort]]!) || compare(a.id, b.id))
                  .map((r) => Number(r.id));
                if (order === 'desc') expected.reverse();
                const listed = await walk(scope, { sort, order, status, limit: 3 });
                assert.deepEqual(listed, expected, `${JSON.stringify(scope)} sort=${sort} order=${order} status=${status ?? '-'}`);
              }
            }
          }
        }
      }),
      { numRuns: 15 },
    );
  });
});
