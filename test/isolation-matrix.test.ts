// Tenant and role isolation, generated from openapi.yaml: every /v1
// operation × every caller that must not reach it — no credential, bad tokens of every kind, the
// other company (key and token), the wrong side, a jobcenter outside the scheme — answers exactly
// 401, 403 or 404, with a problem body and headers that carry nothing of the order (R1.6, R8.4).
// A new operation fails this test until its row in `access` says who may call it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sign } from 'hono/jwt';
import { hashApiKey } from '../server/auth/index.ts';
import { contract } from './support/contract.ts';
import { demoKeys, signingSecret, startHarness, type Harness } from './support/harness.ts';
import { validOrder } from './support/orders.ts';

/** Who may call each operation on the fixture order (company A's, responsible jobcenter 101). */
type Access = 'public' | 'anyone' | 'own-order' | 'company-of-order' | 'responsible-jobcenter' | 'scheme-jobcenter' | 'placing-jobcenter' | 'scheme' | 'api-key' | 'own-subscription' | 'own-jobcenter';
const access: Record<string, Access> = {
  health: 'public',
  getOpenApi: 'public',
  getDocs: 'public',
  getDocsScript: 'public',
  getMe: 'anyone',
  createSession: 'anyone',
  searchOccupations: 'anyone',
  listJobcenters: 'anyone',
  getPostalCode: 'anyone',
  listJobOrders: 'scheme',
  createJobOrder: 'scheme',
  streamEvents: 'own-order', // with ?orderId= the fixture order
  getJobOrder: 'own-order',
  getJobOrderLog: 'own-order',
  getCoordinator: 'own-order',
  listPlacements: 'own-order',
  updateJobOrder: 'company-of-order',
  changeJobOrderStatus: 'company-of-order',
  appointCoordinator: 'responsible-jobcenter',
  addJobOrderNote: 'responsible-jobcenter',
  createPlacement: 'scheme-jobcenter',
  getPlacement: 'placing-jobcenter', // and the company
  withdrawPlacement: 'placing-jobcenter',
  // Webhooks: an integration's API key of a tenant in the scheme; never a widget token.
  createWebhookSubscription: 'api-key',
  listWebhookSubscriptions: 'api-key',
  deleteWebhookSubscription: 'own-subscription', // company A's fixture subscription
  enableWebhookSubscription: 'own-subscription',
  recordPlacementOutcome: 'company-of-order',
  getPlacementStats: 'own-jobcenter', // a jobcenter's own numbers; a company is the wrong side
};

const privateKey = 'test_jobcenter_630_not_signed_up';
const revokedKey = 'test_employer_a_revoked';

let h: Harness;
let orderId: number;
let placementId: number;
let subscriptionId: number;
const credentials: Record<string, string | null> = {};

before(async () => {
  h = await startHarness();
  const at = h.now().toISOString();
  await h.db.run('INSERT INTO api_keys (key_hash, label, jobcenter_id, created_at) VALUES (?, ?, ?, ?)', [hashApiKey(privateKey), 'test', '630', at]);
  await h.db.run('INSERT INTO api_keys (key_hash, label, company_id, created_at) VALUES (?, ?, ?, ?)', [hashApiKey(revokedKey), 'test', 1, at]);
  const order = await h.request('POST', '/v1/job-orders', { key: demoKeys.employerA, body: validOrder({ description: 'Fortrolig opgave hos Nordlys.' }) });
  orderId = order.body.id;
  const placed = await h.request('POST', `/v1/job-orders/${orderId}/placements`, {
    key: demoKeys.jobcenter751,
    body: { candidate: { name: 'Ukendt Kandidat', birthYear: 1990, addressProtected: false, cvSearchable: false, email: 'k@post.example' }, description: 'Fortrolig tekst.' },
  });
  placementId = placed.body.id;
  const subscribed = await h.request('POST', '/v1/webhook-subscriptions', { key: demoKeys.employerA, body: { url: 'https://93.184.215.14/Nordlys-hook', events: ['placement'] } });
  subscriptionId = subscribed.body.id;
  const mint = async (key: string, body: unknown) => (await h.request('POST', '/v1/sessions', { key, body })).body.token as string;
  const companyBToken = await mint(demoKeys.employerB, { contactPersonId: 3 });
  const companyAToken = await mint(demoKeys.employerA, { contactPersonId: 1 });
  const revokedKeysToken = await mint(revokedKey, { contactPersonId: 1 });
  await h.db.run('UPDATE api_keys SET revoked_at = ? WHERE key_hash = ?', [at, hashApiKey(revokedKey)]);
  const now = Math.floor(h.now().getTime() / 1000);
  const claims = { typ: 'widget', kind: 'employer', org: '1', cp: 1, iat: now, exp: now + 600 };
  const [header, payload, signature] = companyAToken.split('.') as [string, string, string];
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  Object.assign(credentials, {
    'no credential': null,
    'an unknown API key': 'jobag_not_a_key_at_all',
    'a token signed with another secret': await sign(claims, 'another-secret-another-secret-1234', 'HS256'),
    'an alg:none token': `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`,
    'an edited token (company 2, old signature)': `${header}.${b64({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), org: '2', cp: 3 })}.${signature}`,
    'an expired token': await sign({ ...claims, iat: now - 1200, exp: now - 600 }, signingSecret, 'HS256'),
    'a token of a revoked key': revokedKeysToken,
    'the other company\'s key': demoKeys.employerB,
    'the other company\'s token': companyBToken,
    'a jobcenter outside the scheme': privateKey,
  });
});
after(() => h.close());

/** What a caller that must not reach an operation gets; undefined where it may (not this test's business). */
function refusal(caller: string, rule: Access): 401 | 403 | 404 | undefined {
  if (rule === 'public') return undefined;
  const unauthenticated = ['no credential', 'an unknown API key', 'a token signed with another secret', 'an alg:none token', 'an edited token (company 2, old signature)', 'an expired token', 'a token of a revoked key'];
  if (unauthenticated.includes(caller)) return 401;
  if (rule === 'anyone') return undefined;
  if (caller === 'a jobcenter outside the scheme') return 403;
  if (rule === 'scheme') return undefined;
  // Webhooks are managed with an API key only: any widget token is refused by role.
  if ((rule === 'api-key' || rule === 'own-subscription') && caller === 'the other company\'s token') return 403;
  if (rule === 'api-key') return undefined;
  // Nothing of an order is addressed: a company asking for a jobcenter's numbers is the wrong side.
  if (rule === 'own-jobcenter') return 403;
  // The other company: the order does not exist for it (never 403: no existence leaks).
  return 404;
}

/** The request for an operation, with the fixture's ids in the path. */
function requestFor(path: string, method: string): { path: string; body?: unknown } {
  const concrete = path.replace('{id}', String(orderId)).replace('{placementId}', String(placementId)).replace('{code}', '7100').replace('{subscriptionId}', String(subscriptionId));
  if (path === '/v1/events') return { path: `${concrete}?orderId=${orderId}` };
  if (path === '/v1/occupations') return { path: `${concrete}?q=kok` };
  return method === 'get' || method === 'delete' ? { path: concrete } : { path: concrete, body: {} };
}

describe('isolation matrix generated from openapi.yaml', () => {
  const operations = Object.entries(contract.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, operationId: (op as unknown as { operationId: string }).operationId })),
  );

  it('every operation of the contract says who may call it', () => {
    assert.deepEqual(operations.filter((o) => !(o.operationId in access)).map((o) => o.operationId), []);
  });

  it('every caller that must not reach an operation gets exactly 401, 403 or 404 and learns nothing', async () => {
    let cells = 0;
    for (const op of operations) {
      const rule = access[op.operationId]!;
      for (const [caller, credential] of Object.entries(credentials)) {
        const expected = refusal(caller, rule);
        if (expected === undefined) continue;
        const { path, body } = requestFor(op.path, op.method);
        // Changes carry If-Match as a well-behaved client's do, so what answers is the access check.
        const headers: Record<string, string> = op.method === 'get' ? {} : { 'if-match': '*' };
        const res = await h.request(op.method.toUpperCase(), path, { headers, ...(credential ? { key: credential } : {}), ...(body === undefined ? {} : { body }) });
        assert.equal(res.status, expected, `${op.method.toUpperCase()} ${op.path} by ${caller}: ${res.text}`);
        assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
        assert.doesNotMatch(res.text, /Fortrolig|Ukendt Kandidat|Nordlys|Vesterbrogade/, `${op.operationId} by ${caller} leaks the order`);
        for (const header of ['etag', 'location', 'last-modified']) assert.equal(res.headers.get(header), null, `${op.operationId} by ${caller}: ${header}`);
        cells++;
      }
    }
    console.log(`# isolation matrix: ${operations.length} operations, ${Object.keys(credentials).length} callers, ${cells} refusals checked`);
    assert.ok(cells > 150);
  });

  it('the wrong side and the wrong jobcenter are refused by role (403), not by existence', async () => {
    const cases: [string, string, string, unknown][] = [
      ['PATCH', `/v1/job-orders/${orderId}`, demoKeys.jobcenter101, { positions: 3 }],
      ['POST', `/v1/job-orders/${orderId}/status`, demoKeys.jobcenter751, { status: 'closed' }],
      ['PUT', `/v1/job-orders/${orderId}/coordinator`, demoKeys.employerA, { name: 'X' }],
      ['PUT', `/v1/job-orders/${orderId}/coordinator`, demoKeys.jobcenter751, { name: 'X' }],
      ['POST', `/v1/job-orders/${orderId}/notes`, demoKeys.jobcenter751, { text: 'X' }],
      ['POST', `/v1/job-orders/${orderId}/placements`, demoKeys.employerA, {}],
      ['POST', `/v1/job-orders/${orderId}/placements/${placementId}/withdraw`, demoKeys.employerA, {}],
      ['POST', `/v1/job-orders/${orderId}/placements/${placementId}/outcome`, demoKeys.jobcenter751, { outcome: 'interviewed' }],
      ['GET', '/v1/placement-stats', demoKeys.employerA, undefined],
    ];
    for (const [method, path, key, body] of cases) {
      const res = await h.request(method, path, { key, body, headers: { 'if-match': '*' } });
      assert.equal(res.status, 403, `${method} ${path}: ${res.text}`);
    }
    // Another jobcenter's candidate is not found by a jobcenter that did not place it (R8.4).
    const notTheirs = await h.request('POST', `/v1/job-orders/${orderId}/placements/${placementId}/withdraw`, { key: demoKeys.jobcenter101, body: {} });
    assert.equal(notTheirs.status, 404);
  });
});
