// The client an integration uses: the base client (authentication) plus what every integrator
// would otherwise write again — retries with back-off where a retry cannot do a thing twice, an
// Idempotency-Key on every create so that a retry is safe, a time-out, and one typed error for a
// call that got no answer. A module of its own so that the widgets' pages, which use the base
// client, do not carry it.
import { createBaseClient, type BaseClientOptions, type JobagClient } from './client.ts';
import { JobagNetworkError } from './errors.ts';

export interface RetryOptions {
  /** Tries in all, the first one included (default 3). */
  attempts?: number;
  /**
   * The back-off before the second try in ms (default 300), doubled before each further one; the
   * wait is a random part of it ("full jitter"), so clients that failed together do not return together.
   */
  baseDelay?: number;
  /**
   * The longest wait before a try in ms (default 10 000). A `Retry-After` longer than this is not
   * waited for: the 429 or 503 is returned as it came, for the caller to decide.
   */
  maxDelay?: number;
}

export interface JobagClientOptions extends BaseClientOptions {
  /**
   * Retries of a 429, a 503 or a network failure, after the answer's `Retry-After` (seconds or an
   * HTTP date) or else an exponential back-off with jitter. Only where a retry cannot do a thing
   * twice: GET, HEAD, OPTIONS, and any request carrying an `Idempotency-Key` (the client gives every
   * create one). `false` turns retries off.
   */
  retry?: RetryOptions | false;
  /**
   * The longest a call may take in ms, retries and waits included (default 30 000); then it throws
   * a `JobagNetworkError` of kind `timeout`. `false` for none. A call's own `signal` aborts it sooner.
   */
  timeout?: number | false;
}

/**
 * The operations that honour `Idempotency-Key` (a retry with the same key returns the first answer),
 * as named in openapi.yaml: each call gets a fresh key unless the caller sent one.
 */
export const idempotentCreates: readonly string[] = ['/v1/job-orders', '/v1/job-orders/{id}/placements'];

type Send = (request: Request) => Promise<Response>;
type Policy = Required<RetryOptions> | false;

/**
 * Creates the typed client of an HR system or a portal's backend. Every method returns `{ data,
 * error, response }` for any answer of the API, HTTP errors included, and throws a
 * `JobagNetworkError` when no answer came (time-out, network, abort).
 *
 * @example
 * const jobag = createJobagClient({ baseUrl: 'http://localhost:8787', apiKey: process.env.JOBAG_KEY, timeout: 10_000 });
 * const { data, error } = await jobag.GET('/v1/job-orders', { params: { query: { status: 'open' } }, signal });
 */
export function createJobagClient(options: JobagClientOptions): JobagClient {
  if (!options || typeof options.baseUrl !== 'string' || options.baseUrl === '') {
    throw new TypeError('createJobagClient: `baseUrl` is required, e.g. "http://localhost:8787".');
  }
  if (!options.getToken && !options.apiKey) throw new TypeError('createJobagClient: give `apiKey` (server) or `getToken` (browser).');
  const send = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const policy: Policy = options.retry === false ? false : { attempts: 3, baseDelay: 300, maxDelay: 10_000, ...options.retry };
  const timeout = options.timeout ?? 30_000;
  const client = createBaseClient({ ...options, fetch: retrying(failingTyped(send), policy) as typeof fetch });
  // Before authentication, which keeps a copy to resend after a token refresh: the copy carries the key too.
  client.use({
    onRequest({ request, schemaPath }) {
      if (request.method === 'POST' && idempotentCreates.includes(schemaPath) && !request.headers.has('idempotency-key')) {
        request.headers.set('idempotency-key', newKey());
      }
    },
  });
  const calls = client as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const method of ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE', 'request']) {
    const call = calls[method]!;
    const at = method === 'request' ? 2 : 1; // where the call's options are
    calls[method] = (...args) => {
      const init = (args[at] ?? {}) as { signal?: AbortSignal | null };
      const what = `${method === 'request' ? String(args[0]).toUpperCase() : method} ${String(args[at - 1])}`;
      return within(timeout, init.signal, what, (signal) => call(...args.slice(0, at), { ...init, signal }));
    };
  }
  return client;
}

/**
 * Runs one call under the client's time-out and the caller's signal, the response's body included
 * (openapi-fetch reads it after fetch returns), and names a failure by its kind.
 */
async function within<T>(timeout: number | false, caller: AbortSignal | null | undefined, what: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  // Raced as well as passed on: an injected fetch may not listen to the signal, and the call must end anyway.
  const aborted = new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(controller.signal.reason)));
  aborted.catch(() => undefined);
  const stop = () => controller.abort(caller!.reason);
  if (caller?.aborted) stop();
  caller?.addEventListener('abort', stop);
  const timer = timeout === false ? undefined : setTimeout(() => controller.abort(new DOMException(`No answer within ${timeout} ms`, 'TimeoutError')), timeout);
  try {
    // A call aborted before it starts sends nothing.
    return await Promise.race([controller.signal.aborted ? aborted : run(controller.signal), aborted]);
  } catch (error) {
    if (caller?.aborted) throw new JobagNetworkError('aborted', `${what}: aborted by the caller`, { cause: caller.reason });
    if (controller.signal.aborted) throw new JobagNetworkError('timeout', `${what}: no answer within ${timeout} ms`, { cause: controller.signal.reason });
    throw error;
  } finally {
    clearTimeout(timer);
    caller?.removeEventListener('abort', stop);
  }
}

/**
 * fetch, with a failure to connect (or a connection lost) as a `JobagNetworkError`: the one
 * failure a retry may cure, told apart from a host's `getToken` failing, which is passed on as is.
 */
function failingTyped(send: Send): Send {
  return async (request) => {
    try {
      return await send(request);
    } catch (error) {
      if (request.signal.aborted) throw error;
      throw new JobagNetworkError('network', `${request.method} ${request.url}: ${(error as Error)?.message ?? error}`, { cause: error });
    }
  };
}

function retrying(send: Send, policy: Policy): Send {
  if (!policy) return send;
  const { attempts, baseDelay, maxDelay } = policy;
  return async (request) => {
    const safe = ['GET', 'HEAD', 'OPTIONS'].includes(request.method) || request.headers.has('idempotency-key');
    for (let attempt = 1; ; attempt++) {
      const last = !safe || attempt >= attempts;
      const backoff = Math.random() * Math.min(maxDelay, baseDelay * 2 ** (attempt - 1));
      let response: Response;
      try {
        // Each try but the last sends a copy, so the body is still there for the next one.
        response = await send(last ? request : request.clone());
      } catch (error) {
        if (last || !(error instanceof JobagNetworkError)) throw error;
        await pause(backoff, request.signal);
        continue;
      }
      if (last || (response.status !== 429 && response.status !== 503)) return response;
      const wait = retryAfter(response.headers.get('retry-after')) ?? backoff;
      if (wait > maxDelay) return response;
      await response.body?.cancel();
      await pause(wait, request.signal);
    }
  };
}

/** `Retry-After` in ms: delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  // A date has letters (`Wed, 21 Oct 2026 07:28:00 GMT`); Date.parse alone would take `-3` or `1.5` for a year.
  const ms = /^\s*\d+\s*$/.test(value) ? Number(value) * 1000 : /[a-z]/i.test(value) ? Date.parse(value) - now : NaN;
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', abort);
      resolve();
    }, ms);
    if (signal.aborted) abort();
    else signal.addEventListener('abort', abort, { once: true });
  });
}

/** A random key; `crypto.randomUUID` exists only in secure contexts, so a page on plain http gets hex. */
function newKey(): string {
  return crypto.randomUUID?.() ?? Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
