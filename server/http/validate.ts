import * as v from 'valibot';
import type { Context } from 'hono';
import { isFieldErrorCode, type FieldErrorCode } from '../../sdk/rules.ts';
import { HttpProblem, validationProblem, type FieldError } from './problem.ts';

type AnySchema = v.GenericSchema;

/** Turns valibot issues into field errors; the input itself is never echoed back. */
export function issuesToFieldErrors(issues: readonly v.BaseIssue<unknown>[], prefix = ''): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of issues) {
    const keys = (issue.path ?? []).map((item) => String(item.key));
    const path = [prefix, ...keys].filter((k) => k !== '').join('.') || '(body)';
    const code = codeFor(issue);
    // valibot's own text for a missing key speaks of "keys"; users need to hear which field.
    // valibot's default texts end with "but received <the input>": never send the input back.
    const message =
      code === 'required' && issue.message.startsWith('Invalid')
        ? 'This field is required.'
        : issue.message.replace(/ but received .*$/s, '.');
    errors.push({ path, code, message });
  }
  return dedupe(errors);
}

function codeFor(issue: v.BaseIssue<unknown>): FieldErrorCode {
  if (issue.kind === 'schema' && issue.input === undefined) return 'required';
  switch (issue.type) {
    case 'min_value':
    case 'min_length':
      return 'too_small';
    case 'max_value':
    case 'max_length':
      return 'too_big';
    case 'regex':
    case 'email':
    case 'url':
      return 'format';
    case 'integer':
      return 'integer';
    case 'picklist':
      return 'enum';
    case 'strict_object':
      return issue.input === undefined ? 'required' : 'unknown_field';
    case 'check': {
      // Custom checks carry their code as the message's prefix "code: message".
      const prefix = /^([a-z_]+):/.exec(issue.message)?.[1];
      return prefix !== undefined && isFieldErrorCode(prefix) ? prefix : 'invalid';
    }
    default:
      return issue.kind === 'schema' ? 'type' : 'invalid';
  }
}

function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors
    .map((e) => (e.code !== 'invalid' && e.message.startsWith(`${e.code}:`) ? { ...e, message: e.message.slice(e.code.length + 1).trim() } : e))
    .filter((e) => {
      const key = `${e.path}\u0000${e.code}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** Reads a JSON body: 415 without a JSON content type, 400 when it does not parse, 413 when huge. */
export async function readJsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new HttpProblem(415, 'unsupported-media-type', 'Send the body as JSON with Content-Type: application/json.');
  }
  const text = await c.req.text();
  if (text.length > 256 * 1024) {
    throw new HttpProblem(413, 'payload-too-large', 'The body is larger than 256 KiB.');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpProblem(400, 'malformed-json', 'The body is not valid JSON.', {
      errors: [{ path: '(body)', code: 'malformed_json', message: 'The body is not valid JSON.' }],
    });
  }
  return objectBody(value);
}

/**
 * Every body of this API is a JSON object; valibot's object schemas would take an array for one
 * (`[]` passed as an empty edit), so any other JSON value is refused here, naming the body.
 */
function objectBody(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const message = 'The body must be a JSON object.';
    throw new HttpProblem(422, 'validation', message, { errors: [{ path: '(body)', code: 'type', message }] });
  }
  return value as Record<string, unknown>;
}

/** Validates a value against a schema, or throws a problem naming every bad field at once. */
export function parseOrThrow<S extends AnySchema>(
  schema: S,
  input: unknown,
  options: { status?: 400 | 422; prefix?: string; extra?: FieldError[] } = {},
): v.InferOutput<S> {
  const result = v.safeParse(schema, input, { abortEarly: false });
  const errors = [...(result.success ? [] : issuesToFieldErrors(result.issues, options.prefix)), ...(options.extra ?? [])];
  if (errors.length > 0) {
    if (options.status === 400) {
      throw new HttpProblem(400, 'invalid-parameters', 'Some parameters break a rule.', { errors });
    }
    throw validationProblem(errors);
  }
  return (result as v.SafeParseResult<S> & { success: true }).output;
}
