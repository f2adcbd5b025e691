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
  /** While failing: no delivery is attempted before this. */
  pausedUntil: string | null;
  /** The API key that made (or last re-enabled) it: revoking that key disables it. */
  createdByKeyId: number | null;
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
    pausedUntil: r.paused_until === null || r.paused_until === undefined ? null : String(r.paused_until),
    createdByKeyId: r.created_by_key_id === null || r.created_by_key_id === undefined ? null : Number(r.created_by_key_id),
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
  s: { tenant: Tenant; url: string; events: readonly JournalKind[]; secretSealed: string; createdAt: string; createdByKeyId: number },
): Promise<number> {
  const result = await tx.run(
    `INSERT INTO webhook_subscriptions (company_id, jobcenter_id, url, events, secret_sealed, created_at, created_by_key_id, after_journal_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(id), 0) FROM journal))`,
    [
      'companyId' in s.tenant ? s.tenant.companyId : null,
      'jobcenterId' in s.tenant ? s.tenant.jobcenterId : null,
      s.url, JSON.stringify(s.events), s.secretSealed, s.createdAt, s.createdByKeyId,
    ],
  );
  if (result.lastInsertId === null) throw new Error('subscription insert returned no id');
  return result.lastInsertId;
}

export async function listSubscriptions(db: SqlExecutor, tenant: Tenant): Promise<SubscriptionRecord[]> {
  const where = tenantWhere(tenant);
  return (await db.query(`SELECT * FROM webhook_subscriptions WHERE ${where.sql} ORDER BY id`, where.args)).map(toSubscription);
}

/** One subscription, the tenant's when one is named; null when there is no such one. */
export async function findSubscription(db: SqlExecutor, id: number, tenant?: Tenant): Promise<SubscriptionRecord | null> {
  const where = tenant ? tenantWhere(tenant) : { sql: '1 = 1', args: [] };
  const rows = await db.query(`SELECT * FROM webhook_subscriptions WHERE id = ? AND ${where.sql}`, [id, ...where.args]);
  return rows[0] ? toSubscription(rows[0]) : null;
}

/** Every subscription's id and sealed secret, for checking which this server can open. */
export async function sealedSecrets(db: SqlExecutor): Promise<{ id: number; secretSealed: string; disabled: boolean }[]> {
  const rows = await db.query('SELECT id, secret_sealed, disabled_at FROM webhook_subscriptions ORDER BY id');
  return rows.map((r) => ({ id: Number(r.id), secretSealed: String(r.secret_sealed), disabled: r.disabled_at !== null }));
}

/**
 * Enables a subscription again as if it had never failed: its cursor is where it stopped, so the
 * dispatcher makes the rows of what happened meanwhile, and rows kept from before are sent first.
 * `byKeyId`, when given, becomes the key it answers to. False when there is no such subscription.
 */
export async function enableSubscription(tx: SqlExecutor, id: number, byKeyId: number | null): Promise<boolean> {
  const result = await tx.run(
    `UPDATE webhook_subscriptions SET disabled_at = NULL, disabled_reason = NULL, consecutive_failures = 0, failing_since = NULL,
            last_error = NULL, paused_until = NULL, created_by_key_id = coalesce(?, created_by_key_id)
      WHERE id = ?`,
    [byKeyId, id],
  );
  if (result.changes !== 1) return false;
  // Rows dropped by a disable before rows were kept through one come back too.
  await tx.run('UPDATE webhook_deliveries SET abandoned_at = NULL WHERE subscription_id = ? AND delivered_at IS NULL AND abandoned_at IS NOT NULL', [id]);
  return true;
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
 * or retrying, so each order's events arrive in journal order. A subscription that is failing is
 * paused until its next back-off step and then probed with its oldest row alone, never while an
 * attempt of it is in flight: an outage costs one attempt per step, however many events wait.
 * `skip` names subscriptions this worker cannot sign for; their rows stay for a worker that can.
 */
export async function claimDueDeliveries(
  db: SqlExecutor,
  owner: string,
  now: string,
  leaseUntil: string,
  limit: number,
  skip: readonly number[] = [],
): Promise<ClaimedDelivery[]> {
  await db.run(
    `UPDATE webhook_deliveries SET lease_owner = ?, lease_until = ?, attempts = attempts + 1
      WHERE id IN (
        SELECT d.id FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
         WHERE d.delivered_at IS NULL AND d.abandoned_at IS NULL AND s.disabled_at IS NULL
           AND (s.paused_until IS NULL OR s.paused_until <= ?)
           AND s.id NOT IN (SELECT value FROM json_each(?))
           AND d.next_attempt_at <= ? AND (d.lease_until IS NULL OR d.lease_until < ?)
           AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e
                            WHERE e.subscription_id = d.subscription_id AND e.job_order_id = d.job_order_id
                              AND e.journal_id < d.journal_id AND e.delivered_at IS NULL AND e.abandoned_at IS NULL)
           AND (s.consecutive_failures = 0 OR (
                 d.journal_id = (SELECT min(e.journal_id) FROM webhook_deliveries e
                                  WHERE e.subscription_id = d.subscription_id AND e.delivered_at IS NULL AND e.abandoned_at IS NULL)
                 AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e
                                  WHERE e.subscription_id = d.subscription_id AND e.delivered_at IS NULL AND e.lease_until >= ?)))
         ORDER BY d.next_attempt_at, d.id LIMIT ?)
        AND delivered_at IS NULL AND abandoned_at IS NULL AND (lease_until IS NULL OR lease_until < ?)`,
    [owner, leaseUntil, now, JSON.stringify(skip), now, now, now, limit, now],
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
  await tx.run('UPDATE webhook_subscriptions SET consecutive_failures = 0, failing_since = NULL, last_error = NULL, paused_until = NULL WHERE id = ?', [row.subscriptionId]);
  return true;
}

/**
 * Records a failed attempt. The first failure of a back-off step counts: the subscription counts
 * one more failure in a row and pauses until `pauseUntil(failures)`. A failure that arrives while
 * the subscription is already paused (an attempt that was in flight beside the one that failed
 * first) is the same outage at the same step and does not count again. Returns the count, when
 * the subscription started failing and whether this one counted; null when the lease had been
 * taken over.
 */
export async function recordFailure(
  tx: SqlExecutor,
  row: ClaimedDelivery,
  at: string,
  reason: string,
  pauseUntil: (failures: number) => string,
): Promise<{ counted: boolean; consecutiveFailures: number; failingSince: string; pausedUntil: string } | null> {
  const sub = (await tx.query('SELECT consecutive_failures, failing_since, paused_until FROM webhook_subscriptions WHERE id = ?', [row.subscriptionId]))[0];
  if (!sub) return null;
  const pausedBefore = sub.paused_until === null ? null : String(sub.paused_until);
  const counted = pausedBefore === null || pausedBefore <= at;
  const failures = Number(sub.consecutive_failures) + (counted ? 1 : 0);
  const pausedUntil = counted ? pauseUntil(failures) : pausedBefore!;
  const result = await tx.run(
    'UPDATE webhook_deliveries SET next_attempt_at = ?, last_error = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?',
    [pausedUntil, reason, row.id, row.owner],
  );
  if (result.changes !== 1) return null;
  await tx.run(
    counted
      ? 'UPDATE webhook_subscriptions SET consecutive_failures = ?, failing_since = coalesce(failing_since, ?), last_error = ?, paused_until = ? WHERE id = ?'
      : 'UPDATE webhook_subscriptions SET last_error = ? WHERE id = ?',
    counted ? [failures, at, reason, pausedUntil, row.subscriptionId] : [reason, row.subscriptionId],
  );
  const failingSince = sub.failing_since === null ? at : String(sub.failing_since);
  return { counted, consecutiveFailures: failures, failingSince, pausedUntil };
}

/**
 * Disables a subscription with the reason its owner sees. Its undelivered rows are kept, and its
 * cursor stays where it is: enabling it again delivers everything it missed, in order.
 */
export async function disableSubscription(tx: SqlExecutor, subscriptionId: number, at: string, reason: string): Promise<void> {
  await tx.run('UPDATE webhook_subscriptions SET disabled_at = ?, disabled_reason = ? WHERE id = ? AND disabled_at IS NULL', [at, reason, subscriptionId]);
}
