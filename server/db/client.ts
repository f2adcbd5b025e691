import { createClient, type Client, type InValue, type Transaction } from '@libsql/client';

/** A row as the database returns it: column name → value. */
export type Row = Record<string, unknown>;
export type SqlArgs = InValue[] | Record<string, InValue>;

/**
 * The small interface every SQL call goes through. Routes and rules never see the driver, so a
 * second driver (e.g. the synchronous `libsql` package for hot paths) can be added here alone.
 */
export interface SqlExecutor {
  query<T extends Row = Row>(sql: string, args?: SqlArgs): Promise<T[]>;
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
}

function wrap(target: Client | Transaction): SqlExecutor {
  return {
    async query<T extends Row>(sql: string, args: SqlArgs = []) {
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
  const isFile = options.url.startsWith('file:');
  // The busy timeout is given to the client so every pooled connection waits on a lock.
  const client = createClient({ url: options.url, authToken: options.authToken, timeout: 5000 });
  if (isFile) await client.execute('PRAGMA journal_mode = WAL');
  const base = wrap(client);
  // The embedded driver waits for a lock synchronously, blocking the event loop: a second write
  // transaction in this process would wait on the first without letting it ever commit. So writes
  // of one process take turns here (per file, even across several clients of it); other
  // processes still wait on SQLite's busy timeout.
  const exclusive = isFile ? writeQueueFor(options.url) : <T>(work: () => Promise<T>) => work();
  return {
    query: base.query,
    run: (sql, args) => exclusive(() => base.run(sql, args)),
    url: options.url,
    transaction: <T>(work: (tx: SqlExecutor) => Promise<T>) => exclusive(() => runTransaction(work)),
    close() {
      client.close();
    },
  };

  async function runTransaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
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
}

type Queue = <T>(work: () => Promise<T>) => Promise<T>;
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
