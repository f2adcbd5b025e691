import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { authenticate, type AppEnv } from './auth.ts';
import type { AppDeps } from './deps.ts';
import { HttpProblem, problemResponse } from './http/problem.ts';
import { docsPage } from './openapi/docs-page.ts';
import { openApiYaml } from './openapi/document.ts';
import { jobcenterRoutes } from './routes/jobcenters.ts';
import { coordinatorRoutes } from './routes/coordinator.ts';
import { jobOrderRoutes } from './routes/job-orders.ts';
import { noteRoutes } from './routes/notes.ts';
import { placementRoutes } from './routes/placements.ts';
import { meRoutes } from './routes/me.ts';
import { occupationRoutes } from './routes/occupations.ts';
import { postalCodeRoutes } from './routes/postal-codes.ts';
import { sessionRoutes } from './routes/sessions.ts';

export type { AppDeps } from './deps.ts';

/** Builds the whole API from its dependencies; no port, so tests call `app.request()` directly. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  let yaml: string | undefined;

  app.use(
    '*',
    cors({
      origin: (origin) => (deps.corsOrigins.includes(origin) || deps.corsOrigins.includes('*') ? origin : null),
      allowHeaders: ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'Idempotency-Key', 'Accept-Language'],
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'OPTIONS'],
      exposeHeaders: ['ETag', 'Location', 'Idempotent-Replayed'],
      maxAge: 600,
    }),
  );

  app.get('/healthz', async (c) => {
    try {
      await deps.db.query('SELECT 1');
      return c.json({ status: 'ok' as const, database: 'ok' as const });
    } catch {
      return problemResponse({ type: '/problems/unavailable', title: 'Service unavailable', status: 503, detail: 'The database does not answer.' });
    }
  });
  app.get('/openapi.yaml', (c) => {
    yaml ??= openApiYaml();
    return c.body(yaml, 200, { 'content-type': 'application/yaml; charset=utf-8' });
  });
  app.get('/docs', (c) => c.html(docsPage()));

  app.use('/v1/*', authenticate({ db: deps.db, secret: deps.signingSecret, now: deps.clock }));
  app.route('/v1/me', meRoutes(deps));
  app.route('/v1/sessions', sessionRoutes(deps));
  app.route('/v1/occupations', occupationRoutes());
  app.route('/v1/jobcenters', jobcenterRoutes(deps));
  app.route('/v1/postal-codes', postalCodeRoutes());
  app.route('/v1/job-orders', jobOrderRoutes(deps));
  // The jobcenter side of an order (issue 3): tovholder, placements, notes.
  app.route('/v1/job-orders', coordinatorRoutes(deps));
  app.route('/v1/job-orders', placementRoutes(deps));
  app.route('/v1/job-orders', noteRoutes(deps));

  app.notFound((c) =>
    problemResponse({ type: '/problems/not-found', title: 'Not found', status: 404, detail: `There is no ${c.req.method} ${c.req.path}.` }),
  );
  app.onError((error, c) => {
    if (error instanceof HttpProblem) return problemResponse(error.toJSON(), error.headers);
    // Never leak internals: log the error, answer a plain 500 problem.
    console.error(`[jobag] ${c.req.method} ${c.req.path} failed:`, error);
    return problemResponse({ type: '/problems/internal', title: 'Internal server error', status: 500, detail: 'Something went wrong on our side; it has been logged.' });
  });
  return app;
}
