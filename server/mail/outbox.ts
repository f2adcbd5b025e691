import type { SqlExecutor } from '../db/client.ts';
import type { EmailContent } from './placement-email.ts';

/** The key that makes one e-mail per placement, whatever retries or races happen (R6.2). */
export const placementDedupeKey = (placementId: number) => `placement:${placementId}`;

/**
 * Queues an e-mail in the caller's transaction: it commits with the change that causes it, or
 * not at all. A second row with the same `dedupeKey` is ignored, so a replay cannot queue twice.
 * The worker (`worker.ts`) sends it later.
 */
export async function enqueueEmail(
  tx: SqlExecutor,
  email: EmailContent & { dedupeKey: string; to: string },
  at: string,
): Promise<void> {
  await tx.run(
    `INSERT INTO outbox (dedupe_key, to_address, subject, text_body, html_body, created_at, next_attempt_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [email.dedupeKey, email.to, email.subject, email.text, email.html, at, at],
  );
}
