import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

interface OpenApi {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
  components: { schemas: Record<string, unknown> };
}

/** The committed contract: every response the tests see is checked against it. */
export const contract = parse(readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8')) as OpenApi;

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: 'openapi', components: contract.components });

const templates = Object.keys(contract.paths).map((template) => ({
  template,
  pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

/**
 * Checks one response against the operation's documented responses: the status must be listed
 * (or be a problem), the content type must match, and the body must validate. Returns the
 * problems found, empty when it conforms.
 */
export function checkAgainstContract(method: string, url: string, status: number, contentType: string, body: unknown): string[] {
  const path = new URL(url, 'http://x').pathname;
  const match = templates.find((t) => t.pattern.test(path));
  // Unknown paths under /v1 are refused by authentication first (401) or not found (404).
  if (!match) return status === 404 || status === 401 ? checkProblem(contentType, body) : [`${method} ${path} is not in openapi.yaml`];
  const operation = contract.paths[match.template]?.[method.toLowerCase()];
  if (!operation) return status === 404 || status === 405 ? checkProblem(contentType, body) : [`${method} ${match.template} is not in openapi.yaml`];
  if (status === 204 || status === 304) return [];
  const response = operation.responses[String(status)];
  if (!response) return [`${method} ${match.template} answered ${status}, which openapi.yaml does not list`];
  const [type, media] = Object.entries(response.content ?? {})[0] ?? [];
  if (!type || !media) return [];
  if (!contentType.startsWith(type)) return [`${method} ${match.template} ${status}: content-type ${contentType}, contract says ${type}`];
  if (!(media.schema as { $ref?: string }).$ref) return [];
  const validate = ajv.compile({ $ref: `openapi#/components/schemas/${refName(media.schema)}` });
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${method} ${match.template} ${status}: ${e.instancePath || '(root)'} ${e.message}`);
}

function refName(schema: unknown): string {
  return String((schema as { $ref: string }).$ref).split('/').at(-1) ?? '';
}

function checkProblem(contentType: string, body: unknown): string[] {
  if (!contentType.startsWith('application/problem+json')) return [`404 content-type ${contentType}`];
  const validate = ajv.compile({ $ref: 'openapi#/components/schemas/Problem' });
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `problem ${e.instancePath} ${e.message}`);
}

/**
 * Whether a request body is one the contract allows for the component (e.g. `CreateJobOrder`):
 * the errors found, empty when it conforms. A server may still refuse a conforming body for a
 * rule the schema cannot say; it must never accept one that does not conform.
 */
export function checkRequestBody(component: string, body: unknown): string[] {
  const validate = ajv.compile({ $ref: `openapi#/components/schemas/${component}` });
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message}`);
}

/** Whether a single value conforms to a schema written inline in the contract (a parameter's). */
export function conformsTo(schema: unknown, value: unknown): boolean {
  return ajv.validate({ ...(schema as object), $id: undefined }, value) as boolean;
}
