import type { components } from './schema.d.ts';

/** Why a call got no answer: the client's time-out passed, the connection failed, or the caller aborted. */
export type NetworkFailureKind = 'timeout' | 'network' | 'aborted';

/**
 * A call that got no HTTP answer. Thrown, never returned in `{ error }`: `{ data, error, response }`
 * always describes an answer the API sent (`error` is its RFC 9457 problem, `response` is never
 * missing), so a failure without an answer cannot take that shape without making every caller
 * check for a missing response. `cause` is what the platform reported (a `TypeError` from fetch,
 * the `TimeoutError`, or the reason the caller's signal gave).
 */
export class JobagNetworkError extends Error {
  override readonly name = 'JobagNetworkError';

  constructor(
    /** `timeout`: no answer within the client's `timeout`; `network`: no connection or a broken one; `aborted`: the caller's signal. */
    readonly kind: NetworkFailureKind,
    message: string,
    options: { cause: unknown },
  ) {
    super(message, options);
  }
}

/**
 * An HTTP error answer met where no `{ error }` can be returned: inside `paginate` and `pages`,
 * which yield items rather than results.
 */
export class JobagHttpError extends Error {
  override readonly name = 'JobagHttpError';
  /** The HTTP status of the answer. */
  readonly status: number;

  constructor(
    /** The answer (its body already read into `problem`). */
    readonly response: Response,
    /** The RFC 9457 problem the API sent, when it sent one. */
    readonly problem: components['schemas']['Problem'] | undefined,
  ) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${response.status}`);
    this.status = response.status;
  }
}
