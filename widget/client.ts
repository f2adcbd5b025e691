import type { Problem } from '../sdk/index.ts';

/** What a host gives an element or the provider: resolves to a widget token from its own backend. */
export type TokenGetter = (options?: { refresh?: boolean }) => string | Promise<string>;

/**
 * One token for every request of a page (or a standalone element): fetched once and reused; asked
 * again with `{ refresh: true }` when the API refuses it (expired, or signed with a secret the
 * server no longer has). The SDK client and the event stream share it, so a stream reconnecting
 * after a refresh uses the fresh token.
 */
export function tokenSource(getToken: TokenGetter): (options?: { refresh?: boolean }) => Promise<string> {
  let current: Promise<string> | undefined;
  return ({ refresh = false } = {}) => {
    if (!current || refresh) {
      // Only the host's getToken failing is a reason to ask the user to sign in again.
      const pending = new Promise<string>((resolve) => resolve(getToken(refresh ? { refresh: true } : undefined))).catch(() => {
        throw new ApiError(401);
      });
      // A failed fetch must not be cached: the next request tries the host's backend again.
      pending.catch(() => {
        if (current === pending) current = undefined;
      });
      current = pending;
    }
    return current;
  };
}

/** A failed call: the API answered with a problem, or the network did not answer at all. */
export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the network failed. */
    readonly status: number,
    /** The RFC 9457 body, when the API sent one. */
    readonly problem?: Problem,
  ) {
    super(problem?.detail ?? problem?.title ?? (status === 0 ? 'Network error' : `HTTP ${status}`));
    this.name = 'ApiError';
  }
}

/**
 * Awaits an SDK call and returns its data, or throws an `ApiError`. An abort is rethrown as is so
 * a data loader can tell "superseded" from "failed".
 */
export async function send<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<{ data: T; response: Response }> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (error) {
    // An abort as is; a failed getToken already is its ApiError (401); anything else the network.
    if ((error instanceof DOMException && error.name === 'AbortError') || error instanceof ApiError) throw error;
    throw new ApiError(0);
  }
  const { data, error, response } = result;
  if (!response.ok || error !== undefined) throw new ApiError(response.status, isProblem(error) ? error : undefined);
  return { data: data as T, response };
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && typeof (value as Problem).status === 'number' && typeof (value as Problem).type === 'string';
}
