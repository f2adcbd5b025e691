import { tenantKey, tenantOf, type Principal } from '../domain/principal.ts';
import type { SqlExecutor } from '../db/driver/types.ts';
import { findStoredResponse, storeResponse } from '../db/idempotency.ts';
import { Invalid } from '../domain/errors.ts';

/** A request's `Idempotency-Key` and a hash of the body it came with (read by the route). */
export interface IdempotencyKey {
  key: string;
  requestHash: string;
}

/** The first answer given to a key, replayed for a retry. */
export interface Replay {
  replayed: true;
  status: number;
  body: unknown;
  location: string | null;
}

/** Keys belong to the caller's organisation and the operation, so two tenants may pick the same key. */
export function idempotencyScope(principal: Principal, operation?: string): string {
  const owner = tenantKey(tenantOf(principal));
  return operation ? `${owner}:${operation}` : owner;
}

/**
 * The stored answer to this key, or null when the key is new; the same key with another body is a
 * `Invalid`. Called once before the work (a cheap retry) and again inside its write transaction: of two
 * racing retries, the second then replays the first instead of doing the work twice.
 */
export async function findReplay(db: SqlExecutor, scope: string, key: IdempotencyKey | null): Promise<Replay | null> {
  if (!key) return null;
  const row = await findStoredResponse(db, scope, key.key);
  if (!row) return null;
  if (row.requestHash !== key.requestHash) {
    const message = 'This Idempotency-Key was used with a different request body.';
    throw new Invalid([{ path: 'Idempotency-Key', code: 'reused', message }], { slug: 'idempotency-key-reused', detail: message });
  }
  return { replayed: true, status: row.status, body: JSON.parse(row.responseJson), location: row.location };
}

/** Stores the answer in the same transaction as the work it describes. */
export async function rememberAnswer(
  tx: SqlExecutor,
  scope: string,
  key: IdempotencyKey | null,
  answer: { status: number; body: unknown; location: string },
  at: string,
): Promise<void> {
  if (!key) return;
  await storeResponse(tx, scope, key.key, { requestHash: key.requestHash, status: answer.status, responseJson: JSON.stringify(answer.body), location: answer.location }, at);
}
