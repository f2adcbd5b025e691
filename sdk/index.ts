/**
 * The typed JobAG Orders client, for HR systems (Node) and the widgets (browser).
 *
 * @example
 * const jobag = createJobagClient({ baseUrl: 'http://localhost:8787', apiKey: process.env.JOBAG_KEY });
 * const { data, error } = await jobag.GET('/v1/job-orders', { params: { query: { sort: 'updatedAt' } } });
 */
import createClient from 'openapi-fetch';
import type { components, paths } from './schema.d.ts';

export type { components, paths } from './schema.d.ts';
/** The rules a client can check before sending (formats, dates, R2.4 terms) and the contract's error codes. */
export * from './rules.ts';
/** The live event stream (`GET /v1/events`) read with fetch: `subscribeToEvents({ baseUrl, apiKey | getToken, onEvent })`. */
export { subscribeToEvents, EventStreamError, type EventStream, type EventStreamOptions } from './events.ts';
export { verifyWebhook, signWebhook, WebhookVerificationError, type WebhookEvent, type WebhookHeaders, type VerifyWebhookOptions } from './webhooks.ts';
export type Schemas = components['schemas'];
export type JobOrder = Schemas['JobOrder'];
export type JobOrderPage = Schemas['JobOrderPage'];
export type CreateJobOrder = Schemas['CreateJobOrder'];
export type UpdateJobOrder = Schemas['UpdateJobOrder'];
export type StatusChange = Schemas['StatusChange'];
export type LogEntry = Schemas['LogEntry'];
export type Me = Schemas['Me'];
export type Occupation = Schemas['Occupation'];
export type Jobcenter = Schemas['Jobcenter'];
export type Problem = Schemas['Problem'];
export type FieldError = Schemas['FieldError'];
export type Placement = Schemas['Placement'];
export type CreatePlacement = Schemas['CreatePlacement'];
export type Coordinator = Schemas['Coordinator'];
export type WebhookSubscription = Schemas['WebhookSubscription'];
export type CreatedWebhookSubscription = Schemas['CreatedWebhookSubscription'];
export type CopyJobOrder = Schemas['CopyJobOrder'];
export type RecordOutcome = Schemas['RecordOutcome'];
export type PlacementStats = Schemas['PlacementStats'];

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
