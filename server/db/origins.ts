import type { Tenant } from '../domain/principal.ts';
import type { SqlExecutor } from './driver/types.ts';

/** True when some tenant embeds the widgets on `origin`: enough to answer a CORS preflight. */
export async function isKnownOrigin(db: SqlExecutor, origin: string): Promise<boolean> {
  // The CORS middleware asks for every request, with '' when there is no Origin header (a
  // server-to-server call): no origin is allowed, and no database round trip is needed to say so.
  if (!origin) return false;
  return (await db.query('SELECT 1 FROM allowed_origins WHERE origin = ? LIMIT 1', [origin])).length > 0;
}

/** True when this tenant has allowed `origin`. */
export async function isOriginAllowedFor(db: SqlExecutor, origin: string, tenant: Tenant): Promise<boolean> {
  const rows =
    'companyId' in tenant
      ? await db.query('SELECT 1 FROM allowed_origins WHERE origin = ? AND company_id = ?', [origin, tenant.companyId])
      : await db.query('SELECT 1 FROM allowed_origins WHERE origin = ? AND jobcenter_id = ?', [origin, tenant.jobcenterId]);
  return rows.length > 0;
}

export async function allowOrigin(tx: SqlExecutor, origin: string, tenant: Tenant, at: string): Promise<void> {
  await tx.run('INSERT INTO allowed_origins (origin, company_id, jobcenter_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING', [
    origin,
    'companyId' in tenant ? tenant.companyId : null,
    'jobcenterId' in tenant ? tenant.jobcenterId : null,
    at,
  ]);
}
