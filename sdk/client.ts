import createClient from 'openapi-fetch';
import type { paths } from './schema.d.ts';

export interface JobagClientOptions {
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

/** Creates a typed client; every method returns `{ data, error, response }` and never throws for HTTP errors. */
export function createJobagClient(options: JobagClientOptions): JobagClient {
  if (!options || typeof options.baseUrl !== 'string' || options.baseUrl === '') {
    throw new TypeError('createJobagClient: `baseUrl` is required, e.g. "http://localhost:8787".');
  }
  const { getToken, apiKey } = options;
  if (!getToken && !apiKey) throw new TypeError('createJobagClient: give `apiKey` (server) or `getToken` (browser).');
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
