// The live event stream's feed: one reader of the journal per process and database,
// fanning out to every open stream of that process. Processes share nothing in memory, so each
// polls the journal while it has listeners, and reads at once when its own commit says so
// (`journalChanged`). A listener that starts behind the feed (`Last-Event-ID`) reads its backlog
// from the database itself — only the entries its audience may see, by index, in bounded batches
// that let other requests run between them — and joins the shared fan-out once it has caught up.
// A backlog longer than `maxReplay` is not replayed: the stream starts at the present with a reset,
// and the client reloads what it shows. So no stream, resumed from anywhere, can hold the server.
//
// Why there are no gaps and no repeats: journal ids commit in order (SQLite has one writer), so
// "every id above the last one sent" is a complete cursor. The feed offers each entry above its
// cursor to every live listener; a listener goes live only when its own position has reached the
// feed's cursor (checked synchronously, so no entry can slip between the two), and it takes an
// entry only when the id is above its own position.
import type { Database } from '../db/driver/types.ts';
import { countVisibleJournalAfter, latestJournalId, readJournalAfter, readVisibleJournalAfter, type JournalRecord } from '../db/journal.ts';
import { InvalidParameters, ShuttingDown } from '../domain/errors.ts';
import { journalAudience, journalEntryVisible } from '../domain/access.ts';
import type { CoreContext } from './context.ts';
import { logEntryOf, type LogEntryView } from './journal.ts';
import { loadOrderFor } from './orders.ts';

export interface EventFeedSettings {
  /** How often the feed reads the journal while anyone listens: how soon another process's change arrives (ms). */
  pollMs: number;
  /** How often an open stream sends a comment, so proxies keep it open (ms). */
  heartbeatMs: number;
  /**
   * The longest one stream stays open (ms); the client then reconnects with `Last-Event-ID`, which
   * checks its credential (a revoked key, an expired token, a signed-out jobcenter) again.
   */
  maxStreamMs: number;
  /** Journal rows per read. */
  batchSize: number;
  /** Entries a slow client may have waiting; beyond that its stream ends and it resumes from the database. */
  maxBacklog: number;
  /**
   * The most entries a resumed stream replays (those its caller may see). A client further behind
   * gets a `reset` instead and reloads: a reload is one page of a list, a replay of more is
   * seconds of the server's time for a client that shows only the latest state anyway.
   */
  maxReplay: number;
  /** Open streams per credential (an API key, or one person's widget tokens) in this process. */
  maxStreamsPerPrincipal: number;
  /** Open streams per client address in this process (an office behind one NAT shares it). */
  maxStreamsPerAddress: number;
  /** How often the open streams look whether their credential still stands (ms): how soon a revocation ends them. */
  accessCheckMs: number;
}

export const defaultEventFeedSettings: EventFeedSettings = {
  pollMs: 500,
  heartbeatMs: 15_000,
  maxStreamMs: 10 * 60_000,
  batchSize: 200,
  maxBacklog: 1_000,
  maxReplay: 10_000,
  maxStreamsPerPrincipal: 20,
  maxStreamsPerAddress: 200,
  accessCheckMs: 2_000,
};

/**
 * What a stream sends: a journal entry, or — first, for a client too far behind to replay — a
 * reset: "reload what you show; this stream goes on after journal id `id`".
 */
export type StreamItem = { kind: 'entry'; entry: LogEntryView } | { kind: 'reset'; id: number };

/** One open stream's view of the feed. */
export interface JournalSubscription {
  /** The next items for this stream, oldest first; waits while there are none; null once closed. */
  next(): Promise<StreamItem[] | null>;
  close(): void;
  readonly closed: boolean;
}

type Visible = (record: JournalRecord) => boolean;
/** The entries a listener may see after an id, oldest first, at most `limit`: its catch-up read. */
type CatchUp = (afterId: number, limit: number) => Promise<JournalRecord[]>;

const entriesOf = (records: JournalRecord[]): StreamItem[] => records.map((record) => ({ kind: 'entry', entry: logEntryOf(record) }));
/** Lets other requests (and other streams' reads) run before the next batch. */
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

class Listener implements JournalSubscription {
  /** Every entry up to this id was sent or is not for this listener. */
  position: number;
  live = false;
  closed = false;
  #queue: JournalRecord[] = [];
  #wake: (() => void) | undefined;
  #reset: boolean;

  constructor(
    private readonly feed: EventFeed,
    after: number,
    private readonly visible: Visible,
    private readonly catchUp: CatchUp,
    reset: boolean,
  ) {
    this.position = after;
    this.#reset = reset;
  }

  /** Called by the feed, in id order, with each entry above its cursor. */
  offer(record: JournalRecord): void {
    if (!this.live || this.closed || record.id <= this.position) return;
    this.position = record.id;
    if (!this.visible(record)) return;
    this.#queue.push(record);
    // A client that does not read: end its stream rather than hold an unbounded backlog; it
    // resumes with Last-Event-ID and reads the rest from the database.
    if (this.#queue.length > this.feed.settings.maxBacklog) this.close();
    else this.notify();
  }

  notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  async next(): Promise<StreamItem[] | null> {
    if (this.#reset && !this.closed) {
      this.#reset = false;
      return [{ kind: 'reset', id: this.position }];
    }
    while (!this.closed) {
      if (this.#queue.length > 0) return entriesOf(this.#queue.splice(0));
      if (this.live) {
        await new Promise<void>((resolve) => (this.#wake = resolve));
        continue;
      }
      // Catching up: the feed's cursor is ahead of this listener (a resumed stream, or one that
      // opened while another process was writing). Read the difference, a batch at a time.
      const target = this.feed.cursor;
      if (target !== undefined && this.position >= target) {
        this.live = true; // synchronous with the check: the next entry the feed offers is above `target`
        continue;
      }
      // One bounded read per turn of the event loop: many streams catching up at once take turns
      // with each other and with every other request.
      await yieldToOthers();
      if (this.closed) break;
      const { batchSize } = this.feed.settings;
      const rows = await this.catchUp(this.position, batchSize);
      if (this.closed) break;
      const mine = rows.filter((r) => r.id > this.position && this.visible(r));
      if (rows.length > 0) this.position = Math.max(this.position, rows.at(-1)!.id);
      if (rows.length < batchSize) {
        // Every entry for us above our position that was committed when we read is in `rows`, so
        // nothing up to `target` (committed before the read) is missing.
        if (target !== undefined) this.position = Math.max(this.position, target);
        else if (rows.length === 0) await new Promise<void>((resolve) => (this.#wake = resolve)); // the feed's first read is under way
      }
      if (mine.length > 0) return entriesOf(mine);
    }
    return null;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.#queue = [];
    this.feed.remove(this);
    this.notify();
  }
}

/** The per-process feed of one database. Get it with `eventFeedFor(db)`. */
export class EventFeed {
  readonly settings: EventFeedSettings;
  readonly db: Database;
  #cursor: number | undefined;
  #listeners = new Set<Listener>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #polling: Promise<void> | undefined;
  #again = false;
  #closed = false;

  constructor(db: Database, settings: Partial<EventFeedSettings> = {}) {
    this.db = db;
    this.settings = { ...defaultEventFeedSettings, ...settings };
  }

  /** Every entry up to this id has been offered to every live listener; undefined before the first read. */
  get cursor(): number | undefined {
    return this.#cursor;
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }

  /**
   * A stream that receives every entry after `after` that `visible` accepts — read by `catchUp`
   * (the same entries, by index) while behind the feed, live once caught up; a `reset` first with `reset`.
   */
  async subscribe(after: number, visible: Visible, catchUp: CatchUp, options: { reset?: boolean } = {}): Promise<JournalSubscription> {
    if (this.#closed) {
      throw new ShuttingDown('The server is shutting down; connect again.');
    }
    const idle = this.#listeners.size === 0;
    const listener = new Listener(this, after, visible, catchUp, options.reset ?? false);
    this.#listeners.add(listener);
    if (idle || this.#cursor === undefined) {
      try {
        // Brings the cursor to the present before anyone listens (it may be far behind after an idle spell).
        await this.#poll();
      } catch (error) {
        listener.close();
        throw error;
      }
    }
    return listener;
  }

  /** Reads the journal now: this process just committed an entry. */
  wake(): void {
    if (this.#listeners.size > 0 && !this.#closed) this.#poll().catch(logPollError);
  }

  /** Ends every stream (on shutdown) and stops polling; new subscriptions are refused (`ShuttingDown`) from then on. */
  close(): void {
    this.#closed = true;
    for (const listener of [...this.#listeners]) listener.close();
    this.#stopTimer();
  }

  remove(listener: Listener): void {
    this.#listeners.delete(listener);
    if (this.#listeners.size === 0) this.#stopTimer();
  }

  /** One read at a time; a wake during a read makes it read once more afterwards. */
  #poll(): Promise<void> {
    if (this.#polling) {
      this.#again = true;
      return this.#polling;
    }
    this.#stopTimer();
    this.#polling = this.#readAll().finally(() => {
      this.#polling = undefined;
      this.#schedule();
    });
    return this.#polling;
  }

  async #readAll(): Promise<void> {
    do {
      this.#again = false;
      if (!this.#anyLive()) {
        // No live listener depends on the cursor: jump to the present instead of reading what
        // happened while nobody listened. Listeners still catching up read their own backlog.
        const latest = await latestJournalId(this.db);
        if (!this.#anyLive()) this.#cursor = Math.max(this.#cursor ?? 0, latest);
      }
      if (this.#cursor === undefined) continue;
      for (let batch = 0; ; batch++) {
        if (batch > 0) await yieldToOthers(); // a burst of writes is fanned out a batch per turn
        const rows = await readJournalAfter(this.db, this.#cursor, this.settings.batchSize);
        for (const row of rows) {
          if (row.id <= this.#cursor) continue;
          this.#cursor = row.id;
          for (const listener of this.#listeners) listener.offer(row);
        }
        if (rows.length < this.settings.batchSize) break;
      }
      // Listeners waiting for the first read, or catching up to a cursor that moved: look again.
      for (const listener of this.#listeners) if (!listener.live) listener.notify();
    } while (this.#again && this.#listeners.size > 0 && !this.#closed);
  }

  #anyLive(): boolean {
    for (const listener of this.#listeners) if (listener.live) return true;
    return false;
  }

  #schedule(): void {
    if (this.#closed || this.#listeners.size === 0 || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#poll().catch(logPollError);
    }, this.settings.pollMs);
    this.#timer.unref?.();
  }

  #stopTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

function logPollError(error: unknown): void {
  // The next poll tries again; a stream's client keeps its connection and misses nothing.
  console.error('[jobag] reading the journal for the event stream failed:', error);
}

const feeds = new WeakMap<Database, EventFeed>();

/**
 * The process's feed of one database, created on first use. `settings` (tests, main.ts) apply
 * when it is created, or change the running one.
 */
export function eventFeedFor(db: Database, settings?: Partial<EventFeedSettings>): EventFeed {
  let feed = feeds.get(db);
  if (!feed) {
    feed = new EventFeed(db, settings);
    feeds.set(db, feed);
  } else if (settings) {
    Object.assign(feed.settings, settings);
  }
  return feed;
}

const lastEventIdAhead = 'Last-Event-ID is ahead of the journal: it is not the id of an event this server sent.';

/**
 * Opens a stream of the journal entries the caller may see (`journalEntryVisible`), optionally of
 * one order, after `lastEventId` or — without one — after the newest entry now. Access is checked
 * here, before any byte of the stream is sent: a jobcenter not signed up is refused, an order the
 * caller may not see not found, a `lastEventId` beyond the newest entry invalid (a client that
 * waited for it would wait silently for ever). A `lastEventId` more than `maxReplay` visible
 * entries behind starts the stream at the newest entry with a reset.
 */
export async function openEventStream(
  ctx: CoreContext,
  request: { orderId?: number | undefined; lastEventId?: number | undefined },
): Promise<JournalSubscription> {
  const audience = journalAudience(ctx.principal);
  const { orderId, lastEventId } = request;
  if (orderId !== undefined) await loadOrderFor(ctx.db, ctx, orderId, 'read');
  const feed = eventFeedFor(ctx.db);
  const latest = await latestJournalId(ctx.db);
  if (lastEventId !== undefined && lastEventId > latest) {
    throw new InvalidParameters(lastEventIdAhead, [{ path: 'Last-Event-ID', code: 'not_found', message: lastEventIdAhead }]);
  }
  let after = lastEventId ?? latest;
  let reset = false;
  if (after < latest) {
    const { maxReplay } = feed.settings;
    const behind = await countVisibleJournalAfter(ctx.db, audience, { afterId: after, atMost: maxReplay + 1, jobOrderId: orderId });
    if (behind > maxReplay) {
      after = latest;
      reset = true;
    }
  }
  return feed.subscribe(
    after,
    (record) => journalEntryVisible(audience, record) && (orderId === undefined || record.jobOrderId === orderId),
    (afterId, limit) => readVisibleJournalAfter(ctx.db, audience, { afterId, limit, jobOrderId: orderId }),
    { reset },
  );
}
