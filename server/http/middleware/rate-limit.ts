// Floods: rate limits per client address and per principal, failed
// authentications limited hardest, and a time-out for every request.
//
// The store is the database, shared by every server process on it, but not written per request:
// each process counts in memory and adds its counts to `rate_limits` (migration 007) in one small
// write transaction every `syncMs` while there is traffic, reading back the shared totals; a key
// whose total is older than `syncMs` reads it again before counting. So the hot path is a map
// lookup (plus one indexed read per key per `syncMs`), the database sees a few small writes a
// second whatever the load, and several processes share one budget to within what they admit in
// one `syncMs` (exactly when only one process serves the key). Fixed windows: a client may spend
// one window's quota at its end and the next one's at its start.
import type { MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { tenantKey, tenantOf } from '../../domain/principal.ts';
import type { AppEnv } from '../env.ts';
import type { Database } from '../../db/driver/types.ts';
import type { FloodConfig, Quota } from '../../config/index.ts';
import { HttpProblem } from '../problem.ts';

interface Counter {
  windowStart: number;
  windowEnd: number;
  /** The shared total as last read from the store (this process's flushed hits included). */
  shared: number;
  /** Hits of this process not yet added to the store. */
  pending: number;
  /** Hits of this process being added to the store right now (counted until the write returns). */
  flushing: number;
  /** A read of the shared total, while it is under way. */
  loading: Promise<void> | null;
  /** When the shared total was last read or written back. */
  syncedAt: number;
  /** Flushes of this counter begun so far: a read that overlapped one cannot tell whether it saw those hits. */
  flushes: number;
}

/** Fixed-window counters kept in memory and added to the database in batches. */
export class SharedCounters {
  private readonly counters = new Map<string, Counter>();
  private flushTimer: NodeJS.Timeout | null = null;
  private lastSweep = 0;

  constructor(
    private readonly db: Database,
    private readonly syncMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The count of `key` in its current window, with this process's unflushed hits. */
  async current(key: string, quota: Quota): Promise<{ count: number; resetSeconds: number }> {
    const counter = await this.counterOf(key, quota);
    return { count: counter.shared + counter.flushing + counter.pending, resetSeconds: this.resetSeconds(counter, quota) };
  }

  /** Counts one hit of `key`; returns the count after it. */
  async hit(key: string, quota: Quota): Promise<{ count: number; resetSeconds: number }> {
    const counter = await this.counterOf(key, quota);
    counter.pending += 1;
    this.scheduleFlush();
    return { count: counter.shared + counter.flushing + counter.pending, resetSeconds: this.resetSeconds(counter, quota) };
  }

  private resetSeconds(counter: Counter, quota: Quota) {
    return Math.max(1, Math.ceil((counter.windowStart + quota.windowSeconds * 1000 - this.now()) / 1000));
  }

  private async counterOf(key: string, quota: Quota): Promise<Counter> {
    const windowMs = quota.windowSeconds * 1000;
    const windowStart = Math.floor(this.now() / windowMs) * windowMs;
    const id = `${key}@${windowStart}`;
    let counter = this.counters.get(id);
    if (!counter) {
      counter = { windowStart, windowEnd: windowStart + windowMs, shared: 0, pending: 0, flushing: 0, loading: null, syncedAt: 0, flushes: 0 };
      this.counters.set(id, counter);
    }
    // Other processes' hits: read the shared total when it is older than one sync (a read, once per key per sync).
    // Not while this process's own hits are being written: a commit is visible before its writer is
    // answered (group commit waits for the fsync), so the read might include hits still counted as
    // `flushing` — counted twice. The flush reads the shared total back itself.
    if (!counter.loading && counter.flushing === 0 && this.now() - counter.syncedAt >= this.syncMs) {
      const fresh = counter;
      const flushesBefore = fresh.flushes;
      fresh.syncedAt = this.now();
      fresh.loading = this.db
        .query<{ hits: number }>('SELECT hits FROM rate_limits WHERE key = ? AND window_start = ?', [key, windowStart])
        .then((rows) => {
          if (fresh.flushes === flushesBefore) fresh.shared = Math.max(fresh.shared, Number(rows[0]?.hits ?? 0));
        })
        // The store being away must not take the API down with it: count locally until it is back.
        .catch(() => undefined)
        .finally(() => {
          fresh.loading = null;
        });
    }
    if (counter.loading) await counter.loading;
    return counter;
  }

  private scheduleFlush() {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      void this.flush();
    }, this.syncMs);
    this.flushTimer.unref();
  }

  /** Adds this process's pending hits to the store and reads back the shared totals. */
  async flush(): Promise<void> {
    const batch: [string, Counter, number][] = [];
    for (const [id, counter] of this.counters) {
      if (counter.pending > 0) batch.push([id.slice(0, id.lastIndexOf('@')), counter, counter.pending]);
    }
    const now = this.now();
    // Forget ended windows (their hits are stored), so many clients do not grow memory for long.
    for (const [id, counter] of this.counters) {
      if (counter.pending === 0 && counter.flushing === 0 && !counter.loading && counter.windowEnd <= now) this.counters.delete(id);
    }
    const sweep = now - this.lastSweep > 60_000;
    if (batch.length === 0 && !sweep) return;
    for (const [, counter, n] of batch) {
      counter.pending -= n;
      counter.flushing += n;
      counter.flushes += 1;
    }
    try {
      const totals = await this.db.transaction(async (tx) => {
        const stored: number[] = [];
        for (const [key, counter, n] of batch) {
          const rows = await tx.query<{ hits: number }>(
            'INSERT INTO rate_limits (key, window_start, hits) VALUES (?, ?, ?) ' +
              'ON CONFLICT (key, window_start) DO UPDATE SET hits = hits + excluded.hits RETURNING hits',
            [key, counter.windowStart, n],
          );
          stored.push(Number(rows[0]?.hits ?? 0));
        }
        // Windows end; none is longer than a day (floodConfigFromEnv).
        if (sweep) await tx.run('DELETE FROM rate_limits WHERE window_start < ?', [now - 86_400_000]);
        return stored;
      });
      // Committed: the hits are the store's now, and the totals include other processes' too.
      batch.forEach(([, counter, n], i) => {
        counter.flushing -= n;
        counter.shared = Math.max(counter.shared + n, totals[i]!);
        counter.syncedAt = this.now();
      });
      if (sweep) this.lastSweep = now;
    } catch {
      // Not stored this time (closed or busy database): keep the hits for the flush after the next hit.
      for (const [, counter, n] of batch) {
        counter.flushing -= n;
        counter.pending += n;
      }
    }
  }
}

/** The client's address: the socket's peer (a proxy in front must be the one limiting by address). */
export function clientAddress(env: unknown): string {
  const address = (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
  if (!address) return 'unknown';
  if (address.startsWith('::ffff:')) return address.slice(7);
  if (!address.includes(':')) return address;
  // An IPv6 client usually holds a whole /64: limit the /64.
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).join(':')}::/64`;
}

interface Applied {
  name: string;
  quota: Quota;
  count: number;
  resetSeconds: number;
}

const policyHeader = (applied: Applied[]) => applied.map((a) => `"${a.name}";q=${a.quota.limit};w=${a.quota.windowSeconds}`).join(', ');
const stateHeader = (applied: Applied[]) =>
  applied.map((a) => `"${a.name}";r=${Math.max(0, a.quota.limit - a.count)};t=${a.resetSeconds}`).join(', ');

function rateLimited(applied: Applied[], over: Applied, detail: string): HttpProblem {
  return new HttpProblem(429, 'rate-limited', detail, {
    title: 'Too many requests',
    headers: { 'retry-after': String(over.resetSeconds), 'ratelimit-policy': policyHeader(applied), ratelimit: stateHeader(applied) },
  });
}

function setHeaders(res: Response, applied: Applied[]) {
  if (applied.length === 0) return;
  res.headers.set('ratelimit-policy', policyHeader(applied));
  res.headers.set('ratelimit', stateHeader(applied));
}

/**
 * Before authentication: the client address's budget, and its failed authentications — over
 * that limit a credential is not even looked at, so guessing keys stops at 429. Every 401 that
 * passes through counts as a failure.
 */
export function addressLimits(counters: SharedCounters, config: FloodConfig): MiddlewareHandler<AppEnv> {
  return createMiddleware<AppEnv>(async function limitAddress(c, next) {
    const address = clientAddress(c.env);
    // In-process requests (app.request: the demo loader, the in-process tests) have no address.
    if (c.req.method === 'OPTIONS' || address === 'unknown') return next();
    const applied: Applied[] = [];
    if (config.authFailures.limit > 0) {
      const failures = await counters.current(`auth:${address}`, config.authFailures);
      const entry = { name: 'auth-failures', quota: config.authFailures, ...failures };
      if (failures.count >= config.authFailures.limit) {
        throw rateLimited([entry], entry, 'Too many failed authentications from your address; wait before trying again.');
      }
    }
    if (config.ip.limit > 0) {
      const entry = { name: 'ip', quota: config.ip, ...(await counters.hit(`ip:${address}`, config.ip)) };
      applied.push(entry);
      if (entry.count > config.ip.limit) throw rateLimited(applied, entry, 'Too many requests from your address; wait before trying again.');
    }
    c.set('rateLimits' as never, applied as never);
    await next();
    if (c.res.status === 401 && config.authFailures.limit > 0) await counters.hit(`auth:${address}`, config.authFailures);
    setHeaders(c.res, (c.get('rateLimits' as never) as Applied[] | undefined) ?? applied);
  });
}

/** After authentication: the principal's budget (a company or a jobcenter, all its keys and tokens). */
export function principalLimits(counters: SharedCounters, config: FloodConfig): MiddlewareHandler<AppEnv> {
  return createMiddleware<AppEnv>(async function limitPrincipal(c, next) {
    // In-process requests (no client address) are the server's own: the demo loader, in-process tests.
    if (config.principal.limit === 0 || clientAddress(c.env) === 'unknown') return next();
    const key = `principal:${tenantKey(tenantOf(c.get('principal')))}`;
    const entry = { name: 'principal', quota: config.principal, ...(await counters.hit(key, config.principal)) };
    const applied = [entry, ...((c.get('rateLimits' as never) as Applied[] | undefined) ?? [])];
    c.set('rateLimits' as never, applied as never);
    if (entry.count > config.principal.limit) throw rateLimited(applied, entry, 'Too many requests for this account; wait before trying again.');
    await next();
  });
}

/**
 * A request still unanswered after `ms` gets 503 with `Retry-After`. The work it started may
 * still finish; a create retried with its `Idempotency-Key` is then answered from the first.
 */
export function requestTimeout(ms: number, retryAfterSeconds = 5): MiddlewareHandler<AppEnv> {
  return createMiddleware<AppEnv>(async function timeOut(_c, next) {
    if (ms <= 0) return next();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new HttpProblem(503, 'unavailable', `The request took longer than ${Math.ceil(ms / 1000)} s; try again shortly.`, {
              title: 'Service unavailable',
              headers: { 'retry-after': String(retryAfterSeconds) },
            }),
          ),
        ms,
      );
    });
    const work = next();
    // Settles later when the time-out answered first; its outcome is of no one's interest then.
    work.catch(() => undefined);
    try {
      await Promise.race([work, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  });
}
