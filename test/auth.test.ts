import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sign } from 'hono/jwt';
import { demoKeys, signingSecret, startHarness, type Harness } from './support/harness.ts';
import { validOrder, validOrderB } from './support/orders.ts';
import { hashApiKey, newApiKey } from '../server/auth/index.ts';
import { loadConfig } from '../server/config/index.ts';
import { allowOrigin } from '../server/db/origins.ts';

let h: Harness;
let orderOfA: number;
let orderOfB: number;
before(async () => {
  h = await startHarness();
  orderOfA = (await h.request('POST', '/v1/job-orders', { key: demoKeys.employerA, body: validOrder() })).body.id;
  orderOfB = (await h.request('POST', '/v1/job-orders', { key: demoKeys.employerB, body: validOrderB() })).body.id;
});
after(() => h.close());

const mint = async (key: string, body: unknown) => h.request('POST', '/v1/sessions', { key, body });

describe('authentication', () => {
  it('every /v1 route needs a credential: 401 problem with WWW-Authenticate', async () => {
    for (const [method, path] of [['GET', '/v1/me'], ['GET', '/v1/job-orders'], ['POST', '/v1/job-orders'], ['GET', '/v1/occupations?q=kok'], ['GET', '/v1/jobcenters'], ['POST', '/v1/sessions']]) {
      const res = await h.request(method!, path!, method === 'POST' ? { body: {} } : {});
      assert.equal(res.status, 401, `${method} ${path}`);
      assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
    }
  });

  it('an unknown or revoked API key is refused', async () => {
    assert.equal((await h.request('GET', '/v1/me', { key: 'demo_employer_c' })).status, 401);
    const key = newApiKey();
    await h.db.run("INSERT INTO api_keys (key_hash, label, company_id, created_at) VALUES (?, 'test', 1, '2026-01-01')", [hashApiKey(key)]);
    assert.equal((await h.request('GET', '/v1/me', { key })).status, 200);
    await h.db.run("UPDATE api_keys SET revoked_at = '2026-11-27' WHERE key_hash = ?", [hashApiKey(key)]);
    assert.equal((await h.request('GET', '/v1/me', { key })).status, 401);
  });

  it('API keys are stored only as hashes', async () => {
    const rows = await h.db.query<{ key_hash: string }>('SELECT key_hash FROM api_keys');
    assert.ok(rows.length >= 4);
    for (const row of rows) {
      assert.match(row.key_hash, /^[0-9a-f]{64}$/);
      assert.ok(!Object.values(demoKeys).includes(row.key_hash as never));
    }
  });
});

describe('widget tokens (POST /v1/sessions)', () => {
  it('an employer key mints a short-lived token for one of its contact persons', async () => {
    const res = await mint(demoKeys.employerA, { contactPersonId: 2 });
    assert.equal(res.status, 201);
    assert.equal(res.body.tokenType, 'Bearer');
    assert.equal(res.body.expiresIn, 600);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const me = await h.request('GET', '/v1/me', { key: res.body.token });
    assert.equal(me.body.authenticatedAs, 'contactPerson');
    assert.equal(me.body.contactPerson.name, 'Jonas Østergaard');
    assert.equal(me.body.company.cvr, '31415926');
  });

  it('another company\'s contact person is refused', async () => {
    const res = await mint(demoKeys.employerA, { contactPersonId: 3 });
    assert.equal(res.status, 422);
    assert.deepEqual(res.body.errors.map((e: { path: string; code: string }) => [e.path, e.code]), [['contactPersonId', 'unknown']]);
  });

  it('a token cannot mint tokens', async () => {
    const token = (await mint(demoKeys.employerA, { contactPersonId: 1 })).body.token;
    const res = await mint(token, { contactPersonId: 1 });
    assert.equal(res.status, 403);
  });

  it('a jobcenter key mints a caseworker token', async () => {
    const res = await mint(demoKeys.jobcenter101, { caseworker: { name: 'Karin Holm' } });
    assert.equal(res.status, 201);
    const me = await h.request('GET', '/v1/me', { key: res.body.token });
    assert.deepEqual([me.body.role, me.body.authenticatedAs, me.body.caseworker.name, me.body.jobcenter.name], ['jobcenter', 'caseworker', 'Karin Holm', 'Jobcenter København']);
    const wrongShape = await mint(demoKeys.jobcenter101, { contactPersonId: 1 });
    assert.equal(wrongShape.status, 422);
    assert.equal(wrongShape.body.errors[0].path, 'caseworker');
  });

  it('an expired token is 401 /problems/token-expired; a forged one 401', async () => {
    const token = (await mint(demoKeys.employerA, { contactPersonId: 1 })).body.token;
    h.setNow('2026-11-27T09:11:00Z');
    const expired = await h.request('GET', '/v1/me', { key: token });
    h.setNow('2026-11-27T09:00:00Z');
    assert.equal(expired.status, 401);
    assert.equal(expired.body.type, '/problems/token-expired');
    const forged = await sign({ typ: 'widget', kind: 'employer', org: '2', cp: 3, iat: 0, exp: 4102444800 }, 'not-the-secret', 'HS256');
    const res = await h.request('GET', '/v1/me', { key: forged });
    assert.equal(res.status, 401);
    assert.equal(res.body.type, '/problems/unauthorized');
    // A correctly signed token naming a contact person of another company is refused too.
    const mismatched = await sign({ typ: 'widget', kind: 'employer', org: '1', cp: 3, iat: 0, exp: 4102444800 }, signingSecret, 'HS256');
    assert.equal((await h.request('GET', '/v1/me', { key: mismatched })).status, 401);
  });
});

describe('resolved credentials are cached until something that could narrow them changes', () => {
  /** The SQL statements the app runs for one request. */
  async function statementsOf(key: string, path: string): Promise<string[]> {
    const seen: string[] = [];
    const { query, queryOne } = h.db;
    h.db.query = ((sql: string, args?: never) => (seen.push(sql), query(sql, args))) as typeof h.db.query;
    h.db.queryOne = ((sql: string, args?: never) => (seen.push(sql), queryOne(sql, args))) as typeof h.db.queryOne;
    try {
      assert.equal((await h.request('GET', path, { key })).status, 200);
    } finally {
      Object.assign(h.db, { query, queryOne });
    }
    return seen;
  }

  it('a known API key or widget token costs one row read (the credential epoch), not a hash lookup and joins', async () => {
    const token = (await mint(demoKeys.employerA, { contactPersonId: 1 })).body.token as string;
    for (const key of [demoKeys.employerA, token]) {
      await statementsOf(key, `/v1/job-orders/${orderOfA}`);
      const again = await statementsOf(key, `/v1/job-orders/${orderOfA}`);
      assert.equal(again.filter((sql) => /api_keys|contact_persons|jobcenters j|FROM companies/.test(sql)).length, 0, again.join('\n'));
      assert.equal(again.filter((sql) => /credential_epoch/.test(sql)).length, 1);
    }
  });

  it('a contact person removed, a company renamed: the next request sees it, whoever wrote it', async () => {
    const person = await h.db.run("INSERT INTO contact_persons (company_id, name, email) VALUES (1, 'Vikar Vibe', 'vibe@nordlys.example')");
    const token = (await mint(demoKeys.employerA, { contactPersonId: person.lastInsertId })).body.token as string;
    assert.equal((await h.request('GET', '/v1/me', { key: token })).status, 200);
    const before = (await h.request('GET', '/v1/me', { key: demoKeys.employerA })).body;
    await h.db.run("UPDATE companies SET name = 'Nordlys Køkken A/S' WHERE id = 1");
    const renamed = (await h.request('GET', '/v1/me', { key: demoKeys.employerA })).body;
    assert.notDeepEqual(renamed, before);
    assert.match(JSON.stringify(renamed), /Nordlys Køkken A\/S/);
    await h.db.run('DELETE FROM contact_persons WHERE id = ?', [person.lastInsertId]);
    assert.equal((await h.request('GET', '/v1/me', { key: token })).status, 401);
  });
});

describe('tenant isolation: another tenant\'s order is a 404, never a 403 (R1.6)', () => {
  it('company B cannot read, edit, change status of or see the log of company A\'s order', async () => {
    const B = demoKeys.employerB;
    const attempts: [string, string, unknown?][] = [
      ['GET', `/v1/job-orders/${orderOfA}`],
      ['PATCH', `/v1/job-orders/${orderOfA}`, { positions: 9 }],
      ['POST', `/v1/job-orders/${orderOfA}/status`, { status: 'closed' }],
      ['GET', `/v1/job-orders/${orderOfA}/log`],
    ];
    for (const [method, path, body] of attempts) {
      // With If-Match, as an integration must send on a change (else 428 before anything is looked up).
      const res = await h.request(method, path, { key: B, body, headers: { 'if-match': '"1"' } });
      assert.equal(res.status, 404, `${method} ${path}`);
    }
    const list = await h.request('GET', '/v1/job-orders?limit=100', { key: B });
    assert.ok(list.body.items.every((o: { company: { cvr: string } }) => o.company.cvr === '27182828'));
    const order = await h.request('GET', `/v1/job-orders/${orderOfA}`, { key: demoKeys.employerA });
    assert.equal(order.body.positions, 2, 'nothing changed');
  });

  it('a contact person\'s token reaches only its own company\'s orders', async () => {
    const token = (await mint(demoKeys.employerB, { contactPersonId: 3 })).body.token;
    assert.equal((await h.request('GET', `/v1/job-orders/${orderOfA}`, { key: token })).status, 404);
    assert.equal((await h.request('GET', `/v1/job-orders/${orderOfB}`, { key: token })).status, 200);
  });

  it('a jobcenter sees orders in the scheme (R1.4) but cannot create, edit or change status as the company', async () => {
    const J = demoKeys.jobcenter751;
    const read = await h.request('GET', `/v1/job-orders/${orderOfA}`, { key: J });
    assert.equal(read.status, 200);
    const responsible = await h.request('GET', '/v1/job-orders?responsible=true&limit=100', { key: J });
    assert.ok(responsible.body.items.every((o: { responsibleJobcenter: { id: string } }) => o.responsibleJobcenter.id === '751'));
    assert.ok(responsible.body.items.some((o: { id: number }) => o.id === orderOfB));
    assert.equal((await h.request('PATCH', `/v1/job-orders/${orderOfA}`, { key: J, body: { positions: 1 }, headers: { 'if-match': '"1"' } })).status, 403);
    assert.equal((await h.request('POST', `/v1/job-orders/${orderOfA}/status`, { key: J, body: { status: 'closed' }, headers: { 'if-match': '"1"' } })).status, 403);
  });
});

describe('jobcenters outside the scheme (R1.3, R1.4)', () => {
  it('a jobcenter that has not signed up sees no orders: 403 naming why', async () => {
    const key = newApiKey();
    await h.db.run("INSERT INTO api_keys (key_hash, label, jobcenter_id, created_at) VALUES (?, 'frederiksberg', '147', '2026-01-01')", [hashApiKey(key)]);
    const list = await h.request('GET', '/v1/job-orders', { key });
    assert.equal(list.status, 403);
    assert.equal(list.body.type, '/problems/not-signed-up');
    assert.match(list.body.detail, /Jobcenter Frederiksberg has not signed up/);
    assert.equal((await h.request('GET', `/v1/job-orders/${orderOfA}`, { key })).status, 403);
    assert.equal((await h.request('GET', `/v1/job-orders/${orderOfA}/log`, { key })).status, 403);
    // Once it signs up, the orders reach it.
    await h.db.run("UPDATE jobcenters SET signed_up = 1 WHERE id = '147'");
    assert.equal((await h.request('GET', `/v1/job-orders/${orderOfA}`, { key })).status, 200);
  });
});

describe('the rest of the surface', () => {
  it('unknown routes are 404 problems; /healthz, /openapi.yaml and /docs answer without a key', async () => {
    const missing = await h.request('GET', '/v1/nothing-here', { key: demoKeys.employerA });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.type, '/problems/not-found');
    assert.equal((await h.request('GET', '/healthz')).body.status, 'ok');
    const yaml = await h.request('GET', '/openapi.yaml');
    assert.match(yaml.text, /^openapi: 3\.1\.0$/m);
    const docs = await h.request('GET', '/docs');
    assert.match(docs.text, /<rapi-doc spec-url="\/openapi.yaml"/);
    const renderer = await h.app.request('/docs/rapidoc.js');
    assert.equal(renderer.status, 200);
    assert.match(renderer.headers.get('content-type') ?? '', /javascript/);
  });

  it('CORS: preflights pass for origins a tenant allowed; each tenant is held to its own', async () => {
    await allowOrigin(h.db, 'https://nordlys-portal.example', { companyId: 1 }, '2026-11-27T09:00:00Z');
    const preflight = (origin: string) =>
      h.app.request('/v1/me', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    assert.equal((await preflight('https://portal.example')).headers.get('access-control-allow-origin'), 'https://portal.example', 'server-wide origin');
    assert.equal((await preflight('https://nordlys-portal.example')).headers.get('access-control-allow-origin'), 'https://nordlys-portal.example');
    assert.equal((await preflight('https://evil.example')).headers.get('access-control-allow-origin'), null);

    const tokenA = (await mint(demoKeys.employerA, { contactPersonId: 1 })).body.token;
    const tokenB = (await mint(demoKeys.employerB, { contactPersonId: 3 })).body.token;
    const fromNordlys = { origin: 'https://nordlys-portal.example' };
    const a = await h.request('GET', '/v1/me', { key: tokenA, headers: fromNordlys });
    assert.equal(a.status, 200);
    assert.equal(a.headers.get('access-control-allow-origin'), 'https://nordlys-portal.example');
    // B's token used on A's portal (or any site B did not allow) is refused.
    const b = await h.request('GET', '/v1/me', { key: tokenB, headers: fromNordlys });
    assert.equal(b.status, 403);
    assert.equal(b.body.type, '/problems/origin-not-allowed');
    assert.equal((await h.request('GET', '/v1/me', { key: tokenA, headers: { origin: 'https://evil.example' } })).status, 403);
    // Server-to-server calls send no Origin and are not affected.
    assert.equal((await h.request('GET', '/v1/me', { key: demoKeys.employerB })).status, 200);
  });

  it('CORS and the origin guard follow a newly allowed or removed origin on the next request, though both are cached', async () => {
    const origin = 'https://havnens-lager-portal.example';
    const tokenB = (await mint(demoKeys.employerB, { contactPersonId: 3 })).body.token;
    const fromPortal = { origin };
    const preflight = () => h.app.request('/v1/me', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET' } });
    for (let i = 0; i < 2; i++) {
      assert.equal((await h.request('GET', '/v1/me', { key: tokenB, headers: fromPortal })).status, 403);
      assert.equal((await preflight()).headers.get('access-control-allow-origin'), null);
    }
    await allowOrigin(h.db, origin, { companyId: 2 }, '2026-11-27T09:00:00Z');
    assert.equal((await h.request('GET', '/v1/me', { key: tokenB, headers: fromPortal })).status, 200);
    assert.equal((await preflight()).headers.get('access-control-allow-origin'), origin);
    await h.db.run('DELETE FROM allowed_origins WHERE origin = ?', [origin]);
    assert.equal((await h.request('GET', '/v1/me', { key: tokenB, headers: fromPortal })).status, 403);
    assert.equal((await preflight()).headers.get('access-control-allow-origin'), null);
  });

  it('production refuses to start without a signing secret and has no demo data', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'file:/tmp/x.db' }), /JOBAG_SIGNING_SECRET/);
    const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'file:/tmp/x.db', JOBAG_SIGNING_SECRET: 'a-production-secret-of-32-or-more-chars' });
    assert.equal(config.demo, false);
    assert.equal(loadConfig({ DATABASE_URL: 'file:/tmp/x.db' }).demo, true);
  });
});
