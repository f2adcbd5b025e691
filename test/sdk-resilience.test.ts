// The SDK against a real server process (`server/main.ts` on 127.0.0.1) as an HR system meets it:
// every order paged through with the iterator, a real 429 waited out for its Retry-After, a
// time-out and a refused connection as the typed error, and a create whose answer was lost
// retried into one order.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJobagClient, JobagNetworkError, paginate, type JobagClientOptions } from '../sdk/index.ts';
import { demoKeys } from '../server/demo/data.ts';
import { freePort, startServerProcess, stopServerProcess, type ServerProcess } from './support/server-process.ts';
import { validOrder } from './support/orders.ts';

interface Try {
  method: string;
  path: string;
  key: string | null;
  sentAt: number;
  answeredAt: number;
  status: number | 'failed';
  retryAfter: string | null;
}

/** The global fetch, recording each try the SDK makes; `change` may replace what came back. */
function recording(tries: Try[], change?: (response: Response, request: Request, nth: number) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    const sentAt = performance.now();
    const entry: Try = { method: request.method, path: new URL(request.url).pathname, key: request.headers.get('idempotency-key'), sentAt, answeredAt: 0, status: 'failed', retryAfter: null };
    tries.push(entry);
    try {
      let response = await fetch(request);
      if (change) response = await change(response, request, tries.length);
      Object.assign(entry, { answeredAt: performance.now(), status: response.status, retryAfter: response.headers.get('retry-after') });
      return response;
    } catch (error) {
      entry.answeredAt = performance.now();
      throw error;
    }
  };
}

let dir: string;
let server: ServerProcess;
// A small budget in short windows, so that a test can spend one and see the next begin.
const budget = { limit: 30, windowSeconds: 2 };
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jobag-sdk-resilience-'));
  server = await startServerProcess({
    DATABASE_URL: `file:${join(dir, 'api.db')}`,
    JOBAG_SIGNING_SECRET: 'x'.repeat(40),
    JOBAG_RATE_LIMIT_PRINCIPAL: String(budget.limit),
    JOBAG_RATE_LIMIT_PRINCIPAL_WINDOW: String(budget.windowSeconds),
    LOG_LEVEL: 'warn',
  });
});
after(async () => {
  await stopServerProcess(server.child);
  rmSync(dir, { recursive: true, force: true });
});

/** A client of the test server with a short back-off, so that a retry too early shows as a gap that short. */
const client = (apiKey: string, options: Partial<JobagClientOptions> = {}) =>
  createJobagClient({ baseUrl: server.url, apiKey, retry: { baseDelay: 20, maxDelay: 5000 }, ...options });

describe('the SDK against a real server', () => {
  it('pages through every order with the iterator, page after page, as one list', async () => {
    const jobag = client(demoKeys.employerA);
    const created = await Promise.all(
      Array.from({ length: 5 }, (_, i) => jobag.POST('/v1/job-orders', { body: validOrder({ description: `Side ${i} af listen.` }) as never })),
    );
    assert.deepEqual(created.map((c) => c.response.status), [201, 201, 201, 201, 201]);

    const whole = await jobag.GET('/v1/job-orders', { params: { query: { sort: 'id', order: 'asc', limit: 100 } } });
    assert.ok(whole.data && whole.data.nextCursor === null, 'every order of the company fits one page of 100');
    const tries: Try[] = [];
    const paged = client(demoKeys.employerA, { fetch: recording(tries) as typeof fetch });
    const ids: number[] = [];
    for await (const order of paginate(paged, '/v1/job-orders', { params: { query: { sort: 'id', order: 'asc', limit: 2 } } })) {
      ids.push(order.id);
    }
    assert.deepEqual(ids, whole.data.items.map((o) => o.id));
    for (const c of created) assert.ok(ids.includes(c.data!.id));
    const pagesAsked = tries.filter((t) => t.status === 200).length;
    assert.equal(pagesAsked, Math.ceil(ids.length / 2));
    assert.ok(pagesAsked > 1);
  });

  it('survives a real 429: waits the Retry-After the server sent, then gets its answer', async () => {
    // The window may turn between spending the budget and the SDK's call; then spend the next one.
    for (let round = 1; ; round++) {
      const burst = await Promise.all(
        Array.from({ length: budget.limit + 5 }, () => fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${demoKeys.employerB}` } })),
      );
      await Promise.all(burst.map((r) => r.body?.cancel()));
      assert.ok(burst.some((r) => r.status === 429), 'the burst spent the budget');
      const tries: Try[] = [];
      const me = await client(demoKeys.employerB, { fetch: recording(tries) as typeof fetch }).GET('/v1/me');
      if (tries[0]!.status !== 429 && round < 5) continue;
      assert.equal(tries[0]!.status, 429);
      assert.equal(me.response.status, 200);
      assert.equal(me.data?.company?.cvr, '27182828');
      const retryAfterMs = Number(tries[0]!.retryAfter) * 1000;
      assert.ok(retryAfterMs >= 1000, `Retry-After ${tries[0]!.retryAfter}`);
      const waited = tries[1]!.sentAt - tries[0]!.answeredAt;
      assert.ok(waited >= retryAfterMs - 5, `waited ${waited.toFixed(0)} ms of the ${retryAfterMs} ms asked`);
      assert.equal(tries.length, 2);
      assert.equal(tries[1]!.status, 200);
      return;
    }
  });

  it('a server that accepts and never answers gives a JobagNetworkError of kind timeout after the time-out', async () => {
    const hanging: Socket[] = [];
    const silent: Server = createServer((socket) => hanging.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
    try {
      const jobag = createJobagClient({ baseUrl: url, apiKey: demoKeys.employerA, timeout: 300 });
      const started = performance.now();
      const error = await jobag.GET('/v1/me').catch((e: unknown) => e);
      const took = performance.now() - started;
      assert.ok(error instanceof JobagNetworkError, String(error));
      assert.equal(error.kind, 'timeout');
      assert.equal((error.cause as DOMException).name, 'TimeoutError');
      assert.ok(took >= 295 && took < 5000, `took ${took.toFixed(0)} ms`);

      // The caller's own abort is the same error, of kind aborted, and is not tried again.
      const tries: Try[] = [];
      const controller = new AbortController();
      const pending = client(demoKeys.employerA, { baseUrl: url, fetch: recording(tries) as typeof fetch }).GET('/v1/me', { signal: controller.signal });
      while (tries.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      controller.abort();
      const aborted = await pending.catch((e: unknown) => e);
      assert.ok(aborted instanceof JobagNetworkError, String(aborted));
      assert.equal(aborted.kind, 'aborted');
      // Ten times the back-off: long enough for a retry to have been sent.
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(tries.length, 1);
    } finally {
      for (const socket of hanging) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('a refused connection is retried, then thrown as a JobagNetworkError of kind network', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const tries: Try[] = [];
    const jobag = createJobagClient({ baseUrl: closed, apiKey: demoKeys.employerA, retry: { attempts: 3, baseDelay: 20 }, fetch: recording(tries) as typeof fetch });
    const error = await jobag.GET('/v1/me').catch((e: unknown) => e);
    assert.ok(error instanceof JobagNetworkError, String(error));
    assert.equal(error.kind, 'network');
    assert.ok(error.cause instanceof TypeError);
    assert.deepEqual(tries.map((t) => t.status), ['failed', 'failed', 'failed']);
  });

  for (const lost of ['a network failure', 'a 503'] as const) {
    it(`a create whose answer was lost to ${lost} is retried with the same Idempotency-Key and makes one order`, async () => {
      const description = `Oprettet trods ${lost} (${Date.now()}).`;
      const tries: Try[] = [];
      // The server did the work; its answer never reached the client.
      const loseFirst = async (response: Response, _request: Request, nth: number) => {
        if (nth > 1) return response;
        await response.arrayBuffer();
        if (lost === 'a network failure') throw new TypeError('fetch failed', { cause: new Error('socket hang up') });
        return new Response(JSON.stringify({ type: '/problems/unavailable', title: 'Service unavailable', status: 503 }), {
          status: 503,
          headers: { 'content-type': 'application/problem+json', 'retry-after': '1' },
        });
      };
      const jobag = client(demoKeys.employerA, { fetch: recording(tries, loseFirst) as typeof fetch });
      const created = await jobag.POST('/v1/job-orders', { body: validOrder({ description }) as never });
      assert.equal(created.response.status, 201, JSON.stringify(created.error));
      assert.equal(created.response.headers.get('idempotent-replayed'), 'true', 'the retry was answered from the first try');
      assert.equal(tries.length, 2);
      assert.match(tries[0]!.key ?? '', /^[0-9a-f-]{36}$/);
      assert.equal(tries[1]!.key, tries[0]!.key);

      let same = 0;
      for await (const order of paginate(client(demoKeys.employerA), '/v1/job-orders', { params: { query: { limit: 100 } } })) {
        if (order.description === description) same++;
      }
      assert.equal(same, 1);
    });
  }
});
