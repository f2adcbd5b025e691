import createClient from 'openapi-fetch';
import type { paths } from './schema.d.ts';

/** What every client needs: where the API is and how to authenticate. */
export interface BaseClientOptions {
  /** The API's origin, e.g. `https://api.example` (no `/v1`). */
  baseUrl: string;
  /**
   * Returns a widget token (browser) or any bearer credential. Called before each request; called
   * again with `{ refresh: true }` once when the API refuses the token (expired, or no longer valid
   * because the server's signing secret changed), and the request retried.
   */
  getToken?: (options?: { refresh?: boolean }) => string | Promise<string>;
  /** A server-to-server API key. Never give one to a browser: use `getToken` with a widget token. */
  apiKey?: string;
  /** A fetch implementation (tests, proxies); defaults to the global one. */
  fetch?: typeof globalThis.fetch;
  /** Sent as `Accept-Language` (e.g. `da`, `en`). */
  locale?: string;
}

export type JobagClient = ReturnType<typeof createClient<paths>>;

/**
 * The typed client without retries or a time-out: authentication (with one token refresh on 401)
 * and the locale only. The widgets use it, so their pages carry no more than they need; an
 * integration uses `createJobagClient`, which adds the rest on top of it and checks the options
 * (the elements check their attributes before they connect).
 */
export function createBaseClient(options: BaseClientOptions): JobagClient {
  const { getToken, apiKey } = options;
  const baseFetch = options.fetch ?? ((input: Request) => globalThis.fetch(input));
  const credential = (refresh: boolean) => (apiKey !== undefined ? apiKey : getToken!({ refresh }));

  async function authorizedFetch(request: Request): Promise<Response> {
    const retry = request.clone();
    const send = async (req: Request, refresh: boolean) => {
      req.headers.set('authorization', `Bearer ${await credential(refresh)}`);
      if (options.locale && !req.headers.has('accept-language')) req.headers.set('accept-language', options.locale);
      return baseFetch(req);
    };
    const response = await send(request, false);
    // Any 401: an expired token and one signed with a secret the server no longer has are both
    // cured by a fresh token; one retry, so a host that keeps handing out bad tokens gets its 401.
    if (response.status === 401 && getToken && apiKey === undefined) {
      await response.body?.cancel();
      return send(retry, true);
    }
    return response;
  }

  return createClient<paths>({ baseUrl: options.baseUrl.replace(/\/+$/, ''), fetch: authorizedFetch });
}

/** The ETag of a response, to send back as `If-Match` on an edit. */
export function etagOf(response: Response): string | undefined {
  return response.headers.get('etag') ?? undefined;
}
