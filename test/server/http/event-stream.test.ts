// The event stream's body (a lighter stream per idle subscriber than hono's streamSSE)
// against a scripted source: what a client that does not read does to the pulling (the feed's
// backlog limit depends on it), the end of a stream, a failing source, and a client going away.
// The HTTP behaviour (heartbeats, headers, resume, shutdown) is in events.test.ts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eventStreamBody, type EventSource } from '../../../server/http/event-stream.ts';

/** A source whose batches the test hands out; counts the reads. */
function scripted() {
  const waiting: ((batch: number[] | null) => void)[] = [];
  const state = { reads: 0, closed: false };
  const source: EventSource<number> = {
    next() {
      state.reads++;
      return new Promise((resolve) => waiting.push(resolve));
    },
    close() {
      state.closed = true;
      for (const resolve of waiting.splice(0)) resolve(null);
    },
  };
  const give = (batch: number[] | null) => waiting.shift()!(batch);
  return { source, state, give };
}

const format = (n: number) => ({ id: String(n), event: 'edited', data: JSON.stringify({ n }) });
const settings = { heartbeatMs: 60_000, maxStreamMs: 60_000, format };
const tick = () => new Promise((resolve) => setImmediate(resolve));
const decoder = new TextDecoder();
/** The stream's timers do not keep a process alive (unref); this does, while a test waits for them. */
async function awake<T>(work: () => Promise<T>): Promise<T> {
  const keep = setInterval(() => undefined, 1_000);
  try {
    return await work();
  } finally {
    clearInterval(keep);
  }
}

describe('the event stream body', () => {
  it('writes each batch as SSE events after `: connected`', async () => {
    const { source, give } = scripted();
    const reader = eventStreamBody(source, settings).getReader();
    assert.equal(decoder.decode((await reader.read()).value), ': connected\n\n');
    const next = reader.read();
    await tick();
    give([7, 8]);
    assert.equal(decoder.decode((await next).value), 'event: edited\ndata: {"n":7}\nid: 7\n\nevent: edited\ndata: {"n":8}\nid: 8\n\n');
    await reader.cancel();
  });

  it('a client that does not read stops the pulling, so the backlog stays in the feed (which ends a stream past its limit)', async () => {
    const { source, state, give } = scripted();
    const reader = eventStreamBody(source, settings).getReader();
    await reader.read(); // `: connected`
    await tick();
    assert.equal(state.reads, 1);
    give([1]); // fills the stream's one-chunk queue; nobody reads
    for (let i = 0; i < 5; i++) await tick();
    assert.equal(state.reads, 1, 'no more reads from the feed while the client reads nothing');
    await reader.read();
    await tick();
    assert.equal(state.reads, 2, 'reading resumes the pulling');
    give([2]);
    await reader.read();
    await tick();
    assert.equal(state.reads, 3, 'reading resumes the pulling');
    await reader.cancel();
  });

  it('ends when the source closes (the stream\'s time is up, or the server shuts down)', async () => {
    const { source, state } = scripted();
    const reader = eventStreamBody(source, { ...settings, maxStreamMs: 30 }).getReader();
    await reader.read();
    const end = await awake(() => reader.read());
    assert.equal(end.done, true);
    assert.equal(state.closed, true);
  });

  it('a source that fails ends the stream cleanly (the client resumes with Last-Event-ID)', async () => {
    const source: EventSource<number> = { next: () => Promise.reject(new Error('database gone')), close() {} };
    const reader = eventStreamBody(source, settings).getReader();
    await reader.read();
    const logged: unknown[] = [];
    const error = console.error;
    console.error = (e: unknown) => logged.push(e);
    try {
      assert.equal((await reader.read()).done, true);
    } finally {
      console.error = error;
    }
    assert.match(String(logged[0]), /database gone/);
  });

  it('a client that goes away closes the source and stops the heartbeat', async () => {
    const { source, state } = scripted();
    const reader = eventStreamBody(source, { ...settings, heartbeatMs: 5 }).getReader();
    await reader.read();
    assert.match(decoder.decode((await awake(() => reader.read())).value), /^: keep-alive\n\n$/);
    await reader.cancel();
    assert.equal(state.closed, true);
  });
});
