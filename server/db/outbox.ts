import type { SqlExecutor } from './driver/types.ts';

/** An e-mail as queued: what the worker needs to send it. */
export interface OutboxEmail {
  dedupeKey: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** A row claimed by one worker's lease. */
export interface ClaimedEmail {
  id: number;
  dedupe_key: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  attempts: number;
  lease_until: string;
  owner: string;
}

/**
 * Queues an e-mail in the caller's transaction: it commits with the change that causes it, or
 * not at all. A second row with the same `dedupeKey` is ignored, so a replay cannot queue twice.
 */
export async function enqueueEmail(tx: SqlExecutor, email: OutboxEmail, at: string): Promise<void> {
  await tx.run(
    `INSERT INTO outbox (dedupe_key, to_address, subject, text_body, html_body, created_at, next_attempt_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [email.dedupeKey, email.to, email.subject, email.text, email.html, at, at],
  );
}

/**
 * Claims up to `limit` due rows for `owner` until `leaseUntil`, and returns exactly those rows.
 * The claim is one UPDATE, which SQLite and libSQL run under the write lock, so no two claims
 * overlap; the outer conditions repeat the due-check so the claim stays safe on any engine.
 */
export async function claimDueEmails(db: SqlExecutor, owner: string, now: string, leaseUntil: string, limit: number): Promise<ClaimedEmail[]> {
  // A read first: an idle server does not take the write lock (and wait for a WAL sync) every poll.
  const due = await db.query(
    'SELECT 1 FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?) LIMIT 1',
    [now, now],
  );
  if (due.length === 0) return [];
  await db.run(
    `UPDATE outbox SET lease_owner = ?, lease_until = ?, attempts = attempts + 1
      WHERE id IN (SELECT id FROM outbox
                    WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ?
                      AND (lease_until IS NULL OR lease_until < ?)
                    ORDER BY next_attempt_at, id LIMIT ?)
        AND sent_at IS NULL AND failed_at IS NULL AND (lease_until IS NULL OR lease_until < ?)`,
    [owner, leaseUntil, now, now, limit, now],
  );
  const rows = await db.query<Omit<ClaimedEmail, 'owner'> & Record<string, unknown>>(
    'SELECT id, dedupe_key, to_address, subject, text_body, html_body, attempts, lease_until FROM outbox WHERE lease_owner = ? AND sent_at IS NULL ORDER BY id',
    [owner],
  );
  return rows.map((r) => ({ ...r, owner }));
}

// Each outcome below is written only while the row is still this owner's; false means the lease
// had been taken over meanwhile.

/** Hands a claimed row back untried (its attempt does not count). */
export async function releaseEmail(db: SqlExecutor, row: ClaimedEmail): Promise<boolean> {
  const result = await db.run('UPDATE outbox SET lease_owner = NULL, lease_until = NULL, attempts = attempts - 1 WHERE id = ? AND lease_owner = ?', [row.id, row.owner]);
  return result.changes === 1;
}

export async function markEmailSent(db: SqlExecutor, row: ClaimedEmail, at: string): Promise<boolean> {
  const result = await db.run('UPDATE outbox SET sent_at = ?, last_error = NULL, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?', [at, row.id, row.owner]);
  return result.changes === 1;
}

export async function retryEmailLater(db: SqlExecutor, row: ClaimedEmail, nextAttemptAt: string, reason: string): Promise<boolean> {
  const result = await db.run('UPDATE outbox SET next_attempt_at = ?, last_error = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?', [nextAttemptAt, reason, row.id, row.owner]);
  return result.changes === 1;
}

export async function giveUpEmail(db: SqlExecutor, row: ClaimedEmail, at: string, reason: string): Promise<boolean> {
  const result = await db.run('UPDATE outbox SET failed_at = ?, last_error = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?', [at, reason, row.id, row.owner]);
  return result.changes === 1;
}
