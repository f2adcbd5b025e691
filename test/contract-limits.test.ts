// A contract that states its limits (OWASP API4/API8): every string of
// openapi.yaml has a maxLength, every array a maxItems, every integer a format and a range; every
// operation documents the problems it can answer, with the rate-limit headers. And the server
// enforces exactly the request limits it states: one character or item over each is a 422 naming
// the field, exactly at it is not refused for its length.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { contract } from './support/contract.ts';
import { demoKeys, startHarness, type Harness } from './support/harness.ts';
import { validOrder } from './support/orders.ts';

type Schema = Record<string, any>;
const doc = contract as unknown as { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, Schema>; headers?: Record<string, Schema> } };

/** Every schema in the document with where it is, `$ref`s left as they are (each component is walked once). */
function* schemasIn(node: unknown, at: string): Generator<[string, Schema]> {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* schemasIn(item, `${at}/${i}`);
    return;
  }
  const object = node as Schema;
  if ('type' in object || 'anyOf' in object || 'oneOf' in object) yield [at, object];
  for (const [key, value] of Object.entries(object)) {
    if (key === 'examples' || key === 'example' || key === 'default' || key === 'enum') continue;
    yield* schemasIn(value, `${at}/${key}`);
  }
}

/** What a schema lacks of the contract's limits; empty when it states them all. */
function missingLimits(schema: Schema): string[] {
  const types = ([] as string[]).concat(schema.type ?? []);
  const missing: string[] = [];
  if (types.includes('string') && schema.enum === undefined && schema.const === undefined && typeof schema.maxLength !== 'number') missing.push('string without maxLength');
  if (types.includes('array') && typeof schema.maxItems !== 'number') missing.push('array without maxItems');
  if (types.includes('integer')) {
    if (typeof schema.minimum !== 'number' || typeof schema.maximum !== 'number') missing.push('integer without minimum and maximum');
    if (schema.format !== 'int32' && schema.format !== 'int64') missing.push('integer without format int32/int64');
    else if (schema.format === 'int32' && (schema.maximum > 2 ** 31 - 1 || schema.minimum < -(2 ** 31))) missing.push('int32 with a range beyond 32 bits');
  }
  if (types.includes('number')) missing.push('number: every number of this API is an integer');
  return missing;
}

const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => ({ path, method, op: op as Schema })),
);
const isAuthenticated = (op: Schema) => !(Array.isArray(op.security) && op.security.length === 0);

describe('the contract states its limits', () => {
  it('every string has a maxLength, every array a maxItems, every integer a format and a range (requests, responses, parameters, headers)', () => {
    const found: string[] = [];
    for (const [at, schema] of schemasIn(doc, '#')) {
      // The event stream's body is a stream of events (each a LogEntry, bounded), not one string.
      if (at.endsWith('/content/text/event-stream/schema')) continue;
      for (const problem of missingLimits(schema)) found.push(`${at}: ${problem}`);
    }
    assert.deepEqual(found, []);
  });

  it('the walk itself finds an unbounded string, array and integer', () => {
    // Guards the guard.
    assert.deepEqual(missingLimits({ type: 'string' }), ['string without maxLength']);
    assert.deepEqual(missingLimits({ type: ['array', 'null'], items: {} }), ['array without maxItems']);
    assert.equal(missingLimits({ type: 'integer', minimum: 1 }).length, 2);
    assert.deepEqual(missingLimits({ type: 'integer', format: 'int32', minimum: 0, maximum: 2 ** 40 }), ['int32 with a range beyond 32 bits']);
    assert.equal([...schemasIn({ a: { properties: { b: { type: 'string' } } } }, '#')].length, 1);
  });

  it('fields with a known shape state it: dates, timestamps, e-mails, ids and codes have a format or a pattern', () => {
    const shaped: [RegExp, (s: Schema) => boolean][] = [
      [/(^|\/)(startDate|responseDeadline)(\/anyOf\/0)?$/, (s) => s.format === 'date'],
      [/(^|\/)(createdAt|updatedAt|at|placedAt|withdrawnAt|appointedAt|expiresAt)(\/anyOf\/0)?$/, (s) => s.format === 'date-time'],
      [/(^|\/)email(\/anyOf\/0)?$/, (s) => s.format === 'email'],
      [/(^|\/)(pNumber|postalCode|cvr|companyCvr|municipalityCode|localJobcenterId|responsibleJobcenterId|workplacePNumber|nextCursor)(\/anyOf\/0)?$/, (s) => typeof s.pattern === 'string'],
    ];
    const found: string[] = [];
    for (const [at, schema] of schemasIn(doc.components.schemas, '#/components/schemas')) {
      const types = ([] as string[]).concat(schema.type ?? []);
      if (!types.includes('string')) continue;
      const path = at.replace(/\/properties\//g, '/');
      for (const [name, ok] of shaped) if (name.test(path) && !ok(schema)) found.push(path);
    }
    // The one exception: an edit may send the jobcenter id only to be told it cannot change (`immutable`).
    assert.deepEqual(found.filter((p) => !p.endsWith('UpdateJobOrder/responsibleJobcenterId')), []);
  });

  it('every operation documents 401, 403, 404, 413, 422 and 429 where it can answer them, and 429 and 503 carry Retry-After', () => {
    const missing: string[] = [];
    for (const { path, method, op } of operations) {
      const responses = op.responses as Record<string, Schema>;
      const needs: string[] = [];
      if (isAuthenticated(op)) needs.push('400', '401', '403', '429', '503');
      if (isAuthenticated(op) && path.includes('{')) needs.push('404');
      if (op.requestBody) needs.push('413', '415', '422');
      for (const status of needs) if (!responses[status]) missing.push(`${method.toUpperCase()} ${path} lacks ${status}`);
      if (!isAuthenticated(op)) continue;
      for (const status of ['429', '503']) {
        if (!responses[status]?.headers?.['Retry-After']) missing.push(`${method.toUpperCase()} ${path} ${status} lacks Retry-After`);
      }
      for (const [status, response] of Object.entries(responses)) {
        if (status === '503' || status === '500') continue;
        for (const header of ['RateLimit', 'RateLimit-Policy']) {
          if (!response.headers?.[header]) missing.push(`${method.toUpperCase()} ${path} ${status} lacks ${header}`);
        }
      }
    }
    assert.deepEqual(missing, []);
    const headers = doc.components.headers ?? {};
    for (const name of ['RateLimit', 'RateLimit-Policy', 'Retry-After']) assert.ok(headers[name]?.schema?.maxLength, `components.headers.${name}`);
  });
});

/** The component a `$ref` names. */
const resolve = (schema: Schema): Schema => (schema.$ref ? doc.components.schemas[String(schema.$ref).split('/').at(-1)!]! : schema);

/** Every bounded string and array of a request body, as a path into the body and its limit. */
function* boundedFields(schema: Schema, path: string[]): Generator<{ path: string[]; kind: 'string' | 'array'; max: number; schema: Schema }> {
  const s = resolve(schema);
  for (const option of s.anyOf ?? []) if ((option as Schema).type !== 'null') yield* boundedFields(option as Schema, path);
  const types = ([] as string[]).concat(s.type ?? []);
  if (types.includes('string') && typeof s.maxLength === 'number' && !s.enum) yield { path, kind: 'string', max: s.maxLength, schema: s };
  if (types.includes('array') && typeof s.maxItems === 'number') yield { path, kind: 'array', max: s.maxItems, schema: s };
  for (const [key, child] of Object.entries((s.properties ?? {}) as Record<string, Schema>)) yield* boundedFields(child, [...path, key]);
}

const setAt = (body: Record<string, any>, path: string[], value: unknown) => {
  const copy = structuredClone(body);
  let node = copy;
  for (const key of path.slice(0, -1)) {
    node[key] ??= {};
    node = node[key];
  }
  node[path.at(-1)!] = value;
  return copy;
};

/** A value of `length` characters (or items) that otherwise fits the field's pattern as far as we can tell. */
function valueOfLength(field: { kind: 'string' | 'array'; schema: Schema }, length: number): unknown {
  if (field.kind === 'array') return Array.from({ length }, () => 'Opvask');
  if (field.schema.format === 'email') return `${'a'.repeat(Math.max(1, length - 11))}@example.dk`;
  if (field.schema.format === 'date') return '2027-01-01'.padEnd(length, '0');
  if (field.schema.pattern && /\\d/.test(field.schema.pattern) && !/[a-z]{2}/i.test(field.schema.pattern)) return '1'.repeat(length);
  return 'a'.repeat(length);
}

describe('the server enforces the stated request limits', () => {
  let h: Harness;
  let orderId: number;
  let placementId: number;
  const placement = {
    candidate: {
      name: 'Amir Haddad', birthYear: 1994, addressProtected: false, address: { street: 'Nørrebrogade 101', postalCode: '2200', city: 'København N' },
      cvSearchable: true, cv: { headline: 'Køkkenmedhjælper', summary: 'Vant til travle aftener.', experience: [{ title: 'Køkkenmedhjælper', employer: 'Café Nord', from: '2020-03', to: null, description: 'Opvask.' }], education: [{ title: 'Hygiejnebevis', institution: 'AMU', year: 2019 }], skills: ['Opvask'] },
      website: 'https://example.dk', email: 'amir@example.dk', phone: '+45 31 22 44 55',
    },
    description: 'Amir kan starte med det samme.',
  };
  before(async () => {
    h = await startHarness();
    orderId = (await h.request('POST', '/v1/job-orders', { key: demoKeys.employerA, body: validOrder() })).body.id;
    await h.request('PUT', `/v1/job-orders/${orderId}/coordinator`, { key: demoKeys.jobcenter101, body: { name: 'Lone Kristensen' } });
    placementId = (await h.request('POST', `/v1/job-orders/${orderId}/placements`, { key: demoKeys.jobcenter101, body: placement })).body.id;
  });
  after(() => h.close());

  const bodies = () => [
    { component: 'CreateJobOrder', method: 'POST', url: '/v1/job-orders', key: demoKeys.employerA, body: validOrder({ startDate: '2027-01-04', responseDeadline: '2026-12-20', workplace: { ...(validOrder().workplace as object), floor: '2', door: 'th' } }) },
    { component: 'UpdateJobOrder', method: 'PATCH', url: `/v1/job-orders/${orderId}`, key: demoKeys.employerA, body: { note: 'Kort note.' } },
    { component: 'StatusChange', method: 'POST', url: `/v1/job-orders/${orderId}/status`, key: demoKeys.employerA, body: { status: 'open', note: 'Kort note.' } },
    { component: 'CreatePlacement', method: 'POST', url: `/v1/job-orders/${orderId}/placements`, key: demoKeys.jobcenter101, body: placement },
    { component: 'WithdrawPlacement', method: 'POST', url: `/v1/job-orders/${orderId}/placements/${placementId}/withdraw`, key: demoKeys.jobcenter101, body: { reason: 'Andet arbejde.' } },
    { component: 'AppointCoordinator', method: 'PUT', url: `/v1/job-orders/${orderId}/coordinator`, key: demoKeys.jobcenter101, body: { name: 'Lone Kristensen', email: 'lone@jobcenter.example', phone: '+45 33 66 33 66' } },
    { component: 'NewNote', method: 'POST', url: `/v1/job-orders/${orderId}/notes`, key: demoKeys.jobcenter101, body: { text: 'En note.' } },
    { component: 'NewWebhookSubscription', method: 'POST', url: '/v1/webhook-subscriptions', key: demoKeys.employerA, body: { url: 'https://93.184.215.14/hook', events: ['placement'] } },
    { component: 'RecordOutcome', method: 'POST', url: `/v1/job-orders/${orderId}/placements/${placementId}/outcome`, key: demoKeys.employerA, body: { outcome: 'hired', startDate: '2026-12-07' } },
    { component: 'CopyJobOrder', method: 'POST', url: '/v1/job-orders', key: demoKeys.employerA, body: { copyOf: orderId, contact: (validOrder() as { contact: object }).contact, workplace: { ...(validOrder().workplace as object), floor: '2', door: 'th' } } },
  ];

  it('one over each maxLength / maxItems of every request body is a 422 naming that field; the limit itself is not refused for length', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const target of bodies()) {
      for (const field of boundedFields(doc.components.schemas[target.component]!, [])) {
        // Fields present in the valid body, or optional ones we can add.
        if (field.path.length === 0) continue;
        const dotted = field.path.join('.');
        const over = setAt(target.body, field.path, valueOfLength(field, field.max + 1));
        const res = await h.request(target.method, target.url, { key: target.key, body: over, headers: { 'if-match': '*' } });
        checked++;
        const named = (res.body.errors ?? []).some((e: { path: string; code: string }) => e.path === dotted || e.path.startsWith(`${dotted}.`));
        if (res.status !== 422 || !named) failures.push(`${target.component} ${dotted} (${field.kind} of ${field.max + 1}): ${res.status} ${JSON.stringify(res.body.errors ?? res.body.detail)}`);
        const at = setAt(target.body, field.path, valueOfLength(field, field.max));
        const ok = await h.request(target.method, target.url, { key: target.key, body: at, headers: { 'if-match': '*' } });
        const tooBig = (ok.body.errors ?? []).some((e: { path: string; code: string }) => e.path === dotted && e.code === 'too_big');
        if (tooBig) failures.push(`${target.component} ${dotted} (${field.kind} of ${field.max}) refused as too big`);
      }
    }
    assert.ok(checked >= 40, `${checked} limits checked`);
    assert.deepEqual(failures, []);
  });

  it('parameters: one over each stated maximum is a 400 naming the parameter', async () => {
    const cases: [string, string][] = [
      [`/v1/job-orders?limit=101`, 'limit'],
      [`/v1/job-orders?cursor=${'a'.repeat(601)}`, 'cursor'],
      [`/v1/job-orders/${orderId}/log?limit=101`, 'limit'],
      [`/v1/occupations?q=${'a'.repeat(101)}`, 'q'],
      [`/v1/occupations?q=kok&limit=51`, 'limit'],
      [`/v1/events?orderId=99999999999`, 'orderId'],
    ];
    for (const [url, name] of cases) {
      const res = await h.request('GET', url, { key: demoKeys.employerA });
      assert.equal(res.status, 400, url);
      assert.ok(res.body.errors.some((e: { path: string }) => e.path === name), `${url}: ${JSON.stringify(res.body.errors)}`);
    }
    const id = await h.request('GET', '/v1/job-orders/99999999999', { key: demoKeys.employerA });
    assert.equal(id.status, 400);
    const key = await h.request('POST', '/v1/job-orders', { key: demoKeys.employerA, body: validOrder(), headers: { 'idempotency-key': 'k'.repeat(256) } });
    assert.equal(key.status, 400);
    assert.equal(key.body.errors[0].path, 'Idempotency-Key');
    const etag = (await h.request('GET', `/v1/job-orders/${orderId}`, { key: demoKeys.employerA })).headers.get('etag')!;
    const list = `${etag}, ${'"1", '.repeat(40)}"2"`;
    assert.ok(list.length > 200);
    const ifMatch = await h.request('POST', `/v1/job-orders/${orderId}/status`, { key: demoKeys.employerA, body: { status: 'open' }, headers: { 'if-match': list } });
    assert.equal(ifMatch.status, 400);
    assert.equal(ifMatch.body.errors[0].path, 'If-Match');
  });

  it('a problem stays within its own limits whatever the request: 10,000 unknown fields, a field name of 50,000 characters', async () => {
    const many = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`field${i}`, i]));
    const res = await h.request('POST', '/v1/job-orders', { key: demoKeys.employerA, body: { ...validOrder(), ...many } });
    assert.equal(res.status, 422);
    assert.ok(res.body.errors.length <= 100);
    assert.ok(res.body.detail.length <= 1000);
    const long = await h.request('POST', '/v1/job-orders', { key: demoKeys.employerA, body: { ...validOrder(), ['x'.repeat(50_000)]: 1 } });
    assert.equal(long.status, 422);
    assert.ok(long.body.errors[0].path.length <= 200);
    assert.ok(long.body.errors[0].path.startsWith('xxxx'));
  });
});
