// Every list of the API answers `{ items, nextCursor }` and takes the cursor back as `?cursor=`:
// one loop, typed from the contract, so that no integrator writes it again.
import type { MaybeOptionalInit } from 'openapi-fetch';
import type { JobagClient } from './client.ts';
import { JobagHttpError } from './errors.ts';
import type { components, paths } from './schema.d.ts';

type Problem = components['schemas']['Problem'];

type PageOf<P extends keyof paths> = paths[P] extends {
  get: { responses: { 200: { content: { 'application/json': infer Page extends { items: unknown[]; nextCursor: string | null } } } } };
}
  ? Page
  : never;

/** The paths whose GET answers a page (`{ items, nextCursor }`): `/v1/job-orders`, `/v1/job-orders/{id}/log`, … */
export type PagedPath = { [P in keyof paths]: [PageOf<P>] extends [never] ? never : P }[keyof paths];

/** One item of the list at `P`, e.g. `JobOrder` for `/v1/job-orders`. */
export type PageItem<P extends PagedPath> = PageOf<P>['items'][number];

/** The options of the first page's GET (`params`, `signal`, …); later pages add only the cursor. */
export type PageInit<P extends PagedPath> = MaybeOptionalInit<paths[P], 'get'>;

type InitArgument<P extends PagedPath> = undefined extends PageInit<P> ? [init?: PageInit<P>] : [init: PageInit<P>];

/**
 * Every page of a list, in order, each as the API sent it. Throws a `JobagHttpError` when the API
 * answers a page with an error (a `JobagNetworkError` when it does not answer): a generator yields
 * items, not results. Stop early with `break`; no further page is fetched.
 *
 * @example
 * for await (const page of pages(jobag, '/v1/job-orders/{id}/log', { params: { path: { id } } })) console.log(page.items.length);
 */
export async function* pages<P extends PagedPath>(client: JobagClient, path: P, ...[init]: InitArgument<P>): AsyncGenerator<PageOf<P>, void, undefined> {
  const first = (init ?? {}) as { params?: { query?: Record<string, unknown> } };
  let cursor: string | undefined;
  do {
    const params = { ...first.params, query: { ...first.params?.query, ...(cursor === undefined ? {} : { cursor }) } };
    const get = client.GET as (path: string, init: unknown) => Promise<{ data?: PageOf<P>; error?: unknown; response: Response }>;
    const { data, error, response } = await get(path, { ...first, params });
    if (!data) throw new JobagHttpError(response, typeof error === 'object' && error !== null ? (error as Problem) : undefined);
    yield data;
    cursor = data.nextCursor ?? undefined;
  } while (cursor !== undefined);
}

/**
 * Every item of a list, page after page, following `nextCursor` until the last page. The list's
 * sort and filters come from `init` and hold for every page (the cursor is bound to them).
 *
 * @example
 * for await (const order of paginate(jobag, '/v1/job-orders', { params: { query: { status: 'open', limit: 100 } } })) {
 *   console.log(order.id, order.occupation.title);
 * }
 */
export async function* paginate<P extends PagedPath>(client: JobagClient, path: P, ...init: InitArgument<P>): AsyncGenerator<PageItem<P>, void, undefined> {
  for await (const page of pages(client, path, ...init)) yield* page.items as PageItem<P>[];
}
