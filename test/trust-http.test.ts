// The guarantees that live in the transport and credentials, tested in one process:
// idempotency hashing of any body (2), 428 without If-Match for integrations (3), text hygiene (5),
// tokens follow their key (8), headers and 405 (10), logs that help and do not leak (11).
// Real-process guarantees (configuration, body limit, several processes) are in trust-processes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createApp } from '../server/http/app.ts';
import { hashApiKey, newApiKey } from '../server/auth/index.ts';
import { insertApiKey } from '../server/db/credentials.ts';
import { createLogger } from '../server/http/middleware/request-log.ts';
import { runAdmin } from '../scripts/admin.ts';
import { demoKeys, signingSecret, startHarness, type Harness } from './support/harness.ts';
import { validOrder } from './support/orders.ts';

const A = demoKeys.employerA;
const B = demoKeys.employerB;
const KBH = demoKeys.jobcenter101;

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

const createOrder = async () => {
  const res = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder() });
  assert.equal(res.status, 201);
  return res;
};
const count = async (table: string) => Number((await h.db.query(`SELECT COUNT(*) AS n FROM ${table}`))[0]!.n);
/** `[[[…]]]` nested `depth` deep: JSON.parse accepts it, a recursive walk would overflow. */
const deeplyNested = (depth: number) => `{"description": ${'['.repeat(depth)}${']'.repeat(depth)}}`;

describe('2. idempotency: the key\'s hashing is safe for any body the parser accepts', () => {
  for (const [what, path] of [['create an order', '/v1/job-orders'], ['place a candidate', '/v1/job-orders/1/placements']] as const) {
    it(`${what}: a body nested 100 000 deep with an Idempotency-Key is a 422 like without the key, never a 500`, async () => {
      if (path.includes('/1/')) await createOrder();
      const key = path.includes('placements') ? KBH : A;
      const rawBody = deeplyNested(100_000);
      const headers = { 'content-type': 'application/json' };
      const without = await h.request('POST', path, { key, rawBody, headers });
      const withKey = await h.request('POST', path, { key, rawBody, headers: { ...headers, 'idempotency-key': `deep-${what}` } });
      assert.equal(without.status, 422);
      assert.equal(withKey.status, 422, withKey.text);
      assert.deepEqual(withKey.body.errors, without.body.errors);
    });
  }

  it('the stored hash is the one JSON.stringify gave, so keys stored before the change still match', async () => {
    const { hashJson } = await import('../server/http/request.ts');
    const { createHash } = await import('node:crypto');
    for (const value of [validOrder(), [1, 'a', null, { b: [true, -0, 1e21, 'æ"\\\n'] }], 'x', 0, null, {}, []]) {
      assert.equal(hashJson(value), createHash('sha256').update(JSON.stringify(value)).digest('hex'));
    }
  });

  it('a retry 25 hours later still replays the first answer (kept ≥ 24 h), scoped to the caller', async () => {
    const headers = { 'idempotency-key': 'retention-25h' };
    const first = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder(), headers });
    h.setNow('2026-11-28T10:00:00Z');
    try {
      const again = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder(), headers });
      assert.equal(again.status, 201);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.equal(again.body.id, first.body.id);
      const other = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder({ positions: 5 }), headers });
      assert.equal(other.status, 422);
      assert.equal(other.body.type, '/problems/idempotency-key-reused');
      // The same key from another company is its own key.
      const b = await h.request('POST', '/v1/job-orders', { key: B, body: validOrder(), headers });
      assert.notEqual(b.headers.get('idempotent-replayed'), 'true');
    } finally {
      h.setNow('2026-11-27T09:00:00Z');
    }
  });
});

describe('3. no lost update: integrations must send If-Match on PATCH and status (428)', () => {
  for (const [what, method, suffix, body] of [['PATCH', 'PATCH', '', { positions: 3 }], ['status change', 'POST', '/status', { status: 'inactive' }]] as const) {
    it(`${what} with an API key and no If-Match is 428 /problems/precondition-required and changes nothing`, async () => {
      const { body: order } = await createOrder();
      const journal = await count('journal');
      const res = await h.request(method, `/v1/job-orders/${order.id}${suffix}`, { key: A, body });
      assert.equal(res.status, 428);
      assert.equal(res.body.type, '/problems/precondition-required');
      assert.deepEqual(res.body.errors.map((e: { path: string }) => e.path), ['If-Match']);
      assert.equal(await count('journal'), journal);
      assert.equal((await h.request('GET', `/v1/job-orders/${order.id}`, { key: A })).body.version, 1);
      // With the ETag it applies; `*` says "whatever the version" on purpose.
      assert.equal((await h.request(method, `/v1/job-orders/${order.id}${suffix}`, { key: A, body, headers: { 'if-match': '"1"' } })).status, 200);
      assert.equal((await h.request(method, `/v1/job-orders/${order.id}${suffix}`, { key: A, body: what === 'PATCH' ? { positions: 4 } : { status: 'open' }, headers: { 'if-match': '*' } })).status, 200);
    });
  }

  it('a widget token (the widgets always send If-Match) is not refused without it', async () => {
    const { body: order } = await createOrder();
    const token = (await h.request('POST', '/v1/sessions', { key: A, body: { contactPersonId: 1 } })).body.token;
    assert.equal((await h.request('PATCH', `/v1/job-orders/${order.id}`, { key: token, body: { positions: 3 } })).status, 200);
    assert.equal((await h.request('POST', `/v1/job-orders/${order.id}/status`, { key: token, body: { status: 'inactive' } })).status, 200);
  });
});

describe('5. text hygiene: control characters and unpaired surrogates are refused, never stored or cut', () => {
  const cases: [string, string, string][] = [
    ['NUL', 'Opvask\u0000 og mere', 'control_character'],
    ['a bell', 'Opvask\u0007', 'control_character'],
    ['carriage return', 'Linje\r\nLinje', 'control_character'],
    ['DEL', 'Opvask\u007f', 'control_character'],
    ['a C1 control', 'Opvask\u0085', 'control_character'],
    ['a lone high surrogate', 'Opvask \ud83d', 'unpaired_surrogate'],
    ['a lone low surrogate', '\ude00 Opvask', 'unpaired_surrogate'],
  ];
  for (const [what, text, code] of cases) {
    it(`${what} in a create body is a 422 naming the field (${code}); nothing is stored`, async () => {
      const orders = await count('job_orders');
      const res = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder({ description: text, contact: { ...(validOrder().contact as object), name: text } }) });
      assert.equal(res.status, 422);
      assert.deepEqual(
        res.body.errors.map((e: { path: string; code: string }) => [e.path, e.code]),
        [['description', code], ['contact.name', code]],
      );
      assert.equal(await count('job_orders'), orders);
    });
  }

  it('escaped in the JSON text (\\u0000, \\ud800) too, in every body that takes text: edit, note, placement', async () => {
    const { body: order } = await createOrder();
    const json = (text: string) => ({ rawBody: text, headers: { 'content-type': 'application/json', 'if-match': '"1"' } });
    const edit = await h.request('PATCH', `/v1/job-orders/${order.id}`, { key: A, ...json('{"description": "a\\u0000b"}') });
    assert.deepEqual([edit.status, edit.body.errors[0].path, edit.body.errors[0].code], [422, 'description', 'control_character']);
    const note = await h.request('POST', `/v1/job-orders/${order.id}/notes`, { key: KBH, ...json('{"text": "x\\ud800"}') });
    assert.deepEqual([note.status, note.body.errors[0].path, note.body.errors[0].code], [422, 'text', 'unpaired_surrogate']);
    const placement = await h.request('POST', `/v1/job-orders/${order.id}/placements`, {
      key: KBH,
      body: { candidate: { name: 'Lise\u0000Holm', birthYear: 1999, addressProtected: false, cvSearchable: false, email: 'lise@post.example' }, description: 'ok' },
    });
    assert.deepEqual([placement.status, placement.body.errors[0].path, placement.body.errors[0].code], [422, 'candidate.name', 'control_character']);
  });

  it('tab, newline and paired surrogates (emoji) are kept exactly', async () => {
    const text = 'Linje 1\n\tLinje 2 😀 æøå';
    const res = await h.request('POST', '/v1/job-orders', { key: A, body: validOrder({ description: text }) });
    assert.equal(res.status, 201);
    assert.equal((await h.request('GET', `/v1/job-orders/${res.body.id}`, { key: A })).body.description, text);
  });

  it('bytes that are not UTF-8 are a 400, not replaced by U+FFFD', async () => {
    const body = Buffer.concat([Buffer.from('{"description": "a'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    const res = await h.app.request('/v1/job-orders', { method: 'POST', headers: { authorization: `Bearer ${A}`, 'content-type': 'application/json' }, body });
    assert.equal(res.status, 400);
    assert.equal((await res.json()).errors[0].code, 'malformed_json');
  });
});

describe('8. tokens follow their key', () => {
  it('revoking the API key (scripts/admin.ts revoke-key) stops the tokens it minted at once; other keys\' tokens go on', async () => {
    const key = newApiKey();
    await insertApiKey(h.db, { hash: hashApiKey(key), label: 'HR system', owner: { companyId: 1 } }, h.now().toISOString());
    const token = (await h.request('POST', '/v1/sessions', { key, body: { contactPersonId: 1 } })).body.token;
    const other = (await h.request('POST', '/v1/sessions', { key: A, body: { contactPersonId: 1 } })).body.token;
    assert.equal((await h.request('GET', '/v1/me', { key: token })).status, 200);
    assert.equal(await runAdmin(['revoke-key', key], h.db), 'Revoked.');
    const refused = await h.request('GET', '/v1/me', { key: token });
    assert.equal(refused.status, 401);
    assert.equal(refused.body.type, '/problems/unauthorized');
    assert.equal((await h.request('GET', '/v1/me', { key })).status, 401);
    assert.equal((await h.request('GET', '/v1/me', { key: other })).status, 200);
  });

  it('signing a jobcenter out stops its caseworkers\' tokens at once, and it mints no new ones', async () => {
    const key = newApiKey();
    await insertApiKey(h.db, { hash: hashApiKey(key), label: 'Esbjerg', owner: { jobcenterId: '561' } }, h.now().toISOString());
    await runAdmin(['sign-up', '561'], h.db);
    const token = (await h.request('POST', '/v1/sessions', { key, body: { caseworker: { name: 'Karin Holm' } } })).body.token;
    assert.equal((await h.request('GET', '/v1/job-orders', { key: token })).status, 200);
    await runAdmin(['sign-out', '561'], h.db);
    assert.equal((await h.request('GET', '/v1/job-orders', { key: token })).status, 401);
    assert.equal((await h.request('GET', '/v1/me', { key: token })).status, 401);
    const mint = await h.request('POST', '/v1/sessions', { key, body: { caseworker: { name: 'Karin Holm' } } });
    assert.equal(mint.status, 403);
    assert.equal(mint.body.type, '/problems/not-signed-up');
  });

  it('a token without the minting key\'s id (or naming another organisation\'s key) is refused', async () => {
    const { sign } = await import('hono/jwt');
    const iat = Math.floor(h.now().getTime() / 1000);
    const noKid = await sign({ typ: 'widget', kind: 'employer', org: '1', cp: 1, iat, exp: iat + 600 }, signingSecret, 'HS256');
    assert.equal((await h.request('GET', '/v1/me', { key: noKid })).status, 401);
    const [bKey] = await h.db.query<{ id: number }>('SELECT id FROM api_keys WHERE key_hash = ?', [hashApiKey(B)]);
    const foreignKid = await sign({ typ: 'widget', kind: 'employer', org: '1', cp: 1, kid: bKey!.id, iat, exp: iat + 600 }, signingSecret, 'HS256');
    assert.equal((await h.request('GET', '/v1/me', { key: foreignKid })).status, 401);
  });
});

describe('10. headers', () => {
  const paths = ['/healthz', '/openapi.yaml', '/docs', '/v1/me', '/v1/job-orders', '/v1/nothing-here'];
  it('every response carries nosniff, a referrer policy and frame protection; no HSTS over plain HTTP', async () => {
    for (const path of [...paths, '/v1/me']) {
      for (const key of [A, undefined]) {
        const res = await h.app.request(path, { headers: key ? { authorization: `Bearer ${key}` } : {} });
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
        assert.equal(res.headers.get('referrer-policy'), 'no-referrer', path);
        assert.equal(res.headers.get('x-frame-options'), 'DENY', path);
        assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/, path);
        assert.equal(res.headers.get('strict-transport-security'), null, path);
      }
    }
  });

  it('X-Request-Id on every answer, readable by a browser page of an allowed origin', async () => {
    const cross = await h.app.request('/v1/me', { headers: { origin: 'https://portal.example', authorization: `Bearer ${A}` } });
    assert.equal(cross.status, 200);
    assert.match(cross.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
    assert.match(cross.headers.get('access-control-expose-headers') ?? '', /X-Request-Id/i);
  });

  it('HSTS only behind TLS (https, or X-Forwarded-Proto: https from the proxy)', async () => {
    const direct = await h.app.request('https://api.example/healthz');
    assert.match(direct.headers.get('strict-transport-security') ?? '', /max-age=\d+/);
    const proxied = await h.app.request('/healthz', { headers: { 'x-forwarded-proto': 'https' } });
    assert.match(proxied.headers.get('strict-transport-security') ?? '', /max-age=\d+/);
  });

  it('Cache-Control: no-store on every /v1 answer: data, problems, 304s, token minting', async () => {
    const { body: order, headers } = await createOrder();
    const answers = [
      await h.request('GET', '/v1/me', { key: A }),
      await h.request('GET', `/v1/job-orders/${order.id}`, { key: A }),
      await h.request('GET', `/v1/job-orders/${order.id}`, { key: A, headers: { 'if-none-match': headers.get('etag')! } }),
      await h.request('GET', `/v1/job-orders/${order.id}/placements`, { key: A }),
      await h.request('GET', '/v1/job-orders/999999', { key: A }),
      await h.request('GET', '/v1/me'),
      await h.request('POST', '/v1/sessions', { key: A, body: { contactPersonId: 1 } }),
    ];
    for (const res of answers) assert.equal(res.headers.get('cache-control'), 'no-store', String(res.status));
  });

  it('/docs has a CSP: scripts from this server only (no inline script, no eval), nothing from elsewhere, never framed', async () => {
    const res = await h.app.request('/docs');
    const csp = res.headers.get('content-security-policy') ?? '';
    const directive = (name: string) => csp.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(directive('script-src'), "script-src 'self'");
    assert.doesNotMatch(csp, /unsafe-eval|\*|https?:/);
    // The renderer writes its styles as style elements: inline styles only, which cannot run code.
    assert.equal(directive('style-src'), "style-src 'self' 'unsafe-inline'");
    assert.doesNotMatch(await res.text(), /<script>|<script [^>]*>[^<]/, 'no inline script on the page');
  });

  it('an unsupported method on an existing route is 405 with Allow, as a problem', async () => {
    const { body: order } = await createOrder();
    for (const [method, path, allow] of [
      ['DELETE', `/v1/job-orders/${order.id}`, /GET.*PATCH|PATCH.*GET/],
      ['PUT', '/v1/job-orders', /GET.*POST|POST.*GET/],
      ['GET', `/v1/job-orders/${order.id}/status`, /^POST$/],
      ['POST', '/healthz', /GET/],
    ] as const) {
      const res = await h.request(method, path, { key: A });
      assert.equal(res.status, 405, `${method} ${path}`);
      assert.match(res.headers.get('allow') ?? '', allow, `${method} ${path}`);
      assert.equal(res.body.type, '/problems/method-not-allowed');
    }
    assert.equal((await h.request('GET', '/v1/no-such-thing', { key: A })).status, 404);
  });
});

describe('11. logs that help and do not leak', () => {
  it('one JSON line per request with id, principal, route, status and duration; the id in X-Request-Id and every problem; nothing secret or personal', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(...String(chunk).split('\n').filter(Boolean)); done(); } });
    const app = createApp({ db: h.db, clock: () => h.now(), signingSecret, corsOrigins: [], logger: createLogger({ destination: sink }) });
    const call = async (path: string, init: { key?: string; method?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
      const headers: Record<string, string> = { ...init.headers };
      if (init.key) headers.authorization = `Bearer ${init.key}`;
      if (init.body) headers['content-type'] = 'application/json';
      const res = await app.request(path, { method: init.method ?? 'GET', headers, body: init.body ? JSON.stringify(init.body) : undefined });
      return { res, body: await res.text() };
    };
    const secretText = 'Cpr 010203-4455 hos Mette';
    const token = JSON.parse((await call('/v1/sessions', { key: A, method: 'POST', body: { contactPersonId: 1 } })).body).token as string;
    const created = await call('/v1/job-orders', { key: token, method: 'POST', body: validOrder({ description: secretText }) });
    const id = JSON.parse(created.body).id as number;
    await call(`/v1/job-orders/${id}/placements`, {
      key: KBH, method: 'POST',
      body: { candidate: { name: 'Lise Holm', birthYear: 1999, addressProtected: false, cvSearchable: false, email: 'lise@post.example' }, description: secretText },
    });
    await call(`/v1/occupations?q=${encodeURIComponent('Mette Hansen')}`, { key: A });
    const refused = await call('/v1/me', { key: 'jobag_not-a-real-key-0123456789' });
    const forbidden = await call(`/v1/job-orders/${id}/coordinator`, { key: A, method: 'PUT', body: { name: 'Lone' }, headers: { 'if-match': '"1"' } });
    const ownId = await call('/v1/me', { key: A, headers: { 'x-request-id': 'portal-req-12345' } });

    assert.equal(lines.length, 7, lines.join('\n'));
    const records = lines.map((l) => JSON.parse(l));
    for (const r of records) {
      assert.match(r.reqId, /^[\w.:-]{8,64}$/);
      assert.equal(typeof r.ms, 'number');
      assert.equal(typeof r.status, 'number');
      assert.ok('route' in r && 'principal' in r, JSON.stringify(r));
    }
    assert.deepEqual(records[1], { ...records[1], route: '/v1/job-orders', status: 201, principal: { kind: 'employer', org: '1', via: 'token' } });
    assert.deepEqual(records[2].principal, { kind: 'jobcenter', org: '101', via: 'apiKey' });
    assert.equal(records[2].route, '/v1/job-orders/:id/placements');
    // Failed authentication and authorisation are logged as refusals, with what was refused.
    assert.deepEqual([records[4].level, records[4].status, records[4].problem, records[4].principal], [40, 401, '/problems/unauthorized', null]);
    assert.deepEqual([records[5].level, records[5].status, records[5].problem], [40, 403, '/problems/forbidden']);
    // The request id: in the header, in the problem, in the log line; a plain id of the caller's is kept.
    const problem = JSON.parse(refused.body);
    assert.equal(problem.requestId, refused.res.headers.get('x-request-id'));
    assert.equal(records[4].reqId, problem.requestId);
    assert.equal(JSON.parse(forbidden.body).requestId, records[5].reqId);
    assert.equal(ownId.res.headers.get('x-request-id'), 'portal-req-12345');
    assert.equal(records[6].reqId, 'portal-req-12345');
    // Nothing secret or personal in any line.
    const log = lines.join('\n');
    for (const secret of [A, KBH, token, 'jobag_not-a-real-key', '010203', 'Mette', 'Lise', 'lise@post.example', 'mette.hansen', 'Nordlys', 'Lone']) {
      assert.ok(!log.includes(secret), `the log holds ${secret}:\n${log}`);
    }
  });

  it('the outbox\'s warnings (a mail server\'s error text) reach the log without any e-mail address', async () => {
    const { withoutAddresses } = await import('../server/http/middleware/request-log.ts');
    const smtp = '550 5.1.1 <mette.hansen@nordlys.example>: Recipient address rejected (to lise+job@post.example, cc "x"@y.dk)';
    const clean = withoutAddresses(smtp);
    assert.doesNotMatch(clean, /@/);
    assert.match(clean, /^550 5\.1\.1 <<address>>: Recipient address rejected/);
  });

  it('a rate-limit hit is logged as a refusal (warn, 429, /problems/rate-limited), without the key', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(...String(chunk).split('\n').filter(Boolean)); done(); } });
    const { defaultFloodConfig } = await import('../server/config/index.ts');
    const floods = { ...defaultFloodConfig, ip: { limit: 2, windowSeconds: 60 } };
    const app = createApp({ db: h.db, clock: () => h.now(), signingSecret, corsOrigins: [], logger: createLogger({ destination: sink }), floods });
    const statuses: number[] = [];
    const from = { incoming: { socket: { remoteAddress: '10.9.9.9' } } };
    for (let i = 0; i < 3; i++) statuses.push((await app.request('/v1/me', { headers: { authorization: `Bearer ${B}` } }, from)).status);
    assert.deepEqual(statuses, [200, 200, 429]);
    const hit = JSON.parse(lines.at(-1)!);
    // The address limit applies before the credential is read, so no principal is named.
    assert.deepEqual([hit.level, hit.status, hit.problem, hit.principal], [40, 429, '/problems/rate-limited', null]);
    assert.ok(!lines.join('\n').includes(B));
  });
});
