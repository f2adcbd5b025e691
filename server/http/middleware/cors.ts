// CORS for the API: hono's `cors` answers preflights; every other request gets its CORS headers
// after the answer is made. Transport only.
import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { createMiddleware } from 'hono/factory';

export interface CorsPolicy {
  /** The origin to allow, or null: asked only when the request has an `Origin`. */
  origin: (origin: string, c: Context) => Promise<string | null> | string | null;
  allowHeaders: string[];
  allowMethods: string[];
  exposeHeaders: string[];
  maxAge: number;
}

/**
 * The same headers as hono's `cors` (which also answers the preflight here), set once on the
 * final answer. Hono's own middleware sets them on `c.res` *before* the handler runs, which makes
 * hono merge two responses and turns @hono/node-server's light response into a full web
 * `Response` (a stream and an `AbortSignal`) on every request — a large share of a light read's CPU.
 * A request without `Origin` (server to server) is not looked up at all.
 */
export function corsHeaders(policy: CorsPolicy): MiddlewareHandler {
  const preflight = cors(policy);
  const expose = policy.exposeHeaders.join(',');
  return createMiddleware(async function corsAfter(c, next) {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    const origin = c.req.header('origin');
    const allowed = origin ? await policy.origin(origin, c) : null;
    await next();
    const headers = c.res.headers;
    // Set over whatever the answer set, as hono's merge did (the origin refusal sets its own).
    if (allowed) headers.set('access-control-allow-origin', allowed);
    headers.set('access-control-expose-headers', expose);
    headers.append('vary', 'Origin');
  });
}
