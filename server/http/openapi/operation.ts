// Each route describes itself where it is defined: `app.get(path, operation({...}), handler)`.
// `operation` turns a compact description into an OpenAPI operation and hands it to hono-openapi's
// `describeRoute`, whose `generateSpecs` collects them into openapi.yaml (server/http/openapi/document.ts).
import * as v from 'valibot';
import { toJsonSchema } from '@valibot/to-json-schema';
import { describeRoute } from 'hono-openapi';
import { lastEventIdPattern } from '../../contract/events.ts';
import { idempotencyKeyRule, ifMatchMaxLength } from '../request.ts';
import type { ComponentName } from './components.ts';

interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  description: string;
  required?: boolean;
  schema: Record<string, unknown>;
}

/** A request header the route reads by hand (not through a valibot schema). */
export type HeaderParameter = Parameter & { in: 'header' };

/** The valibot object a route checks its path or query with: each entry is one parameter. */
type ParameterObject = v.ObjectSchema<v.ObjectEntries, v.ErrorMessage<v.ObjectIssue> | undefined> | v.StrictObjectSchema<v.ObjectEntries, v.ErrorMessage<v.StrictObjectIssue> | undefined>;

export interface ResponseSpec {
  description: string;
  /** A component's name; the content type is JSON (problem+json for `Problem`) unless `contentType` says otherwise. */
  schema?: ComponentName;
  contentType?: string;
  /** For a streamed body (`text/event-stream`): the component each event's data is (OpenAPI 3.2's `itemSchema`). */
  itemSchema?: ComponentName;
  headers?: Record<string, string>;
}

export interface OperationSpec {
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** False for the few routes open without a credential. */
  auth?: boolean;
  /** The schema the route checks its path parameters with. */
  path?: ParameterObject;
  /** The schema the route checks its query with. */
  query?: ParameterObject;
  headers?: HeaderParameter[];
  /** The request body's component name. */
  body?: ComponentName;
  responses: Record<number, ResponseSpec>;
}

/**
 * The parameters of a path or query schema, as the route reads them: each entry's schema after its
 * last transform (a `limit` is the whole number its text stands for), its description, and its
 * default as the route sees it.
 */
function parametersOf(where: 'path' | 'query', object: ParameterObject): Parameter[] {
  return Object.entries(object.entries).map(([name, entry]) => {
    const converted = toJsonSchema(entry, { target: 'draft-2020-12', typeMode: 'output', errorMode: 'ignore' }) as Record<string, unknown>;
    const { $schema: _, description, ...schema } = converted;
    if (typeof description !== 'string') throw new Error(`The ${where} parameter ${name} has no description (v.description in its schema).`);
    const optional = entry.type === 'optional';
    if (optional && 'default' in schema) schema.default = v.parse(entry, undefined);
    return { name, in: where, ...(optional ? {} : { required: true }), description, schema: inReadingOrder(schema) };
  });
}

/** The order a reader looks for a parameter's keywords in: what it is, then its bounds, then examples. */
const keywordOrder = ['type', 'enum', 'format', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'examples', 'default'];
const inReadingOrder = (schema: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(schema).sort(([a], [b]) => rank(a) - rank(b)));
const rank = (keyword: string) => (keywordOrder.includes(keyword) ? keywordOrder.indexOf(keyword) : keywordOrder.length);

export const ifMatchParam = (what: string): HeaderParameter => ({
  name: 'If-Match',
  in: 'header',
  description: `The ETag you read (\`"<version>"\`); ${what} when the order has moved on, so no change is lost. Without it the change applies to the current version.`,
  schema: { type: 'string', maxLength: ifMatchMaxLength },
});

export const idempotencyKeyParam = (what: string): HeaderParameter => ({
  name: 'Idempotency-Key',
  in: 'header',
  description: `Any unique string (${idempotencyKeyRule.minLength}–${idempotencyKeyRule.maxLength} characters): a retry with the same key and body replays the first response instead of ${what}; the same key with another body is a 422.`,
  schema: { type: 'string', minLength: idempotencyKeyRule.minLength, maxLength: idempotencyKeyRule.maxLength },
});

export const lastEventIdParam: HeaderParameter = {
  name: 'Last-Event-ID',
  in: 'header',
  description: 'Resume after this event (the `id` of the last event received).',
  schema: { type: 'string', maxLength: 15, pattern: lastEventIdPattern.source },
};

const ref = (name: ComponentName) => ({ $ref: `#/components/schemas/${name}` });

/** Response headers of the contract, each with a bounded schema. */
const headerSchemas: Record<string, Record<string, unknown>> = {
  ETag: { type: 'string', maxLength: 32, pattern: '^(W/)?"\\d{1,15}"$' },
  Location: { type: 'string', format: 'uri-reference', maxLength: 200 },
  'Retry-After': { type: 'string', maxLength: 10, pattern: '^\\d{1,10}$' },
  RateLimit: { type: 'string', maxLength: 300 },
  'RateLimit-Policy': { type: 'string', maxLength: 300 },
  'Access-Control-Allow-Origin': { type: 'string', maxLength: 300 },
  'X-Request-Id': { type: 'string', maxLength: 100 },
};
const headerObject = (name: string, description: string) => ({ description, schema: headerSchemas[name] ?? { type: 'string', maxLength: 300 } });

/** Headers every limited answer carries (draft-ietf-httpapi-ratelimit-headers): `#/components/headers`. */
export const componentHeaders: Record<string, unknown> = {
  RateLimit: headerObject(
    'RateLimit',
    'What is left of each policy that applies: `"principal";r=<remaining>;t=<seconds to reset>` (also `"ip"`, `"auth-failures"`).',
  ),
  'RateLimit-Policy': headerObject('RateLimit-Policy', 'The policies that apply: `"principal";q=<quota>;w=<window seconds>`, …'),
  'Retry-After': headerObject('Retry-After', 'Seconds to wait before trying again.'),
  'Access-Control-Allow-Origin': headerObject(
    'Access-Control-Allow-Origin',
    'The calling page\'s origin, only when the caller\'s tenant (or the operator) allowed it; absent for every other origin and for requests without `Origin`.',
  ),
  'X-Request-Id': headerObject('X-Request-Id', 'The id of this request, as in the server\'s log line of it (and `requestId` of a problem).'),
};
const headerRef = (name: string) => ({ $ref: `#/components/headers/${name}` });
const rateLimitHeaders = { RateLimit: headerRef('RateLimit'), 'RateLimit-Policy': headerRef('RateLimit-Policy') };
/** Sent with every answer: the CORS origin (to allowed origins only) and the request's id. */
const everyResponseHeaders = { 'Access-Control-Allow-Origin': headerRef('Access-Control-Allow-Origin'), 'X-Request-Id': headerRef('X-Request-Id') };

const problem = (description: string, headers?: Record<string, unknown>) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/problem+json': { schema: ref('Problem') } },
});

function responseObject(r: ResponseSpec): Record<string, unknown> {
  const entry: Record<string, unknown> = { description: r.description };
  if (r.schema) {
    const type = r.contentType ?? (r.schema === 'Problem' ? 'application/problem+json' : 'application/json');
    entry.content = { [type]: { schema: ref(r.schema) } };
  } else if (r.contentType && r.itemSchema) {
    // OpenAPI 3.2 names this `itemSchema`; in 3.1 it is an extension, so validators leave it alone.
    entry.content = { [r.contentType]: { schema: { type: 'string' }, 'x-itemSchema': ref(r.itemSchema) } };
  } else if (r.contentType) {
    // A document (the contract, the reference page): bounded like any other answer.
    entry.content = { [r.contentType]: { schema: { type: 'string', maxLength: 5_000_000 } } };
  }
  if (r.headers) entry.headers = Object.fromEntries(Object.entries(r.headers).map(([h, d]) => [h, headerObject(h, d)]));
  return entry;
}

/** The OpenAPI operation of a compact description, with the problems every authenticated route can answer. */
function openApiOperation(spec: OperationSpec): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(spec.responses)) responses[status] = responseObject(r);
  // Malformed percent-encoding in the URL is refused on every path.
  responses['400'] ??= problem(spec.auth === false ? 'The URL has a malformed percent-encoding.' : 'Malformed JSON, a bad query parameter or a malformed percent-encoding in the URL.');
  if (spec.auth !== false) {
    responses['401'] ??= problem('No credential, or an invalid or expired one (`/problems/token-expired`).');
    responses['403'] ??= problem('The caller\'s side may not do this.');
    if (spec.path && 'id' in spec.path.entries) responses['404'] ??= problem('No such order, or another tenant\'s.');
    if (spec.body) {
      responses['413'] ??= problem('The body is larger than 256 KiB.');
      responses['415'] ??= problem('The body is not JSON.');
      responses['422'] ??= problem('Some fields break a rule; `errors[]` names each.');
    }
    responses['429'] ??= problem('Too many requests from this address or for this account, or too many failed authentications; wait `Retry-After` seconds.', {
      'Retry-After': headerRef('Retry-After'),
      ...rateLimitHeaders,
    });
    const own503 = responses['503'] as { headers?: Record<string, unknown> } | undefined;
    if (own503) own503.headers = { ...own503.headers, 'Retry-After': headerRef('Retry-After') };
    responses['503'] ??= problem('The request took too long (or the database does not answer); retry after `Retry-After` seconds, with the same `Idempotency-Key` for a create.', {
      'Retry-After': headerRef('Retry-After'),
    });
  } else {
    // Unauthenticated paths are limited by the client's address alone.
    responses['429'] ??= problem('Too many requests from this address; wait `Retry-After` seconds.', { 'Retry-After': headerRef('Retry-After'), ...rateLimitHeaders });
  }
  for (const [status, response] of Object.entries(responses)) {
    if (status === '429' || status === '503') continue;
    const r = response as { headers?: Record<string, unknown> };
    r.headers = { ...r.headers, ...rateLimitHeaders };
  }
  responses['500'] ??= problem('An unexpected error; details are logged, never returned.');
  for (const response of Object.values(responses)) {
    const r = response as { headers?: Record<string, unknown> };
    r.headers = { ...r.headers, ...everyResponseHeaders };
  }
  const parameters = [
    ...(spec.path ? parametersOf('path', spec.path) : []),
    ...(spec.query ? parametersOf('query', spec.query) : []),
    ...(spec.headers ?? []),
  ];
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: [spec.tag],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: ref(spec.body) } } } } : {}),
    responses,
    ...(spec.auth === false ? { security: [] } : {}),
  };
}

/** Describes the route it is mounted on (middleware that only carries the description). */
export function operation(spec: OperationSpec) {
  return describeRoute(openApiOperation(spec) as Parameters<typeof describeRoute>[0]);
}
