// Reading the parts of a request that every resource shares: path ids, checked bodies,
// `If-Match` and `Idempotency-Key`. Transport only: no rule of the domain lives here.
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import * as v from 'valibot';
import type { CheckedInput } from '../core/context.ts';
import type { IdempotencyKey, Replay } from '../core/idempotency.ts';
import { idPattern, pathIds, type PathIdName } from '../contract/parameters.ts';
import { HttpProblem } from './problem.ts';
import { plainJsonAnswer } from './middleware/edge.ts';
import { issuesToFieldErrors, parseOrThrow } from './validate.ts';

/** A path id (`id`, `placementId`), or 400 naming it. */
export function pathId(c: Context, name: PathIdName): number {
  const raw = c.req.param(name);
  // The common case (a plain id) without the schema; anything else gets the schema's 400.
  if (typeof raw === 'string' && idPattern.test(raw)) return Number(raw);
  return parseOrThrow(pathIds[name], raw, { status: 400, prefix: name });
}

/**
 * A JSON answer whose body is already JSON text (an order as stored): the same `content-type` as
 * `c.json`, without parsing and serialising it again, and with its headers kept as a plain record
 * the edge completes (middleware/edge.ts). `headers` are the answer's own, with lower-case names.
 */
export function jsonText(json: string, status: 200 | 201, headers: Record<string, string> = {}): Response {
  return plainJsonAnswer(json, status, headers);
}

/** A page of items that are JSON texts: `{"items":[…],"nextCursor":…}`, as `c.json` would write it. */
export function jsonPageText(page: { items: string[]; nextCursor: string | null }): string {
  return `{"items":[${page.items.join(',')}],"nextCursor":${JSON.stringify(page.nextCursor)}}`;
}

/** A body checked against its schema without throwing, so a command can add its own rules' errors. */
export function checkBody<S extends v.GenericSchema>(schema: S, raw: unknown): CheckedInput<v.InferOutput<S>> {
  const result = v.safeParse(schema, raw, { abortEarly: false });
  const object = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  return result.success
    ? { value: result.output, errors: [], raw: object }
    : { value: null, errors: issuesToFieldErrors(result.issues), raw: object };
}

/**
 * The versions an `If-Match` names (`"7"`, `W/"7"`, a list); `'any'` for `*`; undefined when
 * absent. A tag that is not one of ours names no version, so the request fails with 412 as RFC
 * 9110 says.
 */
export function ifMatchOf(c: Context): number[] | 'any' | undefined {
  const header = c.req.header('if-match');
  if (header === undefined) return undefined;
  if (header.trim() === '*') return 'any';
  if (header.length > ifMatchMaxLength) {
    const message = `If-Match is at most ${ifMatchMaxLength} characters: the ETag you read.`;
    throw new HttpProblem(400, 'invalid-parameters', message, { errors: [{ path: 'If-Match', code: 'too_big', message }] });
  }
  return header
    .split(',')
    .map((tag) => /^\s*(?:W\/)?"(\d{1,15})"\s*$/.exec(tag)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number);
}

/** The contract's bound of `If-Match` (a few ETags at most). */
export const ifMatchMaxLength = 200;

export const etagOfVersion = (version: number) => `"${version}"`;

export const idempotencyKeyRule = { minLength: 1, maxLength: 255 } as const;

/**
 * `Idempotency-Key` with a hash of the body it came with (null when none was sent); the hash
 * tells a true retry from a different request under one key.
 */
export function idempotencyKeyOf(c: Context, body: unknown): IdempotencyKey | null {
  const key = c.req.header('idempotency-key');
  if (key === undefined) return null;
  if (key.length < idempotencyKeyRule.minLength || key.length > idempotencyKeyRule.maxLength) {
    const message = `Idempotency-Key must be ${idempotencyKeyRule.minLength} to ${idempotencyKeyRule.maxLength} characters.`;
    throw new HttpProblem(400, 'invalid-idempotency-key', message, { errors: [{ path: 'Idempotency-Key', code: 'too_big', message }] });
  }
  return { key, requestHash: hashJson(body) };
}

/**
 * SHA-256 of `JSON.stringify(value)` for a parsed JSON value: the same hash the first version
 * stored (so keys kept across an upgrade still match); a body nested too deep for JSON.stringify
 * is written by a walk without recursion, so no nesting the JSON parser accepts can overflow the
 * stack: a deep body with a key is answered, never a 500.
 */
export function hashJson(value: unknown): string {
  const hash = createHash('sha256');
  // The common body in one native call (a few times cheaper than the walk); the walk for a body too deep for it.
  try {
    return hash.update(JSON.stringify(value) ?? 'null').digest('hex');
  } catch {
    // RangeError: nested deeper than JSON.stringify's stack allows.
  }
  // Each entry is a value to write, or a piece of punctuation already decided.
  const stack: ({ text: string } | { value: unknown })[] = [{ value }];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if ('text' in next) {
      hash.update(next.text);
      continue;
    }
    const item = next.value;
    if (Array.isArray(item)) {
      stack.push({ text: ']' });
      for (let i = item.length - 1; i >= 0; i--) {
        stack.push({ value: item[i] });
        if (i > 0) stack.push({ text: ',' });
      }
      stack.push({ text: '[' });
    } else if (typeof item === 'object' && item !== null) {
      const entries = Object.entries(item).filter(([, v]) => v !== undefined);
      stack.push({ text: '}' });
      for (let i = entries.length - 1; i >= 0; i--) {
        stack.push({ value: entries[i]![1] });
        stack.push({ text: `${i > 0 ? ',' : ''}${JSON.stringify(entries[i]![0])}:` });
      }
      stack.push({ text: '{' });
    } else {
      hash.update(JSON.stringify(item) ?? 'null');
    }
  }
  return hash.digest('hex');
}

/** A retry's answer: the first response again, marked `Idempotent-Replayed`. */
export function replayResponse(replay: Replay): Response {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotent-replayed': 'true' };
  if (replay.location) headers.location = replay.location;
  const version = (replay.body as { version?: unknown }).version;
  if (typeof version === 'number') headers.etag = etagOfVersion(version);
  return new Response(JSON.stringify(replay.body), { status: replay.status, headers });
}
