// Webhook deliveries: modelled on the e-mail outbox's worker (server/workers/mail/worker.ts),
// not a generalisation of it — the claim here has an ordering rule the outbox does not need.
//
// Each round has two steps, both safe in any number of processes sharing the database:
// 1. Dispatch: in one write transaction, each active subscription's cursor moves over the new
//    journal entries, making one delivery row per entry it may see and chose. The transaction
//    holds SQLite's write lock, so two processes never move one cursor over the same entries, and
//    UNIQUE (subscription_id, journal_id) makes a second row impossible anyway.
// 2. Deliver: due rows are claimed with a lease in one UPDATE (as the outbox does); only the
//    oldest unsent row of each (subscription, order) is due, so an order's events arrive in journal
//    order, a later one waiting while an earlier one retries. Claimed rows are independent of each
//    other and are sent at once, each with a time-out well inside its lease.
// Back-off belongs to the subscription, not the row: a receiver that fails is down for all of its
// events, so a failure pauses the whole subscription until its next step and then one row probes
// it. Failures in a row count steps, and a disabled subscription keeps its rows for a re-enable.
import { randomUUID } from 'node:crypto';
import { journalEntryVisible } from '../../domain/access.ts';
import { logEntryOf } from '../../core/journal.ts';
import type { Database } from '../../db/driver/types.ts';
import { latestJournalId, readJournalAfter, type JournalRecord } from '../../db/journal.ts';
import { sendSigned } from '../../core/webhook-send.ts';
import {
  activeSubscriptions,
  advanceCursor,
  claimDueDeliveries,
  disableSubscription,
  insertDelivery,
  markDelivered,
  recordFailure,
  releaseDelivery,
  type ClaimedDelivery,
} from '../../db/webhooks.ts';
import { systemClock, type Clock } from '../../domain/calendar.ts';
import { pollingLoop } from '../polling-loop.ts';
import { openSecret } from '../../core/webhook-secret.ts';
import { strictWebhookPolicy, type WebhookUrlPolicy } from '../../core/webhook-url-policy.ts';

export interface WebhookSettings {
  /** How often a worker looks for new journal entries and due deliveries (ms). */
  pollMs: number;
  /** The longest one attempt may take, connection to status line (ms); then it counts as failed. */
  attemptTimeoutMs: number;
  /** How long claimed rows are this worker's alone; well beyond `attemptTimeoutMs`. */
  leaseMs: number;
  /** The subscription's pause after its 1st, 2nd, … failed step in a row (the last repeats), each plus up to `jitter` of itself. */
  backoffMs: number[];
  jitter: number;
  /** A subscription is disabled after this many failed back-off steps in a row … */
  maxConsecutiveFailures: number;
  /** … or once it has failed without a success for this long (ms). */
  maxFailingMs: number;
  batchSize: number;
}

export const defaultWebhookSettings: WebhookSettings = {
  pollMs: 1000,
  attemptTimeoutMs: 10_000,
  leaseMs: 60_000,
  backoffMs: [5_000, 30_000, 120_000, 600_000, 3_600_000, 2 * 3_600_000, 4 * 3_600_000, 8 * 3_600_000],
  jitter: 0.2,
  maxConsecutiveFailures: 15,
  maxFailingMs: 24 * 3_600_000,
  batchSize: 20,
};

/** The body of a delivery (Standard Webhooks' `type`, `timestamp`, `data`): `data` is the `/v1/events` event's LogEntry. */
export function webhookPayload(record: JournalRecord): string {
  return JSON.stringify({ type: record.kind, timestamp: record.at, data: logEntryOf(record) });
}

/** `webhook-id`: the same for every attempt of one delivery, so a receiver can drop a repeat. */
export const webhookMessageId = (subscriptionId: number, journalId: number) => `msg_${subscriptionId}_${journalId}`;

export interface WebhookWorkerOptions {
  db: Database;
  /** The server's signing secret, which seals the subscriptions' secrets. */
  serverSecret: string;
  policy?: WebhookUrlPolicy;
  clock?: Clock;
  id?: string;
  settings?: Partial<WebhookSettings>;
  log?: (message: string) => void;
  /** A fault an operator must fix (a secret this server cannot open); `log` when not given. */
  logError?: (message: string) => void;
}

export interface WebhookWorker {
  readonly id: string;
  readonly settings: WebhookSettings;
  /** One dispatch and one delivery round. */
  runOnce(): Promise<{ delivered: number; failed: number }>;
  start(): void;
  /** A commit appended to the journal: look now rather than at the next poll. */
  wake(): void;
  stop(): Promise<void>;
  /** Subscriptions whose secret this worker cannot open (sealed under another JOBAG_SIGNING_SECRET): it leaves their rows to a worker that can. */
  unreadable(): number[];
}

export function createWebhookWorker(options: WebhookWorkerOptions): WebhookWorker {
  const { db, serverSecret, policy = strictWebhookPolicy, clock = systemClock, id = `webhooks-${randomUUID()}` } = options;
  const settings: WebhookSettings = { ...defaultWebhookSettings, ...options.settings };
  const log = options.log ?? ((message: string) => console.warn(`[jobag] webhooks: ${message}`));
  const logError = options.logError ?? options.log ?? ((message: string) => console.error(`[jobag] webhooks: ${message}`));
  if (settings.leaseMs <= settings.attemptTimeoutMs * 2) throw new Error('leaseMs must be well beyond attemptTimeoutMs, or a slow receiver could outlive its lease.');
  let claims = 0;
  // A sealed secret never changes, so a subscription this server cannot sign for stays skipped.
  const unreadable = new Set<number>();

  /** Moves every subscription's cursor over new entries; true when there may be more to read. */
  async function dispatch(): Promise<boolean> {
    // A cheap read first: no write lock is taken while nothing new has happened.
    const behind = await db.query('SELECT min(after_journal_id) AS after FROM webhook_subscriptions WHERE disabled_at IS NULL');
    const after = behind[0]?.after;
    if (after === null || after === undefined || Number(after) >= (await latestJournalId(db))) return false;
    const batch = 500;
    return db.transaction(async (tx) => {
      const subscriptions = await activeSubscriptions(tx);
      if (subscriptions.length === 0) return false;
      const from = Math.min(...subscriptions.map((s) => s.afterJournalId));
      const rows = await readJournalAfter(tx, from, batch);
      if (rows.length === 0) return false;
      const last = rows.at(-1)!.id;
      const at = clock().toISOString();
      for (const s of subscriptions) {
        for (const row of rows) {
          if (row.id <= s.afterJournalId || !s.inScheme || !s.events.includes(row.kind)) continue;
          // The same policy as GET …/log and /v1/events: the subscriber gets what its key may read.
          if (!journalEntryVisible(s.tenant, row)) continue;
          await insertDelivery(tx, { subscriptionId: s.id, journalId: row.id, jobOrderId: row.jobOrderId, payload: webhookPayload(row), at });
        }
        if (last > s.afterJournalId) await advanceCursor(tx, s.id, last);
      }
      return rows.length === batch;
    });
  }

  /** When a subscription failing its `failures`-th step in a row may be tried again. */
  function pauseUntil(failures: number, now: Date): string {
    const base = settings.backoffMs[Math.min(failures, settings.backoffMs.length) - 1] ?? settings.backoffMs.at(-1) ?? 60_000;
    return new Date(now.getTime() + base * (1 + Math.random() * settings.jitter)).toISOString();
  }

  async function fail(row: ClaimedDelivery, reason: string): Promise<void> {
    const now = clock();
    const at = now.toISOString();
    await db.transaction(async (tx) => {
      const state = await recordFailure(tx, row, at, reason, (failures) => pauseUntil(failures, now));
      if (!state?.counted) return;
      const failingMs = now.getTime() - Date.parse(state.failingSince);
      if (state.consecutiveFailures >= settings.maxConsecutiveFailures || failingMs >= settings.maxFailingMs) {
        const why = `Disabled at ${at} after ${state.consecutiveFailures} failed deliveries in a row since ${state.failingSince}; the last: ${reason}. Undelivered events are kept: enable it again to receive them.`;
        await disableSubscription(tx, row.subscriptionId, at, why.slice(0, 1000));
        log(`subscription ${row.subscriptionId} disabled: ${reason}`);
      }
    });
  }

  async function deliver(row: ClaimedDelivery): Promise<boolean | null> {
    const secret = openSecret(row.secretSealed, serverSecret);
    if (!secret) {
      // Another server sharing this database may hold the secret it was sealed under: the row is
      // handed back untried and uncounted, and this worker claims none of the subscription's again.
      if (!unreadable.has(row.subscriptionId)) {
        unreadable.add(row.subscriptionId);
        logError(`subscription ${row.subscriptionId}: its signing secret was sealed under another JOBAG_SIGNING_SECRET; this server leaves its deliveries to a server that has that secret.`);
      }
      await releaseDelivery(db, row);
      return null;
    }
    const msgId = webhookMessageId(row.subscriptionId, row.journalId);
    const outcome = await sendSigned({ url: row.url, secret, msgId, payload: row.payload }, policy, clock(), settings.attemptTimeoutMs);
    if (!outcome.ok) {
      await fail(row, outcome.error);
      return false;
    }
    const marked = await db.transaction((tx) => markDelivered(tx, row, clock().toISOString()));
    if (!marked) log(`delivery ${msgId} was sent but its lease had been taken over; check the lease length.`);
    return true;
  }

  async function runOnce(): Promise<{ delivered: number; failed: number }> {
    while (await dispatch()) {
      // a full batch: read on
    }
    const now = clock();
    const owner = `${id}#${++claims}`;
    const rows = await claimDueDeliveries(db, owner, now.toISOString(), new Date(now.getTime() + settings.leaseMs).toISOString(), settings.batchSize, [...unreadable]);
    const outcomes = await Promise.all(
      rows.map(async (row) => {
        // A row whose lease would end before its attempt could is handed back untried.
        if (Date.parse(row.leaseUntil) - clock().getTime() < settings.attemptTimeoutMs * 2) {
          await releaseDelivery(db, row);
          return null;
        }
        try {
          return await deliver(row);
        } catch (error) {
          log(`delivery ${row.id}: ${(error as Error)?.message ?? error}`);
          return false;
        }
      }),
    );
    return { delivered: outcomes.filter((o) => o === true).length, failed: outcomes.filter((o) => o === false).length };
  }

  const loop = pollingLoop(runOnce, {
    pollMs: settings.pollMs,
    // After a success the next entry of that order may be due at once.
    goOnAtOnce: (result) => result.delivered > 0,
    log,
  });
  return { id, settings, ...loop, unreadable: () => [...unreadable].sort((a, b) => a - b) };
}
