import type { SqlExecutor } from './driver/types.ts';

export interface StoredResponse {
  requestHash: string;
  status: number;
  responseJson: string;
  location: string | null;
}

/** The response first given to `key` within `scope`, if any. */
export async function findStoredResponse(db: SqlExecutor, scope: string, key: string): Promise<StoredResponse | null> {
  const rows = await db.query<{ request_hash: string; status: number; response_json: string; location: string | null }>(
    'SELECT request_hash, status, response_json, location FROM idempotency_keys WHERE scope = ? AND key = ?',
    [scope, key],
  );
  const row = rows[0];
  return row ? { requestHash: row.request_hash, status: row.status, responseJson: row.response_json, location: row.location } : null;
}

export async function storeResponse(tx: SqlExecutor, scope: string, key: string, response: StoredResponse, at: string): Promise<void> {
  await tx.run(
    'INSERT INTO idempotency_keys (scope, key, request_hash, status, response_json, location, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [scope, key, response.requestHash, response.status, response.responseJson, response.location, at],
  );
}

/**
 * Deletes up to `limit` stored responses created before `before` (oldest first) and says how many
 * went. Small batches keep each write transaction short for the requests waiting behind it.
 */
export async function purgeStoredResponses(db: SqlExecutor, before: string, limit: number): Promise<number> {
  const { changes } = await db.run(
    'DELETE FROM idempotency_keys WHERE rowid IN (SELECT rowid FROM idempotency_keys WHERE created_at < ? ORDER BY created_at LIMIT ?)',
    [before, limit],
  );
  return changes;
}
