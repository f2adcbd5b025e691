/**
 * The live event stream (`GET /v1/events`) read with fetch, for browsers and Node alike: the
 * browser's EventSource cannot send the `Authorization` header, and no credential ever goes in a URL.
 * Reconnects with back-off after a network error or the end of a stream, sending `Last-Event-ID`
 * of the last event received, so nothing is missed and nothing repeated — unless the stream was
 * too far behind to replay: then `onReset` says to reload what you show, and events go on from there.
 *
 * @example
 * const stream = subscribeToEvents({
 *   baseUrl: 'http://localhost:8787',
 *   apiKey: 'demo_employer_a',
 *   onEvent: (entry) => console.log(entry.action, entry.orderId, entry.actor.name),
 * });
 * // later
 * stream.close();
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { BaseClientOptions } from './client.ts';
import type { components } from './schema.d.ts';

type LogEntry = components['schemas']['LogEntry'];
type Problem = components['schemas']['Problem'];

export interface EventStreamOptions extends Pick<BaseClientOptions, 'baseUrl' | 'apiKey' | 'getToken' | 'locale'> {
  /** A fetch implementation (tests, proxies); called with a Request. Defaults to the global one. */
  fetch?: (request: Request) => Promise<Response>;
  /** Only this order's events. */
  orderId?: number;
  /** Resume after this event (an `id` an earlier stream delivered); without it, only events from now on. */
  lastEventId?: string;
  /** Every event the caller may see, in journal order; the same shape as a line of the placement log. */
  onEvent: (entry: LogEntry) => void;
  /**
   * The server would not replay the events missed (the stream resumed too far behind): reload
   * what you show from the API; the events from `reset.lastEventId` on follow. Without it, the
   * reset reaches `onError` (with `willRetry`, as the stream goes on).
   */
  onReset?: (reset: EventStreamReset) => void;
  /** Each time a connection is established (again). */
  onOpen?: () => void;
  /**
   * A failure. With `willRetry` the reader reconnects by itself (network, 5xx, a stream that went
   * quiet, a widget token refused even after a refresh); without it the stream has stopped for good
   * (400, 403, 404, or 401 for an API key: retrying cannot help).
   */
  onError?: (error: EventStreamError) => void;
  /** Stops the stream, as `close()` does. */
  signal?: AbortSignal;
  /** The first reconnection delay (ms, default 1000); doubles after each failed attempt. */
  retryMs?: number;
  /** The longest reconnection delay (ms, default 30000). */
  maxRetryMs?: number;
  /**
   * Reconnect when nothing, not even the server's keep-alive comment, arrived for this long
   * (ms, default 45000: three of the server's 15 s heartbeats; 0 never).
   */
  idleTimeoutMs?: number;
}

/** A stream that resumed too far behind to replay: what was missed must be reloaded. */
export interface EventStreamReset {
  /** The event the stream goes on after (now this reader's `lastEventId`). */
  lastEventId: string;
}

export interface EventStream {
  /** Stops reading and reconnecting; no `onEvent` after it returns. */
  close(): void;
  /** The `id` of the last event received: pass it as `lastEventId` to resume in a later stream. */
  readonly lastEventId: string | undefined;
  readonly closed: boolean;
}

export class EventStreamError extends Error {
  /** The HTTP status when the server answered with an error. */
  readonly status: number | undefined;
  /** The server's problem details (RFC 9457), when it sent them. */
  readonly problem: Problem | undefined;
  /** True when the reader will reconnect by itself. */
  readonly willRetry: boolean;

  constructor(message: string, details: { status?: number; problem?: Problem; willRetry: boolean; cause?: unknown }) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'EventStreamError';
    this.status = details.status;
    this.problem = details.problem;
    this.willRetry = details.willRetry;
  }
}

/** Statuses worth another try: the request may well succeed later. */
const retryable = (status: number) => status === 408 || status === 429 || status >= 500;

/** Opens the event stream and keeps it open until `close()` (or `signal`), or a refusal that retrying cannot fix. */
export function subscribeToEvents(options: EventStreamOptions): EventStream {
  if (!options || typeof options.baseUrl !== 'string' || options.baseUrl === '') {
    throw new TypeError('subscribeToEvents: `baseUrl` is required, e.g. "http://localhost:8787".');
  }
  const { apiKey, getToken } = options;
  if (!getToken && !apiKey) throw new TypeError('subscribeToEvents: give `apiKey` (server) or `getToken` (browser).');
  if (typeof options.onEvent !== 'function') throw new TypeError('subscribeToEvents: `onEvent` is required.');
  const fetcher = options.fetch ?? ((input: Request) => globalThis.fetch(input));
  const retryMs = options.retryMs ?? 1_000;
  const maxRetryMs = options.maxRetryMs ?? 30_000;
  const idleTimeoutMs = options.idleTimeoutMs ?? 45_000;
  const url = new URL(`${options.baseUrl.replace(/\/+$/, '')}/v1/events`);
  if (options.orderId !== undefined) url.searchParams.set('orderId', String(options.orderId));

  let lastEventId = options.lastEventId;
  let closed = false;
  let connection: AbortController | undefined;
  let wakeFromSleep: (() => void) | undefined;

  const close = () => {
    if (closed) return;
    closed = true;
    options.signal?.removeEventListener('abort', close);
    connection?.abort();
    wakeFromSleep?.();
  };
  if (options.signal?.aborted) closed = true;
  else options.signal?.addEventListener('abort', close, { once: true });

  const report = (error: EventStreamError) => {
    if (closed) return;
    if (options.onError) options.onError(error);
    else if (!error.willRetry) console.error(error);
  };

  async function send(refresh: boolean, signal: AbortSignal): Promise<Response> {
    const headers = new Headers({ accept: 'text/event-stream' });
    headers.set('authorization', `Bearer ${apiKey !== undefined ? apiKey : await getToken!({ refresh })}`);
    if (lastEventId !== undefined) headers.set('last-event-id', lastEventId);
    if (options.locale) headers.set('accept-language', options.locale);
    return fetcher(new Request(url, { headers, signal, cache: 'no-store' }));
  }

  function deliver(message: EventSourceMessage): void {
    if (closed || message.data === '') return;
    if (message.event === 'reset') {
      if (message.id !== undefined) lastEventId = message.id;
      const reset: EventStreamReset = { lastEventId: lastEventId ?? '' };
      if (!options.onReset) {
        report(new EventStreamError('The stream was too far behind to replay the events missed; reload what you show.', { willRetry: true }));
        return;
      }
      try {
        options.onReset(reset);
      } catch (cause) {
        report(new EventStreamError('onReset threw; the stream goes on.', { willRetry: true, cause }));
      }
      return;
    }
    let entry: LogEntry;
    try {
      entry = JSON.parse(message.data) as LogEntry;
    } catch (cause) {
      report(new EventStreamError('An event\'s data is not JSON; it was skipped.', { willRetry: true, cause }));
      return;
    }
    if (message.id !== undefined) lastEventId = message.id;
    try {
      options.onEvent(entry);
    } catch (cause) {
      report(new EventStreamError('onEvent threw; the stream goes on.', { willRetry: true, cause }));
    }
  }

  /** One connection, read until it ends. Resolves true when it was established. */
  async function connect(): Promise<boolean> {
    const controller = new AbortController();
    connection = controller;
    let response = await send(false, controller.signal);
    // An expired token, or one the server no longer accepts (it restarted with a new signing
    // secret): a fresh one from the host, once per attempt; the back-off paces a host that keeps
    // handing out tokens the server refuses.
    const refreshable = getToken !== undefined && apiKey === undefined;
    if (response.status === 401 && refreshable) {
      await response.body?.cancel();
      response = await send(true, controller.signal);
    }
    if (!response.ok) {
      const problem = await problemOf(response);
      throw new EventStreamError(problem?.detail ?? `GET /v1/events answered ${response.status}.`, {
        status: response.status,
        problem,
        willRetry: retryable(response.status) || (response.status === 401 && refreshable),
      });
    }
    if (!response.body || !(response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
      await response.body?.cancel();
      throw new EventStreamError('GET /v1/events did not answer with an event stream.', { status: response.status, willRetry: true });
    }
    options.onOpen?.();
    const parser = createParser({ onEvent: deliver });
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let idle: ReturnType<typeof setTimeout> | undefined;
    let wentQuiet = false;
    const watch = () => {
      if (idleTimeoutMs <= 0) return;
      clearTimeout(idle);
      idle = setTimeout(() => {
        wentQuiet = true;
        controller.abort();
      }, idleTimeoutMs);
    };
    try {
      watch();
      for (;;) {
        const { done, value } = await reader.read();
        if (done || closed) break;
        watch();
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } catch (cause) {
      if (!closed) {
        const message = wentQuiet ? `The stream sent nothing for ${idleTimeoutMs} ms; reconnecting.` : 'The stream broke off; reconnecting.';
        report(new EventStreamError(message, { willRetry: true, cause }));
      }
    } finally {
      clearTimeout(idle);
      reader.cancel().catch(() => {});
    }
    return true;
  }

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wakeFromSleep = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function run(): Promise<void> {
    let failures = 0;
    while (!closed) {
      try {
        await connect();
        failures = 0;
      } catch (cause) {
        if (closed) break;
        const error = cause instanceof EventStreamError ? cause : new EventStreamError('Could not reach the event stream; reconnecting.', { willRetry: true, cause });
        report(error);
        if (!error.willRetry) {
          close();
          break;
        }
        failures++;
      }
      if (closed) break;
      // After a stream that ended (the server's periodic close, a restart) reconnect soon; after
      // failures back off exponentially. Jitter keeps many clients from returning at once.
      const delay = Math.min(maxRetryMs, retryMs * 2 ** Math.max(0, failures - 1));
      await sleep(delay * (0.5 + Math.random() / 2));
    }
  }

  if (!closed) void run();
  return {
    close,
    get lastEventId() {
      return lastEventId;
    },
    get closed() {
      return closed;
    },
  };
}

async function problemOf(response: Response): Promise<Problem | undefined> {
  try {
    const body = (await response.json()) as Problem;
    return typeof body === 'object' && body !== null && typeof body.type === 'string' ? body : undefined;
  } catch {
    return undefined;
  }
}
