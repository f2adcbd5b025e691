// paginate and pages follow `nextCursor` with the first page's sort and filters, stop when told,
// and throw what a generator can throw: a JobagHttpError for an error answer.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createJobagClient, JobagHttpError, JobagNetworkError, pages, paginate } from '../../sdk/index.ts';

/** A fake list of `total` items served `limit` at a time, the cursor being the next index; records each URL asked for. */
function fakeList(total: number) {
  const asked: URL[] = [];
  const fetch = async (request: Request) => {
    const url = new URL(request.url);
    asked.push(url);
    if (url.searchParams.get('cursor') === 'bad') {
      return new Response(JSON.stringify({ type: '/problems/invalid-parameters', title: 'Bad Request', status: 400, detail: 'The cursor is not one this API made.' }), {
        status: 400,
        headers: { 'content-type': 'application/problem+json' },
      });
    }
    const from = Number(url.searchParams.get('cursor') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 25);
    const items = Array.from({ length: Math.max(0, Math.min(limit, total - from)) }, (_, i) => ({ id: from + i + 1 }));
    const nextCursor = from + limit < total ? String(from + limit) : null;
    return new Response(JSON.stringify({ items, nextCursor }), { headers: { 'content-type': 'application/json' } });
  };
  return { asked, client: createJobagClient({ baseUrl: 'http://api.test', apiKey: 'key', fetch: fetch as typeof globalThis.fetch }) };
}

describe('paginate', () => {
  it('yields every item of every page in order, asking each page with the same query and the cursor before', async () => {
    const list = fakeList(7);
    const ids: number[] = [];
    for await (const order of paginate(list.client, '/v1/job-orders', { params: { query: { status: 'open', sort: 'updatedAt', limit: 3 } } })) ids.push(order.id);
    assert.deepEqual(ids, [1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(
      list.asked.map((url) => url.search),
      ['?status=open&sort=updatedAt&limit=3', '?status=open&sort=updatedAt&limit=3&cursor=3', '?status=open&sort=updatedAt&limit=3&cursor=6'],
    );
  });

  it('keeps the path parameters and works without options; one empty page ends it', async () => {
    const log = fakeList(2);
    const entries = [];
    for await (const entry of paginate(log.client, '/v1/job-orders/{id}/log', { params: { path: { id: 42 }, query: { limit: 1 } } })) entries.push(entry);
    assert.equal(entries.length, 2);
    assert.deepEqual(log.asked.map((url) => url.pathname), ['/v1/job-orders/42/log', '/v1/job-orders/42/log']);

    const empty = fakeList(0);
    const none = [];
    for await (const order of paginate(empty.client, '/v1/job-orders')) none.push(order);
    assert.deepEqual(none, []);
    assert.equal(empty.asked.length, 1);
  });

  it('fetches no further page once the loop breaks', async () => {
    const list = fakeList(100);
    for await (const order of paginate(list.client, '/v1/job-orders', { params: { query: { limit: 10 } } })) {
      if (order.id === 12) break;
    }
    assert.equal(list.asked.length, 2);
  });

  it('throws a JobagHttpError carrying the problem when a page is refused', async () => {
    const list = fakeList(5);
    const seen: number[] = [];
    const error = await (async () => {
      for await (const order of paginate(list.client, '/v1/job-orders', { params: { query: { cursor: 'bad' } } })) seen.push(order.id);
    })().catch((e: unknown) => e);
    assert.ok(error instanceof JobagHttpError);
    assert.equal(error.status, 400);
    assert.equal(error.problem?.type, '/problems/invalid-parameters');
    assert.equal(error.message, 'The cursor is not one this API made.');
    assert.deepEqual(seen, []);
  });

  it('passes the signal to every page: an abort ends the iteration with the typed error', async () => {
    const list = fakeList(10);
    const controller = new AbortController();
    const error = await (async () => {
      for await (const order of paginate(list.client, '/v1/job-orders', { params: { query: { limit: 2 } }, signal: controller.signal })) {
        if (order.id === 3) controller.abort();
      }
    })().catch((e: unknown) => e);
    assert.ok(error instanceof JobagNetworkError);
    assert.equal(error.kind, 'aborted');
    assert.equal(list.asked.length, 2);
  });
});

describe('pages', () => {
  it('yields each page as the API sent it, with its cursor', async () => {
    const list = fakeList(5);
    const seen = [];
    for await (const page of pages(list.client, '/v1/job-orders', { params: { query: { limit: 2 } } })) seen.push([page.items.length, page.nextCursor]);
    assert.deepEqual(seen, [[2, '2'], [2, '4'], [1, null]]);
  });
});
