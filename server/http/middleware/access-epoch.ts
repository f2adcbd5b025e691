// What a request may do from where — its credential and its browser origin — depends on rows that
// change rarely (keys, organisations, people, allowed origins). Any change to them moves one
// counter, the access epoch (migrations 021, 022: triggers, so every writer moves it). A process
// keeps what it resolved while the epoch stands still and reads only the counter per request,
// once; a change made by any process takes effect on the next request.
import type { Context } from 'hono';
import type { Database } from '../../db/driver/types.ts';
import { credentialEpoch } from '../../db/credentials.ts';

/** The access epoch for this request, read from the database at most once per request. */
export async function accessEpoch(c: Context, db: Database): Promise<number> {
  let epoch = c.get('accessEpoch') as number | undefined;
  if (epoch === undefined) {
    epoch = await credentialEpoch(db);
    c.set('accessEpoch', epoch);
  }
  return epoch;
}

/** Values resolved at one access epoch; stale at any other, or past their own expiry. */
export class EpochCache<V> {
  #entries = new Map<string, { value: V; epoch: number; expiresAtMs: number }>();
  constructor(private readonly limit = 2_000) {}

  get(key: string, epoch: number, nowMs = 0): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.epoch !== epoch || entry.expiresAtMs <= nowMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V, epoch: number, expiresAtMs = Infinity): void {
    // Many distinct live keys is unusual (a flood of made-up ones): forgetting all is simpler than an LRU.
    if (this.#entries.size >= this.limit) this.#entries.clear();
    this.#entries.set(key, { value, epoch, expiresAtMs });
  }

  /** The cached value, or `resolve()`'s, kept for this epoch. */
  async through(key: string, epoch: number, resolve: () => Promise<V>): Promise<V> {
    const cached = this.get(key, epoch);
    if (cached !== undefined) return cached;
    const value = await resolve();
    this.set(key, value, epoch);
    return value;
  }
}
