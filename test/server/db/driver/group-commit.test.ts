// Group commit: the native driver answers a write only after an fsync of the WAL that
// began after its COMMIT, one fsync serving every commit made meanwhile, off the event loop.
// Durability as with synchronous=FULL: nothing is acknowledged before it is on disk (R2.8).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openDatabase } from '../../../../server/db/driver/client.ts';
import type { Database, DatabaseOptions } from '../../../../server/db/driver/types.ts';

const dir = mkdtempSync(join(tmpdir(), 'jobag-group-commit-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/** Resolves once `condition()` holds, checked whenever `poke` is called; fails after a bound. */
function once(condition: () => boolean, what: string) {
  let resolve!: () => void;
  const reached = new Promise<void>((r) => (resolve = r));
  // A bound, not a wait: a driver that cannot commit during an fsync would hang here.
  const bound = setTimeout(() => resolve(), 5_000);
  return {
    poke: () => {
      if (condition()) {
        clearTimeout(bound);
        resolve();
      }
    },
    reached: reached.then(() => assert.ok(condition(), `never reached: ${what}`)),
  };
}

async function open(options: Partial<DatabaseOptions> = {}): Promise<Database> {
  const db = await openDatabase({ url: `file:${join(dir, `g${++files}.db`)}`, driver: 'native', commit: 'group', ...options });
  await db.run('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
  return db;
}

describe('group commit (native driver)', () => {
  it('commits made during an fsync share the next one; none is answered before an fsync that began after it committed', async () => {
    const events: string[] = [];
    let syncs = 0;
    // The first fsync lasts until every transaction has committed: a slow disk, made certain.
    const allCommitted = once(() => events.filter((e) => e.startsWith('commit ')).length === 50, 'fifty commits during one fsync');
    let slowDisk = false;
    const db = await open({
      async syncWal(sync) {
        const n = ++syncs;
        events.push(`sync-start ${n}`);
        if (slowDisk) {
          slowDisk = false;
          await allCommitted.reached;
        }
        await sync();
        events.push(`sync-end ${n}`);
      },
    });
    syncs = 0;
    events.length = 0;
    slowDisk = true;
    await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        await db.transaction(async (tx) => {
          await tx.run('INSERT INTO t (name) VALUES (?)', [`n${i}`]);
          events.push(`commit ${i}`);
          allCommitted.poke();
        });
        events.push(`ack ${i}`);
      }),
    );
    assert.equal((await db.query('SELECT COUNT(*) AS n FROM t'))[0]!.n, 50);
    assert.ok(syncs < 10, `50 commits took ${syncs} fsyncs`);
    for (let i = 0; i < 50; i++) {
      const committed = events.indexOf(`commit ${i}`);
      const acked = events.indexOf(`ack ${i}`);
      const covering = events.slice(committed, acked).some((e, k, seen) => e.startsWith('sync-end') && seen.slice(0, k).includes(e.replace('end', 'start')));
      assert.ok(covering, `transaction ${i} was answered after an fsync that started after its commit`);
    }
    db.close();
  });

  it('a failing transaction in a group rolls back alone: its caller gets its error, the others commit', async () => {
    const db = await open();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction(async (tx) => {
          await tx.run('INSERT INTO t (name) VALUES (?)', [`n${i}`]);
          if (i === 7) throw new Error('rule broken in 7');
          return i;
        }),
      ),
    );
    outcomes.forEach((o, i) => {
      if (i === 7) assert.deepEqual(o.status === 'rejected' && (o.reason as Error).message, 'rule broken in 7');
      else assert.deepEqual(o, { status: 'fulfilled', value: i });
    });
    const names = (await db.query<{ name: string }>('SELECT name FROM t ORDER BY id')).map((r) => r.name);
    assert.deepEqual(names, Array.from({ length: 20 }, (_, i) => `n${i}`).filter((n) => n !== 'n7'));
    db.close();
  });

  it('transactions of one turn share a batch: the first one failing (it runs without a savepoint) rolls back alone', async () => {
    let syncs = 0;
    const db = await open({ syncWal: async (sync) => (syncs++, sync()) });
    syncs = 0;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        db.transaction(async (tx) => {
          await tx.run('INSERT INTO t (name) VALUES (?)', [`n${i}`]);
          if (i === 0 || i === 3) throw new Error(`rule broken in ${i}`);
          return i;
        }),
      ),
    );
    assert.deepEqual(outcomes.map((o) => o.status), ['rejected', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const names = (await db.query<{ name: string }>('SELECT name FROM t ORDER BY id')).map((r) => r.name);
    assert.deepEqual(names, ['n1', 'n2', 'n4', 'n5']);
    assert.ok(syncs <= 2, `one turn's transactions took ${syncs} fsyncs`);
    db.close();
  });

  it('two connections of one process to one file: the batch one holds open is committed before the other writes', async () => {
    const first = await open();
    const second = await openDatabase({ url: first.url, driver: 'native', commit: 'group' });
    const writes = await Promise.all([
      first.run('INSERT INTO t (name) VALUES (?)', ['a']),
      second.run('INSERT INTO t (name) VALUES (?)', ['b']),
      first.run('INSERT INTO t (name) VALUES (?)', ['c']),
    ]);
    assert.equal(writes.length, 3);
    assert.deepEqual((await second.query<{ name: string }>('SELECT name FROM t ORDER BY id')).map((r) => r.name), ['a', 'b', 'c']);
    second.close();
    first.close();
  });

  it('a failed fsync fails every caller waiting for it, and no later write is acknowledged', async () => {
    let fail = false;
    const db = await open({
      async syncWal(sync) {
        if (fail) throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
        await sync();
      },
    });
    fail = true;
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => db.transaction((tx) => tx.run('INSERT INTO t (name) VALUES (?)', [`n${i}`]))));
    for (const o of outcomes) assert.match(o.status === 'rejected' ? (o.reason as Error).message : 'acknowledged', /could not be written to disk/);
    // The fault cleared, but what was written before may be lost: the process must restart.
    fail = false;
    await assert.rejects(db.run('INSERT INTO t (name) VALUES (?)', ['later']), /restart the server/);
    assert.ok(Array.isArray(await db.query('SELECT COUNT(*) AS n FROM t')), 'reads still answer');
    db.close();
  });

  it('the fsync never blocks the event loop: reads are served while a group waits for the disk', async () => {
    let release: () => void = () => undefined;
    let gate: Promise<void> | null = null;
    let syncStarted = () => {};
    const db = await open({ syncWal: async (sync) => (syncStarted(), await gate, sync()) });
    gate = new Promise<void>((resolve) => (release = resolve));
    const syncing = new Promise<void>((resolve) => (syncStarted = resolve));
    let done = false;
    const write = db.run('INSERT INTO t (name) VALUES (?)', ['slow disk']).then(() => (done = true));
    await syncing;
    // Another caller already reads it (committed in the WAL); only its writer waits for the disk.
    assert.deepEqual(await db.query('SELECT name FROM t'), [{ name: 'slow disk' }]);
    assert.equal(done, false, 'not acknowledged while the fsync is outstanding');
    release();
    await write;
    assert.equal(done, true);
    db.close();
  });

  it('JOBAG_DB_COMMIT=full keeps SQLite\'s own fsync in every COMMIT', async () => {
    let syncs = 0;
    const db = await open({ commit: 'full', syncWal: async (sync) => (syncs++, sync()) });
    await Promise.all(Array.from({ length: 5 }, (_, i) => db.run('INSERT INTO t (name) VALUES (?)', [`n${i}`])));
    assert.equal(syncs, 0);
    assert.equal((await db.query('SELECT COUNT(*) AS n FROM t'))[0]!.n, 5);
    db.close();
  });

  it('the WAL stays bounded under steady writes with reads between them (passive checkpoints alone never catch up)', async () => {
    const db = await open({ walTruncatePages: 64 });
    const wal = `${join(dir, `g${files}.db`)}-wal`;
    const big = 'x'.repeat(3000);
    let largest = 0;
    // Commits keep coming while checkpoints run, so a PASSIVE one never catches up on its own.
    for (let i = 0; i < 1500; i++) {
      await db.transaction((tx) => tx.run('INSERT INTO t (name) VALUES (?)', [big]));
      await db.query('SELECT COUNT(*) AS n FROM t WHERE id > ?', [i]);
      if (i % 50 === 0) largest = Math.max(largest, statSync(wal).size);
    }
    // 64 pages of 4 KB (256 KB) plus what is written between two checkpoints (100 commits of a page or two each).
    assert.ok(largest < 4 * 1024 * 1024, `the WAL grew to ${largest} bytes`);
    assert.equal((await db.query('SELECT COUNT(*) AS n FROM t'))[0]!.n, 1500);
    db.close();
  });
});
