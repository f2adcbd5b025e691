// The embedded driver for `file:` URLs: the synchronous `libsql` package (the same engine as
// `@libsql/client`, without its per-call statement preparation and async hops). Each connection
// caches its prepared statements by SQL text; the SQL of this project is a fixed set of shapes
// (values are always bound), so the cache stays small.
import { fileURLToPath } from 'node:url';
import Sqlite from 'libsql';
import { groupCommit } from './group-commit.ts';
import { fileDatabaseDefaults } from '../../config/index.ts';
import type { Database, DatabaseOptions, Queue, Row, SqlArgs, SqlExecutor } from './types.ts';

type Connection = InstanceType<typeof Sqlite>;
type Statement = ReturnType<Connection['prepare']>;

/** How long SQLite itself may wait for another process's lock: short, because it blocks the event loop. */
const busyTimeoutMs = 5;
/** How long a statement keeps retrying, without blocking, while another process holds the lock. */
const busyDeadlineMs = 10_000;
const cacheLimit = 500;

interface Prepared {
  statement: Statement;
  reader: boolean;
  /** Column names of a reader, read once; rows come back as arrays (raw mode) and are built here. */
  columns: string[];
}

function filePath(url: string): string {
  const rest = url.slice('file:'.length).split('?')[0]!;
  return rest.startsWith('//') ? fileURLToPath(`file:${rest}`) : decodeURIComponent(rest);
}

function connect(path: string): { connection: Connection; prepare: (sql: string) => Prepared } {
  const connection = new Sqlite(path);
  connection.exec(`PRAGMA busy_timeout = ${busyTimeoutMs}`);
  const cache = new Map<string, Prepared>();
  return {
    connection,
    prepare(sql) {
      let prepared = cache.get(sql);
      if (!prepared) {
        const statement = connection.prepare(sql);
        const reader = statement.reader;
        if (reader) statement.raw(true);
        prepared = { statement, reader, columns: reader ? statement.columns().map((c) => c.name) : [] };
        if (cache.size >= cacheLimit) cache.delete(cache.keys().next().value!);
        cache.set(sql, prepared);
      }
      return prepared;
    },
  };
}

/** Booleans as SQLite stores them; a named-argument object is passed on as it is. */
function bindable(args: SqlArgs): object {
  if (!Array.isArray(args)) return args;
  for (let i = 0; i < args.length; i++) {
    const value = args[i];
    if (typeof value === 'boolean' || value === undefined) return args.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : (v ?? null)));
  }
  return args;
}

const toNumber = (value: unknown) => (typeof value === 'bigint' ? Number(value) : value);

interface SyncExecutor {
  query<T extends Row>(sql: string, args?: SqlArgs): T[];
  queryOne<T extends Row>(sql: string, args?: SqlArgs): T | null;
  run(sql: string, args?: SqlArgs): { changes: number; lastInsertId: number | null };
}

/** A plain object from a row array: no driver metadata can reach a response. */
function rowOf<T extends Row>(columns: string[], values: unknown[]): T {
  const row: Row = {};
  for (let i = 0; i < columns.length; i++) {
    const value = values[i];
    row[columns[i]!] = typeof value === 'bigint' ? Number(value) : value;
  }
  return row as T;
}

function syncExecutor(prepare: (sql: string) => Prepared): SyncExecutor {
  return {
    queryOne<T extends Row>(sql: string, args: SqlArgs = []): T | null {
      const { statement, reader, columns } = prepare(sql);
      if (!reader) {
        statement.run(bindable(args));
        return null;
      }
      // One step, not the driver's collect-all loop with its 100-slot buffer: about half the cost of `all` for one row.
      const values = statement.get(bindable(args)) as unknown[] | undefined;
      return values ? rowOf<T>(columns, values) : null;
    },
    query<T extends Row>(sql: string, args: SqlArgs = []): T[] {
      const { statement, reader, columns } = prepare(sql);
      if (!reader) {
        statement.run(bindable(args));
        return [];
      }
      const raw = statement.all(bindable(args)) as unknown[][];
      const rows = new Array<T>(raw.length);
      for (let r = 0; r < raw.length; r++) rows[r] = rowOf<T>(columns, raw[r]!);
      return rows;
    },
    run(sql: string, args: SqlArgs = []) {
      const { statement, reader } = prepare(sql);
      if (reader) {
        statement.all(bindable(args));
        return { changes: 0, lastInsertId: null };
      }
      const info = statement.run(bindable(args)) as { changes: number; lastInsertRowid: number | bigint };
      return { changes: info.changes, lastInsertId: info.lastInsertRowid === undefined ? null : (toNumber(info.lastInsertRowid) as number) };
    },
  };
}

const isBusy = (error: unknown) => {
  const code = (error as { code?: string }).code ?? '';
  return code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED';
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` and, while another process holds the lock, tries again after a pause instead of
 * letting SQLite wait: the event loop keeps serving meanwhile. Only for steps that did nothing
 * when they failed busy (BEGIN IMMEDIATE, a read, a single autocommit statement).
 */
async function retryBusy<T>(attempt: () => T): Promise<T> {
  try {
    return attempt();
  } catch (error) {
    if (!isBusy(error)) throw error;
  }
  const deadline = Date.now() + busyDeadlineMs;
  for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
    await pause(wait + Math.random() * wait);
    try {
      return attempt();
    } catch (error) {
      if (!isBusy(error) || Date.now() > deadline) throw error;
    }
  }
}

/**
 * An embedded file on the synchronous driver: one reader connection for reads outside a
 * transaction, one writer connection that every write of this process goes through in turn
 * (the per-file queue), so reads never see another request's uncommitted writes.
 *
 * In `group` commit mode (group-commit.ts) a transaction holds the write lock only while it runs and commits to
 * the WAL; its caller is answered after the group fsync that follows (nothing is acknowledged
 * before it is on disk), while the next transactions already run. Other connections may read a
 * commit during that fsync, before it is answered.
 */

/** The commit mode of a `file:` URL on the native driver: the option, else the configured default (group). */
function commitMode(options: DatabaseOptions): 'group' | 'full' {
  return options.commit ?? fileDatabaseDefaults().commit;
}

export async function openNativeFile(options: DatabaseOptions, exclusive: Queue): Promise<Database> {
  const { url } = options;
  const path = filePath(url);
  const groupMode = commitMode(options) === 'group';
  const writer = connect(path);
  await retryBusy(() => writer.connection.exec('PRAGMA journal_mode = WAL'));
  // Per connection: only this one commits (the reader never does), so only it needs saying.
  // temp_store = MEMORY: a batch member's savepoint keeps the pages it changes in memory, not in a temporary file.
  if (groupMode) writer.connection.exec('PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0; PRAGMA temp_store = MEMORY');
  else writer.connection.exec('PRAGMA synchronous = FULL');
  const reader = connect(path);
  const read = syncExecutor(reader.prepare);
  const writeSync = syncExecutor(writer.prepare);
  // Inside a transaction the lock is held, so a statement never waits on another process.
  const write: SqlExecutor = {
    query: async (sql, args) => writeSync.query(sql, args),
    queryOne: async <T extends Row>(sql: string, args?: SqlArgs) => writeSync.queryOne<T>(sql, args),
    run: async (sql, args) => writeSync.run(sql, args),
  };
  const begin = () => writer.connection.exec('BEGIN IMMEDIATE');
  const group = groupMode
    ? groupCommit({ path, connection: writer.connection, begin: () => retryBusy(begin), exclusive, walTruncatePages: options.walTruncatePages, syncWal: options.syncWal })
    : null;

  /** `full` mode: each transaction alone between BEGIN IMMEDIATE and COMMIT (SQLite fsyncs in the COMMIT). */
  async function transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    await retryBusy(begin);
    try {
      const result = await work(write);
      await retryBusy(() => writer.connection.exec('COMMIT'));
      return result;
    } catch (error) {
      if (writer.connection.inTransaction) writer.connection.exec('ROLLBACK');
      throw error;
    }
  }

  /** In turn with the process's other writes; answered once durable (group mode: after the queue moved on). */
  function writeTransaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return group ? group.transaction(() => work(write)) : exclusive(() => transaction(work));
  }

  return {
    query: <T extends Row>(sql: string, args?: SqlArgs) => retryBusy(() => read.query<T>(sql, args)),
    queryOne: <T extends Row>(sql: string, args?: SqlArgs) => retryBusy(() => read.queryOne<T>(sql, args)),
    run: (sql, args) => writeTransaction((tx) => tx.run(sql, args)),
    transaction: writeTransaction,
    url,
    close() {
      // A batch still open is committed (its callers are answered once it is on disk, or failed).
      group?.close();
      reader.connection.close();
      writer.connection.close();
    },
  };
}
