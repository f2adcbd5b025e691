// Response headers every answer carries: security headers, no caching of anything personal, a
// strict CSP, HSTS behind TLS. Transport only; set by the edge (edge.ts) once the answer is made.
import type { Context } from 'hono';

/**
 * The security headers of every response, with the values hono's `secureHeaders` gives for these
 * options (nosniff, `Referrer-Policy: no-referrer`, `X-Frame-Options: DENY`, …), built once. The
 * widget bundle is loaded by other sites' pages, so resources may be fetched cross-origin (CORP);
 * HSTS is added only when the request came over TLS.
 */
export const securityHeaderList: readonly (readonly [string, string])[] = [
  ['cross-origin-resource-policy', 'cross-origin'],
  ['cross-origin-opener-policy', 'same-origin'],
  ['origin-agent-cluster', '?1'],
  ['referrer-policy', 'no-referrer'],
  ['x-content-type-options', 'nosniff'],
  ['x-dns-prefetch-control', 'off'],
  ['x-download-options', 'noopen'],
  ['x-frame-options', 'DENY'],
  ['x-permitted-cross-domain-policies', 'none'],
  ['x-xss-protection', '0'],
];

/** A policy for answers that are data, not pages: nothing loads, nothing frames them. */
export const dataPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The request came over TLS: directly, or through a proxy that says so. */
export function overTls(c: Context): boolean {
  return c.req.url.startsWith('https:') || c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

const isApiPath = (path: string) => path === '/v1' || path.startsWith('/v1/');

/**
 * Sets the transport and security headers on a finished answer: HSTS behind TLS only (browsers
 * ignore it over plain HTTP, and a local `npm start` must not pin localhost to https);
 * `Cache-Control: no-store` on every /v1 answer, as they are all someone's data; a CSP on answers
 * that set none (pages that need more, like /docs and the example portal, set their own); and the
 * security headers over whatever the answer set.
 */
export function setTransportHeaders(c: Context, headers: Headers): void {
  if (overTls(c)) headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
  if (isApiPath(c.req.path)) headers.set('cache-control', 'no-store');
  if (!headers.has('content-security-policy')) {
    const html = (headers.get('content-type') ?? '').startsWith('text/html');
    // A page of the example portal keeps its scripts; it only may not be framed.
    headers.set('content-security-policy', html ? "frame-ancestors 'none'" : dataPolicy);
  }
  for (const [name, value] of securityHeaderList) headers.set(name, value);
}
