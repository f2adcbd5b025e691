// Hostile input, property-based and generated from openapi.yaml: every
// operation gets wrong types, huge and deeply nested bodies, every combination of Idempotency-Key
// and If-Match, ids and cursors of every shape, control characters, unpaired surrogates, 1e309,
// -0, 2^53+1 and impossible dates. Always a 4xx problem naming the field (the harness also checks
// every answer against the contract and fails on any 5xx), and a refused request changes nothing
// in the database. Seeded (FUZZ_SEED replays a run), a few hundred cases per property.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { createClient, type Client } from '@libsql/client';
import { checkRequestBody, conformsTo, contract } from './support/contract.ts';
import { demoKeys, startHarness, type Harness, type TestResponse } from './support/harness.ts';
import { validOrder } from './support/orders.ts';

const seed = Number(process.env.FUZZ_SEED ?? 20261127);
const runs = (n: number) => ({ seed, numRuns: Number(process.env.FUZZ_RUNS ?? n), endOnFailure: true, includeErrorInReport: true });

type Schema = Record<string, any>;
const doc = contract as unknown as { paths: Record<string, Record<string, Schema>>; components: { schemas: Record<string, Schema> } };
const resolve = (schema: Schema): Schema => (schema?.$ref ? doc.components.schemas[String(schema.$ref).split('/').at(-1)!]! : schema);

interface Operation {
  id: string;
  method: string;
  template: string;
  op: Schema;
  bodyComponent: string | undefined;
  query: Schema[];
}
const operations: Operation[] = Object.entries(doc.paths)
  .filter(([path]) => path.startsWith('/v1/'))
  .flatMap(([template, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      id: op.operationId as string,
      method: method.toUpperCase(),
      template,
      op,
      bodyComponent: (op.requestBody?.content?.['application/json']?.schema?.$ref as string | undefined)?.split('/').at(-1),
      query: ((op.parameters ?? []) as Schema[]).filter((p) => p.in === 'query'),
    })),
  );

// ---- the values -------------------------------------------------------------------------------

/** Numbers JSON.stringify cannot write: placed as markers, written raw into the body text. */
const rawNumbers = ['1e309', '-1e309', '-0', '9007199254740993', '1e-400', '1.0000000000000002', '123456789012345678901234567890'];
const raw = (token: string) => `\u0000raw:${token}`;
const toJson = (value: unknown) => (JSON.stringify(value) ?? "").replace(/"\\u0000raw:([^"]+)"/g, '$1');

const controlCharacter = fc.constantFrom(
  ...Array.from({ length: 32 }, (_, i) => i).filter((i) => i !== 9 && i !== 10).map((i) => String.fromCharCode(i)),
  '\u007f', '\u0085', '\u009f',
);
const loneSurrogate = fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff');
const withInside = (inside: fc.Arbitrary<string>) =>
  fc.tuple(fc.string({ maxLength: 8 }), inside, fc.string({ maxLength: 8 })).map(([a, b, c]) => `Tekst ${a}${b}${c}`);

/** Text the API must refuse in any field: a control character other than tab and newline, or an unpaired surrogate. */
const forbiddenText = fc.oneof(withInside(controlCharacter), withInside(loneSurrogate));
const isForbiddenText = (value: unknown) => typeof value === 'string' && !value.startsWith('\u0000raw:') && (/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/.test(value) || /[\uD800-\uDFFF]/u.test(value));

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null, true, false, 0, -1, 1.5, 2 ** 53 + 1, -(2 ** 31) - 1, 2 ** 31, 1e308, -1e308, Number.MIN_VALUE,
    '', ' ', '\t', '0', '-0', 'null', 'true', '1e309', 'NaN', 'Infinity', '١٢٣', '𝟙𝟚𝟛', 'ｘ',
    '2026-02-30', '2026-13-01', '0000-00-00', '2026-1-1', '2026-12-01T00:00:00Z', '99999-01-01', '2026-02-29', '2028-02-30',
    '<script>alert(1)</script>', "'; DROP TABLE job_orders; --", '😀', 'æøå', 'A\u0301',
    [], [1, 2], {}, { a: { b: { c: [] } } }, [[[[[]]]]], { __proto__: { polluted: true } }, { constructor: { prototype: {} } },
  ),
  fc.constantFrom(...rawNumbers).map(raw),
  forbiddenText,
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(300, 2001, 10_001, 60_000).map((n) => 'x'.repeat(n)),
  fc.integer(),
  fc.double(),
  fc.anything({ maxDepth: 3, maxKeys: 5 }),
);

/** Percent-encodes anything, a lone surrogate as the bytes of one (invalid UTF-8 in a URL). */
const encodeLoose = (text: string) => encodeURIComponent(text.replace(/[\uD800-\uDFFF]/gu, '\u0001SURROGATE\u0001')).replace(/%01SURROGATE%01/g, '%ED%A0%80');

// ---- the bodies -------------------------------------------------------------------------------

/** Every field path of a request body component (nested objects, array items as `0`). */
function fieldPaths(schema: Schema, prefix: string[] = [], depth = 0): string[][] {
  const s = resolve(schema);
  if (depth > 6) return [];
  const out: string[][] = [];
  for (const option of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) out.push(...fieldPaths(option, prefix, depth + 1));
  for (const [key, child] of Object.entries((s.properties ?? {}) as Record<string, Schema>)) {
    out.push([...prefix, key], ...fieldPaths(child, [...prefix, key], depth + 1));
  }
  if (s.items) out.push([...prefix, '0'], ...fieldPaths(s.items, [...prefix, '0'], depth + 1));
  return out;
}

const setAt = (body: unknown, path: string[], value: unknown): unknown => {
  if (path.length === 0) return value;
  const copy = structuredClone(body) as Record<string, any>;
  let node: any = copy;
  for (const key of path.slice(0, -1)) {
    if (node[key] === null || typeof node[key] !== 'object') node[key] = /^\d+$/.test(key) ? [] : {};
    node = node[key];
  }
  node[path.at(-1)!] = value;
  return copy;
};

/** A field error names the field sent (or one inside it, or the object holding it). */
const names = (errorPath: string, field: string) =>
  field === '' || errorPath === field || errorPath.startsWith(`${field}.`) || field.startsWith(`${errorPath}.`);

// ---- the harness and the database digest ------------------------------------------------------

let h: Harness;
let watcher: Client;
const fixture = { order: 0, version: 0, placement: 0, withdrawnPlacement: 0, otherOrder: 0 };

const candidate = () => ({
  candidate: {
    name: 'Amir Haddad', birthYear: 1994, addressProtected: false, address: { street: 'Nørrebrogade 101', postalCode: '2200', city: 'København N' },
    cvSearchable: true,
    cv: { headline: 'Køkkenmedhjælper', summary: 'Vant til travle aftener.', experience: [{ title: 'Køkkenmedhjælper', employer: 'Café Nord', from: '2020-03', to: null, description: 'Opvask.' }], education: [{ title: 'Hygiejnebevis', institution: 'AMU', year: 2019 }], skills: ['Opvask'] },
    website: 'https://example.dk', email: 'amir@example.dk', phone: '+45 31 22 44 55',
  },
  description: 'Amir kan starte med det samme.',
});

/** A valid request of each operation that takes a body: who sends it, where, what. */
function validRequest(op: Operation): { key: string; path: string; body: unknown } {
  const path = op.template.replace('{id}', String(fixture.order)).replace('{placementId}', String(fixture.placement));
  switch (op.id) {
    case 'createSession': return { key: demoKeys.employerA, path, body: { contactPersonId: 1 } };
    case 'createJobOrder': return { key: demoKeys.employerA, path, body: validOrder({ startDate: '2027-01-04', responseDeadline: '2026-12-20', durationDays: 30, maxCandidates: 5, workingTime: 'part_time', weeklyHours: 20, workplace: { ...(validOrder().workplace as object), floor: '2', door: 'th' } }) };
    case 'updateJobOrder': return { key: demoKeys.employerA, path, body: { description: 'Ny tekst.', positions: 3, contact: { contactPersonId: 1, name: 'Mette Hansen', email: 'mette.hansen@nordlys.example', phone: '+45 20 30 40 50' }, note: 'Kort note.' } };
    case 'changeJobOrderStatus': return { key: demoKeys.employerA, path, body: { status: 'open', note: 'Kort note.' } };
    case 'appointCoordinator': return { key: demoKeys.jobcenter101, path, body: { name: 'Lone Kristensen', email: 'lone@jobcenter.example', phone: '+45 33 66 33 66' } };
    case 'createPlacement': return { key: demoKeys.jobcenter101, path, body: candidate() };
    case 'withdrawPlacement': return { key: demoKeys.jobcenter101, path, body: { reason: 'Andet arbejde.' } };
    case 'addJobOrderNote': return { key: demoKeys.jobcenter101, path, body: { text: 'En note.' } };
    // A public address literal: the production URL rule applies without asking DNS.
    case 'createWebhookSubscription': return { key: demoKeys.employerA, path, body: { url: 'https://93.184.215.14/hook', events: ['placement', 'note'] } };
    case 'recordPlacementOutcome': return { key: demoKeys.employerA, path, body: { outcome: 'hired', startDate: '2026-12-07' } };
    default: throw new Error(`no valid body for ${op.id}: add one here so its input is fuzzed`);
  }
}

/**
 * Whether anything was committed: SQLite's `data_version` on a connection of our own changes
 * whenever another connection commits. Cheap enough for every case; a full digest of every table
 * (below) backs it up around each property.
 */
const dataVersion = async () => Number((await watcher.execute('PRAGMA data_version')).rows[0]![0]);

async function digest(): Promise<string> {
  const hash = createHash('sha256');
  const tables = (await h.db.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('rate_limits', 'schema_migrations') ORDER BY name")).map((t) => t.name);
  for (const table of tables) {
    const [row] = await h.db.query(`SELECT count(*) AS n, coalesce(max(rowid), 0) AS last, coalesce(sum(length(CAST(${'rowid'} AS TEXT))), 0) AS s FROM "${table}"`).catch(() => h.db.query(`SELECT count(*) AS n FROM "${table}"`));
    hash.update(`${table}:${JSON.stringify(row)};`);
  }
  const mutable = ['job_orders', 'journal', 'placements', 'idempotency_keys', 'outbox', 'coordinators', 'notes'];
  for (const table of tables.filter((t) => mutable.includes(t))) hash.update(JSON.stringify(await h.db.query(`SELECT * FROM "${table}" ORDER BY rowid`)));
  return hash.digest('hex');
}

async function send(method: string, path: string, options: { key?: string; text?: string; headers?: Record<string, string> }): Promise<TestResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.text !== undefined) headers['content-type'] ??= 'application/json';
  // The harness fails on any 5xx and on any answer the contract does not describe.
  return h.request(method, path, { key: options.key, rawBody: options.text, headers });
}

/** A refused request: a 4xx problem, and nothing committed. */
async function assertRefusedCleanly(res: TestResponse, before: number, what: string) {
  assert.ok(res.status >= 400 && res.status < 500, `${what}: ${res.status}`);
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/, what);
  assert.equal(await dataVersion(), before, `${what}: a refused request (${res.status}) changed the database`);
}

before(async () => {
  h = await startHarness();
  watcher = createClient({ url: h.db.url });
  const created = await h.request('POST', '/v1/job-orders', { key: demoKeys.employerA, body: validOrder() });
  fixture.order = created.body.id;
  fixture.version = created.body.version;
  fixture.otherOrder = (await h.request('POST', '/v1/job-orders', { key: demoKeys.employerB, body: validOrder({ responsibleJobcenterId: '751', workplace: { pNumber: '1009876541', name: 'Havnens Lager', street: 'Havnegade 3', postalCode: '7100', city: 'Vejle' }, contact: { contactPersonId: 3, name: 'Søren Ågesen', email: 'soren@havn.example' } }) })).body.id;
  await h.request('PUT', `/v1/job-orders/${fixture.order}/coordinator`, { key: demoKeys.jobcenter101, body: { name: 'Lone Kristensen' }, headers: { 'if-match': '*' } });
  fixture.placement = (await h.request('POST', `/v1/job-orders/${fixture.order}/placements`, { key: demoKeys.jobcenter101, body: candidate() })).body.id;
});
after(async () => {
  watcher.close();
  await h.close();
});

const bodyOperations = operations.filter((op) => op.bodyComponent);
const parameterNames = (op: Operation) => ((op.op.parameters ?? []) as Schema[]).map((p) => p.name as string);
const takesIfMatch = (op: Operation) => parameterNames(op).includes('If-Match');
const takesIdempotencyKey = (op: Operation) => parameterNames(op).includes('Idempotency-Key');
/** Whether the operation refuses an API key that sends no If-Match (428 in the contract). */
const requiresIfMatch = (op: Operation) => Boolean(op.op.responses?.['428']);
const byId = new Map(operations.map((op) => [op.id, op]));
const opOf = (id: string) => byId.get(id)!;

/** Whether a raw (percent-encoded) path or query value conforms to the parameter's schema; integers in plain digits. */
function conformsToParameter(schema: Schema, raw: string): boolean {
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return false;
  }
  if (schema.type === 'integer') return /^\d{1,16}$/.test(value) && conformsTo(schema, Number(value));
  return conformsTo(schema, value);
}

/**
 * The status a request with these headers must be refused with, or undefined when the operation
 * takes them as they are: a key of 1 to 255 characters; an If-Match of `*` or naming the current
 * version (`"7"`, `W/"7"`, in a list), which only an API key may leave out where it is required.
 */
function headerRefusal(op: Operation, sentKey: string | undefined, sentIfMatch: string | undefined, currentEtag: string, viaToken: boolean): number | undefined {
  // A header's value arrives without the spaces and tabs around it (Fetch normalises it).
  const [key, ifMatch] = [sentKey, sentIfMatch].map((value) => value?.replace(/^[\t ]+|[\t ]+$/g, ''));
  if (takesIdempotencyKey(op) && key !== undefined && (key.length === 0 || key.length > 255)) return 400;
  if (!takesIfMatch(op)) return undefined;
  if (ifMatch === undefined) return requiresIfMatch(op) && !viaToken ? 428 : undefined;
  if (ifMatch.trim() === '*') return undefined;
  if (ifMatch.length > 200) return 400;
  const current = /"(\d+)"/.exec(currentEtag)![1];
  const named = ifMatch.split(',').map((tag) => /^\s*(?:W\/)?"(\d{1,15})"\s*$/.exec(tag)?.[1]);
  return named.some((version) => version !== undefined && Number(version) === Number(current)) ? undefined : 412;
}

describe('hostile input, generated from openapi.yaml (fast-check)', () => {
  it('covers every operation of the contract', () => {
    assert.ok(bodyOperations.length >= 8, 'the operations that take a body');
    for (const op of bodyOperations) validRequest(op); // throws for an operation without a valid body here
  });

  it('a body that is not a JSON object is refused naming the body, even where every field is optional (so [] is never taken for an empty edit)', async () => {
    for (const op of bodyOperations) {
      const valid = validRequest(op);
      for (const text of ['[]', '[{}]', 'null', '0', '"x"', 'true']) {
        const version = await dataVersion();
        const res = await send(op.method, valid.path, { key: valid.key, text, headers: { 'if-match': '*' } });
        await assertRefusedCleanly(res, version, `${op.id} ${text}`);
        assert.equal(res.status, 422, `${op.id} ${text}`);
        assert.deepEqual(res.body.errors.map((e: { path: string }) => e.path), ['(body)'], `${op.id} ${text}`);
      }
    }
  });

  it('a body with any field replaced by a hostile value: a 4xx naming that field, nothing stored; forbidden text never stored', async () => {
    const cases = bodyOperations.flatMap((op) => fieldPaths(doc.components.schemas[op.bodyComponent!]!).map((path) => ({ op: op.id, path })));
    // Every field of every body, plus the body itself.
    const target = fc.oneof(fc.constantFrom(...cases), fc.constantFrom(...bodyOperations.map((op) => ({ op: op.id, path: [] as string[] }))));
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(target, fc.array(hostileValue, { minLength: 1, maxLength: 1 }), async ({ op: id, path }, [value]) => {
        const op = opOf(id);
        const valid = validRequest(op);
        const text = toJson(setAt(valid.body, path, value));
        const field = path.join('.');
        const version = await dataVersion();
        const tables = await digest();
        // An If-Match that never matches: a body that passes every rule is refused with 412 after
        // validation, so nothing is stored and the same order serves every case.
        const res = await send(op.method, valid.path, { key: valid.key, text, headers: { 'if-match': '"999999"' } });
        if (res.status < 400) {
          // Accepted: right only for an operation that ignores If-Match, and a body the contract allows.
          const what = `${op.id} ${field} = ${text.slice(0, 200)}`;
          assert.ok(!takesIfMatch(op), `${what}: accepted (${res.status}) past an If-Match that names no version`);
          assert.ok(!isForbiddenText(value), `${what}: stored forbidden text`);
          assert.deepEqual(checkRequestBody(op.bodyComponent!, JSON.parse(text)), [], `${what}: accepted (${res.status}) a body the contract refuses`);
          assert.ok(res.status === 200 || res.status === 201, `${what}: ${res.status}`);
          return;
        }
        refused++;
        await assertRefusedCleanly(res, version, `${op.id} ${field} = ${text.slice(0, 200)}`);
        assert.equal(await digest(), tables, `${op.id} ${field}: a refused request changed the tables`);
        if (res.status === 422) {
          const errors = res.body.errors as { path: string; code: string }[];
          assert.ok(errors.some((e) => names(e.path, field)), `${op.id} ${field}: 422 names ${errors.map((e) => e.path).join(', ')} (${text.slice(0, 200)})`);
        }
        if (isForbiddenText(value)) assert.equal(res.status, 422, `${op.id} ${field}: forbidden text answered ${res.status}`);
      }),
      runs(400),
    );
    assert.ok(refused > 200, `${refused} refused`);

  });

  it('every combination of Idempotency-Key and If-Match, with an API key and a widget token: a 2xx or a 4xx that names the header; refusals store nothing', async () => {
    const token = (await h.request('POST', '/v1/sessions', { key: demoKeys.employerA, body: { contactPersonId: 1 } })).body.token as string;
    const jobcenterToken = (await h.request('POST', '/v1/sessions', { key: demoKeys.jobcenter101, body: { caseworker: { name: 'Sagsbehandler' } } })).body.token as string;
    const idempotencyKey = fc.oneof(
      fc.constant(undefined),
      fc.uuid(),
      fc.constantFrom('', ' ', 'k'.repeat(255), 'k'.repeat(256), 'k'.repeat(5000), 'æøå', 'a,b', '"quoted"', 'null', '0'),
      fc.string({ minLength: 1, maxLength: 40 }).map((s) => s.replace(/[^\x20-\x7e]/g, 'x')),
    );
    const ifMatch = fc.oneof(
      fc.constant(undefined),
      fc.constantFrom('*', '"0"', '"1"', 'W/"1"', '"999999"', '"abc"', '""', '"99999999999999999999"', '1', 'W/', '"1", "2"', '*, "1"', ' ', '"-1"', '"1e309"', '"0x1"'),
      fc.constant('current'),
      fc.string({ maxLength: 30 }).map((s) => s.replace(/[^\x20-\x7e]/g, '"')),
    );
    const mutating = bodyOperations.filter((op) => op.id !== 'createSession').map((op) => op.id);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...mutating), idempotencyKey, ifMatch, fc.boolean(), async (id, key, match, viaToken) => {
        const op = opOf(id);
        const valid = validRequest(op);
        const credential = viaToken ? (valid.key === demoKeys.employerA ? token : jobcenterToken) : valid.key;
        const current = (await h.request('GET', `/v1/job-orders/${fixture.order}`, { key: demoKeys.employerA })).headers.get('etag')!;
        const headers: Record<string, string> = {};
        if (key !== undefined) headers['idempotency-key'] = key;
        if (match !== undefined) headers['if-match'] = match === 'current' ? current : match;
        const version = await dataVersion();
        const res = await send(op.method, valid.path, { key: credential, text: toJson(valid.body), headers });
        const what = `${op.id} Idempotency-Key=${key} If-Match=${headers['if-match']} ${viaToken ? 'token' : 'API key'}`;
        const refusal = headerRefusal(op, key, headers['if-match'], current, viaToken);
        if (refusal === undefined) {
          // Headers the operation takes as they are: anything but a refusal for a header.
          assert.ok(![400, 412, 428].includes(res.status), `${what}: ${res.status} ${res.text}`);
          if (res.status < 400) return;
        } else {
          assert.ok(res.status >= 400, `${what}: accepted (${res.status}), expected ${refusal}`);
          // Authentication and permission are decided before any header.
          if (![401, 403].includes(res.status)) assert.equal(res.status, refusal, `${what}: ${res.text}`);
        }
        await assertRefusedCleanly(res, version, what);
        const paths = ((res.body.errors ?? []) as { path: string }[]).map((e) => e.path);
        if (res.status === 400) assert.ok(paths.includes('Idempotency-Key') || paths.includes('If-Match'), `${op.id} 400 names ${paths}`);
        if (res.status === 428) assert.deepEqual(paths, ['If-Match']);
      }),
      runs(250),
    );
  });

  it('ids, cursors and query parameters of every shape: 400 naming the parameter or 404, never anything else for a bad one', async () => {
    const idShape = fc.oneof(
      fc.constantFrom('0', '-1', '1.5', '1e3', '1e309', '-0', '+1', '01', ' 1', '1 ', '9007199254740993', '99999999999', '9999999999', 'null', 'undefined', 'NaN', '0x10', '١', '%00', '%2e%2e', '..', '%20', 'a'.repeat(3000)),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).map(encodeLoose),
      fc.nat().map(String),
    );
    const cursorShape = fc.oneof(
      fc.constantFrom('', 'x', '1e309', 'W10', 'WyJvcmRlcnMiXQ', Buffer.from('["orders","id","desc",1e309,1]').toString('base64url'), Buffer.from('["log","id","asc",1,1]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url'), Buffer.from('["orders","id","desc","x",-0]').toString('base64url'), 'A'.repeat(601), '%00'),
      fc.string({ unit: 'binary', maxLength: 40 }).map(encodeLoose),
      fc.anything({ maxDepth: 2 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'null').toString('base64url')),
    );
    const reads = operations.filter((op) => op.method === 'GET' && op.id !== 'streamEvents').map((op) => op.id);
    const queryValue = fc.oneof(hostileValue.map((v) => encodeLoose(String(v)).slice(0, 4000)), cursorShape);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...reads),
        idShape,
        fc.boolean(),
        fc.array(fc.tuple(fc.constantFrom('limit', 'cursor', 'sort', 'order', 'status', 'q', 'signedUp', 'responsible', 'orderId', 'unknown', 'limit[]'), queryValue), { maxLength: 3 }),
        async (opId, id, badId, params) => {
          const op = opOf(opId);
          const pathParams = ((op.op.parameters ?? []) as Schema[]).filter((p) => p.in === 'path').map((p) => p.name as string);
          const bad = badId && pathParams.length > 0 ? pathParams[id.length % pathParams.length]! : undefined;
          let path = op.template
            .replace('{id}', bad === 'id' ? id : String(fixture.order))
            .replace('{placementId}', bad === 'placementId' ? id : String(fixture.placement))
            .replace('{code}', bad === 'code' ? id : '7100');
          if (params.length > 0) path += `?${params.map(([k, v]) => `${k}=${v}`).join('&')}`;
          const version = await dataVersion();
          const res = await send('GET', path, { key: op.id === 'listJobcenters' ? demoKeys.jobcenter101 : demoKeys.employerA });
          if (res.status < 400) {
            // Accepted: right only when every parameter sent that the operation reads conforms to the contract.
            const declared = ((op.op.parameters ?? []) as Schema[]).filter((p) => p.in === 'path' || p.in === 'query');
            const sent: [string, string][] = [...(bad ? [[bad, id] as [string, string]] : []), ...params];
            for (const [name, value] of sent) {
              const parameter = declared.find((p) => p.name === name);
              if (parameter) assert.ok(conformsToParameter(parameter.schema, value), `GET ${path.slice(0, 200)}: accepted (${res.status}) ${name}=${value.slice(0, 100)}`);
            }
            assert.equal(res.status, 200, `GET ${path.slice(0, 200)}`);
            return;
          }
          await assertRefusedCleanly(res, version, `GET ${path.slice(0, 300)}`);
          if (res.status === 400) {
            const paths = ((res.body.errors ?? []) as { path: string }[]).map((e) => e.path);
            const required = op.query.filter((p) => p.required).map((p) => p.name as string);
            const sent = [...params.map(([k]) => k), ...(bad ? [bad] : []), ...required];
            assert.ok(paths.length > 0 && paths.every((p) => sent.some((s) => p === s || p.startsWith(`${s}.`)) || p === '(query)'), `GET ${path.slice(0, 200)}: 400 names ${paths}`);
          } else {
            assert.ok([403, 404].includes(res.status), `GET ${path.slice(0, 200)}: ${res.status}`);
          }
        },
      ),
      runs(300),
    );
  });

  it('huge, deep and malformed bodies, with and without Idempotency-Key: 400, 413, 415 or 422, before anything is stored', async () => {
    const nested = (depth: number, open: string, close: string, inner = '1') => `${open.repeat(depth)}${inner}${close.repeat(depth)}`;
    const shape = fc.oneof(
      fc.integer({ min: 1, max: 200_000 }).map((d) => nested(d, '[', ']')),
      fc.integer({ min: 1, max: 100_000 }).map((d) => nested(d, '{"a":', '}')),
      fc.integer({ min: 1, max: 50_000 }).map((d) => `{"description":${nested(d, '[', ']', '"x"')}}`),
      fc.integer({ min: 1, max: 50_000 }).map((d) => `{"workplace":${nested(d, '{"name":', '}', '"x"')}}`),
      fc.constantFrom(300_000, 2_000_000).map((n) => `{"description":"${'x'.repeat(n)}"}`),
      fc.constantFrom('', '{', '{"a":}', 'null', '[]', '"text"', '1e309', 'true', '\u0000', '{"a":1}{"b":2}', '\ufeff{}', '{"__proto__":{"x":1}}', '{"a":"\\ud800"}', '{"description":"\\u0000"}'),
      fc.string({ unit: 'binary', maxLength: 200 }),
    );
    const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'application/problem+json', '');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...bodyOperations.map((op) => op.id)), shape, contentType, fc.boolean(), async (id, text, type, withKey) => {
        const op = opOf(id);
        const valid = validRequest(op);
        const headers: Record<string, string> = { 'content-type': type, 'if-match': '"999999"' };
        if (withKey) headers['idempotency-key'] = `deep-${text.length}-${type}`;
        const version = await dataVersion();
        const res = await send(op.method, valid.path, { key: valid.key, text, headers });
        await assertRefusedCleanly(res, version, `${op.id} ${text.length} characters ${type}`);
        // 409: a withdrawal of the fixture's placement, already withdrawn by an earlier valid case.
        assert.ok([400, 409, 412, 413, 415, 422].includes(res.status), `${op.id}: ${res.status}`);
        if (res.status === 400) assert.equal(res.body.errors?.[0]?.path, '(body)');
        if (res.status === 413) assert.ok(text.length > 256 * 1024 / 4);
      }),
      runs(120),
    );
  });
});
