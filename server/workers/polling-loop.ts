/**
 * The loop every background worker runs (e-mail and webhook deliveries, housekeeping): a round every
 * `pollMs`, at once again when a round says more may be due or `wake()` came while it ran, never
 * two rounds at once.
 */
export interface PollingLoop<R> {
  /** One round now, after any round in progress. */
  runOnce(): Promise<R>;
  /** Polls until `stop()`. */
  start(): void;
  /** Runs a round now instead of at the next poll (e.g. right after a commit). */
  wake(): void;
  /** Stops polling and waits for a round in progress to finish. */
  stop(): Promise<void>;
}

export function pollingLoop<R>(
  runRound: () => Promise<R>,
  options: { pollMs: number; goOnAtOnce: (result: R) => boolean; log: (message: string) => void },
): PollingLoop<R> {
  let running = false;
  // Set by wake(): a round already under way may have looked before the new rows committed.
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<unknown> = Promise.resolve();

  function schedule(ms: number): void {
    clearTimeout(timer);
    if (!running) return;
    timer = setTimeout(tick, ms);
  }

  function tick(): void {
    round = round.then(async () => {
      if (!running) return;
      again = false;
      let atOnce = false;
      try {
        atOnce = options.goOnAtOnce(await runRound());
      } catch (error) {
        options.log(`a round failed: ${(error as Error)?.message ?? error}`);
      }
      schedule(atOnce || again ? 0 : options.pollMs);
    });
  }

  return {
    runOnce: () => {
      const result = round.then(runRound);
      round = result.catch(() => undefined);
      return result;
    },
    start() {
      if (running) return;
      running = true;
      schedule(0);
    },
    wake() {
      if (!running) return;
      again = true;
      schedule(0);
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      await round;
    },
  };
}
