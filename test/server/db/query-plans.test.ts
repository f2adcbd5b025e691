// Every list, log and placements query shape the API can send (every sort × direction × status
// filter × first page or cursor × principal kind) is planned by SQLite without a full table scan
// and without a temporary b-tree for ORDER BY: at a million orders either one is a
// list that takes seconds. The order lists read one index per (scope, sort key), whatever the
// direction or filter, since every create writes every index of job_orders.
// The SQL is captured from the real query functions, not copied here.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { OrderScope } from '../../../server/domain/access.ts';
import { openDatabase } from '../../../server/db/driver/client.ts';
import type { Database, SqlArgs } from '../../../server/db/driver/types.ts';
import { listJobOrders, sortKeys, type SortKey } from '../../../server/db/job-orders.ts';
import { listJournalOfOrder, readJournalAfter } from '../../../server/db/journal.ts';
import { migrate } from '../../../server/db/migrate.ts';
import { listPlacements } from '../../../server/db/placements.ts';
import { ensureJobcenters } from '../../../server/db/reference-data.ts';
import { capturedStatements } from '../../support/generated-journal.ts';

const dir = mkdtempSync(join(tmpdir(), 'jobag-plans-'));
let db: Database;
before(async () => {
  db = await openDatabase({ url: `file:${join(dir, 'plans.db')}` });
  await migrate(db);
  await ensureJobcenters(db);
});
after(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The plan's lines, and what is wrong with them: a scan of a table without an index, or a temporary b-tree. */
async function problemsOf(sql: string, args: SqlArgs): Promise<{ plan: string; problems: string[] }> {
  const rows = await db.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, args);
  const plan = rows.map((r) => r.detail);
  const problems = plan.filter((line) => /USE TEMP B-TREE/.test(line) || (/^SCAN /.test(line) && !/USING (COVERING )?INDEX/.test(line)));
  return { plan: plan.join(' | '), problems };
}

const scopes: [string, OrderScope][] = [
  ['company', { companyId: 1 }],
  ['jobcenter (every order in the scheme)', { jobcenterId: '101', responsibleOnly: false }],
  ['jobcenter (responsible=true)', { jobcenterId: '101', responsibleOnly: true }],
];
const cursorValue = (sort: SortKey) => (['title', 'contact', 'updatedAt', 'company'].includes(sort) ? 'm' : 1);

/** The indexes a plan reads (the table's own rowid order is not an index). */
const indexesOf = (plan: string) => [...plan.matchAll(/USING (?:COVERING )?INDEX (\w+)/g)].map((m) => m[1]!);

/** Every list shape's plan, with its scope and sort key. */
async function listPlans(): Promise<{ who: string; sort: SortKey; shape: string; plan: string; problems: string[] }[]> {
  const plans = [];
  for (const [who, scope] of scopes) {
    for (const sort of sortKeys) {
      for (const order of ['asc', 'desc'] as const) {
        for (const status of [undefined, 'open', 'inactive', 'closed'] as const) {
          for (const afterValue of [undefined, { value: cursorValue(sort), id: 500 }]) {
            const statements = await capturedStatements((rec) => listJobOrders(rec, scope, { sort, order, status, limit: 25, after: afterValue }));
            assert.equal(statements.length, 1, 'one statement per list page');
            const { sql, args } = statements[0]!;
            const shape = `${who} sort=${sort} order=${order} status=${status ?? '-'} ${afterValue ? 'cursor' : 'first'}`;
            plans.push({ who, sort, shape, ...(await problemsOf(sql, args)) });
          }
        }
      }
    }
  }
  return plans;
}

describe('query plans: no full scan, no temporary b-tree', () => {
  it('every order list shape: scope × sort × direction × status filter × first or later page', async () => {
    const plans = await listPlans();
    assert.equal(plans.length, scopes.length * sortKeys.length * 2 * 4 * 2);
    assert.deepEqual(
      plans.filter((p) => p.problems.length > 0).map((p) => `${p.shape}: ${p.plan}`),
      [],
    );
  });

  it('one index per (scope, sort key): every direction and filter of a sort reads the same index', async () => {
    const byPair = new Map<string, Set<string>>();
    for (const { who, sort, shape, plan } of await listPlans()) {
      const used = indexesOf(plan);
      // A page with no index at all reads the table in rowid order: only every order by id may.
      if (used.length === 0) assert.ok(sort === 'id' && /USING INTEGER PRIMARY KEY/.test(plan), `${shape}: ${plan}`);
      const pair = `${who} / ${sort}`;
      byPair.set(pair, new Set([...(byPair.get(pair) ?? []), ...used]));
    }
    const shared = [...byPair].filter(([, names]) => names.size > 1).map(([pair, names]) => `${pair}: ${[...names].join(', ')}`);
    assert.deepEqual(shared, []);
  });

  it('job_orders has no more indexes than (scope, sort key) pairs, and each is read by a list', async () => {
    const indexes = (await db.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'job_orders' AND sql IS NOT NULL")).map((r) => String(r.name));
    assert.ok(indexes.length <= scopes.length * sortKeys.length, `${indexes.length} indexes: ${indexes.join(', ')}`);
    // Every create writes every index of the table: one no list reads is paid for and never used.
    const read = new Set((await listPlans()).flatMap((p) => indexesOf(p.plan)));
    assert.deepEqual(indexes.filter((name) => !read.has(name)), []);
  });

  it('the placement log of an order, for a company and for a jobcenter; the event stream’s read', async () => {
    const failures: string[] = [];
    for (const audience of [{ companyId: 1 }, { jobcenterId: '101' }]) {
      for (const afterId of [0, 40]) {
        for (const { sql, args } of await capturedStatements((rec) => listJournalOfOrder(rec, 7, audience, { afterId, limit: 26 }))) {
          const { plan, problems } = await problemsOf(sql, args);
          if (problems.length > 0) failures.push(`log ${JSON.stringify(audience)}: ${plan}`);
        }
      }
    }
    for (const { sql, args } of await capturedStatements((rec) => readJournalAfter(rec, 100, 500))) {
      const { plan, problems } = await problemsOf(sql, args);
      if (problems.length > 0) failures.push(`events: ${plan}`);
    }
    assert.deepEqual(failures, []);
  });

  it('the placements of an order, for the company (all) and for a jobcenter (its own)', async () => {
    const failures: string[] = [];
    for (const scope of [{ all: true as const }, { jobcenterId: '101' }]) {
      for (const afterId of [0, 40]) {
        for (const { sql, args } of await capturedStatements((rec) => listPlacements(rec, 7, scope, { afterId, limit: 26 }))) {
          const { plan, problems } = await problemsOf(sql, args);
          if (problems.length > 0) failures.push(`placements ${JSON.stringify(scope)}: ${plan}`);
        }
      }
    }
    assert.deepEqual(failures, []);
  });

  it('the check itself catches a full scan and a temporary b-tree', async () => {
    assert.equal((await problemsOf('SELECT * FROM job_orders WHERE description = ?', ['x'])).problems.length, 1);
    assert.equal((await problemsOf('SELECT * FROM job_orders WHERE company_id = ? ORDER BY description', [1])).problems.length, 1);
  });
});
