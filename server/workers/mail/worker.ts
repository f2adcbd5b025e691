import { randomUUID } from 'node:crypto';
import type { SqlExecutor } from '../../db/driver/types.ts';
import { claimDueEmails, giveUpEmail, markEmailSent, releaseEmail, retryEmailLater, type ClaimedEmail } from '../../db/outbox.ts';
import { systemClock, type Clock } from '../../domain/calendar.ts';
import type { Mailer } from './mailer.ts';
import { pollingLoop } from '../polling-loop.ts';

export interface OutboxWorkerOptions {
  db: SqlExecutor;
  mailer: Mailer;
  /** The sender, e.g. `JobAG Jobordre <jobordre@example.dk>`. */
  from: string;
  clock?: Clock;
  /** Names this worker in `lease_owner`; defaults to a random id. */
  id?: string;
  /** How long a claimed row is this worker's alone. Must exceed `sendBudgetMs` by a wide margin. */
  leaseMs?: number;
  /** The longest one send may take (the SMTP mailer's timeouts stay below it). */
  sendBudgetMs?: number;
  pollMs?: number;
  batchSize?: number;
  /** Back-off after the n-th failed attempt: `min(backoffMaxMs, backoffBaseMs * 2^(n-1))`. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** After this many failed attempts a row is given up (`failed_at`), kept with its last error. */
  maxAttempts?: number;
  log?: (message: string) => void;
}

export interface OutboxWorker {
  readonly id: string;
  /** Claims due rows, sends them, records the outcome. Safe to call from many processes at once. */
  runOnce(): Promise<{ sent: number; failed: number }>;
  /** Polls every `pollMs` until `stop()`. */
  start(): void;
  /** Runs a round now instead of at the next poll (e.g. right after a placement). */
  wake(): void;
  /** Stops polling and waits for a round in progress to finish. */
  stop(): Promise<void>;
}


/** The wait before the next try after `attempts` failed ones: exponential, capped. */
export function backoffDelay(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * Sends the outbox (R6.2). Rows are claimed with a lease in one UPDATE, so of several workers —
 * in one process or many sharing the database — exactly one owns a row until its lease ends;
 * each worker then reads back only the rows its own claim marked. A row is marked sent only by
 * the owner of its lease, and a lease is always longer than a send may take, so a row is never
 * sent by two workers. A failed send is retried with exponential back-off.
 */
export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const {
    db,
    mailer,
    from,
    clock = systemClock,
    id = `worker-${randomUUID()}`,
    leaseMs = 5 * 60_000,
    sendBudgetMs = 60_000,
    pollMs = 1000,
    batchSize = 10,
    backoffBaseMs = 10_000,
    backoffMaxMs = 60 * 60_000,
    maxAttempts = 20,
    log = (message: string) => console.warn(`[jobag] outbox: ${message}`),
  } = options;
  if (leaseMs <= sendBudgetMs) throw new Error('leaseMs must be longer than sendBudgetMs, or a slow send could outlive its lease.');
  let claims = 0;

  async function claim(): Promise<ClaimedEmail[]> {
    const now = clock();
    // A fresh owner token per claim: the read-back finds this claim's rows and nothing else.
    const owner = `${id}#${++claims}`;
    return claimDueEmails(db, owner, now.toISOString(), new Date(now.getTime() + leaseMs).toISOString(), batchSize);
  }

  async function settle(record: () => Promise<boolean>): Promise<boolean> {
    // The outcome must be recorded; a busy database gets a few more chances before the lease decides.
    for (let attempt = 1; ; attempt++) {
      try {
        return await record();
      } catch (error) {
        if (attempt >= 3) throw error;
        await new Promise((r) => setTimeout(r, 50 * attempt));
      }
    }
  }

  async function runOnce(): Promise<{ sent: number; failed: number }> {
    const rows = await claim();
    let sent = 0;
    let failed = 0;
    for (const row of rows) {
      // Sends are sequential; a row whose lease would end mid-send is handed back untried.
      if (Date.parse(row.lease_until) - clock().getTime() < sendBudgetMs) {
        await settle(() => releaseEmail(db, row));
        continue;
      }
      try {
        await mailer.send({
          key: row.dedupe_key,
          messageId: `<${row.dedupe_key.replace(/[^a-zA-Z0-9.-]/g, '-')}@jobag.orders>`,
          from,
          to: row.to_address,
          subject: row.subject,
          text: row.text_body,
          html: row.html_body,
        });
      } catch (error) {
        failed++;
        const at = clock();
        const reason = String((error as Error)?.message ?? error).slice(0, 500);
        if (row.attempts >= maxAttempts) {
          await settle(() => giveUpEmail(db, row, at.toISOString(), reason));
          log(`gave up on ${row.dedupe_key} after ${row.attempts} attempts: ${reason}`);
        } else {
          const next = new Date(at.getTime() + backoffDelay(row.attempts, backoffBaseMs, backoffMaxMs)).toISOString();
          await settle(() => retryEmailLater(db, row, next, reason));
        }
        continue;
      }
      sent++;
      const marked = await settle(() => markEmailSent(db, row, clock().toISOString()));
      if (!marked) log(`${row.dedupe_key} was sent but its lease had been taken over; check the lease length.`);
    }
    return { sent, failed };
  }

  const loop = pollingLoop(runOnce, {
    pollMs,
    // A full batch suggests more are due: go again at once.
    goOnAtOnce: (result) => result.sent + result.failed >= batchSize,
    log,
  });
  return { id, ...loop };
}
