// Floods: rate limits per client address and per principal, failed authentications limited per
// (address, credential) and per address, and a time-out for every request.
//
// The store is the database, shared by every server process on it, so a budget is one budget
// however many processes or threads serve it:
// - A quota a request spends (address, principal) is reserved from the store in blocks: one
//   atomic add per block, each process spending only what the store granted it. No process ever
//   admits more than it was granted, so the total never passes the limit; what a process holds
//   unspent when the limit is reached (at most one block, a thousandth of the limit) is refused
//   elsewhere. A block of a large limit spares the hot path a write; a small limit, a block of one.
// - A failed authentication is counted in the store as it happens (one atomic add): failures are
//   rare and a guess already costs a hash and a read, and the count is exact.
// Fixed windows: a client may spend one window's quota at its end and the next one's at its start.
import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { bearerOf } from './authenticate.ts';
import { tenantKey, tenantOf } from '../../domain/principal.ts';
import type { AppEnv } from '../env.ts';
import type { Database } from '../../db/driver/types.ts';
import type { FloodConfig, Quota } from '../../config/index.ts';
import { HttpProblem } from '../problem.ts';

interface Reservation {
  windowEnd: number;
  /** Requests this process was granted from the store in this window, and how many it spent. */
  granted: number;
  spent: number;
  /** The store's total after this process's last reservation (every process's reservations). */
  stored: number;
  /** The store has nothing left to grant in this window: refuse without asking. */
  exhausted: boolean;
  /** Requests waiting for a grant, and the reservation under way for them. */
  waiting: number;
  reserving: Promise<void> | null;
}

interface Failures {
  windowEnd: number;
  /** The store's count of failures after this process's last one. */
  count: number;
}

const upsertHits =
  'INSERT INTO rate_limits (key, window_start, hits) VALUES (?, ?, ?) ' +
  'ON CONFLICT (key, window_start) DO UPDATE SET hits = hits + excluded.hits RETURNING hits';

/** Fixed-window counters kept in the database, exact across every process on it. */
export class SharedCounters {
  private readonly reservations = new Map<string, Reservation>();
  private readonly failures = new Map<string, Failures>();
  private lastSweep = 0;

  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  private windowOf(quota: Quota) {
    const windowMs = quota.windowSeconds * 1000;
    const windowStart = Math.floor(this.now() / windowMs) * windowMs;
    return { windowStart, windowEnd: windowStart + windowMs };
  }

  private resetSeconds(windowEnd: number) {
    return Math.max(1, Math.ceil((windowEnd - this.now()) / 1000));
  }

  /**
   * Spends one request of `key`'s quota if the store grants it: `admitted` false once the limit
   * is reached by every process together. `count` is the requests spent in this window as far as
   * this process knows (exact when it alone serves the key).
   */
  async take(key: string, quota: Quota): Promise<{ admitted: boolean; count: number; resetSeconds: number }> {
    const { windowStart, windowEnd } = this.windowOf(quota);
    const id = `${key}@${windowStart}`;
    let r = this.reservations.get(id);
    if (!r) {
      r = { windowEnd, granted: 0, spent: 0, stored: 0, exhausted: false, waiting: 0, reserving: null };
      this.reservations.set(id, r);
      this.sweep();
    }
    while (r.spent >= r.granted && !r.exhausted) {
      r.waiting += 1;
      try {
        await (r.reserving ??= this.reserve(key, windowStart, quota, r));
      } finally {
        r.waiting -= 1;
      }
    }
    const admitted = r.spent < r.granted;
    if (admitted) r.spent += 1;
    // Spent everywhere: the store's reservations (up to the limit) less what this process holds unspent.
    const count = admitted ? Math.min(quota.limit, r.stored) - (r.granted - r.spent) : quota.limit + 1;
    return { admitted, count, resetSeconds: this.resetSeconds(windowEnd) };
  }

  /** Asks the store for a block (or as many as are waiting); the store's total says how much of it is left to grant. */
  private async reserve(key: string, windowStart: number, quota: Quota, r: Reservation): Promise<void> {
    const ask = Math.max(Math.floor(quota.limit / 1000), r.waiting, 1);
    try {
      const rows = await this.db.transaction((tx) => tx.query<{ hits: number }>(upsertHits, [key, windowStart, ask]));
      const stored = Number(rows[0]?.hits ?? ask);
      const grant = Math.max(0, Math.min(ask, quota.limit - (stored - ask)));
      r.granted += grant;
      r.stored = Math.max(r.stored, stored);
      // Reservations are never handed back, so a short grant means the window's quota is gone.
      if (grant < ask) r.exhausted = true;
    } catch {
      // The store being away must not take the API down with it: admit the block on this process's word.
      r.granted += ask;
      r.stored += ask;
    } finally {
      r.reserving = null;
    }
  }

  /** Failures of `key` this process already knows to be over `quota` in this window, without asking the store. */
  knownOver(key: string, quota: Quota): { count: number; resetSeconds: number } | null {
    const { windowStart, windowEnd } = this.windowOf(quota);
    const count = this.failures.get(`${key}@${windowStart}`)?.count ?? 0;
    return count > quota.limit ? { count, resetSeconds: this.resetSeconds(windowEnd) } : null;
  }

  /** Counts one failure of each key in the store, in one transaction; the counts after it (exact). */
  async fail(keys: { key: string; quota: Quota }[]): Promise<{ count: number; resetSeconds: number }[]> {
    const windows = keys.map(({ quota }) => this.windowOf(quota));
    let counts: number[];
    try {
      counts = await this.db.transaction(async (tx) => {
        const out: number[] = [];
        for (const [i, { key }] of keys.entries()) {
          const rows = await tx.query<{ hits: number }>(upsertHits, [key, windows[i]!.windowStart, 1]);
          out.push(Number(rows[0]?.hits ?? 1));
        }
        return out;
      });
    } catch {
      // Unstored (closed or busy database): this process's own count still holds the line.
      counts = keys.map(({ key }, i) => (this.failures.get(`${key}@${windows[i]!.windowStart}`)?.count ?? 0) + 1);
    }
    return keys.map(({ key }, i) => {
      const { windowStart, windowEnd } = windows[i]!;
      const id = `${key}@${windowStart}`;
      const known = this.failures.get(id);
      this.failures.set(id, { windowEnd, count: Math.max(known?.count ?? 0, counts[i]!) });
      if (!known) this.sweep();
      return { count: counts[i]!, resetSeconds: this.resetSeconds(windowEnd) };
    });
  }

  /** Forgets ended windows (in memory, and in the store once a minute), so many clients do not grow either for long. */
  private sweep() {
    const now = this.now();
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const map of [this.reservations, this.failures] as Map<string, { windowEnd: number }>[]) {
      for (const [id, entry] of map) if (entry.windowEnd <= now && !(entry as Partial<Reservation>).reserving) map.delete(id);
    }
    // Windows end; none is longer than a day (floodConfigFromEnv).
    void this.db.transaction((tx) => tx.run('DELETE FROM rate_limits WHERE window_start < ?', [now - 86_400_000])).catch(() => undefined);
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

export interface Applied {
  name: string;
  quota: Quota;
  count: number;
  resetSeconds: number;
}

/** Each limit's part of `RateLimit-Policy`, made once per limit and quota (they are fixed by the configuration). */
const policyParts = new WeakMap<Quota, Map<string, string>>();
const policyPart = (a: Applied) => {
  let byName = policyParts.get(a.quota);
  if (!byName) policyParts.set(a.quota, (byName = new Map()));
  let part = byName.get(a.name);
  if (part === undefined) byName.set(a.name, (part = `"${a.name}";q=${a.quota.limit};w=${a.quota.windowSeconds}`));
  return part;
};
const policyHeader = (applied: Applied[]) => (applied.length === 1 ? policyPart(applied[0]!) : applied.map(policyPart).join(', '));
const stateHeader = (applied: Applied[]) =>
  applied.map((a) => `"${a.name}";r=${Math.max(0, a.quota.limit - a.count)};t=${a.resetSeconds}`).join(', ');

function rateLimited(applied: Applied[], over: Applied, detail: string): HttpProblem {
  return new HttpProblem(429, 'rate-limited', detail, {
    title: 'Too many requests',
    headers: { 'retry-after': String(over.resetSeconds), 'ratelimit-policy': policyHeader(applied), ratelimit: stateHeader(applied) },
  });
}

/**
 * The `RateLimit-Policy` and `RateLimit` headers of the limits this request went through, or null
 * when none applied. The limits only record them (`rateLimits`); the edge (edge.ts) sets them on
 * the final answer with the others, so no layer but the edge writes an answer's headers.
 */
export function rateLimitHeaders(c: Context<AppEnv>): { policy: string; state: string } | null {
  const applied = c.get('rateLimits') as Applied[] | undefined;
  return applied && applied.length > 0 ? { policy: policyHeader(applied), state: stateHeader(applied) } : null;
}

const failedAgain = 'Too many failed authentications with this credential from your address; it is not accepted, wait before trying again.';
const failedTooOften = 'Too many failed authentications from your address; wait before trying again.';

/**
 * Before authentication: the client address's budget. Around it: failed authentications (every
 * 401), limited per (address, credential) and per address. They refuse only requests whose
 * credential fails, so a client behind the same address (an office NAT, a proxy) with a valid
 * key or token is served, within its principal's budget. A credential that already failed too
 * often from this address is refused before it is looked at (it fails again: keys stay revoked,
 * tokens expired); any other is looked at, and its failure over the address's limit is a 429.
 */
export function addressLimits(counters: SharedCounters, config: FloodConfig): MiddlewareHandler<AppEnv> {
  const perAddress = config.authFailures;
  const perCredential = config.authFailuresPerCredential;
  const limitsFailures = perAddress.limit > 0 || perCredential.limit > 0;
  return createMiddleware<AppEnv>(async function limitAddress(c, next) {
    const address = clientAddress(c.env);
    // In-process requests (app.request: the demo loader, the in-process tests) have no address.
    if (c.req.method === 'OPTIONS' || address === 'unknown') return next();
    const applied: Applied[] = [];
    // Kept under the credential's hash: the store holds no key or token.
    const credentialKey = `auth:${address}:${bearerOf(c)?.digest ?? 'none'}`;
    const addressKey = `auth:${address}`;
    const refused = perCredential.limit > 0 ? counters.knownOver(credentialKey, perCredential) : null;
    if (refused) {
      const entry = { name: 'auth-failures-credential', quota: perCredential, ...refused };
      throw rateLimited([entry], entry, failedAgain);
    }
    if (config.ip.limit > 0) {
      const taken = await counters.take(`ip:${address}`, config.ip);
      const entry = { name: 'ip', quota: config.ip, count: taken.count, resetSeconds: taken.resetSeconds };
      applied.push(entry);
      if (!taken.admitted) throw rateLimited(applied, entry, 'Too many requests from your address; wait before trying again.');
    }
    c.set('rateLimits', applied);
    await next();
    if (c.res.status === 401 && limitsFailures) {
      const keys = [
        ...(perCredential.limit > 0 ? [{ name: 'auth-failures-credential', key: credentialKey, quota: perCredential }] : []),
        ...(perAddress.limit > 0 ? [{ name: 'auth-failures', key: addressKey, quota: perAddress }] : []),
      ];
      const counts = await counters.fail(keys);
      const failures = keys.map(({ name, quota }, i) => ({ name, quota, ...counts[i]! }));
      const over = failures.find((f) => f.count > f.quota.limit);
      c.set('rateLimits', failures);
      if (over) throw rateLimited(failures, over, over.name === 'auth-failures' ? failedTooOften : failedAgain);
    }
  });
}

/** After authentication: the principal's budget (a company or a jobcenter, all its keys and tokens). */
export function principalLimits(counters: SharedCounters, config: FloodConfig): MiddlewareHandler<AppEnv> {
  return createMiddleware<AppEnv>(async function limitPrincipal(c, next) {
    // In-process requests (no client address) are the server's own: the demo loader, in-process tests.
    if (config.principal.limit === 0 || clientAddress(c.env) === 'unknown') return next();
    const taken = await counters.take(`principal:${tenantKey(tenantOf(c.get('principal')))}`, config.principal);
    const entry = { name: 'principal', quota: config.principal, count: taken.count, resetSeconds: taken.resetSeconds };
    const applied = [entry, ...((c.get('rateLimits') as Applied[] | undefined) ?? [])];
    c.set('rateLimits', applied);
    if (!taken.admitted) throw rateLimited(applied, entry, 'Too many requests for this account; wait before trying again.');
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
