// The SDK's retries, Idempotency-Keys, time-out and typed failures, against a fake fetch on a
// mocked clock: when each try went out is the point, so the clock is the test's.
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { createJobagClient, JobagNetworkError, type JobagClientOptions } from '../../sdk/index.ts';
import { idempotentCreates, retryAfter } from '../../sdk/resilient-client.ts';

interface Sent {
  at: number;
  method: string;
  path: string;
  key: string | null;
  body: string;
}

/** A fake API: answers each try with the next of `answers` (a Response, or an Error to throw) and records when it came. */
function fakeApi(...answers: (Response | Error | ((request: Request) => Promise<Response>))[]) {
  const sent: Sent[] = [];
  const fetch = async (request: Request) => {
    sent.push({ at: Date.now(), method: request.method, path: new URL(request.url).pathname, key: request.headers.get('idempotency-key'), body: await request.text() });
    const answer = answers.shift() ?? json(200, {});
    if (answer instanceof Error) throw answer;
    return typeof answer === 'function' ? answer(request) : answer;
  };
  return { sent, fetch };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json', ...headers } });
const problem = (status: number, headers: Record<string, string> = {}) => json(status, { type: '/problems/x', title: 'x', status }, headers);
const fetchFailed = () => new TypeError('fetch failed');

const client = (fetch: (request: Request) => Promise<Response>, options: Partial<JobagClientOptions> = {}) =>
  createJobagClient({ baseUrl: 'http://api.test', apiKey: 'key', fetch: fetch as typeof globalThis.fetch, ...options });

const order = { description: 'x' } as never;

/** Lets the mocked clock run, in steps, until `promise` settles. */
async function settle<T>(promise: Promise<T>, step = 50): Promise<T> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  for (let elapsed = 0; !done && elapsed < 120_000; elapsed += step) {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    if (!done) mock.timers.tick(step);
  }
  return promise;
}

beforeEach(() => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
  // The largest back-off the policy allows, so each wait is known; one test checks the jitter itself.
  mock.method(Math, 'random', () => 1);
});
afterEach(() => {
  mock.timers.reset();
  mock.restoreAll();
});

describe('retries', () => {
  it('a 429 is retried after its Retry-After in seconds, and the caller sees only the answer that followed', async () => {
    const api = fakeApi(problem(429, { 'retry-after': '2' }), json(200, { items: [], nextCursor: null }));
    const result = await settle(client(api.fetch, { retry: { baseDelay: 10 } }).GET('/v1/job-orders'));
    assert.deepEqual(result.data, { items: [], nextCursor: null });
    assert.deepEqual(api.sent.map((s) => s.at), [0, 2000]);
  });

  it('a 503 is retried at the HTTP date its Retry-After names', async () => {
    const api = fakeApi(problem(503, { 'retry-after': new Date(3000).toUTCString() }), json(200, { role: 'employer' }));
    const result = await settle(client(api.fetch, { retry: { baseDelay: 10 } }).GET('/v1/me'));
    assert.equal(result.response.status, 200);
    assert.deepEqual(api.sent.map((s) => s.at), [0, 3000]);
  });

  it('without Retry-After the waits grow exponentially up to maxDelay, each a random part of it, for `attempts` tries in all', async () => {
    const api = fakeApi(problem(503), problem(503), problem(503), problem(503), problem(503));
    const result = await settle(client(api.fetch, { retry: { attempts: 5, baseDelay: 100, maxDelay: 300 } }).GET('/v1/me'));
    assert.equal(result.response.status, 503, 'the last answer is returned as it came');
    assert.equal(result.error?.status, 503);
    assert.deepEqual(api.sent.map((s) => s.at), [0, 100, 300, 600, 900]);

    mock.method(Math, 'random', () => 0.5);
    mock.timers.setTime(0);
    const jittered = fakeApi(problem(429), problem(429), json(200, {}));
    await settle(client(jittered.fetch, { retry: { baseDelay: 1000 } }).GET('/v1/me'), 10);
    assert.deepEqual(jittered.sent.map((s) => s.at), [0, 500, 1500]);
  });

  it('a network failure is retried, then thrown as a JobagNetworkError of kind network with the platform error as cause', async () => {
    const failure = fetchFailed();
    const api = fakeApi(failure, failure, failure);
    const error = await settle(client(api.fetch, { retry: { baseDelay: 100 } }).GET('/v1/me')).catch((e: unknown) => e);
    assert.ok(error instanceof JobagNetworkError);
    assert.equal(error.kind, 'network');
    assert.equal(error.cause, failure);
    assert.match(error.message, /GET http:\/\/api\.test\/v1\/me: fetch failed/);
    assert.deepEqual(api.sent.map((s) => s.at), [0, 100, 300]);
  });

  it('a Retry-After longer than maxDelay is not waited for: the 429 is returned at once', async () => {
    const api = fakeApi(problem(429, { 'retry-after': '60' }), json(200, {}));
    const result = await settle(client(api.fetch, { retry: { maxDelay: 5000 } }).GET('/v1/me'));
    assert.equal(result.response.status, 429);
    assert.equal(api.sent.length, 1);
  });

  it('retry: false sends each request once', async () => {
    const api = fakeApi(problem(503, { 'retry-after': '1' }), fetchFailed());
    const jobag = client(api.fetch, { retry: false });
    assert.equal((await settle(jobag.GET('/v1/me'))).response.status, 503);
    await assert.rejects(settle(jobag.GET('/v1/me')), (e: unknown) => e instanceof JobagNetworkError && e.kind === 'network');
    assert.equal(api.sent.length, 2);
  });

  it('a change without an Idempotency-Key is never retried: it might be done twice', async () => {
    const api = fakeApi(problem(503, { 'retry-after': '1' }), fetchFailed());
    const jobag = client(api.fetch);
    const status = { params: { path: { id: 1 }, header: { 'If-Match': '"1"' } }, body: { status: 'inactive' as const } };
    assert.equal((await settle(jobag.POST('/v1/job-orders/{id}/status', status))).response.status, 503);
    await assert.rejects(settle(jobag.PATCH('/v1/job-orders/{id}', { params: { path: { id: 1 }, header: { 'If-Match': '"1"' } }, body: { positions: 2 } })), JobagNetworkError);
    assert.deepEqual(api.sent.map((s) => [s.method, s.key]), [['POST', null], ['PATCH', null]]);
  });

  it('a change that carries an Idempotency-Key is retried with it', async () => {
    const api = fakeApi(fetchFailed(), json(200, {}));
    const jobag = client(api.fetch);
    await settle(jobag.PUT('/v1/job-orders/{id}/coordinator', { params: { path: { id: 1 } }, headers: { 'Idempotency-Key': 'mine' }, body: { caseworkerId: 1 } as never }));
    assert.deepEqual(api.sent.map((s) => [s.method, s.key]), [['PUT', 'mine'], ['PUT', 'mine']]);
  });
});

describe('Idempotency-Key', () => {
  it('every create gets a fresh key, kept across the retries of one call, and the body is sent whole each time', async () => {
    const api = fakeApi(problem(503, { 'retry-after': '1' }), fetchFailed(), json(201, { id: 1 }), json(201, { id: 2 }));
    const jobag = client(api.fetch);
    const first = await settle(jobag.POST('/v1/job-orders', { body: order }));
    const second = await settle(jobag.POST('/v1/job-orders/{id}/placements', { params: { path: { id: 1 } }, body: { name: 'x' } as never }));
    assert.equal(first.response.status, 201);
    assert.equal(second.response.status, 201);
    const [a, b, c, d] = api.sent;
    assert.match(a!.key!, /^[0-9a-f-]{36}$/);
    assert.equal(b!.key, a!.key);
    assert.equal(c!.key, a!.key);
    assert.deepEqual([a!.body, b!.body, c!.body], ['{"description":"x"}', '{"description":"x"}', '{"description":"x"}']);
    assert.match(d!.key!, /^[0-9a-f-]{36}$/);
    assert.notEqual(d!.key, a!.key);
  });

  it('a key the caller gave is sent as given; other POSTs get none', async () => {
    const api = fakeApi();
    const jobag = client(api.fetch);
    await settle(jobag.POST('/v1/job-orders', { params: { header: { 'Idempotency-Key': 'given-1' } }, body: order }));
    await settle(jobag.POST('/v1/job-orders', { headers: { 'idempotency-key': 'given-2' }, body: order }));
    await settle(jobag.POST('/v1/job-orders/{id}/notes', { params: { path: { id: 1 } }, body: { text: 'x' } as never }));
    assert.deepEqual(api.sent.map((s) => s.key), ['given-1', 'given-2', null]);
  });

  it('a key is made where crypto.randomUUID is missing (a page on plain http)', async () => {
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      const api = fakeApi();
      await settle(client(api.fetch).POST('/v1/job-orders', { body: order }));
      assert.match(api.sent[0]!.key!, /^[0-9a-f]{32}$/);
    } finally {
      delete (crypto as { randomUUID?: unknown }).randomUUID;
    }
    assert.equal(typeof crypto.randomUUID, 'function');
  });

  it('the operations given a key are exactly those whose contract takes an Idempotency-Key', () => {
    const contract = parse(readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8')) as {
      paths: Record<string, Record<string, { parameters?: { name?: string }[] }>>;
    };
    const taking = Object.entries(contract.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, op]) => op.parameters?.some((p) => p.name === 'Idempotency-Key'))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    assert.deepEqual(taking.sort(), idempotentCreates.map((path) => `POST ${path}`).sort());
  });
});

describe('time-out and abort', () => {
  const never = (request: Request) =>
    new Promise<Response>((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason)));

  it('no answer within `timeout` throws a JobagNetworkError of kind timeout; retries and waits count toward it', async () => {
    const api = fakeApi(never);
    const started = Date.now();
    const error = await settle(client(api.fetch, { timeout: 1000 }).GET('/v1/me')).catch((e: unknown) => e);
    assert.ok(error instanceof JobagNetworkError);
    assert.equal(error.kind, 'timeout');
    assert.equal((error.cause as DOMException).name, 'TimeoutError');
    assert.match(error.message, /GET \/v1\/me: no answer within 1000 ms/);
    assert.equal(Date.now() - started, 1000);

    mock.timers.setTime(0);
    const waiting = fakeApi(problem(503, { 'retry-after': '5' }), json(200, {}));
    const cut = await settle(client(waiting.fetch, { timeout: 2000 }).GET('/v1/me')).catch((e: unknown) => e);
    assert.equal((cut as JobagNetworkError).kind, 'timeout');
    assert.equal(Date.now(), 2000);
    assert.equal(waiting.sent.length, 1, 'the wait for Retry-After was cut short by the time-out');
  });

  it('a body that stops half-way times out too, even from a fetch that ignores the signal', async () => {
    const stalled = () =>
      Promise.resolve(
        new Response(new ReadableStream({ start: (controller) => controller.enqueue(new TextEncoder().encode('{"items":')) }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
      );
    const error = await settle(client(fakeApi(stalled).fetch, { timeout: 500 }).GET('/v1/job-orders')).catch((e: unknown) => e);
    assert.ok(error instanceof JobagNetworkError);
    assert.equal(error.kind, 'timeout');
    assert.equal(Date.now(), 500);
  });

  it('timeout: false waits as long as the answer takes', async () => {
    const slow = () => new Promise<Response>((resolve) => setTimeout(() => resolve(json(200, { role: 'employer' })), 100_000));
    const result = await settle(client(fakeApi(slow).fetch, { timeout: false }).GET('/v1/me'), 1000);
    assert.equal(result.response.status, 200);
  });

  it('the caller\'s abort ends the call at once as kind aborted, with its reason as cause, and is not retried', async () => {
    const api = fakeApi(never);
    const controller = new AbortController();
    const call = client(api.fetch).GET('/v1/me', { signal: controller.signal });
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    const reason = new Error('the user left the page');
    controller.abort(reason);
    const error = await call.catch((e: unknown) => e);
    assert.ok(error instanceof JobagNetworkError);
    assert.equal(error.kind, 'aborted');
    assert.equal(error.cause, reason);
    assert.equal(api.sent.length, 1);

    const during = fakeApi(problem(429, { 'retry-after': '3' }), json(200, {}));
    const waiting = new AbortController();
    const retried = client(during.fetch).GET('/v1/me', { signal: waiting.signal });
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    waiting.abort();
    assert.equal(((await retried.catch((e: unknown) => e)) as JobagNetworkError).kind, 'aborted');
    assert.equal(during.sent.length, 1, 'no try after the abort');

    const idle = fakeApi();
    const already = await client(idle.fetch).GET('/v1/me', { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    assert.equal((already as JobagNetworkError).kind, 'aborted');
    assert.equal(idle.sent.length, 0, 'a call aborted before it starts sends nothing');
  });

  it('a failing getToken is passed on as it is, not retried and not called a network failure', async () => {
    const api = fakeApi();
    const refused = new Error('signed out');
    let asked = 0;
    const jobag = createJobagClient({ baseUrl: 'http://api.test', fetch: api.fetch as typeof fetch, getToken: () => (asked++, Promise.reject(refused)) });
    await assert.rejects(settle(jobag.GET('/v1/me')), (e) => e === refused);
    assert.equal(asked, 1);
    assert.equal(api.sent.length, 0);
  });
});

describe('Retry-After', () => {
  it('reads delay-seconds and HTTP dates, never a negative wait, and ignores what it cannot read', () => {
    assert.equal(retryAfter('7'), 7000);
    assert.equal(retryAfter(' 0 '), 0);
    assert.equal(retryAfter(new Date(10_000).toUTCString(), 4000), 6000);
    assert.equal(retryAfter(new Date(1000).toUTCString(), 4000), 0);
    assert.equal(retryAfter('soon'), undefined);
    assert.equal(retryAfter('-3'), undefined);
    assert.equal(retryAfter(null), undefined);
  });
});
