// The outermost layer of every request, in one pass: names the request, finds the origin CORS
// allows it, and once the answer is made sets every header it carries (CORS, transport, security,
// rate limits, `X-Request-Id`), adds the request id to a problem body, and logs one line. One
// layer rather than one per concern: each async layer costs every request its own promise,
// closure and pass over the answer's headers, a measurable share of a light read. No layer
// inside it writes an answer's headers after the handler; they record what the edge should set
// (the rate limits do). Transport only.
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';
import { corsAnswer, type CorsPolicy } from './cors.ts';
import { dataPolicy, overTls, securityHeaderList, setTransportHeaders } from './headers.ts';
import { rateLimitHeaders } from './rate-limit.ts';
import { logAnswer, requestIdOf, type Logger } from './request-log.ts';

/** An answer whose headers are still a plain record: the edge makes the final response from it. */
interface PlainAnswer {
  body: string;
  status: number;
  headers: Record<string, string>;
}
const plainAnswers = new WeakMap<Response, PlainAnswer>();

/**
 * A JSON answer (a body already JSON text) that the edge completes without a `Headers` object:
 * its constant headers come prebuilt, the per-request ones are added to a plain record, and
 * @hono/node-server writes a response made from a plain record directly. `headers` are the
 * answer's own (lower-case names), e.g. its `etag`.
 */
export function plainJsonAnswer(body: string, status: number, headers: Record<string, string>): Response {
  const answer = { body, status, headers: { 'content-type': 'application/json', ...headers } };
  const response = new Response(body, { status, headers: answer.headers });
  plainAnswers.set(response, answer);
  return response;
}

/** The headers every JSON data answer carries, by path kind: made once. */
function prebuilt(api: boolean, expose: string): Record<string, string> {
  const base: Record<string, string> = { 'access-control-expose-headers': expose, vary: 'Origin' };
  if (api) base['cache-control'] = 'no-store';
  base['content-security-policy'] = dataPolicy;
  for (const [name, value] of securityHeaderList) base[name] = value;
  return base;
}

export function edge(options: {
  logger: Logger;
  cors: CorsPolicy;
  /** The app's error answer (`app.onError`'s), for a failure of this layer's own work before the handler. */
  onError: (error: Error, c: Context<AppEnv>) => Response | Promise<Response>;
}): MiddlewareHandler<AppEnv> {
  const { logger, onError } = options;
  const cors = corsAnswer(options.cors);
  const expose = options.cors.exposeHeaders.join(',');
  const apiHeaders = prebuilt(true, expose);
  const otherHeaders = prebuilt(false, expose);
  return async function answerAtEdge(c, next) {
    const started = performance.now();
    const id = requestIdOf(c);
    c.set('requestId', id);
    let allowed: string | null = null;
    try {
      const lookup = cors.allowed(c);
      allowed = lookup instanceof Promise ? await lookup : lookup;
    } catch (error) {
      // The lookup failed (the database is away): answered like any other failure, with every header.
      c.error = error as Error;
      c.res = await onError(error as Error, c);
    }
    if (!c.error) await next();
    const limits = rateLimitHeaders(c);
    const plain = plainAnswers.get(c.res);
    if (plain && c.req.method !== 'OPTIONS') {
      const path = c.req.path;
      const headers: Record<string, string> = { ...(path === '/v1' || path.startsWith('/v1/') ? apiHeaders : otherHeaders) };
      for (const name in plain.headers) {
        // The answer's own headers, except where the edge's win (as `setTransportHeaders` decides).
        if (name === 'vary') headers.vary = `${plain.headers.vary}, Origin`;
        else if (!(name in headers) || name === 'content-security-policy') headers[name] = plain.headers[name]!;
      }
      if (allowed) headers['access-control-allow-origin'] = allowed;
      if (overTls(c)) headers['strict-transport-security'] = 'max-age=31536000; includeSubDomains';
      if (limits) {
        headers['ratelimit-policy'] = limits.policy;
        headers.ratelimit = limits.state;
      }
      headers['x-request-id'] = id;
      // A fresh answer, not a merge with the handler's (`c.res = undefined` first: hono would copy its headers).
      c.res = undefined as never;
      c.res = new Response(plain.body, { status: plain.status, headers });
      logAnswer(logger, c, id, started);
      return;
    }
    const headers = c.res.headers;
    cors.set(c, headers, allowed);
    setTransportHeaders(c, headers);
    if (limits) {
      headers.set('ratelimit-policy', limits.policy);
      headers.set('ratelimit', limits.state);
    }
    headers.set('x-request-id', id);
    if ((headers.get('content-type') ?? '').startsWith('application/problem+json')) {
      const { status } = c.res;
      const problem = (await c.res.json()) as Record<string, unknown>;
      c.res = new Response(JSON.stringify({ ...problem, requestId: id }), { status, headers });
    }
    logAnswer(logger, c, id, started);
  };
}
