import type { Tenant } from '../domain/principal.ts';
import type { SqlExecutor } from './driver/types.ts';

/** Whom an API key belongs to: a company, or a jobcenter and whether it has signed up; null when unknown or revoked. */
export async function findApiKeyOwner(
  db: SqlExecutor,
  keyHash: string,
): Promise<{ kind: 'company'; id: number; name: string; keyId: number } | { kind: 'jobcenter'; id: string; name: string; signedUp: boolean; keyId: number } | null> {
  const row = await db.queryOne<{ key_id: number; company_id: number | null; company_name: string | null; jobcenter_id: string | null; jobcenter_name: string | null; signed_up: number | null }>(
    `SELECT k.id AS key_id, k.company_id, c.name AS company_name, k.jobcenter_id, j.name AS jobcenter_name, j.signed_up
       FROM api_keys k
       LEFT JOIN companies c ON c.id = k.company_id
       LEFT JOIN jobcenters j ON j.id = k.jobcenter_id
      WHERE k.key_hash = ? AND k.revoked_at IS NULL`,
    [keyHash],
  );
  if (!row) return null;
  if (row.company_id !== null) return { kind: 'company', id: row.company_id, name: row.company_name ?? '', keyId: row.key_id };
  return { kind: 'jobcenter', id: row.jobcenter_id ?? '', name: row.jobcenter_name ?? '', signedUp: row.signed_up === 1, keyId: row.key_id };
}

/** Is the key with this id active and owned by this company or jobcenter? (A widget token names the key that minted it.) */
export async function isApiKeyActive(db: SqlExecutor, keyId: number, owner: Tenant): Promise<boolean> {
  const rows =
    'companyId' in owner
      ? await db.query('SELECT 1 FROM api_keys WHERE id = ? AND revoked_at IS NULL AND company_id = ?', [keyId, owner.companyId])
      : await db.query('SELECT 1 FROM api_keys WHERE id = ? AND revoked_at IS NULL AND jobcenter_id = ?', [keyId, owner.jobcenterId]);
  return rows.length > 0;
}

/** The company of a contact person, only if the person belongs to that company. */
export async function findCompanyOfContactPerson(
  db: SqlExecutor,
  companyId: number,
  contactPersonId: number,
): Promise<{ id: number; name: string; personName: string } | null> {
  const rows = await db.query<{ id: number; name: string; personName: string }>(
    'SELECT c.id, c.name, p.name AS personName FROM companies c JOIN contact_persons p ON p.company_id = c.id WHERE c.id = ? AND p.id = ?',
    [companyId, contactPersonId],
  );
  return rows[0] ?? null;
}

/** Stores an API key by its hash only; the key itself is shown once to whoever created it. */
export async function insertApiKey(
  tx: SqlExecutor,
  key: { hash: string; label: string; owner: Tenant },
  at: string,
): Promise<void> {
  await tx.run('INSERT INTO api_keys (key_hash, label, company_id, jobcenter_id, created_at) VALUES (?, ?, ?, ?, ?)', [
    key.hash,
    key.label,
    'companyId' in key.owner ? key.owner.companyId : null,
    'jobcenterId' in key.owner ? key.owner.jobcenterId : null,
    at,
  ]);
}

/** Revokes a key at once; returns false when no active key has that hash. */
export async function revokeApiKey(tx: SqlExecutor, keyHash: string, at: string): Promise<boolean> {
  const result = await tx.run('UPDATE api_keys SET revoked_at = ? WHERE key_hash = ? AND revoked_at IS NULL', [at, keyHash]);
  return result.changes === 1;
}

/** The counter every change that can narrow a credential moves (migration 021's triggers). */
export async function credentialEpoch(db: SqlExecutor): Promise<number> {
  const row = await db.queryOne<{ epoch: number }>('SELECT epoch FROM credential_epoch WHERE id = 1');
  return Number(row?.epoch ?? 0);
}
