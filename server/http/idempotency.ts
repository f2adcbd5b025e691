import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { SqlExecutor } from '../db/client.ts';
import { HttpProblem } from './problem.ts';

/** One request's `Idempotency-Key`, with the caller's scope and a hash of what it sent. */
export interface IdempotentRequest {
  scope: string;
  key: string;
  requestHash: string;
}

/**
 * Reads `Idempotency-Key` (null when none was sent). Keys are per `scope`, so two tenants may use
 * the same key string; the body's hash tells a true retry from a different request under one key.
 */
export function idempotentRequest(c: Context, scope: string, body: unknown): IdempotentRequest | null {
  const key = c.req.header('idempotency-key');
  if (key === undefined) return null;
  if (key.length < 1 || key.length > 255) {
    const message = 'Idempotency-Key must be 1 to 255 characters.';
    throw new HttpProblem(400, 'invalid-idempotency-key', message, { errors: [{ path: 'Idempotency-Key', code: 'too_big', message }] });
  }
  return { scope, key, requestHash: createHash('sha256').update(JSON.stringify(body)).digest('hex') };
}

/**
 * The first answer to this key, replayed; null when the key is new. Call it again inside the write
 * transaction that does the work: of two racing retries, the second then replays the first.
 */
export async function findReplay(db: SqlExecutor, request: IdempotentRequest | null): Promise<Response | null> {
  if (!request) return null;
  const rows = await db.query<{ request_hash: string; status: number; response_json: string; location: string | null }>(
    'SELECT request_hash, status, response_json, location FROM idempotency_keys WHERE scope = ? AND key = ?',
    [request.scope, request.key],
  );
  const row = rows[0];
  if (!row) return null;
  if (row.request_hash !== request.requestHash) {
    const message = 'This Idempotency-Key was used with a different request body.';
    throw new HttpProblem(422, 'idempotency-key-reused', message, { errors: [{ path: 'Idempotency-Key', code: 'reused', message }] });
  }
  const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotent-replayed': 'true' };
  if (row.location) headers.location = row.location;
  const version = (JSON.parse(row.response_json) as { version?: unknown }).version;
  if (typeof version === 'number') headers.etag = `"${version}"`;
  return new Response(row.response_json, { status: row.status, headers });
}

/** Stores the answer in the same transaction as the work it describes. */
export async function rememberResponse(
  tx: SqlExecutor,
  request: IdempotentRequest | null,
  response: { status: number; body: unknown; location: string; at: string },
): Promise<void> {
  if (!request) return;
  await tx.run(
    'INSERT INTO idempotency_keys (scope, key, request_hash, status, response_json, location, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [request.scope, request.key, request.requestHash, response.status, JSON.stringify(response.body), response.location, response.at],
  );
}
