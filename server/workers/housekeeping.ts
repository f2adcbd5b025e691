import { purgeStoredResponses } from '../db/idempotency.ts';
import type { SqlExecutor } from '../db/driver/client.ts';
import { systemClock, type Clock } from '../domain/calendar.ts';

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

/** Periodic clean-up of rows kept only for a while (today: stored Idempotency-Key responses). */
export function createHousekeeping(options: HousekeepingOptions): Housekeeping {
  const { db, clock = systemClock, retentionMs = idempotencyRetentionMs, everyMs = 60 * 60 * 1000, batchSize = 500 } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  async function runOnce() {
    const before = new Date(clock().getTime() - retentionMs).toISOString();
    let idempotencyKeys = 0;
    for (;;) {
      const gone = await purgeStoredResponses(db, before, batchSize);
      idempotencyKeys += gone;
      if (gone < batchSize) return { idempotencyKeys };
    }
  }

  function round() {
    running = runOnce().catch((error: unknown) => options.log?.(`housekeeping failed: ${String(error)}`));
  }

  return {
    runOnce,
    start() {
      if (timer) return;
      round();
      // Not holding the process open: a server shutting down need not wait for the next hour.
      timer = setInterval(round, everyMs).unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
