import { Hono, type Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { eventFeedFor, openEventStream } from '../../core/events.ts';
import type { AppDeps } from '../deps.ts';
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
    'A `: keep-alive` comment comes every 15 s; the server ends a stream after 10 minutes (reconnect with `Last-Event-ID`). ' +
    'Authenticated by the `Authorization` header like every call (never a token in the URL), so browsers read it with fetch: the SDK\'s `subscribeToEvents`, not `EventSource`.',
  query: EventsQuerySchema,
  headers: [lastEventIdParam],
  responses: {
    200: { description: 'The stream (`text/event-stream`); each event\'s data is a `LogEntry`.', contentType: 'text/event-stream', itemSchema: 'LogEntry' },
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
  return new Hono<AppEnv>().get('/', describeEvents, async (c) => {
    const query = parseOrThrow(EventsQuerySchema, c.req.query(), { status: 400 });
    const lastEventId = lastEventIdOf(c);
    const subscription = await openEventStream(coreContext(deps, c), { orderId: query.orderId, lastEventId });
    const { heartbeatMs, maxStreamMs } = eventFeedFor(deps.db).settings;
    c.header('X-Accel-Buffering', 'no'); // nginx: pass each event on at once
    const body = eventStreamBody(subscription, { heartbeatMs, maxStreamMs, format: (entry) => ({ id: String(entry.id), event: entry.action, data: JSON.stringify(entry) }) });
    for (const [name, value] of Object.entries(eventStreamHeaders)) c.header(name, value);
    // The connection ends with its stream: a reconnecting client opens a new one, so a server that
    // is shutting down (and ends its streams) is not kept busy by a reused keep-alive connection.
    c.header('Connection', 'close');
    return c.body(body);
  });
}
