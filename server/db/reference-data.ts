import type { Database } from './client.ts';
import { municipalities } from '../reference/index.ts';

/**
 * Makes sure every municipality's jobcenter exists (one per municipality, id = its code).
 * Whether a jobcenter has signed up is data that operators change, so it is never overwritten.
 */
export async function ensureJobcenters(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    for (const m of municipalities) {
      await tx.run('INSERT INTO jobcenters (id, name, municipality_code, signed_up) VALUES (?, ?, ?, 0) ON CONFLICT (id) DO NOTHING', [
        m.code,
        m.jobcenterName,
        m.code,
      ]);
    }
  });
}
