// A server-sent events body that holds little per open stream, so a thousand idle subscribers
// stay cheap. Hono's `streamSSE` keeps a TransformStream, a second ReadableStream, a
// TextEncoder and — through a WeakMap keyed by its body — the request's whole Context alive for as
// long as the stream is open (tens of KB of heap per idle subscriber in a heap snapshot).
// This is one ReadableStream pulling from the feed: the stream asks for the next batch only when
// the previous one was taken, so a client that does not read stops the pulling and its backlog
// builds up in the feed (which ends the stream past its limit).

const encoder = new TextEncoder();

/** The source of a stream's events: the next batch, oldest first, or null once it is closed. */
export interface EventSource<T> {
  next(): Promise<T[] | null>;
  close(): void;
}

export interface EventStreamOptions<T> {
  /** One event's `id`, `event` and `data` (a JSON text, so it has no line breaks). */
  format(item: T): { id: string; event: string; data: string };
  /** How often a `: keep-alive` comment goes out (ms). */
  heartbeatMs: number;
  /** After this long the stream ends (ms); the client resumes with Last-Event-ID. */
  maxStreamMs: number;
}

/** The headers `streamSSE` sets; the caller's middleware may override them (Cache-Control, Connection). */
export const eventStreamHeaders = {
  'Transfer-Encoding': 'chunked',
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache',
  Connection: 'keep-alive',
} as const;

/** The body of an event stream: `: connected`, then each batch of `source` as events, a heartbeat meanwhile. */
export function eventStreamBody<T>(source: EventSource<T>, options: EventStreamOptions<T>): ReadableStream<Uint8Array> {
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let expiry: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    clearInterval(heartbeat);
    clearTimeout(expiry);
    source.close();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(': connected\n\n'));
      heartbeat = setInterval(() => {
        try {
          controller.enqueue(encoder.encode(': keep-alive\n\n'));
        } catch {
          // closed meanwhile
        }
      }, options.heartbeatMs);
      // A stream ends after a while; the client resumes with Last-Event-ID and its credential is checked again.
      expiry = setTimeout(() => source.close(), options.maxStreamMs);
      heartbeat.unref?.();
      expiry.unref?.();
    },
    async pull(controller) {
      let batch: T[] | null;
      try {
        batch = await source.next();
      } catch (error) {
        // As streamSSE did: the stream ends, the error is logged, the client resumes with Last-Event-ID.
        console.error(error);
        batch = null;
      }
      if (!batch) {
        stop();
        controller.close();
        return;
      }
      let text = '';
      for (const item of batch) {
        const { id, event, data } = options.format(item);
        text += `event: ${event}\ndata: ${data}\nid: ${id}\n\n`;
      }
      controller.enqueue(encoder.encode(text));
    },
    // The client went away (or the server closed its connection).
    cancel: stop,
  });
}
