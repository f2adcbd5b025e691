import { createBaseClient, type JobagClient } from '../sdk/client.ts';
import { tokenSource, type TokenGetter } from './client.ts';

// The SDK client of the widgets. Its own module, outside the runtime chunk: the provider's chunk
// imports it, and an element used without a provider fetches it before its first render.

/** An SDK client for the browser; give it a `tokenSource` to share the token with an event stream. */
export function createWidgetClient(baseUrl: string, getToken: TokenGetter, options: { shared?: boolean } = {}): JobagClient {
  // No Accept-Language: the elements translate codes themselves, so a locale switch needs no new client.
  return createBaseClient({ baseUrl, getToken: options.shared ? getToken : tokenSource(getToken), fetch: fetchTellingRefusedOrigins as typeof fetch });
}

/**
 * fetch, except that a request the browser refused for CORS becomes what it is: the API's origin
 * refusal (403 `/problems/origin-not-allowed`). A browser reports a refused preflight exactly like a
 * network failure, so an element would say "no connection" to a user whose connection is fine. When
 * the API answers an opaque request (`/healthz`, no CORS needed) the network is up, and the refusal
 * was this page's origin, which the host developer must have allowed.
 */
async function fetchTellingRefusedOrigins(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch (error) {
    if (request.signal.aborted || typeof location === 'undefined') throw error;
    const api = new URL(request.url).origin;
    if (api === location.origin) throw error;
    try {
      await fetch(`${api}/healthz`, { mode: 'no-cors', cache: 'no-store' });
    } catch {
      throw error; // the API does not answer at all: a real network failure
    }
    // The element adds this page's origin and how to allow it when it tells the console.
    const detail = `The browser refused the answer of ${api} (CORS): this page's origin is not allowed.`;
    return new Response(JSON.stringify({ type: '/problems/origin-not-allowed', title: 'Forbidden', status: 403, detail }), {
      status: 403,
      headers: { 'content-type': 'application/problem+json' },
    });
  }
}

