import type { SqlExecutor } from './driver/client.ts';

export interface CoordinatorRecord {
  name: string;
  email: string | null;
  phone: string | null;
  appointedAt: string | null;
}

export async function findCoordinator(db: SqlExecutor, jobOrderId: number): Promise<CoordinatorRecord | null> {
  const rows = await db.query(
    'SELECT coordinator_name, coordinator_email, coordinator_phone, coordinator_appointed_at FROM job_orders WHERE id = ?',
    [jobOrderId],
  );
  const r = rows[0];
  if (!r || r.coordinator_name === null) return null;
  return {
    name: String(r.coordinator_name),
    email: r.coordinator_email === null ? null : String(r.coordinator_email),
    phone: r.coordinator_phone === null ? null : String(r.coordinator_phone),
    appointedAt: r.coordinator_appointed_at === null ? null : String(r.coordinator_appointed_at),
  };
}
