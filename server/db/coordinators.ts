import type { SqlExecutor } from './client.ts';

export interface CoordinatorRecord {
  name: string;
  email: string | null;
  phone: string | null;
  appointedAt: string | null;
}

/** Appoints (or replaces) the order's tovholder (R1.5); the order's version and latest action move on. */
export async function appointCoordinator(
  tx: SqlExecutor,
  jobOrderId: number,
  coordinator: { name: string; email: string | null; phone: string | null },
  at: string,
): Promise<void> {
  await tx.run(
    `UPDATE job_orders SET coordinator_name = ?, coordinator_email = ?, coordinator_phone = ?, coordinator_appointed_at = ?,
            updated_at = ?, version = version + 1
      WHERE id = ?`,
    [coordinator.name, coordinator.email, coordinator.phone, at, at, jobOrderId],
  );
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
