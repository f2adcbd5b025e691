import type { Client, InValue, Transaction } from '@libsql/client';
import { fileDatabaseDefaults } from '../../config/index.ts';
import { openNativeFile } from './native.ts';

/** A row as the database returns it: column name → value. */
export type Row = Record<string, unknown>;
export type SqlArgs = InValue[] | Record<string, InValue>;

/**
 * The small interface every SQL call goes through. Routes and rules never see the driver, so a
 * second driver (e.g. the synchronous `libsql` package for hot paths) can be added here alone.
 */
export interface SqlExecutor {
  query<T extends Row = Row>(sql: string, args?: SqlArgs): Promise<T[]>;
  /** The first row, or null: for reads of one row (the native driver steps once instead of collecting). */
  queryOne<T extends Row = Row>(sql: string, args?: SqlArgs): Promise<T | null>;
  run(sql: string, args?: SqlArgs): Promise<{ changes: number; lastInsertId: number | null }>;
}

export interface Database extends SqlExecutor {
  /** Runs `work` in one write transaction: everything commits together or nothing does. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): void;
  readonly url: string;
}

export interface DatabaseOptions {
  url: string;
  authToken?: string;
  /**
   * The driver for `file:` URLs: `native` (default) is the synchronous `libsql` package with
   * prepared statements cached per connection; `client` is `@libsql/client`, the driver remote
   * URLs always use. `JOBAG_DB_DRIVER=client` picks it too, so the whole suite runs on both.
   */
  driver?: 'native' | 'client';
  /**
   * How the native driver makes a commit durable. `group` (default): SQLite writes the commit to
   * the WAL without waiting (`synchronous = NORMAL`) and this process fsyncs the WAL off the event
   * loop, one fsync for every commit made meanwhile, before any of them is answered; checkpoints
   * run on a worker thread. `full`: SQLite's own fsync inside every COMMIT (`synchronous = FULL`),
   * blocking the event loop. `JOBAG_DB_COMMIT=full` picks it too.
   */
  commit?: 'group' | 'full';
  /** Group mode: the WAL size in pages (4 KB) past which a checkpoint truncates it (default 16,384, 64 MB); for tests. */
  walTruncatePages?: number;
  /** Tests only: replaces the fsync of the WAL (to count it, delay it or make it fail). */
  syncWal?: (sync: () => Promise<void>) => Promise<void>;
}

/** The commit mode of a `file:` URL on the native driver: the option, else the configured default (group). */
export function commitMode(options: DatabaseOptions): 'group' | 'full' {
  return options.commit ?? fileDatabaseDefaults().commit;
}

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

export type Queue = <T>(work: () => Promise<T>) => Promise<T>;
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
