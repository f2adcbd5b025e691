// CORS for the API: hono's `cors` answers preflights; every other request gets its CORS headers
// from the edge (edge.ts) once the answer is made. Transport only.
import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

export interface CorsPolicy {
  /** The origin to allow, or null: asked only when the request has an `Origin`. */
  origin: (origin: string, c: Context) => Promise<string | null> | string | null;
  allowHeaders: string[];
  allowMethods: string[];
  exposeHeaders: string[];
  maxAge: number;
}

/** Answers a preflight (`OPTIONS`) as hono's `cors` does; any other request passes untouched. */
export function corsPreflight(policy: CorsPolicy): MiddlewareHandler {
  const preflight = cors(policy);
  return function answerPreflight(c, next) {
    return c.req.method === 'OPTIONS' ? preflight(c, next) : next();
  };
}

/**
 * The same headers as hono's `cors` sets on an actual request, set once on the final answer.
 * Hono's own middleware sets them on `c.res` *before* the handler runs, which makes hono merge two
 * responses and turns @hono/node-server's light response into a full web `Response` (a stream and
 * an `AbortSignal`) on every request — a large share of a light read's CPU. A request without
 * `Origin` (server to server) is not looked up at all.
 */
export function corsAnswer(policy: CorsPolicy) {
  const expose = policy.exposeHeaders.join(',');
  return {
    /** The origin to allow for this request (null: none); a preflight is answered elsewhere. */
    allowed(c: Context): Promise<string | null> | string | null {
      if (c.req.method === 'OPTIONS') return null;
      const origin = c.req.header('origin');
      return origin ? policy.origin(origin, c) : null;
    },
    set(c: Context, headers: Headers, allowed: string | null): void {
      if (c.req.method === 'OPTIONS') return;
      // Set over whatever the answer set, as hono's merge did (the origin refusal sets its own).
      if (allowed) headers.set('access-control-allow-origin', allowed);
      headers.set('access-control-expose-headers', expose);
      headers.append('vary', 'Origin');
    },
  };
}
