import type { Row, SqlExecutor } from './driver/types.ts';
import type { JournalKind } from '../contract/journal.ts';
import type { Tenant } from '../domain/principal.ts';

export interface SubscriptionRecord {
  id: number;
  /** Whose the subscription is: the API key's company or jobcenter. */
  tenant: Tenant;
  url: string;
  events: JournalKind[];
  secretSealed: string;
  createdAt: string;
  afterJournalId: number;
  consecutiveFailures: number;
  failingSince: string | null;
  lastError: string | null;
  disabledAt: string | null;
  disabledReason: string | null;
}

const tenantWhere = (tenant: Tenant) =>
  'companyId' in tenant ? { sql: 'company_id = ?', args: [tenant.companyId] } : { sql: 'jobcenter_id = ?', args: [tenant.jobcenterId] };

function toSubscription(r: Row): SubscriptionRecord {
  return {
    id: Number(r.id),
    tenant: r.company_id === null ? { jobcenterId: String(r.jobcenter_id) } : { companyId: Number(r.company_id) },
    url: String(r.url),
    events: JSON.parse(String(r.events)) as JournalKind[],
    secretSealed: String(r.secret_sealed),
    createdAt: String(r.created_at),
    afterJournalId: Number(r.after_journal_id),
    consecutiveFailures: Number(r.consecutive_failures),
    failingSince: r.failing_since === null ? null : String(r.failing_since),
    lastError: r.last_error === null ? null : String(r.last_error),
    disabledAt: r.disabled_at === null ? null : String(r.disabled_at),
    disabledReason: r.disabled_reason === null ? null : String(r.disabled_reason),
  };
}

export async function countSubscriptions(db: SqlExecutor, tenant: Tenant): Promise<number> {
  const where = tenantWhere(tenant);
  const rows = await db.query(`SELECT count(*) AS n FROM webhook_subscriptions WHERE ${where.sql}`, where.args);
  return Number(rows[0]?.n ?? 0);
}

/** A new subscription starts after the newest journal entry: it receives what happens from now on. */
export async function insertSubscription(
  tx: SqlExecutor,
  s: { tenant: Tenant; url: string; events: readonly JournalKind[]; secretSealed: string; createdAt: string },
): Promise<number> {
  const result = await tx.run(
    `INSERT INTO webhook_subscriptions (company_id, jobcenter_id, url, events, secret_sealed, created_at, after_journal_id)
     VALUES (?, ?, ?, ?, ?, ?, (SELECT coalesce(max(id), 0) FROM journal))`,
    [
      'companyId' in s.tenant ? s.tenant.companyId : null,
      'jobcenterId' in s.tenant ? s.tenant.jobcenterId : null,
      s.url, JSON.stringify(s.events), s.secretSealed, s.createdAt,
    ],
  );
  if (result.lastInsertId === null) throw new Error('subscription insert returned no id');
  return result.lastInsertId;
}

export async function listSubscriptions(db: SqlExecutor, tenant: Tenant): Promise<SubscriptionRecord[]> {
  const where = tenantWhere(tenant);
  return (await db.query(`SELECT * FROM webhook_subscriptions WHERE ${where.sql} ORDER BY id`, where.args)).map(toSubscription);
}

/** Deletes a tenant's subscription and its unsent deliveries; false when the tenant has no such subscription. */
export async function deleteSubscription(tx: SqlExecutor, tenant: Tenant, id: number): Promise<boolean> {
  const where = tenantWhere(tenant);
  const owned = await tx.query(`SELECT id FROM webhook_subscriptions WHERE id = ? AND ${where.sql}`, [id, ...where.args]);
  if (owned.length === 0) return false;
  await tx.run('DELETE FROM webhook_deliveries WHERE subscription_id = ?', [id]);
  await tx.run('DELETE FROM webhook_subscriptions WHERE id = ?', [id]);
  return true;
}

/** The subscriptions the dispatcher feeds, with whether a jobcenter owner is (still) in the scheme. */
export async function activeSubscriptions(tx: SqlExecutor): Promise<(SubscriptionRecord & { inScheme: boolean })[]> {
  const rows = await tx.query(
    `SELECT s.*, coalesce(j.signed_up, 1) AS in_scheme FROM webhook_subscriptions s
       LEFT JOIN jobcenters j ON j.id = s.jobcenter_id
      WHERE s.disabled_at IS NULL ORDER BY s.id`,
  );
  return rows.map((r) => ({ ...toSubscription(r), inScheme: Number(r.in_scheme) === 1 }));
}

export async function insertDelivery(
  tx: SqlExecutor,
  d: { subscriptionId: number; journalId: number; jobOrderId: number; payload: string; at: string },
): Promise<void> {
  await tx.run(
    `INSERT INTO webhook_deliveries (subscription_id, journal_id, job_order_id, payload, created_at, next_attempt_at)
     VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (subscription_id, journal_id) DO NOTHING`,
    [d.subscriptionId, d.journalId, d.jobOrderId, d.payload, d.at, d.at],
  );
}

export async function advanceCursor(tx: SqlExecutor, subscriptionId: number, afterJournalId: number): Promise<void> {
  await tx.run('UPDATE webhook_subscriptions SET after_journal_id = max(after_journal_id, ?) WHERE id = ?', [afterJournalId, subscriptionId]);
}

/** A delivery claimed by one worker's lease, with what sending it needs. */
export interface ClaimedDelivery {
  id: number;
  subscriptionId: number;
  journalId: number;
  payload: string;
  attempts: number;
  leaseUntil: string;
  owner: string;
  url: string;
  secretSealed: string;
}

/**
 * Claims up to `limit` due deliveries, like the e-mail outbox's claim (one UPDATE under SQLite's
 * write lock, read back by a fresh owner token). A delivery is due only when it is the oldest
 * unsent one of its (subscription, order): a later entry waits while an earlier one is pending
 * or retrying, so each order's events arrive in journal order.
 */
export async function claimDueDeliveries(db: SqlExecutor, owner: string, now: string, leaseUntil: string, limit: number): Promise<ClaimedDelivery[]> {
  await db.run(
    `UPDATE webhook_deliveries SET lease_owner = ?, lease_until = ?, attempts = attempts + 1
      WHERE id IN (
        SELECT d.id FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
         WHERE d.delivered_at IS NULL AND d.abandoned_at IS NULL AND s.disabled_at IS NULL
           AND d.next_attempt_at <= ? AND (d.lease_until IS NULL OR d.lease_until < ?)
           AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e
                            WHERE e.subscription_id = d.subscription_id AND e.job_order_id = d.job_order_id
                              AND e.journal_id < d.journal_id AND e.delivered_at IS NULL AND e.abandoned_at IS NULL)
         ORDER BY d.next_attempt_at, d.id LIMIT ?)
        AND delivered_at IS NULL AND abandoned_at IS NULL AND (lease_until IS NULL OR lease_until < ?)`,
    [owner, leaseUntil, now, now, limit, now],
  );
  const rows = await db.query(
    `SELECT d.id, d.subscription_id, d.journal_id, d.payload, d.attempts, d.lease_until, s.url, s.secret_sealed
       FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
      WHERE d.lease_owner = ? AND d.delivered_at IS NULL ORDER BY d.id`,
    [owner],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    subscriptionId: Number(r.subscription_id),
    journalId: Number(r.journal_id),
    payload: String(r.payload),
    attempts: Number(r.attempts),
    leaseUntil: String(r.lease_until),
    owner,
    url: String(r.url),
    secretSealed: String(r.secret_sealed),
  }));
}

// Each outcome is written only while the row is still this owner's; false means the lease had been taken over.

export async function releaseDelivery(db: SqlExecutor, row: ClaimedDelivery): Promise<boolean> {
  const result = await db.run('UPDATE webhook_deliveries SET lease_owner = NULL, lease_until = NULL, attempts = attempts - 1 WHERE id = ? AND lease_owner = ?', [row.id, row.owner]);
  return result.changes === 1;
}

/** Marks a delivery sent and the subscription healthy again, in one transaction. */
export async function markDelivered(tx: SqlExecutor, row: ClaimedDelivery, at: string): Promise<boolean> {
  const result = await tx.run(
    'UPDATE webhook_deliveries SET delivered_at = ?, last_error = NULL, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?',
    [at, row.id, row.owner],
  );
  if (result.changes !== 1) return false;
  await tx.run('UPDATE webhook_subscriptions SET consecutive_failures = 0, failing_since = NULL, last_error = NULL WHERE id = ?', [row.subscriptionId]);
  return true;
}

/**
 * Records a failed attempt: the delivery waits until `nextAttemptAt`, the subscription counts one
 * more failure in a row. Returns the subscription's count and when it started failing, or null
 * when the lease had been taken over.
 */
export async function recordFailure(
  tx: SqlExecutor,
  row: ClaimedDelivery,
  at: string,
  nextAttemptAt: string,
  reason: string,
): Promise<{ consecutiveFailures: number; failingSince: string } | null> {
  const result = await tx.run(
    'UPDATE webhook_deliveries SET next_attempt_at = ?, last_error = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?',
    [nextAttemptAt, reason, row.id, row.owner],
  );
  if (result.changes !== 1) return null;
  await tx.run(
    `UPDATE webhook_subscriptions SET consecutive_failures = consecutive_failures + 1, failing_since = coalesce(failing_since, ?), last_error = ?
      WHERE id = ?`,
    [at, reason, row.subscriptionId],
  );
  const rows = await tx.query('SELECT consecutive_failures, failing_since FROM webhook_subscriptions WHERE id = ?', [row.subscriptionId]);
  const r = rows[0];
  return r ? { consecutiveFailures: Number(r.consecutive_failures), failingSince: String(r.failing_since) } : null;
}

/** Disables a subscription with the reason its owner sees; its waiting deliveries are abandoned. */
export async function disableSubscription(tx: SqlExecutor, subscriptionId: number, at: string, reason: string): Promise<void> {
  await tx.run('UPDATE webhook_subscriptions SET disabled_at = ?, disabled_reason = ? WHERE id = ? AND disabled_at IS NULL', [at, reason, subscriptionId]);
  await tx.run('UPDATE webhook_deliveries SET abandoned_at = ?, lease_owner = NULL, lease_until = NULL WHERE subscription_id = ? AND delivered_at IS NULL AND abandoned_at IS NULL', [at, subscriptionId]);
}
