import createClient from 'openapi-fetch';
import type { paths } from './schema.d.ts';

export interface JobagClientOptions {
  /** The API's origin, e.g. `https://api.example` (no `/v1`). */
  baseUrl: string;
  /**
   * Returns a widget token (browser) or any bearer credential. Called before each request; called
   * again with `{ refresh: true }` once when the API says the token expired, and the request retried.
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
    if (response.status === 401 && getToken && apiKey === undefined && (await isExpired(response.clone()))) {
      return send(retry, true);
    }
    return response;
  }

  return createClient<paths>({ baseUrl: options.baseUrl.replace(/\/+$/, ''), fetch: authorizedFetch });
}

async function isExpired(response: Response): Promise<boolean> {
  try {
    const problem = (await response.json()) as { type?: string };
    return problem.type === '/problems/token-expired';
  } catch {
    return false;
  }
}

/** The ETag of a response, to send back as `If-Match` on an edit. */
export function etagOf(response: Response): string | undefined {
  return response.headers.get('etag') ?? undefined;
}
