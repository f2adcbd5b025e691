import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Task } from '@lit/task';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A list the API pages with `nextCursor` (orders, the log, placements): the first page is a
 * `@lit/task` over the element's arguments (a change of any of them loads it again, and only the
 * latest answer counts); `more()` appends the next page ("Vis flere"). A new first page aborts a
 * "Vis flere" in flight, whose cursor belongs to the old list.
 */
export class PagedList<T, A extends readonly unknown[]> implements ReactiveController {
  items: T[] = [];
  nextCursor: string | null = null;
  /** The last "Vis flere": loading, or failed with `moreError`. */
  moreStatus: 'idle' | 'pending' | 'error' = 'idle';
  moreError: unknown;
  readonly first: Task<A, Page<T> | null>;
  #more: AbortController | undefined;
  #args: A | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly config: {
      /** One page; `args` are the list's arguments, null when it cannot load yet (no client). */
      fetch: (args: A, cursor: string | undefined, signal: AbortSignal) => Promise<Page<T>> | null;
      args: () => A;
    },
  ) {
    host.addController(this);
    this.first = new Task(host, {
      task: async (args, { signal }) => {
        this.#more?.abort();
        this.moreStatus = 'idle';
        const call = this.config.fetch(args, undefined, signal);
        if (!call) return null;
        const page = await call;
        this.#args = args;
        this.items = page.items;
        this.nextCursor = page.nextCursor;
        return page;
      },
      args: () => this.config.args(),
    });
  }

  hostConnected(): void {}

  /**
   * Shows a first page the host already has while the first request is in flight (the rows stay
   * busy, without "Vis flere", until its answer replaces them).
   */
  preview(page: Page<T>): void {
    this.items = page.items;
    this.nextCursor = page.nextCursor;
    this.host.requestUpdate();
  }

  /** Loads the first page again with the same arguments (retry, or after a change elsewhere). */
  reload(): Promise<void> {
    return this.first.run();
  }

  /** Appends the next page; resolves to the index of its first item, or -1 when nothing was added. */
  async more(): Promise<number> {
    const cursor = this.nextCursor;
    const args = this.#args;
    if (!cursor || !args || this.moreStatus === 'pending') return -1;
    const abort = (this.#more = new AbortController());
    this.moreStatus = 'pending';
    this.host.requestUpdate();
    try {
      const page = await this.config.fetch(args, cursor, abort.signal);
      if (!page || abort.signal.aborted) return -1;
      const start = this.items.length;
      this.items = [...this.items, ...page.items];
      this.nextCursor = page.nextCursor;
      this.moreStatus = 'idle';
      return page.items.length ? start : -1;
    } catch (error) {
      if (abort.signal.aborted) return -1;
      this.moreStatus = 'error';
      this.moreError = error;
      return -1;
    } finally {
      this.host.requestUpdate();
    }
  }

  /** Replaces the loaded item `match` finds with its newer state (after this element changed it). */
  replace(match: (item: T) => boolean, item: T): void {
    this.items = this.items.map((i) => (match(i) ? item : i));
    this.host.requestUpdate();
  }

  /** Adds an item that arrived live, when the list is complete (otherwise "Vis flere" brings it). */
  append(item: T, same: (a: T, b: T) => boolean): boolean {
    if (this.nextCursor !== null || this.items.some((i) => same(i, item))) return false;
    this.items = [...this.items, item];
    this.host.requestUpdate();
    return true;
  }
}
