import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { SqlExecutor } from '../db/client.ts';
import { findStoredResponse, storeResponse } from '../db/idempotency.ts';
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
  const row = await findStoredResponse(db, request.scope, request.key);
  if (!row) return null;
  if (row.requestHash !== request.requestHash) {
    const message = 'This Idempotency-Key was used with a different request body.';
    throw new HttpProblem(422, 'idempotency-key-reused', message, { errors: [{ path: 'Idempotency-Key', code: 'reused', message }] });
  }
  const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotent-replayed': 'true' };
  if (row.location) headers.location = row.location;
  const version = (JSON.parse(row.responseJson) as { version?: unknown }).version;
  if (typeof version === 'number') headers.etag = `"${version}"`;
  return new Response(row.responseJson, { status: row.status, headers });
}

/** Stores the answer in the same transaction as the work it describes. */
export async function rememberResponse(
  tx: SqlExecutor,
  request: IdempotentRequest | null,
  response: { status: number; body: unknown; location: string; at: string },
): Promise<void> {
  if (!request) return;
  await storeResponse(
    tx,
    request.scope,
    request.key,
    { requestHash: request.requestHash, status: response.status, responseJson: JSON.stringify(response.body), location: response.location },
    response.at,
  );
}
