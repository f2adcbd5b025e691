import { Hono, type Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { hashApiKey, resolveCredential } from '../../auth/index.ts';
import { eventFeedFor, openEventStream, type EventFeedSettings, type JournalSubscription, type StreamItem } from '../../core/events.ts';
import { credentialEpoch } from '../../db/credentials.ts';
import type { Database } from '../../db/driver/types.ts';
import { journalAudience, type JournalAudience } from '../../domain/access.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { AppDeps } from '../deps.ts';
import { clientAddress } from '../middleware/rate-limit.ts';
import { eventStreamBody, eventStreamHeaders } from '../event-stream.ts';
import { HttpProblem } from '../problem.ts';
import { parseOrThrow } from '../validate.ts';
import { lastEventIdParam, operation } from '../openapi/operation.ts';
import { EventsQuerySchema, lastEventIdPattern } from '../../contract/events.ts';
import { coreContext } from './context.ts';

const lastEventIdMessage = 'Last-Event-ID is the `id` of an event this stream sent: a whole number.';

/** `Last-Event-ID` as a journal id; undefined when absent (or empty, as EventSource may send it). */
function lastEventIdOf(c: Context): number | undefined {
  const header = c.req.header('last-event-id')?.trim();
  if (header === undefined || header === '') return undefined;
  if (!lastEventIdPattern.test(header)) {
    throw new HttpProblem(400, 'invalid-parameters', lastEventIdMessage, { errors: [{ path: 'Last-Event-ID', code: 'format', message: lastEventIdMessage }] });
  }
  return Number(header);
}

const describeEvents = operation({
  operationId: 'streamEvents', tag: 'Events', summary: 'Live events',
  description:
    'Server-sent events of every journal entry the caller may see, as they happen: `id` is the entry\'s id, `event` its `action`, `data` the `LogEntry` as JSON ' +
    '(a line of the placement log, with `orderId` and `orderVersion`). A company sees its orders\' entries; a signed-up jobcenter every order\'s, except placements and withdrawals of other jobcenters (R8.4). ' +
    'Without `Last-Event-ID` the stream starts with the next change; with it, after that event, so a reconnecting client misses nothing and gets nothing twice. ' +
    'A client more than 10,000 of its entries behind (by default) is not replayed to: the stream starts with `event: reset` (`data` `{"lastEventId": …}`, `id` the newest entry) and goes on from the present; the client reloads what it shows. ' +
    'A `Last-Event-ID` beyond the newest entry is a 400. By default at most 20 streams are open per API key (or per person\'s widget tokens) and 200 per client address on one server (429 naming the limit). ' +
    'A stream ends within seconds when its API key, or the key that minted its token, is revoked, or its jobcenter signs out. ' +
    'A `: keep-alive` comment comes every 15 s; the server ends a stream after 10 minutes (reconnect with `Last-Event-ID`). ' +
    'Authenticated by the `Authorization` header like every call (never a token in the URL), so browsers read it with fetch: the SDK\'s `subscribeToEvents`, not `EventSource`.',
  query: EventsQuerySchema,
  headers: [lastEventIdParam],
  responses: {
    200: { description: 'The stream (`text/event-stream`); each event\'s data is a `LogEntry`, except a `reset` event\'s (`{"lastEventId": …}`).', contentType: 'text/event-stream', itemSchema: 'LogEntry' },
    400: { description: 'A bad `orderId`, or a `Last-Event-ID` that is not a journal id or is beyond the newest entry (`errors[].path` `Last-Event-ID`).', schema: 'Problem' },
    403: { description: 'A jobcenter that has not signed up for job orders (`/problems/not-signed-up`).', schema: 'Problem' },
    404: { description: 'No such order (`orderId`), or one the caller may not see.', schema: 'Problem' },
    503: { description: 'The server is shutting down; connect again.', schema: 'Problem' },
  },
});

/**
 * `GET /v1/events`: the journal entries the caller may see, as server-sent events
 * (`id` = journal id, `event` = the log action, `data` = the LogEntry as JSON). Access is decided
 * before the stream starts, so refusals are ordinary problems.
 */
export function eventRoutes(deps: AppDeps) {
  const open = new OpenStreams(deps.db, () => eventFeedFor(deps.db).settings);
  return new Hono<AppEnv>().get('/', describeEvents, async (c) => {
    const query = parseOrThrow(EventsQuerySchema, c.req.query(), { status: 400 });
    const lastEventId = lastEventIdOf(c);
    const principal = c.get('principal');
    const release = open.admit(principal, clientAddress(c.env));
    let subscription: JournalSubscription;
    try {
      subscription = await openEventStream(coreContext(deps, c), { orderId: query.orderId, lastEventId });
    } catch (error) {
      release();
      throw error;
    }
    // The credential as the request sent it (authenticate accepted it), checked again when access changes.
    const credential = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    const openedAt = deps.clock();
    const digest = hashApiKey(credential);
    const stream = open.watch({
      epoch: c.get('accessEpoch'),
      credential: digest,
      // A token's own expiry is not checked again: a stream opened with a valid token runs its course
      // (`maxStreamMs`). Its key, its jobcenter's sign-up and the caller's tenant are.
      stillAllowed: async () => {
        const { principal: now } = await resolveCredential(deps.db, deps.signingSecret, credential, digest, openedAt);
        return sameAudience(journalAudience(now), journalAudience(principal));
      },
      close: () => subscription.close(),
    });
    const source = {
      next: () => subscription.next(),
      close: () => {
        subscription.close();
        stream.end();
        release();
      },
    };
    const { heartbeatMs, maxStreamMs } = eventFeedFor(deps.db).settings;
    c.header('X-Accel-Buffering', 'no'); // nginx: pass each event on at once
    const body = eventStreamBody<StreamItem>(source, { heartbeatMs, maxStreamMs, format: formatItem });
    for (const [name, value] of Object.entries(eventStreamHeaders)) c.header(name, value);
    // The connection ends with its stream: a reconnecting client opens a new one, so a server that
    // is shutting down (and ends its streams) is not kept busy by a reused keep-alive connection.
    c.header('Connection', 'close');
    return c.body(body);
  });
}

/** An entry as `event: <action>`; a reset as `event: reset` whose id resumes after it. */
function formatItem(item: StreamItem): { id: string; event: string; data: string } {
  if (item.kind === 'reset') return { id: String(item.id), event: 'reset', data: JSON.stringify({ lastEventId: String(item.id) }) };
  return { id: String(item.entry.id), event: item.entry.action, data: JSON.stringify(item.entry) };
}

function sameAudience(a: JournalAudience, b: JournalAudience): boolean {
  return 'companyId' in a ? 'companyId' in b && a.companyId === b.companyId : 'jobcenterId' in b && a.jobcenterId === b.jobcenterId;
}

/** Whose streams count together: an API key, or one person's widget tokens minted by one key. */
function streamOwner(principal: Principal): string {
  const person = principal.kind === 'employer' ? principal.contactPersonId : principal.caseworkerName;
  return `${principal.via}:${principal.keyId}:${principal.via === 'token' ? String(person) : ''}`;
}

interface WatchedStream {
  /** The access epoch the stream's credential was last found valid at. */
  epoch: number;
  /** The credential's digest: streams of one credential are checked once. */
  credential: string;
  stillAllowed(): Promise<boolean>;
  close(): void;
}

/**
 * The open streams of one app: counted per owner and per client address (a cap on each), and
 * watched for a change of access. Servers share nothing in memory, so the caps are per process,
 * and a revocation by any process is seen through the access epoch (migrations 021, 022): one
 * read of it every `accessCheckMs` while streams are open, and a stream's credential is resolved
 * again only when it moved.
 */
class OpenStreams {
  #perOwner = new Map<string, number>();
  #perAddress = new Map<string, number>();
  #watched = new Set<WatchedStream>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #checking = false;

  constructor(
    private readonly db: Database,
    private readonly settings: () => EventFeedSettings,
  ) {}

  /** Counts a new stream in, or refuses it (429); the returned function counts it out, once. */
  admit(principal: Principal, address: string): () => void {
    const { maxStreamsPerPrincipal, maxStreamsPerAddress } = this.settings();
    const owner = streamOwner(principal);
    // In-process requests (no socket) have no address to count.
    const counted = address !== 'unknown';
    if ((this.#perOwner.get(owner) ?? 0) >= maxStreamsPerPrincipal) {
      const who = principal.via === 'token' ? 'per person\'s widget tokens' : 'per API key';
      throw tooManyStreams(`At most ${maxStreamsPerPrincipal} event streams may be open ${who}; close one first.`);
    }
    if (counted && (this.#perAddress.get(address) ?? 0) >= maxStreamsPerAddress) {
      throw tooManyStreams(`At most ${maxStreamsPerAddress} event streams may be open from one address; close one first.`);
    }
    // Counted synchronously with the check: concurrent requests cannot all pass it.
    add(this.#perOwner, owner, 1);
    if (counted) add(this.#perAddress, address, 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      add(this.#perOwner, owner, -1);
      if (counted) add(this.#perAddress, address, -1);
    };
  }

  watch(stream: WatchedStream): { end(): void } {
    this.#watched.add(stream);
    if (!this.#timer) {
      this.#timer = setInterval(() => void this.#check(), this.settings().accessCheckMs);
      this.#timer.unref?.();
    }
    return {
      end: () => {
        this.#watched.delete(stream);
        if (this.#watched.size === 0) {
          clearInterval(this.#timer);
          this.#timer = undefined;
        }
      },
    };
  }

  async #check(): Promise<void> {
    if (this.#checking) return;
    this.#checking = true;
    try {
      const epoch = await credentialEpoch(this.db);
      const verdicts = new Map<string, Promise<boolean>>();
      for (const stream of [...this.#watched]) {
        if (stream.epoch === epoch || !this.#watched.has(stream)) continue;
        try {
          let verdict = verdicts.get(stream.credential);
          if (!verdict) verdicts.set(stream.credential, (verdict = stream.stillAllowed()));
          if (await verdict) stream.epoch = epoch;
          else stream.close();
        } catch (error) {
          // Refused now (a revoked key, a signed-out jobcenter): the stream ends. Anything else (the
          // database busy) leaves the epoch as it was, so the next check tries again.
          if (error instanceof DomainError) stream.close();
        }
      }
    } catch (error) {
      console.error('[jobag] checking the event streams\' access failed:', error);
    } finally {
      this.#checking = false;
    }
  }
}

function add(counts: Map<string, number>, key: string, by: number): void {
  const next = (counts.get(key) ?? 0) + by;
  if (next > 0) counts.set(key, next);
  else counts.delete(key);
}

function tooManyStreams(detail: string): HttpProblem {
  // A stream frees its place when it ends; the SDK's reader retries a 429 with back-off.
  return new HttpProblem(429, 'rate-limited', detail, { title: 'Too many open event streams', headers: { 'retry-after': '30' } });
}
