import type { EventStream, LogEntry } from '../sdk/index.ts';
import type { TokenGetter } from './client.ts';

/**
 * A change of an order: a journal entry from the live stream (`GET /v1/events`), or one an element
 * on this page just made (then `entry` is absent and the stream's copy follows).
 */
export interface OrderChange {
  orderId: number;
  action: LogEntry['action'] | 'created' | 'edited';
  entry?: LogEntry;
  /**
   * The stream resumed too far behind to replay what was missed: any order may have changed
   * (`orderId` is 0), so every element reloads what it shows rather than miss changes.
   */
  reset?: true;
  /**
   * The stream's copy of a change an element on this page made: elements update from it but do
   * not announce it, as the element that made it already said what happened.
   */
  own?: boolean;
  /** The element on this page that made the change; it is not told of its own change. */
  source?: EventTarget;
}

export type OrderChangeListener = (change: OrderChange) => void;
/** Told `true` when the stream is down and being retried (live updates paused), `false` when it is back. */
export type PauseListener = (paused: boolean) => void;

/**
 * The page's order changes, shared by every element that shows orders. The live stream opens when
 * the first element listens and closes when the last one leaves, so a page with only a form opens
 * none. One per provider (shared through context), or one per standalone element.
 */
export class OrderChanges {
  readonly #listeners = new Set<OrderChangeListener>();
  readonly #pauseListeners = new Set<PauseListener>();
  /** The stream is down and the reader retrying. */
  #paused = false;
  #stream: EventStream | undefined;
  /** The stream's reader is fetched when first needed (a page with only a form never needs it). */
  #opening: Promise<void> | undefined;
  #lastEventId: string | undefined;
  /** Changes made on this page (`<order id> <action>`) whose copy from the stream is still to come. */
  readonly #ownToCome: string[] = [];

  constructor(
    private readonly connection: { baseUrl: string; getToken: TokenGetter } | undefined,
    /** Told of every change without being a listener (it does not keep the stream open). */
    private readonly onChange?: OrderChangeListener,
  ) {}

  /** Calls `listener` for every change, and `onPause` when live updates pause or resume, until the returned function is called. */
  subscribe(listener: OrderChangeListener, onPause?: PauseListener): () => void {
    this.#listeners.add(listener);
    if (onPause) this.#pauseListeners.add(onPause);
    this.#open();
    return () => {
      this.#listeners.delete(listener);
      if (onPause) this.#pauseListeners.delete(onPause);
      if (this.#listeners.size === 0) this.close();
    };
  }

  #pause(paused: boolean): void {
    if (this.#paused === paused) return;
    this.#paused = paused;
    for (const listener of this.#pauseListeners) listener(paused);
  }

  /** Tells every listener about a change (an element's own, or one from the stream). */
  publish(change: OrderChange): void {
    // The answer to the request comes before the stream's copy of the change: the feed reads the
    // journal after the commit that the answer waited for. Only the latest few are kept.
    if (change.source && !change.entry && this.#ownToCome.push(`${change.orderId} ${change.action}`) > 20) this.#ownToCome.shift();
    this.onChange?.(change);
    for (const listener of [...this.#listeners]) {
      try {
        listener(change);
      } catch (error) {
        console.error(error);
      }
    }
  }

  /** Stops the stream; a later subscriber reopens it where it left off (Last-Event-ID). */
  close(): void {
    this.#opening = undefined;
    if (this.#stream) this.#lastEventId = this.#stream.lastEventId ?? this.#lastEventId;
    this.#stream?.close();
    this.#stream = undefined;
  }

  get streaming(): boolean {
    return this.#stream !== undefined && !this.#stream.closed;
  }

  #open(): void {
    if (this.streaming || this.#opening || !this.connection) return;
    const { baseUrl, getToken } = this.connection;
    const opening: Promise<void> = import('../sdk/events.ts').then(
      ({ subscribeToEvents }) => {
        // Closed, or every listener gone, while the reader was being fetched.
        if (this.#opening !== opening || this.#listeners.size === 0) return;
        this.#opening = undefined;
        this.#stream = subscribeToEvents({
          baseUrl,
          getToken,
          ...(this.#lastEventId === undefined ? {} : { lastEventId: this.#lastEventId }),
          onOpen: () => this.#pause(false),
          onEvent: (entry) => {
            const own = this.#ownToCome.indexOf(`${entry.orderId} ${entry.action}`);
            if (own >= 0) this.#ownToCome.splice(own, 1);
            this.publish({ orderId: entry.orderId, action: entry.action, entry, own: own >= 0 });
          },
          onReset: () => this.publish({ orderId: 0, action: 'edited', reset: true }),
          onError: (error) => {
            // While the reader retries (network, restart, a refused token being renewed) the user
            // sees live updates paused; a refusal for good is the host developer's to fix.
            if (error.willRetry) this.#pause(true);
            else stopped(error.message);
          },
        });
      },
      (error: unknown) => {
        if (this.#opening === opening) this.#opening = undefined;
        stopped(error);
      },
    );
    this.#opening = opening;
  }
}

/** Tells the host page's developer why live updates ended for good: theirs to fix. */
const stopped = (reason: unknown) => console.warn('JobAG: live updates stopped:', reason);
