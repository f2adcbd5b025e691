// One structured line per request, and the request's id on the answer: in `X-Request-Id` and in
// every problem body. Transport only. What is logged is chosen field by field, never a header,
// query string or body: no token, key or personal data reaches a log line.
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
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

/**
 * Names the request (a caller's `X-Request-Id` if plain, else a UUID), answers with it in
 * `X-Request-Id` and in any problem body (`requestId`), and logs one line when the answer is
 * ready: request id, method, route pattern (never the query), status, duration, and the
 * principal as kind, organisation and credential type. Refused authentication and authorisation
 * (401, 403) and rate-limit hits (429) are logged at `warn` with the problem type.
 */
export function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return createMiddleware<AppEnv>(async function logRequest(c, next) {
    const started = performance.now();
    const offered = c.req.header('x-request-id');
    const id = offered && acceptedRequestId.test(offered) ? offered : randomUUID();
    c.set('requestId', id);
    await next();
    c.res.headers.set('x-request-id', id);
    if ((c.res.headers.get('content-type') ?? '').startsWith('application/problem+json')) {
      const { status, headers } = c.res;
      const problem = (await c.res.json()) as Record<string, unknown>;
      c.res = new Response(JSON.stringify({ ...problem, requestId: id }), { status, headers });
    }
    const principal = c.get('principal');
    const route = matchedRoutes(c).filter((r) => r.method !== 'ALL').at(-1)?.path ?? null;
    const status = c.res.status;
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
    if (status === 401 || status === 403 || status === 429) logger.warn(line, 'refused');
    else if (status >= 500) logger.error(line, 'failed');
    else logger.info(line, 'request');
  });
}
