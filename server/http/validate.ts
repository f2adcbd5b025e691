import * as v from 'valibot';
import type { Context } from 'hono';
import { isFieldErrorCode, type FieldErrorCode } from '../../sdk/rules.ts';
import type { FieldError } from '../contract/problem.ts';
import { HttpProblem, validationProblem } from './problem.ts';

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

/** The largest body the API reads, in bytes; `bodyLimit` in app.ts refuses more while it streams in. */
export const maxBodyBytes = 256 * 1024;

export const payloadTooLarge = () => new HttpProblem(413, 'payload-too-large', `The body is larger than ${maxBodyBytes / 1024} KiB.`);

const malformed = (message: string) =>
  new HttpProblem(400, 'malformed-json', message, { errors: [{ path: '(body)', code: 'malformed_json', message }] });

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Reads a JSON body: 415 without a JSON content type, 413 when huge, 400 when it is not UTF-8 JSON,
 * 422 when any text in it holds a control character or an unpaired surrogate (see `textProblems`).
 */
export async function readJsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new HttpProblem(415, 'unsupported-media-type', 'Send the body as JSON with Content-Type: application/json.');
  }
  const bytes = await c.req.arrayBuffer();
  if (bytes.byteLength > maxBodyBytes) throw payloadTooLarge();
  let text: string;
  try {
    // Invalid UTF-8 is refused, not silently replaced by U+FFFD.
    text = utf8.decode(bytes);
  } catch {
    throw malformed('The body is not valid UTF-8.');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw malformed('The body is not valid JSON.');
  }
  const errors = textProblems(value);
  if (errors.length > 0) throw validationProblem(errors);
  return objectBody(value);
}

/** C0 and C1 control characters and DEL, except tab and newline. */
const controlCharacter = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
/** A surrogate that is not half of a pair (with the `u` flag a pair is one code point and does not match). */
const unpairedSurrogate = /[\uD800-\uDFFF]/u;

/**
 * Every text in a parsed body that holds a control character (other than tab and newline: NUL
 * would cut stored text short) or an unpaired surrogate (it cannot be stored as UTF-8), named by
 * its path. Walks with its own stack, so no nesting the JSON parser accepts can overflow it.
 */
export function textProblems(value: unknown, limit = 20): FieldError[] {
  const errors: FieldError[] = [];
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0 && errors.length < limit) {
    const [item, path] = stack.pop()!;
    if (typeof item === 'string') {
      const where = path || '(body)';
      if (controlCharacter.test(item)) {
        errors.push({ path: where, code: 'control_character', message: 'The text holds a control character; only tab and newline are allowed.' });
      } else if (unpairedSurrogate.test(item)) {
        errors.push({ path: where, code: 'unpaired_surrogate', message: 'The text holds an unpaired surrogate, which is not a character.' });
      }
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push([item[i], path ? `${path}.${i}` : String(i)]);
    } else if (typeof item === 'object' && item !== null) {
      const entries = Object.entries(item);
      for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i]![1], path ? `${path}.${entries[i]![0]}` : entries[i]![0]]);
    }
  }
  return errors;
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
