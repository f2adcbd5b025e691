import cluster from 'node:cluster';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createAdaptorServer, serve } from '@hono/node-server';
import { createApp } from './http/app.ts';
import { eventFeedFor } from './core/events.ts';
import { serveBundle } from './http/bundles.ts';
import { loadConfig, type Config } from './config/index.ts';
import { openDatabase } from './db/driver/client.ts';
import { migrate } from './db/migrate.ts';
import { ensureJobcenters } from './db/reference-data.ts';
import { demoKeys, loadDemoData, loadDemoOrders } from './demo/data.ts';
import { demoCredentialsProblem } from './demo/guard.ts';
import { createLogger, withoutAddresses } from './http/middleware/request-log.ts';
import { todayInCopenhagen } from '../sdk/rules.ts';
import { systemClock } from './domain/calendar.ts';
import { fileMailer, smtpMailer } from './workers/mail/mailer.ts';
import { createOutboxWorker } from './workers/mail/worker.ts';
import { createHousekeeping } from './workers/housekeeping.ts';
import { createWebhookWorker, webhookSettingsFromEnv } from './workers/webhooks/worker.ts';
import { runPrimary, workerNumber } from './runtime/cluster.ts';
import { startHttpThreads, type HttpThreadData, type HttpThreadMessage, type HttpThreads } from './runtime/threads.ts';

// An HTTP thread of JOBAG_THREADS (server/runtime/threads.ts) runs this same module: it serves on the
// main thread's socket and prepares nothing; the loops (outbox, webhooks, housekeeping) stay in the main thread.
const thread = !isMainThread && (workerData as HttpThreadData | undefined)?.role === 'jobag-http-thread' ? (workerData as HttpThreadData) : undefined;
const tellMain = (message: HttpThreadMessage) => parentPort?.postMessage(message);

let loaded: Config;
try {
  loaded = loadConfig(thread ? { ...process.env, JOBAG_SIGNING_SECRET: thread.signingSecret } : process.env);
} catch (error) {
  console.error(`[jobag] ${(error as Error).message}`);
  process.exit(1);
}
const config = loaded;
const threads = config.threads;

// JOBAG_WORKERS > 1 (server/runtime/cluster.ts): this process is the primary, which prepares the database
// once (migrations, reference data, the demo check and demo data), then forks the HTTP workers and
// serves nothing itself; a worker (`worker` is its number) serves and prepares nothing.
const primary = config.workers > 1 && cluster.isPrimary;
const worker = workerNumber();
const db = await openDatabase({ url: config.databaseUrl, authToken: config.databaseAuthToken });
if (worker === undefined && !thread) {
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
const logger = worker ? rootLogger.child({ worker }) : thread ? rootLogger.child({ thread: thread.thread }) : rootLogger;
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
// The other HTTP threads' event feeds, woken when this one commits (JOBAG_THREADS).
let httpThreads: HttpThreads | undefined;
let threadStart: NodeJS.Timeout | undefined;
const app = createApp({
  docsDemoKey: config.demo ? demoKeys.employerA : undefined,
  db,
  clock: systemClock,
  signingSecret: config.signingSecret,
  corsOrigins: config.corsOrigins,
  // A thread's commits wake the main thread's loops (and, through it, the other threads' feeds).
  outboxChanged: () => (thread ? tellMain({ kind: 'outbox-changed' }) : outbox.wake()),
  journalChanged: () => {
    events.wake();
    if (thread) return tellMain({ kind: 'journal-changed' });
    webhooks.wake();
    httpThreads?.wake();
  },
  logger,
  webhookPolicy,
});
// The built widget bundles and an example portal that embeds them (demo mode only);
// mounted before the first request, which freezes the router.
let secondOrigin: { origin: string; close: () => Promise<void> } | undefined;
// (Loaded only in demo mode: it brings the SDK and its HTTP client; not by the primary, which serves nothing.)
if (config.demo && !primary) app.route('/', (await import('./demo/example-portal.ts')).examplePortalRoutes({ api: app.fetch, secondOrigin: () => secondOrigin?.origin ?? thread?.secondOrigin }));
// In production the bundles alone, for README's script-tag embed (hashed, precompressed, any origin).
else app.get('/dist/*', (c) => serveBundle(c.req.raw));
if (config.demo && worker === undefined && !thread && (await loadDemoData(db, systemClock()))) {
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
} else if (thread) {
  serveThread(thread);
} else {
  await serveHttp();
}

/**
 * An HTTP thread: serves on the main thread's listening socket until the main thread says stop,
 * then ends its connections and closes its database. It never closes the socket (see http-threads.ts).
 */
function serveThread(data: HttpThreadData) {
  const server = createAdaptorServer({ fetch: app.fetch });
  server.listen({ fd: data.listenFd }, () => tellMain({ kind: 'listening', thread: data.thread }));
  parentPort!.on('message', (message: unknown) => {
    if (message === 'journal-changed') return events.wake();
    if (message !== 'stop') return;
    events.close();
    const drain = setInterval(() => {
      (server as unknown as { closeIdleConnections(): void }).closeIdleConnections();
      server.getConnections((_error, open) => {
        if (open > 0) return;
        clearInterval(drain);
        db.close();
        rootLogger.flush();
        tellMain({ kind: 'stopped' });
      });
    }, 20);
  });
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
      const { startSecondOrigin } = await import('./demo/second-origin.ts');
      secondOrigin = await startSecondOrigin({ api: app.fetch, apiOrigin: base, db, host: config.host, port }).catch((error: Error) => {
        console.error(`[jobag] The second-origin example could not listen on port ${port}: ${error.message} (set JOBAG_SECOND_ORIGIN_PORT)`);
        return undefined;
      });
    }
    if (worker && worker > 1) {
      console.log(`[jobag] worker ${worker} of ${config.workers} (pid ${process.pid}) serving on ${base}`);
      return;
    }
    // The other threads start a moment later: loading the app again competes with this thread's
    // first answers for the CPU (cold start to the first 200: ~430 → ~370 ms median here).
    if (threads > 1) threadStart = setTimeout(() => (httpThreads = startThreads(server as unknown as import('node:net').Server)), 300);
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

  async function shutdown() {
    // Open event streams end first (clients resume elsewhere with Last-Event-ID), so close() does not wait on them.
    events.close();
    void secondOrigin?.close();
    clearTimeout(threadStart);
    // Closing the socket stops every thread accepting; the threads then answer what they have and
    // close their databases while this thread waits for its own connections.
    const closed = new Promise((resolve) => server.close(resolve));
    await httpThreads?.stop();
    await closed;
    await outbox.stop();
    await housekeeping.stop();
    await webhooks.stop();
    mailer.close();
    db.close();
    rootLogger.flush();
    process.exit(0);
  }
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

/** JOBAG_THREADS > 1: threads 2…n on this server's socket; their commits wake the loops here. */
function startThreads(server: import('node:net').Server): HttpThreads {
  const started = startHttpThreads({
    count: threads,
    server,
    signingSecret: config.signingSecret,
    secondOrigin: secondOrigin?.origin,
    entry: new URL(import.meta.url),
    onMessage: (message) => {
      if (message.kind === 'listening') console.log(`[jobag] HTTP thread ${message.thread} of ${threads} serving (pid ${process.pid})`);
      if (message.kind === 'outbox-changed') outbox.wake();
      if (message.kind === 'journal-changed') {
        events.wake();
        webhooks.wake();
        started.wake();
      }
    },
    onDeath: (n, reason) => {
      // Its exit closed the socket every thread accepts on: end the process for its supervisor to restart.
      console.error(`[jobag] HTTP thread ${n} died (${reason}); stopping`);
      process.exit(1);
    },
  });
  return started;
}
