// Response headers every answer carries: security headers, no caching of anything personal, a
// strict CSP, HSTS behind TLS. Transport only.
import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';

/**
 * Hono's `secureHeaders` (nosniff, `Referrer-Policy: no-referrer`, `X-Frame-Options: DENY`, …)
 * on every response. The widget bundle is loaded by other sites' pages, so resources may be
 * fetched cross-origin (CORP); HSTS is added by `transportHeaders` only when the request came
 * over TLS.
 */
export const securityHeaders = (): MiddlewareHandler =>
  secureHeaders({
    strictTransportSecurity: false,
    crossOriginResourcePolicy: 'cross-origin',
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
  });

/** A policy for answers that are data, not pages: nothing loads, nothing frames them. */
export const dataPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The request came over TLS: directly, or through a proxy that says so. */
export function overTls(c: Context): boolean {
  return c.req.url.startsWith('https:') || c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

/**
 * After the response is made: HSTS behind TLS only (browsers ignore it over plain HTTP, and a
 * local `npm start` must not pin localhost to https); `Cache-Control: no-store` on every /v1
 * answer, as they are all someone's data; and a CSP on answers that set none (pages that need
 * more, like /docs and the example portal, set their own).
 */
export function transportHeaders(): MiddlewareHandler {
  return createMiddleware(async function addTransportHeaders(c, next) {
    await next();
    if (overTls(c)) c.res.headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
    if (c.req.path === '/v1' || c.req.path.startsWith('/v1/')) c.res.headers.set('cache-control', 'no-store');
    if (!c.res.headers.has('content-security-policy')) {
      const html = (c.res.headers.get('content-type') ?? '').startsWith('text/html');
      // A page of the example portal keeps its scripts; it only may not be framed.
      c.res.headers.set('content-security-policy', html ? "frame-ancestors 'none'" : dataPolicy);
    }
  });
}
