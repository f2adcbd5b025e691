// One structured line per request, and the request's id (which the edge, edge.ts, puts on the
// answer: in `X-Request-Id` and in every problem body). Transport only. What is logged is chosen
// field by field, never a header, query string or body: no token, key or personal data reaches a
// log line.
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';
import { pino, type Logger } from 'pino';
import type { AppEnv } from '../env.ts';
import { problemOf } from '../problem.ts';

export type { Logger };

/** The server's logger: JSON lines on stdout (or `destination`), level from `LOG_LEVEL`. */
export function createLogger(options: { level?: string; destination?: NodeJS.WritableStream; asyncStdout?: boolean } = {}): Logger {
  // The server's stdout is written asynchronously in blocks of at least 4 KB, and at least once a
  // second, not one write per request line (a write per line is a measurable share of a read);
  // pino writes what is left synchronously on exit.
  const destination =
    options.destination ?? (options.asyncStdout ? pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 1000 }) : process.stdout);
  return pino({ level: options.level ?? 'info', base: { pid: process.pid } }, destination);
}

/** Text for a log line with every e-mail address replaced (a mail server's error may quote one). */
export function withoutAddresses(text: string): string {
  return text.replace(/[^\s<>(),;]*@[^\s<>(),;]*/g, '<address>');
}

/** A caller's own request id is kept when it is short and plain; anything else gets a fresh one. */
const acceptedRequestId = /^[A-Za-z0-9._:-]{8,64}$/;

/** The request's id: a caller's `X-Request-Id` if plain, else a UUID. */
export function requestIdOf(c: Context): string {
  const offered = c.req.header('x-request-id');
  return offered && acceptedRequestId.test(offered) ? offered : randomUUID();
}

/**
 * Logs one line for a finished answer: request id, method, route pattern (never the query),
 * status, duration, and the principal as kind, organisation and credential type. Refused
 * authentication and authorisation (401, 403) and rate-limit hits (429) are logged at `warn` with
 * the problem type. pino formats and writes the line later (asynchronous stdout).
 */
export function logAnswer(logger: Logger, c: Context<AppEnv>, id: string, started: number): void {
  const status = c.res.status;
  const level = status === 401 || status === 403 || status === 429 ? 'warn' : status >= 500 ? 'error' : 'info';
  if (!logger.isLevelEnabled(level)) return;
  const principal = c.get('principal');
  const route = matchedRoutes(c).filter((r) => r.method !== 'ALL').at(-1)?.path ?? null;
  const line = {
    reqId: id,
    method: c.req.method,
    route,
    status,
    ms: Math.round((performance.now() - started) * 10) / 10,
    principal: principal
      ? { kind: principal.kind, org: principal.kind === 'employer' ? String(principal.companyId) : principal.jobcenterId, via: principal.via }
      : null,
    problem: problemOf(c.error)?.type,
  };
  if (level === 'warn') logger.warn(line, 'refused');
  else if (level === 'error') logger.error(line, 'failed');
  else logger.info(line, 'request');
}
