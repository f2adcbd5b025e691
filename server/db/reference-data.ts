import type { Database } from './driver/types.ts';
import { municipalities } from '../reference/index.ts';

/**
 * Makes sure every municipality's jobcenter exists (one per municipality, id = its code).
 * Whether a jobcenter has signed up is data that operators change, so it is never overwritten.
 */
export async function ensureJobcenters(db: Database): Promise<void> {
  // Read first: at a normal start every jobcenter exists and nothing is written (no fsync).
  const existing = new Set((await db.query<{ id: string }>('SELECT id FROM jobcenters')).map((r) => String(r.id)));
  const missing = municipalities.filter((m) => !existing.has(m.code));
  if (missing.length === 0) return;
  await db.transaction(async (tx) => {
    for (const m of missing) {
      await tx.run('INSERT INTO jobcenters (id, name, municipality_code, signed_up) VALUES (?, ?, ?, 0) ON CONFLICT (id) DO NOTHING', [
        m.code,
        m.jobcenterName,
        m.code,
      ]);
    }
  });
}
