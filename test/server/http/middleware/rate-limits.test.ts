// Floods: rate limits with the IETF RateLimit headers, shared by server
// processes through the database; failed authentications cut off; slow requests answer 503.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../../../server/http/app.ts';
import { openDatabase } from '../../../../server/db/driver/client.ts';
import type { Database } from '../../../../server/db/driver/types.ts';
import { migrate } from '../../../../server/db/migrate.ts';
import { ensureJobcenters } from '../../../../server/db/reference-data.ts';
import { demoKeys, loadDemoData } from '../../../../server/demo/data.ts';
import { defaultFloodConfig, floodConfigFromEnv } from '../../../../server/config/index.ts';
import { clientAddress, SharedCounters } from '../../../../server/http/middleware/rate-limit.ts';
import { checkAgainstContract } from '../../../support/contract.ts';
import { startServerProcess, stopServerProcess, waitFor, type ServerProcess } from '../../../support/server-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'jobag-floods-'));
const started: ServerProcess[] = [];
after(async () => {
  await Promise.all(started.map((p) => stopServerProcess(p.child)));
  rmSync(dir, { recursive: true, force: true });
});

async function start(name: string, env: Record<string, string> = {}) {
  const server = await startServerProcess({ DATABASE_URL: `file:${join(dir, `${name}.db`)}`, JOBAG_SIGNING_SECRET: 'x'.repeat(40), ...env });
  started.push(server);
  return server;
}

const get = (url: string, key: string) => fetch(url, { headers: { authorization: `Bearer ${key}` } });

async function problemOf(res: Response) {
  const body = await res.json();
  assert.deepEqual(checkAgainstContract('GET', new URL(res.url).pathname, res.status, res.headers.get('content-type') ?? '', body), []);
  return body as { type: string; status: number };
}

/** `"name";r=5;t=30, …` → {name: {r, t}} (the RateLimit field's items). */
function items(header: string | null): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const item of (header ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const [name, ...params] = item.split(';');
    out[JSON.parse(name!)] = Object.fromEntries(params.map((p) => p.split('=')).map(([k, v]) => [k!, Number(v)]));
  }
  return out;
}

describe('rate limits', () => {
  it('a burst over the principal\'s quota gets 429 problems with Retry-After and the RateLimit headers', async () => {
    const server = await start('burst', { JOBAG_RATE_LIMIT_PRINCIPAL: '20', JOBAG_RATE_LIMIT_PRINCIPAL_WINDOW: '60' });
    const responses = await Promise.all(Array.from({ length: 30 }, () => get(`${server.url}/v1/me`, demoKeys.employerA)));
    const ok = responses.filter((r) => r.status === 200);
    const limited = responses.filter((r) => r.status === 429);
    assert.equal(ok.length, 20);
    assert.equal(limited.length, 10);
    for (const res of ok) {
      assert.equal(items(res.headers.get('ratelimit-policy')).principal?.q, 20);
      assert.ok(items(res.headers.get('ratelimit')).principal!.r! >= 0);
      await res.body?.cancel();
    }
    const remaining = ok.map((r) => items(r.headers.get('ratelimit')).principal!.r!).sort((a, b) => a - b);
    assert.deepEqual(remaining, Array.from({ length: 20 }, (_, i) => i), 'each admitted request says what is left');
    for (const res of limited) {
      const retryAfter = Number(res.headers.get('retry-after'));
      assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
      assert.deepEqual(items(res.headers.get('ratelimit')).principal, { r: 0, t: items(res.headers.get('ratelimit')).principal!.t! });
      assert.match(res.headers.get('ratelimit-policy') ?? '', /"principal";q=20;w=60/);
      assert.equal((await problemOf(res)).type, '/problems/rate-limited');
    }
    // Another tenant has its own budget.
    assert.equal((await get(`${server.url}/v1/me`, demoKeys.employerB)).status, 200);
  });

  it('two server processes on one database share one budget', async () => {
    const env = { JOBAG_RATE_LIMIT_PRINCIPAL: '20', JOBAG_RATE_LIMIT_PRINCIPAL_WINDOW: '600', JOBAG_RATE_LIMIT_SYNC_MS: '20' };
    const a = await start('shared', env);
    const b = await start('shared', env);
    const statuses = async (url: string, n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const res = await get(`${url}/v1/me`, demoKeys.jobcenter101);
        await res.body?.cancel();
        out.push(res.status);
      }
      return out;
    };
    // The processes share counts only through the database: watch the stored total.
    const store = await openDatabase({ url: `file:${join(dir, 'shared.db')}` });
    const stored = async () => Number((await store.query("SELECT coalesce(sum(hits), 0) AS n FROM rate_limits WHERE key LIKE 'principal:%'"))[0]!.n);
    const storedReaches = (n: number) => waitFor(`${n} hits stored`, async () => ((await stored()) >= n ? true : undefined), 5_000);
    const first = await statuses(a.url, 12);
    await storedReaches(12);
    const second = await statuses(b.url, 12);
    assert.deepEqual(first, Array(12).fill(200));
    // Alone, b would admit all 12; sharing, it admits what a left: 8.
    assert.deepEqual(second, [...Array(8).fill(200), ...Array(4).fill(429)]);
    // b counts its refused requests too; a reads the total again once it is older than one sync.
    await storedReaches(24);
    store.close();
    const res = await get(`${a.url}/v1/me`, demoKeys.jobcenter101);
    assert.equal(res.status, 429, 'and a learns what b spent');
    await res.body?.cancel();
  });

  it('a thousand guessed API keys mostly get 429, not 401, with the default limits', async () => {
    const server = await start('guessing');
    const statuses: number[] = [];
    for (let batch = 0; batch < 40; batch++) {
      const responses = await Promise.all(
        Array.from({ length: 25 }, (_, i) => get(`${server.url}/v1/job-orders`, `jobag_guess_${batch}_${i}_${'x'.repeat(30)}`)),
      );
      for (const res of responses) {
        statuses.push(res.status);
        await res.body?.cancel();
      }
    }
    const count = (s: number) => statuses.filter((x) => x === s).length;
    assert.equal(count(401) + count(429), 1000);
    assert.ok(count(401) <= defaultFloodConfig.authFailures.limit + 25, `${count(401)} answered 401`);
    assert.ok(count(429) >= 875, `${count(429)} answered 429`);
    // From that address even a right key waits now: the guesser cannot tell a hit from a miss.
    const res = await get(`${server.url}/v1/me`, demoKeys.employerA);
    assert.equal(res.status, 429);
    assert.match(res.headers.get('ratelimit-policy') ?? '', /"auth-failures";q=100;w=300/);
    assert.equal((await problemOf(res)).type, '/problems/rate-limited');
    assert.ok(Number(res.headers.get('retry-after')) >= 1);
  });

  it('the address limit counts every request of a client, before authentication', async () => {
    const db = await openDb('address');
    const app = createApp({ db, clock: () => new Date(), signingSecret: 'x'.repeat(40), corsOrigins: [], floods: { ...defaultFloodConfig, ip: { limit: 5, windowSeconds: 60 } } });
    const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await app.request('/v1/me', { headers: { authorization: `Bearer ${demoKeys.employerA}` } }, from('10.1.2.3'))).status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429, 429]);
    const other = await app.request('/v1/me', { headers: { authorization: `Bearer ${demoKeys.employerA}` } }, from('10.1.2.4'));
    assert.equal(other.status, 200);
    assert.match(other.headers.get('ratelimit') ?? '', /"ip";r=4;t=\d+/);
    db.close();
  });
});

describe('the shared counters', () => {
  it('hits being written to the store still count, and a failed write keeps them (else a slow database under load admits extra guesses)', async () => {
    let stored = 0;
    let fail = false;
    let release: () => void = () => {};
    const slow = {
      query: async () => [{ hits: stored }],
      transaction: async (work: (tx: unknown) => Promise<unknown>) => {
        await new Promise<void>((resolve) => (release = resolve));
        if (fail) throw new Error('busy');
        return work({ query: async (_sql: string, args: number[]) => [{ hits: (stored += args[2]!) }], run: async () => ({ changes: 0, lastInsertId: null }) });
      },
    } as unknown as Database;
    const counters = new SharedCounters(slow, 60_000); // no timed flush during the test
    const quota = { limit: 10, windowSeconds: 60 };
    for (let i = 0; i < 5; i++) await counters.hit('k', quota);
    const writing = counters.flush();
    assert.equal((await counters.current('k', quota)).count, 5, 'counted while the write is under way');
    release();
    await writing;
    assert.equal(stored, 5);
    assert.equal((await counters.current('k', quota)).count, 5, 'counted once after it');
    fail = true;
    await counters.hit('k', quota);
    const failing = counters.flush();
    release();
    await failing;
    assert.equal((await counters.current('k', quota)).count, 6, 'kept when the write failed');
    assert.equal(stored, 5);
  });

  it('a write other readers already see but its writer awaits (group commit\'s fsync) is not counted twice', async () => {
    let stored = 0;
    let acknowledge: () => void = () => {};
    const visibleFirst = {
      query: async () => [{ hits: stored }],
      transaction: async (work: (tx: unknown) => Promise<unknown>) => {
        // Committed, so a read sees it; answered only once the fsync is done.
        const result = await work({ query: async (_sql: string, args: number[]) => [{ hits: (stored += args[2]!) }], run: async () => ({ changes: 0, lastInsertId: null }) });
        await new Promise<void>((resolve) => (acknowledge = resolve));
        return result;
      },
    } as unknown as Database;
    const counters = new SharedCounters(visibleFirst, 0); // every call may read the shared total
    const quota = { limit: 10, windowSeconds: 60 };
    for (let i = 0; i < 5; i++) await counters.hit('k', quota);
    const writing = counters.flush();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(stored, 5, 'the write is visible');
    assert.equal((await counters.current('k', quota)).count, 5, 'read while the write awaits its fsync: 5, not 10');
    acknowledge();
    await writing;
    assert.equal((await counters.current('k', quota)).count, 5, 'and once it is answered');
  });
});

describe('the configuration of the limits', () => {
  it('reads JOBAG_RATE_LIMIT_*, refuses nonsense, and JOBAG_RATE_LIMIT=off lifts every limit (not the time-out)', () => {
    assert.deepEqual(floodConfigFromEnv({}), defaultFloodConfig);
    const set = floodConfigFromEnv({ JOBAG_RATE_LIMIT_PRINCIPAL: '6000', JOBAG_RATE_LIMIT_PRINCIPAL_WINDOW: '10', JOBAG_RATE_LIMIT_AUTH_FAILURES: '0' });
    assert.deepEqual(set.principal, { limit: 6000, windowSeconds: 10 });
    assert.equal(set.authFailures.limit, 0);
    assert.throws(() => floodConfigFromEnv({ JOBAG_RATE_LIMIT_IP: 'many' }), /JOBAG_RATE_LIMIT_IP/);
    assert.throws(() => floodConfigFromEnv({ JOBAG_RATE_LIMIT_IP: '-1' }), /JOBAG_RATE_LIMIT_IP/);
    assert.throws(() => floodConfigFromEnv({ JOBAG_RATE_LIMIT_PRINCIPAL_WINDOW: '86401' }), /a day/);
    const off = floodConfigFromEnv({ JOBAG_RATE_LIMIT: 'off', JOBAG_REQUEST_TIMEOUT_MS: '5000' });
    assert.deepEqual([off.ip.limit, off.principal.limit, off.authFailures.limit, off.requestTimeoutMs], [0, 0, 0, 5000]);
  });

  it('an IPv6 client is limited by its /64, an IPv4-mapped one by its IPv4 address', () => {
    const at = (remoteAddress: string) => clientAddress({ incoming: { socket: { remoteAddress } } });
    assert.equal(at('2001:db8:1:2::1'), '2001:db8:1:2::/64');
    assert.equal(at('2001:db8:1:2:aaaa:bbbb:cccc:dddd'), '2001:db8:1:2::/64');
    assert.equal(at('::ffff:10.0.0.1'), '10.0.0.1');
    assert.equal(at('10.0.0.1'), '10.0.0.1');
    assert.equal(clientAddress(undefined), 'unknown');
  });
});

describe('request time-outs', () => {
  it('a request that takes too long answers 503 with Retry-After, as a problem', async () => {
    const db = await openDb('slow');
    // The database stalls on the job-order list.
    const slow: Database = { ...db, query: async (sql, args) => (/FROM job_orders/i.test(sql) ? new Promise(() => {}) : db.query(sql, args)) };
    const app = createApp({ db: slow, clock: () => new Date(), signingSecret: 'x'.repeat(40), corsOrigins: [], floods: { ...defaultFloodConfig, requestTimeoutMs: 150 } });
    const started = Date.now();
    const res = await app.request('/v1/job-orders', { headers: { authorization: `Bearer ${demoKeys.employerA}` } });
    assert.equal(res.status, 503);
    assert.ok(Date.now() - started < 2000);
    assert.ok(Number(res.headers.get('retry-after')) >= 1);
    const body = await res.json();
    assert.equal(body.type, '/problems/unavailable');
    assert.deepEqual(checkAgainstContract('GET', '/v1/job-orders', 503, res.headers.get('content-type') ?? '', body), []);
    // A fast route of the same app still answers.
    assert.equal((await app.request('/v1/me', { headers: { authorization: `Bearer ${demoKeys.employerA}` } })).status, 200);
    db.close();
  });
});

async function openDb(name: string) {
  const db = await openDatabase({ url: `file:${join(dir, `${name}-inproc.db`)}` });
  await migrate(db);
  await ensureJobcenters(db);
  await loadDemoData(db, new Date());
  return db;
}
