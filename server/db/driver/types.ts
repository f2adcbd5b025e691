// The driver's face to the rest of the server: what every SQL call goes through, whichever driver
// (the synchronous `libsql` package for files, `@libsql/client` for libSQL servers) is behind it.
import type { InValue } from '@libsql/client';

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

/** Runs async jobs one after another, in the order they were queued. */
export type Queue = <T>(work: () => Promise<T>) => Promise<T>;
