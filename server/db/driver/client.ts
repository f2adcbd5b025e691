import type { Client, Transaction } from '@libsql/client';
import { fileDatabaseDefaults } from '../../config/index.ts';
import { openNativeFile } from './native.ts';
import type { Database, DatabaseOptions, Queue, Row, SqlArgs, SqlExecutor } from './types.ts';

/** Which driver a `file:` URL gets: the option, else the configured default (the native one). */
export function fileDriver(options: DatabaseOptions): 'native' | 'client' {
  return options.driver ?? fileDatabaseDefaults().driver;
}

function wrap(target: Client | Transaction): SqlExecutor {
  async function query<T extends Row>(sql: string, args: SqlArgs = []) {
    const rs = await target.execute({ sql, args });
    // libSQL rows are array-likes with column getters; copy to plain objects for callers.
    return rs.rows.map((row) => {
      const out: Row = {};
      rs.columns.forEach((col, i) => {
        const value = row[i];
        out[col] = typeof value === 'bigint' ? Number(value) : value;
      });
      return out as T;
    });
  }
  return {
    query,
    async queryOne<T extends Row>(sql: string, args: SqlArgs = []): Promise<T | null> {
      return (await query<T>(sql, args))[0] ?? null;
    },
    async run(sql: string, args: SqlArgs = []) {
      const rs = await target.execute({ sql, args });
      return {
        changes: rs.rowsAffected,
        lastInsertId: rs.lastInsertRowid === undefined ? null : Number(rs.lastInsertRowid),
      };
    },
  };
}

/**
 * Opens the database. `file:` URLs get WAL and a busy timeout so several server processes can
 * share one file; `libsql://` and `http(s)://` URLs reach a libSQL server with the same code.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (!options.url.startsWith('file:')) return openRemote(options);
  return fileDriver(options) === 'native' ? openNativeFile(options, writeQueueFor(options.url)) : openFile(options);
}

/**
 * An embedded file through `@libsql/client` (JOBAG_DB_DRIVER=client): reads go through a pool of reader connections; every write of this process
 * goes, in turn, through one writer connection (a pool of one), so reads outside a transaction
 * never see another request's uncommitted writes. Other processes wait on SQLite's busy timeout.
 */
async function openFile(options: DatabaseOptions): Promise<Database> {
  const { createClient } = await loadClient();
  // The busy timeout is given to each client so it waits on another process's lock.
  const reader = createClient({ url: options.url, timeout: 5000 });
  const writer = createClient({ url: options.url, timeout: 5000, concurrency: 1 });
  await writer.execute('PRAGMA journal_mode = WAL');
  // The embedded driver waits for a lock synchronously, blocking the event loop: a second write
  // transaction in this process must wait here, not inside SQLite (per file, even across
  // several Database objects of it).
  const exclusive = writeQueueFor(options.url);
  const read = wrap(reader);
  const write = wrap(writer);
  return {
    query: read.query,
    queryOne: read.queryOne,
    run: (sql, args) => exclusive(() => write.run(sql, args)),
    url: options.url,
    transaction: <T>(work: (tx: SqlExecutor) => Promise<T>) => exclusive(() => inTransaction(writer, work)),
    close() {
      reader.close();
      writer.close();
    },
  };
}

/** BEGIN IMMEDIATE (a 'write' transaction) … COMMIT, or ROLLBACK when `work` throws. */
async function inTransaction<T>(client: Client, work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
  const tx = await client.transaction('write');
  try {
    const result = await work(wrap(tx));
    await tx.commit();
    return result;
  } catch (error) {
    await tx.rollback().catch(() => undefined);
    throw error;
  } finally {
    tx.close();
  }
}

/** A libSQL server (sqld, Turso): its interactive transactions keep one stream from BEGIN to COMMIT. */
async function openRemote(options: DatabaseOptions): Promise<Database> {
  const { createClient } = await loadClient();
  const client = createClient({ url: options.url, authToken: options.authToken });
  const base = wrap(client);
  return {
    query: base.query,
    queryOne: base.queryOne,
    run: base.run,
    url: options.url,
    transaction: (work) => inTransaction(client, work),
    close() {
      client.close();
    },
  };
}

/** @libsql/client is loaded only when used (remote URLs, JOBAG_DB_DRIVER=client): it is a third of the server's start. */
const loadClient = () => import('@libsql/client');

const writeQueues = new Map<string, Queue>();
function writeQueueFor(url: string): Queue {
  let queue = writeQueues.get(url);
  if (!queue) writeQueues.set(url, (queue = createQueue()));
  return queue;
}

/** Runs async jobs one after another, in the order they were queued. */
function createQueue(): Queue {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const result = tail.then(work, work);
    tail = result.catch(() => undefined);
    return result;
  };
}
