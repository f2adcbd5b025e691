import { purgeStoredResponses } from '../db/idempotency.ts';
import type { SqlExecutor } from '../db/driver/types.ts';
import { systemClock, type Clock } from '../domain/calendar.ts';
import { pollingLoop } from './polling-loop.ts';

/** How long an Idempotency-Key's first answer is replayed: a week, well past the ≥ 24 h promised. */
export const idempotencyRetentionMs = 7 * 24 * 60 * 60 * 1000;

export interface HousekeepingOptions {
  db: SqlExecutor;
  clock?: Clock;
  retentionMs?: number;
  everyMs?: number;
  /** Rows per delete; the loop goes on until a round finds fewer. */
  batchSize?: number;
  log?: (message: string) => void;
}

export interface Housekeeping {
  /** Purges what is past its retention now; says how many rows went. Safe in many processes at once. */
  runOnce(): Promise<{ idempotencyKeys: number }>;
  start(): void;
  stop(): Promise<void>;
}

/** Periodic clean-up of rows kept only for a while (today: stored Idempotency-Key answers), on the workers' polling loop. */
export function createHousekeeping(options: HousekeepingOptions): Housekeeping {
  const { db, clock = systemClock, retentionMs = idempotencyRetentionMs, everyMs = 60 * 60 * 1000, batchSize = 500 } = options;

  async function runOnce() {
    const before = new Date(clock().getTime() - retentionMs).toISOString();
    let idempotencyKeys = 0;
    for (;;) {
      const gone = await purgeStoredResponses(db, before, batchSize);
      idempotencyKeys += gone;
      if (gone < batchSize) return { idempotencyKeys };
    }
  }

  // A round purges until a batch comes back short, so the next one waits its full interval.
  const loop = pollingLoop(runOnce, { pollMs: everyMs, goOnAtOnce: () => false, log: options.log ?? (() => undefined) });
  return { runOnce: loop.runOnce, start: loop.start, stop: loop.stop };
}
