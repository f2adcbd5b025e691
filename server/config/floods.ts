// The limits against floods (server/http/middleware/rate-limit.ts): `JOBAG_RATE_LIMIT_*` and
// `JOBAG_REQUEST_TIMEOUT_MS`.
import { oneOf, wholeNumber, type Environment } from './read.ts';

export interface Quota {
  /** Requests allowed in one window; 0 turns the limit off. */
  limit: number;
  windowSeconds: number;
}

export interface FloodConfig {
  /** Every request under /v1 from one client address (before authentication). */
  ip: Quota;
  /** Every request of one principal: a company or a jobcenter, whichever key or token it uses. */
  principal: Quota;
  /** Failed authentications (401) from one client address; over it, a failing credential gets 429 (a valid one is served). */
  authFailures: Quota;
  /** Failed authentications with one credential from one client address; over it, that credential is refused unchecked. */
  authFailuresPerCredential: Quota;
  /** A request that takes longer answers 503 with `Retry-After`; 0 turns it off. */
  requestTimeoutMs: number;
}

/**
 * The defaults for address and principal are ceilings against runaway clients (5,000 requests a
 * second for one account, more than one process serves), so the test suites and `npm run bench`
 * (one principal at full speed) are never throttled; an operator sets what its tenants need.
 * Guessing credentials is what is held tight by default.
 */
export const defaultFloodConfig: FloodConfig = {
  ip: { limit: 600_000, windowSeconds: 60 },
  principal: { limit: 300_000, windowSeconds: 60 },
  authFailures: { limit: 100, windowSeconds: 300 },
  authFailuresPerCredential: { limit: 20, windowSeconds: 300 },
  requestTimeoutMs: 30_000,
};

const anyCount = { min: 0, max: Number.MAX_SAFE_INTEGER, accepts: 'a whole number ≥ 0 (0 turns it off)' };
/** A window of 0 would divide by nothing: it is read as 1. */
const window = { min: 0, max: 86_400, accepts: 'a whole number of seconds up to 86400 (a day)' };

/** `JOBAG_RATE_LIMIT_*` and `JOBAG_REQUEST_TIMEOUT_MS`; `JOBAG_RATE_LIMIT=off` lifts every rate limit (not the time-out). */
export function floodConfigFromEnv(env: Environment): FloodConfig {
  const d = defaultFloodConfig;
  const on = oneOf(env, 'JOBAG_RATE_LIMIT', ['on', 'off'], 'on') === 'on';
  const quota = (name: string, fallback: Quota): Quota => {
    const limit = wholeNumber(env, name, fallback.limit, anyCount);
    return { limit: on ? limit : 0, windowSeconds: wholeNumber(env, `${name}_WINDOW`, fallback.windowSeconds, window) || 1 };
  };
  return {
    ip: quota('JOBAG_RATE_LIMIT_IP', d.ip),
    principal: quota('JOBAG_RATE_LIMIT_PRINCIPAL', d.principal),
    authFailures: quota('JOBAG_RATE_LIMIT_AUTH_FAILURES', d.authFailures),
    authFailuresPerCredential: quota('JOBAG_RATE_LIMIT_AUTH_FAILURES_PER_CREDENTIAL', d.authFailuresPerCredential),
    requestTimeoutMs: wholeNumber(env, 'JOBAG_REQUEST_TIMEOUT_MS', d.requestTimeoutMs, anyCount),
  };
}
