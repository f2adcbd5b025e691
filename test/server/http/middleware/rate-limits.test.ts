// Floods: rate limits with the IETF RateLimit headers, exact across server processes and threads
// on one database; failed authentications refused without shutting out valid credentials from
// the same address; slow requests answer 503.
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
import { freePort, logLineOf, startServerProcess, stopServerProcess, waitForOutput, type ServerProcess } from '../../../support/server-process.ts';
import { signWidgetToken } from '../../../../server/auth/index.ts';

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

  it('two server processes on one database share one budget, exactly', async () => {
    const env = { JOBAG_RATE_LIMIT_PRINCIPAL: '20', JOBAG_RATE_LIMIT_PRINCIPAL_WINDOW: '600' };
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
    // No waiting for a sync between the two: each request's quota comes from the store itself.
    assert.deepEqual(await statuses(a.url, 12), Array(12).fill(200));
    // Alone, b would admit all 12; sharing, it admits what a left: 8.
    assert.deepEqual(await statuses(b.url, 12), [...Array(8).fill(200), ...Array(4).fill(429)]);
    assert.deepEqual(await statuses(a.url, 2), [429, 429], 'and a knows what b spent');
  });

  it('with JOBAG_THREADS=2 the principal limit and the failed-authentication limit hold exactly', async () => {
    const server = await start('threads', {
      JOBAG_THREADS: '2',
      JOBAG_RATE_LIMIT_PRINCIPAL: '200',
      JOBAG_RATE_LIMIT_PRINCIPAL_WINDOW: '600',
      JOBAG_SECOND_ORIGIN_PORT: String(await freePort()),
      LOG_LEVEL: 'info',
    });
    await waitForOutput(server, /HTTP thread 2 of 2 serving \(pid \d+\)/);
    // Many connections at once, so the kernel hands them to both threads.
    const burst = async (n: number, key: (i: number) => string) => {
      const responses = await Promise.all(Array.from({ length: n }, (_, i) => fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${key(i)}`, connection: 'close' } })));
      for (const res of responses) await res.body?.cancel();
      return responses;
    };
    const threadsOf = (responses: Response[]) =>
      new Set(responses.map((r) => logLineOf<{ reqId: string; thread?: number }>(server, r.headers.get('x-request-id') ?? '')?.thread ?? 1));
    const principal: Response[] = [];
    for (let round = 0; round < 6; round++) principal.push(...(await burst(50, () => demoKeys.employerA)));
    const ok = principal.filter((r) => r.status === 200).length;
    assert.equal(ok, 200, `${ok} of 300 admitted against a limit of 200`);
    assert.equal(principal.filter((r) => r.status === 429).length, 100);
    const failed: Response[] = [];
    for (let round = 0; round < 6; round++) failed.push(...(await burst(25, (i) => `jobag_guess_${round}_${i}_${'y'.repeat(30)}`)));
    const unauthorized = failed.filter((r) => r.status === 401).length;
    assert.equal(unauthorized, defaultFloodConfig.authFailures.limit, `${unauthorized} failed logins answered 401 against a limit of 100`);
    assert.equal(failed.filter((r) => r.status === 429).length, 150 - defaultFloodConfig.authFailures.limit);
    // Only a count across both threads is a test of sharing.
    await waitForOutput(server, new RegExp(failed.at(-1)!.headers.get('x-request-id')!));
    assert.equal(threadsOf(principal).size, 2, 'both threads answered the principal burst');
    assert.equal(threadsOf(failed).size, 2, 'both threads answered the guesses');
  });

  it('a thousand guessed API keys get exactly 100 answers of 401, the rest 429, and valid credentials from the same address are served', async () => {
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
    assert.equal(count(401), defaultFloodConfig.authFailures.limit);
    assert.equal(count(429), 1000 - defaultFloodConfig.authFailures.limit);
    const guess = await get(`${server.url}/v1/me`, `jobag_one_more_${'x'.repeat(30)}`);
    assert.equal(guess.status, 429);
    assert.match(guess.headers.get('ratelimit-policy') ?? '', /"auth-failures";q=100;w=300/);
    assert.equal((await problemOf(guess)).type, '/problems/rate-limited');
    assert.ok(Number(guess.headers.get('retry-after')) >= 1);
    // Behind one address (an office NAT, a proxy) the other clients' valid credentials still work.
    const me = await get(`${server.url}/v1/me`, demoKeys.employerA);
    assert.equal(me.status, 200);
    await me.body?.cancel();
    const session = await fetch(`${server.url}/v1/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${demoKeys.employerB}`, 'content-type': 'application/json' },
      body: JSON.stringify({ contactPersonId: await contactPersonOf(server.url, demoKeys.employerB) }),
    });
    assert.equal(session.status, 201, await session.clone().text());
    const { token } = (await session.json()) as { token: string };
    assert.equal((await get(`${server.url}/v1/me`, token)).status, 200, 'and a fresh widget token too');
  });

  it('one expired token retried from an address is refused unchecked past its own limit, and another client there is served', async () => {
    const server = await start('expired', { JOBAG_RATE_LIMIT_AUTH_FAILURES_PER_CREDENTIAL: '5' });
    const long = new Date(Date.now() - 3_600_000);
    const { token } = await signWidgetToken('x'.repeat(40), { kind: 'employer', companyId: 1, contactPersonId: 1, keyId: 1 }, long);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await get(`${server.url}/v1/me`, token);
      statuses.push(res.status);
      if (res.status === 429) assert.match(res.headers.get('ratelimit-policy') ?? '', /"auth-failures-credential";q=5;w=300/);
      await res.body?.cancel();
    }
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429, 429]);
    // The address as a whole has failed only 6 times: another bad credential still gets its 401.
    assert.equal((await get(`${server.url}/v1/me`, `jobag_other_${'x'.repeat(30)}`)).status, 401);
    assert.equal((await get(`${server.url}/v1/me`, demoKeys.employerA)).status, 200);
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
  it('two processes taking one quota at once admit exactly the limit between them', async () => {
    const file = join(dir, 'counters.db');
    const one = await openDatabase({ url: `file:${file}` });
    await migrate(one);
    const two = await openDatabase({ url: `file:${file}` });
    const quota = { limit: 5_000, windowSeconds: 600 };
    const a = new SharedCounters(one);
    const b = new SharedCounters(two);
    const admitted = async (counters: SharedCounters, n: number) => {
      let ok = 0;
      for (let round = 0; round < n / 100; round++) {
        const taken = await Promise.all(Array.from({ length: 100 }, () => counters.take('principal:k', quota)));
        ok += taken.filter((t) => t.admitted).length;
      }
      return ok;
    };
    const [fromA, fromB] = await Promise.all([admitted(a, 3_000), admitted(b, 3_000)]);
    // Never over the limit; under it by at most what each process holds unspent (a block, a thousandth of the limit).
    assert.ok(fromA + fromB <= 5_000 && fromA + fromB >= 5_000 - 2 * 5, `${fromA} + ${fromB} admitted`);
    assert.ok(fromA > 0 && fromB > 0);
    one.close();
    two.close();
  });

  it('a store that cannot be reached admits on the process\'s own word rather than refusing everyone', async () => {
    const away = { transaction: async () => Promise.reject(new Error('closed')) } as unknown as Database;
    const counters = new SharedCounters(away);
    const quota = { limit: 3, windowSeconds: 60 };
    const taken = [];
    for (let i = 0; i < 3; i++) taken.push((await counters.take('k', quota)).admitted);
    assert.deepEqual(taken, [true, true, true]);
    assert.equal((await counters.fail([{ key: 'f', quota }]))[0]!.count, 1);
    assert.equal((await counters.fail([{ key: 'f', quota }]))[0]!.count, 2, 'failures still counted, in memory');
  });
});

describe('the configuration of the limits', () => {
  it('reads JOBAG_RATE_LIMIT_*, refuses nonsense, and JOBAG_RATE_LIMIT=off lifts every limit (not the time-out)', () => {
    assert.deepEqual(floodConfigFromEnv({}), defaultFloodConfig);
    const set = floodConfigFromEnv({ JOBAG_RATE_LIMIT_PRINCIPAL: '6000', JOBAG_RATE_LIMIT_PRINCIPAL_WINDOW: '10', JOBAG_RATE_LIMIT_AUTH_FAILURES: '0', JOBAG_RATE_LIMIT_AUTH_FAILURES_PER_CREDENTIAL: '3' });
    assert.deepEqual(set.principal, { limit: 6000, windowSeconds: 10 });
    assert.equal(set.authFailures.limit, 0);
    assert.deepEqual(set.authFailuresPerCredential, { limit: 3, windowSeconds: 300 });
    assert.throws(() => floodConfigFromEnv({ JOBAG_RATE_LIMIT_IP: 'many' }), /JOBAG_RATE_LIMIT_IP/);
    assert.throws(() => floodConfigFromEnv({ JOBAG_RATE_LIMIT_IP: '-1' }), /JOBAG_RATE_LIMIT_IP/);
    assert.throws(() => floodConfigFromEnv({ JOBAG_RATE_LIMIT_PRINCIPAL_WINDOW: '86401' }), /a day/);
    const off = floodConfigFromEnv({ JOBAG_RATE_LIMIT: 'off', JOBAG_REQUEST_TIMEOUT_MS: '5000' });
    assert.deepEqual([off.ip.limit, off.principal.limit, off.authFailures.limit, off.authFailuresPerCredential.limit, off.requestTimeoutMs], [0, 0, 0, 0, 5000]);
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

async function contactPersonOf(url: string, key: string): Promise<number> {
  const me = (await (await get(`${url}/v1/me`, key)).json()) as { company: { contactPersons: { id: number }[] } };
  return me.company.contactPersons[0]!.id;
}
