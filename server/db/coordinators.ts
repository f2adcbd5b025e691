import type { SqlExecutor } from './driver/types.ts';
import type { Coordinator } from '../contract/coordinator.ts';

/** The coordinator as stored on the order; the jobcenter is the order's responsible one. */
export type CoordinatorRecord = Omit<Coordinator, 'jobcenter'>;

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
