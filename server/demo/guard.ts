// Production never answers to the public demo keys (README lists them). A database that was ever
// started in demo mode still holds them; production then refuses to start rather than deleting
// anything itself: the operator either pointed it at the wrong database (and should not get demo
// companies served as real ones) or revokes them on purpose with `scripts/admin.ts revoke-demo-keys`.
import { hashApiKey } from '../auth/index.ts';
import type { SqlExecutor } from '../db/driver/types.ts';
import { findApiKeyOwner } from '../db/credentials.ts';
import { demoKeys } from './data.ts';

/** The demo keys that are active in this database. */
export async function activeDemoKeys(db: SqlExecutor): Promise<string[]> {
  const active: string[] = [];
  for (const key of Object.values(demoKeys)) if (await findApiKeyOwner(db, hashApiKey(key))) active.push(key);
  return active;
}

/** The refusal production prints, or null when no demo key is active. */
export async function demoCredentialsProblem(db: SqlExecutor): Promise<string | null> {
  const active = await activeDemoKeys(db);
  if (active.length === 0) return null;
  return (
    `Refusing to start in production: the database holds ${active.length} active demo API key(s) (${active.join(', ')}), which are public. ` +
    'Point DATABASE_URL at the production database, or revoke them with `node --import tsx scripts/admin.ts revoke-demo-keys`.'
  );
}
