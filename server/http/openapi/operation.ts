// Each route describes itself where it is defined: `app.get(path, operation({...}), handler)`.
// `operation` turns a compact description into an OpenAPI operation and hands it to hono-openapi's
// `describeRoute`, whose `generateSpecs` collects them into openapi.yaml (server/http/openapi/document.ts).
import { describeRoute } from 'hono-openapi';
import { idPattern } from '../request.ts';
import { maxId } from '../../contract/bounded.ts';
import { cursorPattern } from '../../contract/page.ts';
import { idempotencyKeyRule, ifMatchMaxLength } from '../request.ts';

export interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  description: string;
  required?: boolean;
  schema: Record<string, unknown>;
}

export interface ResponseSpec {
  description: string;
  /** A component's name; the content type is JSON (problem+json for `Problem`) unless `contentType` says otherwise. */
  schema?: string;
  contentType?: string;
  /** For a streamed body (`text/event-stream`): the component each event's data is (OpenAPI 3.2's `itemSchema`). */
  itemSchema?: string;
  headers?: Record<string, string>;
}

export interface OperationSpec {
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** False for the few routes open without a credential. */
  auth?: boolean;
  parameters?: Parameter[];
  /** The request body's component name. */
  body?: string;
  responses: Record<number, ResponseSpec>;
}

const idSchema = { type: 'integer', format: 'int64', minimum: 1, maximum: maxId, description: `Matches ${idPattern.source}.` };

export const idParam: Parameter = { name: 'id', in: 'path', required: true, description: 'The job order\'s id.', schema: idSchema };
export const placementIdParam: Parameter = { name: 'placementId', in: 'path', required: true, description: 'The placement\'s id.', schema: idSchema };

export const ifMatchParam = (what: string): Parameter => ({
  name: 'If-Match',
  in: 'header',
  description: `The ETag you read (\`"<version>"\`); ${what} when the order has moved on, so no change is lost. Without it the change applies to the current version.`,
  schema: { type: 'string', maxLength: ifMatchMaxLength },
});

export const idempotencyKeyParam = (what: string): Parameter => ({
  name: 'Idempotency-Key',
  in: 'header',
  description: `Any unique string (${idempotencyKeyRule.minLength}–${idempotencyKeyRule.maxLength} characters): a retry with the same key and body replays the first response instead of ${what}; the same key with another body is a 422.`,
  schema: { type: 'string', minLength: idempotencyKeyRule.minLength, maxLength: idempotencyKeyRule.maxLength },
});

export const limitParam = (defaultLimit: number): Parameter => ({
  name: 'limit',
  in: 'query',
  description: `Page size, 1–100 (default ${defaultLimit}).`,
  schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 100, default: defaultLimit },
});

export const cursorParam: Parameter = {
  name: 'cursor',
  in: 'query',
  description: 'The `nextCursor` of the page before, unchanged; a cursor of another list or sort is a 400.',
  schema: { type: 'string', minLength: 1, maxLength: 600, pattern: cursorPattern.source },
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Response headers of the contract, each with a bounded schema. */
const headerSchemas: Record<string, Record<string, unknown>> = {
  ETag: { type: 'string', maxLength: 32, pattern: '^(W/)?"\\d{1,15}"$' },
  Location: { type: 'string', format: 'uri-reference', maxLength: 200 },
  'Retry-After': { type: 'string', maxLength: 10, pattern: '^\\d{1,10}$' },
  RateLimit: { type: 'string', maxLength: 300 },
  'RateLimit-Policy': { type: 'string', maxLength: 300 },
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
};
const headerRef = (name: string) => ({ $ref: `#/components/headers/${name}` });
const rateLimitHeaders = { RateLimit: headerRef('RateLimit'), 'RateLimit-Policy': headerRef('RateLimit-Policy') };

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
export function openApiOperation(spec: OperationSpec, path: string): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(spec.responses)) responses[status] = responseObject(r);
  if (spec.auth !== false) {
    responses['400'] ??= problem('Malformed JSON or a bad query parameter.');
    responses['401'] ??= problem('No credential, or an invalid or expired one (`/problems/token-expired`).');
    responses['403'] ??= problem('The caller\'s side may not do this.');
    if (path.includes('{id}')) responses['404'] ??= problem('No such order, or another tenant\'s.');
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
    for (const [status, response] of Object.entries(responses)) {
      if (status === '429' || status === '503') continue;
      const r = response as { headers?: Record<string, unknown> };
      r.headers = { ...r.headers, ...rateLimitHeaders };
    }
  }
  responses['500'] ??= problem('An unexpected error; details are logged, never returned.');
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: [spec.tag],
    ...(spec.parameters ? { parameters: spec.parameters } : {}),
    ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: ref(spec.body) } } } } : {}),
    responses,
    ...(spec.auth === false ? { security: [] } : {}),
  };
}

/** Describes the route it is mounted on (middleware that only carries the description). */
export function operation(spec: OperationSpec) {
  const path = spec.parameters?.some((p) => p.in === 'path' && p.name === 'id') ? '{id}' : '';
  return describeRoute(openApiOperation(spec, path) as Parameters<typeof describeRoute>[0]);
}
