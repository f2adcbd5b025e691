import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { createMiddleware } from 'hono/factory';
import { isKnownOrigin, isOriginAllowedFor } from '../db/origins.ts';
import { tenantKey, tenantOf } from '../domain/principal.ts';
import type { AppEnv } from './env.ts';
import { authenticate } from './middleware/authenticate.ts';
import type { AppDeps } from './deps.ts';
import { accessEpoch, EpochCache } from './middleware/access-epoch.ts';
import { corsPreflight, type CorsPolicy } from './middleware/cors.ts';
import { edge } from './middleware/edge.ts';
import { HttpProblem, problemOf, problemResponse } from './problem.ts';
import { createLogger } from './middleware/request-log.ts';
import { maxBodyBytes, payloadTooLarge } from './validate.ts';
import { defaultFloodConfig } from '../config/index.ts';
import { addressLimits, principalLimits, requestTimeout, SharedCounters } from './middleware/rate-limit.ts';
import { docsRoutes } from './openapi/docs-page.ts';
import { operation } from './openapi/operation.ts';
import { jobcenterRoutes } from './routes/jobcenters.ts';
import { coordinatorRoutes } from './routes/coordinator.ts';
import { eventRoutes } from './routes/events.ts';
import { jobOrderRoutes } from './routes/job-orders.ts';
import { logRoutes } from './routes/log.ts';
import { noteRoutes } from './routes/notes.ts';
import { placementRoutes } from './routes/placements.ts';
import { meRoutes } from './routes/me.ts';
import { occupationRoutes } from './routes/occupations.ts';
import { postalCodeRoutes } from './routes/postal-codes.ts';
import { sessionRoutes } from './routes/sessions.ts';
import { webhookSubscriptionRoutes } from './routes/webhook-subscriptions.ts';
import { unreadableWebhookSecrets } from '../core/webhooks.ts';
import { statsRoutes } from './routes/stats.ts';

export type { AppDeps } from './deps.ts';

const isServerWideOrigin = (deps: AppDeps, origin: string) => deps.corsOrigins.includes(origin) || deps.corsOrigins.includes('*');

/**
 * A browser request (it has an `Origin`) is served only on an origin the caller's own tenant
 * allowed, so a widget token leaked to another site is of no use there. Server-to-server calls
 * send no `Origin` and are not affected.
 */
function originGuard(deps: AppDeps) {
  // Kept while the access epoch stands still (allowing an origin moves it): one read per request.
  const allowed = new EpochCache<boolean>();
  return createMiddleware<AppEnv>(async function guardOrigin(c, next) {
    const origin = c.req.header('origin');
    // A page served by the API's own host (the example portal, /docs) is same-origin, not embedding.
    if (origin && origin !== new URL(c.req.url).origin && !isServerWideOrigin(deps, origin)) {
      const tenant = tenantOf(c.get('principal'));
      const key = `${tenantKey(tenant)} ${origin}`;
      if (!(await allowed.through(key, await accessEpoch(c, deps.db), () => isOriginAllowedFor(deps.db, origin, tenant)))) {
        const message = `The origin ${origin} is not allowed for this account; ask the operator to allow it.`;
        // Readable by the refused page (CORS headers for its origin), so its elements can tell the
        // host developer the truth instead of "no connection". It grants nothing: the body is the refusal.
        const headers = { 'access-control-allow-origin': origin, 'access-control-expose-headers': 'ETag, Location, Idempotent-Replayed' };
        throw new HttpProblem(403, 'origin-not-allowed', message, { errors: [{ path: 'Origin', code: 'not_allowed', message }], headers });
      }
    }
    await next();
  });
}

const malformedUrl = 'has a malformed percent-encoding: each % must start a UTF-8 byte written as two hex digits (%25 for a % itself).';

/** A 400 naming what of the URL does not decode: a query parameter, the query, or the path. */
function malformed(path: string): HttpProblem {
  const message = `The ${path === '(path)' ? 'path' : path === '(query)' ? 'query' : `parameter ${path}`} ${malformedUrl}`;
  return new HttpProblem(400, 'invalid-parameters', message, { errors: [{ path, code: 'format', message }] });
}

const decodes = (text: string) => {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
};

/**
 * A query whose percent-encoding does not decode (a lone `%`, `%zz`, bytes that are not UTF-8)
 * is the client's mistake: 400 naming the parameter, before any route reads it. A path that does
 * not decode is answered the same way where something decodes it (a route's own parameter check
 * names the parameter; `onError` and `notFound` below the rest).
 */
const wellFormedQuery = createMiddleware<AppEnv>(async function refuseMalformedQuery(c, next) {
  const url = c.req.url;
  const start = url.indexOf('?');
  if (start >= 0 && url.includes('%', start)) {
    for (const part of url.slice(start + 1).split('&')) {
      const at = part.indexOf('=');
      const name = (at < 0 ? part : part.slice(0, at)).replaceAll('+', ' ');
      if (!decodes(name)) throw malformed('(query)');
      if (at >= 0 && !decodes(part.slice(at + 1))) throw malformed(decodeURIComponent(name).slice(0, 100));
    }
  }
  await next();
});

/** The path of a request as sent, still encoded. */
const rawPath = (url: string) => {
  const path = url.slice(url.indexOf('/', url.indexOf('//') + 2));
  const end = path.search(/[?#]/);
  return end < 0 ? path : path.slice(0, end);
};

const describeHealth = operation({
  operationId: 'health', tag: 'Operations', summary: 'Liveness and database check', auth: false,
  responses: { 200: { description: 'Up, and the database answers.', schema: 'Health' }, 503: { description: 'The database does not answer.', schema: 'Problem' } },
});
const describeContract = operation({
  operationId: 'getOpenApi', tag: 'Operations', summary: 'This contract', auth: false,
  responses: { 200: { description: 'The OpenAPI 3.1 document.', contentType: 'application/yaml' } },
});

/** Builds the whole API from its dependencies; no port, so tests call `app.request()` directly. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const logger = deps.logger ?? createLogger({ level: 'error' });

  const knownOrigins = new EpochCache<boolean>();
  const cors: CorsPolicy = {
    // A preflight carries no credential: it passes for origins that any tenant allowed (or the
    // operator's JOBAG_CORS_ORIGINS); `originGuard` then holds each caller to its own tenant's.
    origin: async (origin, c) =>
      isServerWideOrigin(deps, origin) || (await knownOrigins.through(origin, await accessEpoch(c, deps.db), () => isKnownOrigin(deps.db, origin))) ? origin : null,
    allowHeaders: ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'Idempotency-Key', 'Accept-Language', 'Last-Event-ID'],
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    exposeHeaders: ['ETag', 'Location', 'Idempotent-Replayed', 'RateLimit', 'RateLimit-Policy', 'Retry-After', 'X-Request-Id'],
    maxAge: 600,
  };
  const answerError = (error: Error, c: Context<AppEnv>): Response => {
    // Decoding what the client sent (a file name under /dist, say) failed: its mistake, not ours.
    const problem = problemOf(error instanceof URIError && !decodes(rawPath(c.req.url)) ? malformed('(path)') : error);
    if (problem) return problemResponse(problem.toJSON(), problem.headers);
    // Never leak internals: log the error (with the request's id), answer a plain 500 problem.
    logger.error({ reqId: c.get('requestId'), err: error }, 'unhandled error');
    return problemResponse({ type: '/problems/internal', title: 'Internal server error', status: 500, detail: 'Something went wrong on our side; it has been logged.' });
  };

  // Outermost: the edge (the request's id, its CORS origin, and on the answer every header and the
  // log line: it sees the answer of everything inside it); then malformed queries, then 405 for a
  // known path with another method, then preflights.
  app.use('*', edge({ logger, cors, onError: answerError }));
  app.use('*', wellFormedQuery);
  app.use(
    '*',
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) =>
        problemResponse(
          { type: '/problems/method-not-allowed', title: 'Method not allowed', status: 405, detail: `${c.req.method} is not allowed here; use ${methods.join(', ')}.` },
          { allow: methods.join(', ') },
        ),
    }),
  );
  app.use('*', corsPreflight(cors));

  // Floods: the public paths are limited by address; /v1 adds a time-out, failed
  // authentications and the principal's budget below.
  const floods = deps.floods ?? defaultFloodConfig;
  const counters = new SharedCounters(deps.db);
  const limitAddress = addressLimits(counters, floods);
  for (const path of ['/healthz', '/openapi.yaml', '/docs', '/docs/*']) app.use(path, limitAddress);

  app.get('/healthz', describeHealth, async (c) => {
    try {
      await deps.db.query('SELECT 1');
      const unreadable = await unreadableWebhookSecrets(deps.db, deps.signingSecret);
      const webhooks = { secrets: unreadable.length ? ('unreadable' as const) : ('ok' as const), unreadableSubscriptions: unreadable };
      return c.json({ status: 'ok' as const, database: 'ok' as const, webhooks });
    } catch {
      return problemResponse({ type: '/problems/unavailable', title: 'Service unavailable', status: 503, detail: 'The database does not answer.' });
    }
  });
  // Built once, on first request, from the routes' own descriptions; its generator (yaml, the
  // JSON Schema converter) is loaded only then, not at every start.
  let contract: Promise<string> | undefined;
  const buildContract = async () => {
    const { buildOpenApiDocument, contractYaml } = await import('./openapi/document.ts');
    return contractYaml(await buildOpenApiDocument(app));
  };
  app.get('/openapi.yaml', describeContract, async (c) =>
    c.body(await (contract ??= buildContract()), 200, { 'content-type': 'application/yaml; charset=utf-8' }),
  );
  app.route('/docs', docsRoutes({ demoKey: deps.docsDemoKey }));

  // Floods: a time-out for every request, then limits by address, then by principal.
  app.use('/v1/*', requestTimeout(floods.requestTimeoutMs));
  app.use('/v1/*', limitAddress);
  app.use('/v1/*', authenticate({ db: deps.db, secret: deps.signingSecret, now: deps.clock }));
  app.use('/v1/*', principalLimits(counters, floods));
  app.use('/v1/*', originGuard(deps));
  // A body over the limit is refused while it streams in (by Content-Length, or once the bytes
  // read pass it), never buffered whole; only after the caller is known.
  // GET and HEAD carry no body here. A body with a Content-Length (and no Transfer-Encoding) has
  // its size known before a byte is read — Node's parser holds it to that length — so it is
  // checked here and the body stays on @hono/node-server's direct read: hono's `bodyLimit` first
  // asks for the web stream, which builds a whole web `Request` per write, a cost
  // every POST would pay. Only a streamed body goes through `bodyLimit`, counted while it arrives.
  const limitBody = bodyLimit({ maxSize: maxBodyBytes, onError: () => { throw payloadTooLarge(); } });
  app.use('/v1/*', (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && /^\d+$/.test(length) && c.req.header('transfer-encoding') === undefined) {
      if (Number(length) > maxBodyBytes) throw payloadTooLarge();
      return next();
    }
    return limitBody(c, next);
  });
  app.route('/v1/me', meRoutes(deps));
  app.route('/v1/sessions', sessionRoutes(deps));
  app.route('/v1/occupations', occupationRoutes());
  app.route('/v1/jobcenters', jobcenterRoutes(deps));
  app.route('/v1/postal-codes', postalCodeRoutes());
  app.route('/v1/job-orders', jobOrderRoutes(deps));
  app.route('/v1/job-orders', logRoutes(deps));
  // The jobcenter side of an order: tovholder, placements, notes.
  app.route('/v1/job-orders', coordinatorRoutes(deps));
  app.route('/v1/job-orders', placementRoutes(deps));
  app.route('/v1/job-orders', noteRoutes(deps));
  // The live event stream: server-sent events of the journal.
  app.route('/v1/events', eventRoutes(deps));
  // Webhooks for HR systems: subscriptions here, deliveries by server/workers/webhooks/worker.ts.
  app.route('/v1/webhook-subscriptions', webhookSubscriptionRoutes(deps));
  // A jobcenter's own outcome numbers.
  app.route('/v1/placement-stats', statsRoutes(deps));

  app.notFound((c) => {
    if (!decodes(rawPath(c.req.url))) {
      const problem = malformed('(path)');
      return problemResponse(problem.toJSON(), problem.headers);
    }
    return problemResponse({ type: '/problems/not-found', title: 'Not found', status: 404, detail: `There is no ${c.req.method} ${c.req.path}.` });
  });
  app.onError(answerError);
  return app;
}
