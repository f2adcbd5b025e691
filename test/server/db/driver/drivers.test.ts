// The two drivers under the database interface: the synchronous `libsql` package for
// embedded files (default) and `@libsql/client` (remote URLs; JOBAG_DB_DRIVER=client for files).
// Both must answer the same way; the native one must never block the event loop on another
// process's lock, and its rows must never carry driver metadata into a response.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Sqlite from 'libsql';
import { fileDriver, openDatabase } from '../../../../server/db/driver/client.ts';
import type { Database } from '../../../../server/db/driver/types.ts';

const dir = mkdtempSync(join(tmpdir(), 'jobag-drivers-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

async function open(driver: 'native' | 'client'): Promise<{ db: Database; path: string }> {
  const path = join(dir, `d${++files}.db`);
  const db = await openDatabase({ url: `file:${path}`, driver });
  await db.run('CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, big INTEGER, flag INTEGER, note TEXT)');
  return { db, path };
}

describe('database drivers', () => {
  it('a file URL gets the native driver unless JOBAG_DB_DRIVER=client', () => {
    assert.equal(fileDriver({ url: 'file:x.db', driver: 'native' }), 'native');
    assert.equal(fileDriver({ url: 'file:x.db', driver: 'client' }), 'client');
    assert.equal(fileDriver({ url: 'file:x.db' }), process.env.JOBAG_DB_DRIVER === 'client' ? 'client' : 'native');
  });

  for (const driver of ['native', 'client'] as const) {
    describe(driver, () => {
      it('rows are plain objects of numbers, text and null: no metadata, no bigint', async () => {
        const { db } = await open(driver);
        const inserted = await db.run('INSERT INTO t (name, big, flag, note) VALUES (?, ?, ?, ?)', ['Åse', 2 ** 40, 1, null]);
        assert.equal(inserted.changes, 1);
        assert.equal(inserted.lastInsertId, 1);
        for (let i = 0; i < 3; i++) {
          // The same statement again (the native driver's cache) answers the same.
          const rows = await db.query('SELECT * FROM t WHERE id = ?', [1]);
          assert.deepEqual(rows, [{ id: 1, name: 'Åse', big: 2 ** 40, flag: 1, note: null }]);
          assert.deepEqual(Object.keys(rows[0]!), ['id', 'name', 'big', 'flag', 'note']);
          assert.equal(JSON.stringify(rows[0]), '{"id":1,"name":"Åse","big":1099511627776,"flag":1,"note":null}');
          assert.equal(rows[0]!.flag === 1, true, 'the boolean checks (=== 1) hold');
        }
        const max = await db.query('SELECT MAX(id) AS id, COUNT(*) AS n FROM t');
        assert.deepEqual(max, [{ id: 1, n: 1 }]);
        assert.deepEqual(await db.query('SELECT * FROM t WHERE name = :name', { name: 'Åse' }).then((r) => r.length), 1);
        db.close();
      });

      it('a transaction commits everything or nothing; reads outside it never see it uncommitted', async () => {
        const { db } = await open(driver);
        await assert.rejects(
          db.transaction(async (tx) => {
            await tx.run('INSERT INTO t (name) VALUES (?)', ['a']);
            assert.equal((await tx.query('SELECT COUNT(*) AS n FROM t'))[0]!.n, 1, 'the transaction sees its own write');
            assert.equal((await db.query('SELECT COUNT(*) AS n FROM t'))[0]!.n, 0, 'a read outside does not');
            throw new Error('boom');
          }),
          /boom/,
        );
        assert.equal((await db.query('SELECT COUNT(*) AS n FROM t'))[0]!.n, 0);
        const id = await db.transaction(async (tx) => (await tx.run('INSERT INTO t (name) VALUES (?)', ['b'])).lastInsertId);
        assert.equal(id, 1, 'the rolled-back insert left nothing behind');
        assert.deepEqual(await db.query('SELECT name FROM t'), [{ name: 'b' }]);
        db.close();
      });

      it('writes of one process go in turn: 50 concurrent transactions all commit, ids sequential', async () => {
        const { db } = await open(driver);
        const ids = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            db.transaction(async (tx) => {
              const before = (await tx.query('SELECT COUNT(*) AS n FROM t'))[0]!.n as number;
              const { lastInsertId } = await tx.run('INSERT INTO t (name, big) VALUES (?, ?)', [`n${i}`, before]);
              return lastInsertId;
            }),
          ),
        );
        assert.deepEqual([...ids].sort((a, b) => a! - b!), Array.from({ length: 50 }, (_, i) => i + 1));
        const rows = await db.query<{ id: number; big: number }>('SELECT id, big FROM t ORDER BY id');
        assert.ok(rows.every((r) => r.big === r.id - 1), 'each transaction saw every earlier one committed');
        db.close();
      });

      // @libsql/client waits inside SQLite (its busy timeout), blocking the event loop: with the lock
      // held in this same process it could never be released, so only the native driver is tried.
      it("waits for another process's write lock without blocking the event loop, then commits", { skip: driver === 'client' && 'the client driver blocks while it waits' }, async () => {
        const { db, path } = await open(driver);
        const other = new Sqlite(path);
        other.exec('BEGIN IMMEDIATE');
        let ticks = 0;
        const timer = setInterval(() => ticks++, 5);
        let settled = false;
        const write = db.transaction((tx) => tx.run('INSERT INTO t (name) VALUES (?)', ['waited'])).finally(() => (settled = true));
        // A blocked loop would never tick: five ticks while the write waits show it kept running.
        const deadline = Date.now() + 5_000;
        while (ticks < 5 && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
        clearInterval(timer);
        assert.ok(ticks >= 5, `the event loop kept running (${ticks} ticks)`);
        assert.equal(settled, false, 'the write waits for the lock');
        other.exec('COMMIT');
        other.close();
        await write;
        assert.deepEqual(await db.query('SELECT name FROM t'), [{ name: 'waited' }]);
        db.close();
      });
    });
  }
});
