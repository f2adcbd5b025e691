import cluster from 'node:cluster';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { eventFeedFor } from './core/events.ts';
import { serveBundle } from './bundles.ts';
import { loadConfig, type Config } from './config.ts';
import { openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { ensureJobcenters } from './db/reference-data.ts';
import { demoKeys, loadDemoData, loadDemoOrders } from './demo-data.ts';
import { demoCredentialsProblem } from './demo-guard.ts';
import { createLogger, withoutAddresses } from './http/request-log.ts';
import { todayInCopenhagen } from '../sdk/rules.ts';
import { systemClock } from './domain/calendar.ts';
import { fileMailer, smtpMailer } from './mail/mailer.ts';
import { createOutboxWorker } from './mail/worker.ts';
import { createHousekeeping } from './housekeeping.ts';
import { createWebhookWorker, webhookSettingsFromEnv } from './webhooks/worker.ts';
import { runPrimary, workerNumber } from './cluster.ts';

let loaded: Config;
try {
  loaded = loadConfig();
} catch (error) {
  console.error(`[jobag] ${(error as Error).message}`);
  process.exit(1);
}
const config = loaded;

// JOBAG_WORKERS > 1 (server/cluster.ts): this process is the primary, which prepares the database
// once (migrations, reference data, the demo check and demo data), then forks the HTTP workers and
// serves nothing itself; a worker (`worker` is its number) serves and prepares nothing.
const primary = config.workers > 1 && cluster.isPrimary;
const worker = workerNumber();
const db = await openDatabase({ url: config.databaseUrl, authToken: config.databaseAuthToken });
if (worker === undefined) {
  await migrate(db);
  await ensureJobcenters(db);
  // Configuration cannot open a door: production never starts with the public demo keys active.
  const demoCredentials = config.production ? await demoCredentialsProblem(db) : null;
  if (demoCredentials) {
    console.error(`[jobag] ${demoCredentials}`);
    db.close();
    process.exit(1);
  }
}
// E-mail on placement (R6): without SMTP_URL the outbox is written as .eml files to look at.
const mailer = config.smtpUrl ? smtpMailer(config.smtpUrl) : fileMailer('data/outbox');
// One JSON line per request on stdout (LOG_LEVEL=warn keeps only refusals and errors).
// A worker's lines also say which worker wrote them (`worker`, beside `pid`).
const rootLogger = createLogger({ level: config.logLevel, asyncStdout: true });
const logger = worker ? rootLogger.child({ worker }) : rootLogger;
// The outbox's warnings quote mail servers' errors, which may name a recipient: never an address in a log line.
const outbox = createOutboxWorker({ db, mailer, from: config.mailFrom, log: (message) => logger.warn({ outbox: withoutAddresses(message) }, 'outbox') });
// The live event stream's reader of the journal (GET /v1/events): polls while anyone listens,
// and reads at once after this process's own commits.
const events = eventFeedFor(db);
// Webhook deliveries (issue 12): demo mode lets a receiver listen on 127.0.0.1 over http.
const webhookPolicy = { allowLoopback: config.demo };
const webhooks = createWebhookWorker({
  db,
  serverSecret: config.signingSecret,
  policy: webhookPolicy,
  settings: webhookSettingsFromEnv(process.env),
  log: (message) => logger.warn({ webhooks: message }, 'webhooks'),
});
const app = createApp({
  docsDemoKey: config.demo ? demoKeys.employerA : undefined,
  db,
  clock: systemClock,
  signingSecret: config.signingSecret,
  corsOrigins: config.corsOrigins,
  outboxChanged: () => outbox.wake(),
  journalChanged: () => {
    events.wake();
    webhooks.wake();
  },
  logger,
  webhookPolicy,
});
// The built widget bundles and an example portal that embeds them (demo mode only);
// mounted before the first request, which freezes the router.
let secondOrigin: { origin: string; close: () => Promise<void> } | undefined;
// (Loaded only in demo mode: it brings the SDK and its HTTP client; not by the primary, which serves nothing.)
if (config.demo && !primary) app.route('/', (await import('./example-portal.ts')).examplePortalRoutes({ api: app.fetch, secondOrigin: () => secondOrigin?.origin }));
// In production the bundles alone, for README's script-tag embed (hashed, precompressed, any origin).
else app.get('/dist/*', (c) => serveBundle(c.req.raw));
if (config.demo && worker === undefined && (await loadDemoData(db, systemClock()))) {
  await loadDemoOrders((path, init) => app.request(path, init), todayInCopenhagen(systemClock()));
}
if (primary) {
  // The database is ready: the workers open their own connections. One signing secret for all
  // (demo mode draws a random one per start), so a token one worker signed is good at the others.
  db.close();
  mailer.close();
  rootLogger.flush();
  console.log(`[jobag] primary (pid ${process.pid}): database ready, starting ${config.workers} HTTP workers on ${config.host}:${config.port}`);
  runPrimary({ workers: config.workers, env: { JOBAG_SIGNING_SECRET: config.signingSecret } });
} else {
  await serveHttp();
}

/** Starts the loops and serves HTTP: the one process, or one worker of several. */
async function serveHttp() {
  outbox.start();
  // Stored Idempotency-Key answers are replayed for a week, then purged (hourly, in small batches).
  const housekeeping = createHousekeeping({ db, log: (message) => logger.warn({ housekeeping: message }, 'housekeeping') });
  housekeeping.start();
  webhooks.start();

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, async (info) => {
    const base = `http://${info.address === '::' ? 'localhost' : info.address}:${info.port}`;
    // The demo's second origin once: in the one process, or in worker 1.
    if (config.demo && (worker ?? 1) === 1) {
      // A portal on another origin (the next port), allowed for the first demo company by the admin command.
      const port = process.env.JOBAG_SECOND_ORIGIN_PORT ? Number(process.env.JOBAG_SECOND_ORIGIN_PORT) : info.port + 1;
      const { startSecondOrigin } = await import('./example-second-origin.ts');
      secondOrigin = await startSecondOrigin({ api: app.fetch, apiOrigin: base, db, host: config.host, port }).catch((error: Error) => {
        console.error(`[jobag] The second-origin example could not listen on port ${port}: ${error.message} (set JOBAG_SECOND_ORIGIN_PORT)`);
        return undefined;
      });
    }
    if (worker && worker > 1) {
      console.log(`[jobag] worker ${worker} of ${config.workers} (pid ${process.pid}) serving on ${base}`);
      return;
    }
    const lines = [
      `JobAG Orders API on ${base} (database ${config.databaseUrl}${worker ? `; worker ${worker} of ${config.workers}, pid ${process.pid}` : ''})`,
      `  API reference  ${base}/docs    contract ${base}/openapi.yaml`,
      `  E-mail on placement  ${mailer.description}`,
    ];
    if (config.demo) {
      lines.push(
        `  Example portal ${base}/examples/   widgets ${base}/dist/jobag.js`,
        `  Jobcenter desk ${base}/examples/desk.html   (open it beside the portal: changes show live on both)`,
        `  React 19 page  ${base}/examples/react.html   (the portal as a React app: <jobag-order-page>, typed events)`,
        ...(secondOrigin ? [`  Second origin  ${secondOrigin.origin}/   (embeds the widgets cross-origin; allowed with scripts/admin.ts allow-origin)`] : []),
        '  Demo API keys (demo mode only):',
        `    ${demoKeys.employerA}    Nordlys Køkken ApS (two workplaces, two contact persons)`,
        `    ${demoKeys.employerB}    Havnens Lager A/S`,
        `    ${demoKeys.jobcenter101} Jobcenter København`,
        `    ${demoKeys.jobcenter751} Jobcenter Aarhus`,
        `  Try: curl -H 'Authorization: Bearer ${demoKeys.employerA}' ${base}/v1/job-orders`,
      );
    }
    console.log(lines.join('\n'));
  });

  function shutdown() {
    // Open event streams end first (clients resume elsewhere with Last-Event-ID), so close() does not wait on them.
    events.close();
    void secondOrigin?.close();
    server.close(async () => {
      await outbox.stop();
      await housekeeping.stop();
      await webhooks.stop();
      mailer.close();
      db.close();
      rootLogger.flush();
      process.exit(0);
    });
  }
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
