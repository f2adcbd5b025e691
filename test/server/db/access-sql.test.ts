// The access policy is written once, in server/domain/access.ts; the lists filter in SQL by the
// same scopes so a page is read by an index. Here, on generated orders and journal entries in a
// real database file, each SQL filter returns exactly the rows its TypeScript predicate accepts:
// the order scope of every kind of principal (`orderInScope`), and the journal's audience
// (`journalEntryVisible`).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Database } from '../../../server/db/driver/types.ts';
import { listJobOrders } from '../../../server/db/job-orders.ts';
import { listJournalOfOrder } from '../../../server/db/journal.ts';
import { journalAudience, journalEntryVisible, orderInScope, orderScope } from '../../../server/domain/access.ts';
import type { Principal } from '../../../server/domain/principal.ts';
import { companyIds, entryArbitrary, jobcenterIds, openGeneratedDatabase, orderArbitrary, storeGenerated } from '../../support/generated-journal.ts';

let db: Database;
let close: () => void;
before(async () => ({ db, close } = await openGeneratedDatabase('access-sql')));
after(() => close());

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

const runs = { numRuns: 40 };

describe('the access policy in SQL', () => {
  it('an order scope lists exactly the orders orderInScope accepts, for every kind of principal', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(orderArbitrary, { maxLength: 15 }), async (generated) => {
        const { orders } = await storeGenerated(db, generated, []);
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
        const { orders, journal } = await storeGenerated(db, generatedOrders, generatedEntries);
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
    const { orders, journal } = await storeGenerated(db, 
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
