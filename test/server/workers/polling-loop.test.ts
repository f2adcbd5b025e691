// The loop both outbox workers run, on node:test's fake timers: when rounds run, and that a
// stopped loop runs none however much time passes.
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { pollingLoop } from '../../../server/workers/polling-loop.ts';

beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
afterEach(() => mock.timers.reset());

/** Lets the promise callbacks a timer started run to their end. */
const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

function counting(options: { pollMs?: number; goOnAtOnce?: (n: number) => boolean } = {}) {
  let rounds = 0;
  const loop = pollingLoop(async () => ++rounds, { pollMs: options.pollMs ?? 1000, goOnAtOnce: options.goOnAtOnce ?? (() => false), log: () => {} });
  return { loop, rounds: () => rounds };
}

describe('the polling loop', () => {
  it('runs a round at start, then one every pollMs', async () => {
    const { loop, rounds } = counting();
    loop.start();
    mock.timers.tick(0);
    await settle();
    assert.equal(rounds(), 1);
    mock.timers.tick(999);
    await settle();
    assert.equal(rounds(), 1, 'not before pollMs');
    mock.timers.tick(1);
    await settle();
    assert.equal(rounds(), 2);
    await loop.stop();
  });

  it('runs again at once when a round says more may be due, or when woken', async () => {
    const { loop, rounds } = counting({ goOnAtOnce: (n) => n < 3 });
    loop.start();
    for (let i = 0; i < 3; i++) {
      mock.timers.tick(0);
      await settle();
    }
    assert.equal(rounds(), 3);
    loop.wake();
    mock.timers.tick(0);
    await settle();
    assert.equal(rounds(), 4, 'woken, not waiting for the next poll');
    await loop.stop();
  });

  it('stopped means stopped: no round runs after stop, nor on wake, however long the clock runs', async () => {
    const { loop, rounds } = counting();
    loop.start();
    mock.timers.tick(0);
    await settle();
    await loop.stop();
    loop.wake();
    mock.timers.tick(60 * 60 * 1000);
    await settle();
    assert.equal(rounds(), 1);
  });

  it('stop waits for the round under way', async () => {
    let finish!: () => void;
    let finished = false;
    const loop = pollingLoop(() => new Promise<void>((resolve) => (finish = resolve)).then(() => void (finished = true)), { pollMs: 1000, goOnAtOnce: () => false, log: () => {} });
    loop.start();
    mock.timers.tick(0);
    await settle();
    const stopping = loop.stop();
    finish();
    await stopping;
    assert.equal(finished, true);
  });
});
