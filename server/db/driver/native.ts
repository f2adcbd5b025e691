// The embedded driver for `file:` URLs: the synchronous `libsql` package (the same engine as
// `@libsql/client`, without its per-call statement preparation and async hops). Each connection
// caches its prepared statements by SQL text; the SQL of this project is a fixed set of shapes
// (values are always bound), so the cache stays small.
import { open, stat, type FileHandle } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import Sqlite from 'libsql';
import { commitMode, type Database, type DatabaseOptions, type Queue, type Row, type SqlArgs, type SqlExecutor } from './client.ts';

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
 * Checkpoints on a worker thread with its own connection: with `synchronous = NORMAL` a
 * checkpoint fsyncs the WAL and the database file, which on the event loop would stall every
 * request for as long. PASSIVE never takes the write lock; SQLite restarts the WAL at the next
 * write once everything is copied back.
 */
const checkpointerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Sqlite = require(workerData.libsql);
const db = new Sqlite(workerData.path);
db.exec('PRAGMA busy_timeout = 1000');
parentPort.on('message', () => {
  let result = null;
  try {
    result = db.prepare('PRAGMA wal_checkpoint(PASSIVE)').all()[0];
    // The log starts over only once a checkpoint has caught up with every commit, which under
    // steady writes never happens: it grew by ~100 MB a second under POST load. Past the limit, a
    // checkpoint that makes writers wait (they retry off the event loop) and empties the file.
    if (result && result.log > workerData.truncateFrames) result = db.prepare('PRAGMA wal_checkpoint(TRUNCATE)').all()[0];
  } catch (error) { result = { error: String(error) }; }
  parentPort.postMessage(result);
});
`;
/** The WAL's size (in 4 KB pages) past which a checkpoint truncates it: 64 MB. */
const defaultTruncateFrames = 16_384;
/** Commits between two checkpoints (SQLite's own default is every 1,000 WAL pages). */
const checkpointEvery = 100;

function checkpointer(path: string, truncateFrames: number) {
  let worker: Worker | null = null;
  let running = false;
  let commits = 0;
  const run = () => {
    running = true;
    commits = 0;
    if (!worker) {
      worker = new Worker(checkpointerSource, { eval: true, workerData: { path, truncateFrames, libsql: createRequire(import.meta.url).resolve('libsql') } });
      worker.unref();
      worker.on('message', () => {
        running = false;
        if (commits >= checkpointEvery) run();
      });
      // A checkpoint that cannot run is retried by the next one (or by SQLite when the last connection closes).
      worker.on('error', () => {
        running = false;
        worker = null;
      });
    }
    worker.postMessage(null);
  };
  return {
    committed() {
      if (++commits >= checkpointEvery && !running) run();
    },
    close: () => worker?.terminate(),
  };
}

/**
 * Group commit: resolves once everything written to the WAL before the call is on disk. One
 * fsync serves every commit made while the one before it ran; a commit that lands during an
 * fsync waits for the next (that one may have started before its frames were written).
 */
function durabilityBarrier(sync: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  const start = () => (running = sync().finally(() => (running = null)));
  return () => {
    if (!running) return start();
    next ??= running
      .catch(() => undefined)
      .then(() => {
        next = null;
        return start();
      });
    return next;
  };
}

/** fdatasync of the WAL file on the thread pool; the directory once, when the WAL is (re)opened. */
function walSync(path: string): { sync: () => Promise<void>; close: () => void } {
  const wal = `${path}-wal`;
  let handle: FileHandle | null = null;
  let inode = -1;
  return {
    async sync() {
      const current = await stat(wal).catch((error: NodeJS.ErrnoException) => {
        // No WAL: the last connection checkpointed it into the database file (and synced that) and removed it.
        if (error.code === 'ENOENT') return null;
        throw error;
      });
      if (!current) return;
      if (!handle || current.ino !== inode) {
        await handle?.close();
        handle = await open(wal, 'r');
        inode = (await handle.stat()).ino;
        // A new WAL's directory entry must be on disk too, or the file may be gone after a power cut.
        const dir = await open(dirname(wal), 'r');
        try {
          await dir.sync();
        } finally {
          await dir.close();
        }
      }
      await handle.datasync();
    },
    close() {
      void handle?.close().catch(() => undefined);
      handle = null;
    },
  };
}

/** One batch of group mode: the members' transactions committed together; `done` once on disk. */
interface Batch {
  members: number;
  done: Promise<void>;
  settle: (error: Error | null) => void;
}

function newBatch(): Batch {
  let settle!: (error: Error | null) => void;
  const done = new Promise<void>((resolve, reject) => (settle = (error) => (error ? reject(error) : resolve())));
  // Every member awaits it; this only keeps a batch that failed after its members left from being "unhandled".
  done.catch(() => undefined);
  return { members: 0, done, settle };
}

/** Per file: the commit of the batch a connection of this process holds open, for another connection to call first. */
const openBatches = new Map<string, () => void>();

/**
 * An embedded file on the synchronous driver: one reader connection for reads outside a
 * transaction, one writer connection that every write of this process goes through in turn
 * (the per-file queue), so reads never see another request's uncommitted writes.
 *
 * In `group` commit mode a transaction holds the write lock only while it runs and commits to
 * the WAL; its caller is answered after the group fsync that follows (nothing is acknowledged
 * before it is on disk), while the next transactions already run. Other connections may read a
 * commit during that fsync, before it is answered.
 */
export async function openNativeFile(options: DatabaseOptions, exclusive: Queue): Promise<Database> {
  const { url } = options;
  const path = filePath(url);
  const group = commitMode(options) === 'group';
  const writer = connect(path);
  await retryBusy(() => writer.connection.exec('PRAGMA journal_mode = WAL'));
  // Per connection: only this one commits (the reader never does), so only it needs saying.
  // temp_store = MEMORY: a batch member's savepoint keeps the pages it changes in memory, not in a temporary file.
  if (group) writer.connection.exec('PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0; PRAGMA temp_store = MEMORY');
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
  const wal = walSync(path);
  const syncWal = options.syncWal ? () => options.syncWal!(wal.sync) : wal.sync;
  const checkpoints = group ? checkpointer(path, options.walTruncatePages ?? defaultTruncateFrames) : null;
  /** Set when an fsync failed: what was written since may not be on disk, so nothing more is acknowledged. */
  let syncFailure: Error | null = null;
  const durable = durabilityBarrier(async () => {
    // After a failed fsync a later one may succeed although the pages it should have written are lost.
    if (syncFailure) throw syncFailure;
    try {
      await syncWal();
    } catch (error) {
      syncFailure ??= new Error(`The database's log could not be written to disk (${(error as Error).message}); restart the server.`);
      throw syncFailure;
    }
  });

  /** `full` mode: each transaction alone between BEGIN IMMEDIATE and COMMIT (SQLite fsyncs in the COMMIT). */
  async function transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    if (syncFailure) throw syncFailure;
    await retryBusy(begin);
    try {
      const result = await work(write);
      await retryBusy(() => writer.connection.exec('COMMIT'));
      checkpoints?.committed();
      return result;
    } catch (error) {
      if (writer.connection.inTransaction) writer.connection.exec('ROLLBACK');
      throw error;
    }
  }

  /**
   * `group` mode: the transactions that run in one turn of the event loop share one SQLite
   * transaction (a batch), each in its own savepoint, committed together at the end of the turn
   * (`setImmediate`, through the write queue, so never in the middle of a member's work), and
   * answered after the fsync that follows. A COMMIT's cost is the pages it writes to the WAL and
   * their checksums (~40 pages for an order: its row, 33 indexes, the journal, the idempotency
   * record): ~330–430 µs CPU per create committed alone, shared by the batch (issue 9). The write
   * lock is never held across a wait for I/O: the batch ends in the turn it began.
   */
  let batch: Batch | null = null;
  const flushBatch = () => {
    const current = batch;
    if (!current) return;
    batch = null;
    try {
      writer.connection.exec('COMMIT');
    } catch (error) {
      if (writer.connection.inTransaction) writer.connection.exec('ROLLBACK');
      current.settle(error as Error);
      return;
    }
    checkpoints?.committed();
    durable().then(
      () => current.settle(null),
      (error: Error) => current.settle(error),
    );
  };
  const failBatch = (current: Batch, error: Error) => {
    if (batch === current) batch = null;
    current.settle(new Error(`The write was rolled back with the transaction it shared (${error.message}).`, { cause: error }));
  };
  const unregister = () => {
    if (openBatches.get(path) === flushBatch) openBatches.delete(path);
  };

  /** Runs `work` in the open batch (or opens one); resolves when the work is done, with the batch's durable promise. */
  async function batchedTransaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<{ result: T; done: Promise<void> }> {
    if (syncFailure) throw syncFailure;
    // Another connection of this process to the same file (same write queue) may hold a batch open.
    const other = openBatches.get(path);
    if (other && other !== flushBatch) other();
    let current = batch;
    const first = !current;
    if (!current) {
      await retryBusy(begin);
      const opened = (current = batch = newBatch());
      openBatches.set(path, flushBatch);
      setImmediate(() => void exclusive(async () => (batch === opened ? flushBatch() : undefined)));
    } else {
      writer.connection.exec('SAVEPOINT member');
    }
    try {
      const result = await work(write);
      if (!first) writer.connection.exec('RELEASE member');
      current.members++;
      return { result, done: current.done };
    } catch (error) {
      if (batch === current) {
        if (!writer.connection.inTransaction) {
          // SQLite rolled back the whole transaction (a full disk, an I/O error): the batch is lost.
          if (current.members > 0) failBatch(current, error as Error);
          else batch = null;
        } else if (first) {
          // Alone in its batch (the first member runs without a savepoint): roll back all of it.
          batch = null;
          writer.connection.exec('ROLLBACK');
        } else {
          try {
            writer.connection.exec('ROLLBACK TO member');
            writer.connection.exec('RELEASE member');
          } catch (rollbackError) {
            if (writer.connection.inTransaction) writer.connection.exec('ROLLBACK');
            failBatch(current, rollbackError as Error);
          }
        }
      }
      throw error;
    }
  }

  /** In turn with the process's other writes; answered once durable (group mode: after the queue moved on). */
  async function writeTransaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    if (!group) return exclusive(() => transaction(work));
    // The queue moves on once the work is done; its caller waits for the batch's COMMIT and fsync.
    const { result, done } = await exclusive(() => batchedTransaction(work));
    await done;
    return result;
  }

  return {
    query: <T extends Row>(sql: string, args?: SqlArgs) => retryBusy(() => read.query<T>(sql, args)),
    queryOne: <T extends Row>(sql: string, args?: SqlArgs) => retryBusy(() => read.queryOne<T>(sql, args)),
    run: (sql, args) => writeTransaction((tx) => tx.run(sql, args)),
    transaction: writeTransaction,
    url,
    close() {
      // A batch still open is committed (its callers are answered once it is on disk, or failed).
      flushBatch();
      unregister();
      void checkpoints?.close();
      wal.close();
      reader.connection.close();
      writer.connection.close();
    },
  };
}
