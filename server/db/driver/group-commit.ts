// Group commit, the native driver's default way to make a write durable (see README.md here):
// the transactions of one turn of the event loop share one SQLite transaction, committed
// together; SQLite writes it to the WAL without waiting (`synchronous = NORMAL`) and this process
// fsyncs the WAL off the event loop, one fsync for every commit made meanwhile, before any of them
// is answered. Checkpoints, which would fsync on the event loop too, run on a worker thread.
import { open, stat, type FileHandle } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Queue } from './types.ts';

/** What group commit needs of the writer connection: its statements and whether a transaction is open. */
export interface WriterConnection {
  exec(sql: string): unknown;
  readonly inTransaction: boolean;
}

export interface GroupCommitOptions {
  /** The database file. */
  path: string;
  /** The connection every write of this process goes through. */
  connection: WriterConnection;
  /** BEGIN IMMEDIATE, retried while another process holds the write lock. */
  begin: () => Promise<unknown>;
  /** The per-file write queue: a batch is committed in turn with the writes, never in the middle of one. */
  exclusive: Queue;
  /** The WAL size in pages (4 KB) past which a checkpoint truncates it. */
  walTruncatePages?: number;
  /** Tests only: replaces the fsync of the WAL (to count it, delay it or make it fail). */
  syncWal?: (sync: () => Promise<void>) => Promise<void>;
}

export interface GroupCommit {
  /** Runs `work` as a member of the open batch (or opens one); resolves once its batch is on disk. */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /** Commits a batch still open (its callers are answered once it is on disk, or failed) and stops the checkpoints. */
  close(): void;
}

/** Group commit on `connection`, which must be in `synchronous = NORMAL` with `wal_autocheckpoint = 0`. */
export function groupCommit(options: GroupCommitOptions): GroupCommit {
  const { path, connection, begin, exclusive } = options;
  const wal = walSync(path);
  const syncWal = options.syncWal ? () => options.syncWal!(wal.sync) : wal.sync;
  const checkpoints = checkpointer(path, options.walTruncatePages ?? defaultTruncateFrames);
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

  /**
   * `group` mode: the transactions that run in one turn of the event loop share one SQLite
   * transaction (a batch), each in its own savepoint, committed together at the end of the turn
   * (`setImmediate`, through the write queue, so never in the middle of a member's work), and
   * answered after the fsync that follows. A COMMIT's cost is the pages it writes to the WAL and
   * their checksums (~40 pages for an order: its row, 33 indexes, the journal, the idempotency
   * record): a few hundred µs of CPU for an order committed alone, shared by the batch. The write
   * lock is never held across a wait for I/O: the batch ends in the turn it began.
   */
  let batch: Batch | null = null;
  const flushBatch = () => {
    const current = batch;
    if (!current) return;
    batch = null;
    try {
      connection.exec('COMMIT');
    } catch (error) {
      if (connection.inTransaction) connection.exec('ROLLBACK');
      current.settle(error as Error);
      return;
    }
    checkpoints.committed();
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
  async function batchedTransaction<T>(work: () => Promise<T>): Promise<{ result: T; done: Promise<void> }> {
    if (syncFailure) throw syncFailure;
    // Another connection of this process to the same file (same write queue) may hold a batch open.
    const other = openBatches.get(path);
    if (other && other !== flushBatch) other();
    let current = batch;
    const first = !current;
    if (!current) {
      await begin();
      const opened = (current = batch = newBatch());
      openBatches.set(path, flushBatch);
      setImmediate(() => void exclusive(async () => (batch === opened ? flushBatch() : undefined)));
    } else {
      connection.exec('SAVEPOINT member');
    }
    try {
      const result = await work();
      if (!first) connection.exec('RELEASE member');
      current.members++;
      return { result, done: current.done };
    } catch (error) {
      if (batch === current) {
        if (!connection.inTransaction) {
          // SQLite rolled back the whole transaction (a full disk, an I/O error): the batch is lost.
          if (current.members > 0) failBatch(current, error as Error);
          else batch = null;
        } else if (first) {
          // Alone in its batch (the first member runs without a savepoint): roll back all of it.
          batch = null;
          connection.exec('ROLLBACK');
        } else {
          try {
            connection.exec('ROLLBACK TO member');
            connection.exec('RELEASE member');
          } catch (rollbackError) {
            if (connection.inTransaction) connection.exec('ROLLBACK');
            failBatch(current, rollbackError as Error);
          }
        }
      }
      throw error;
    }
  }

  return {
    async transaction<T>(work: () => Promise<T>): Promise<T> {
      // The queue moves on once the work is done; its caller waits for the batch's COMMIT and fsync.
      const { result, done } = await exclusive(() => batchedTransaction(work));
      await done;
      return result;
    },
    close() {
      flushBatch();
      unregister();
      void checkpoints.close();
      wal.close();
    },
  };
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
parentPort.on('message', (message) => {
  // Closing between two checkpoints: messages are handled one at a time, so one under way has ended.
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
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
    // Never terminate() the thread: stopping it inside a checkpoint aborts the process in the
    // libsql addon. It finishes the checkpoint under way, closes its connection and exits.
    close: () => worker?.postMessage('close'),
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

