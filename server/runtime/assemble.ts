// One server's parts, whatever role it plays: its database connections, the HTTP app, the
// outbox, webhook and event-feed loops and the logger. serve.ts, cluster.ts and threads.ts then
// decide what of it runs.
import { createApp } from '../http/app.ts';
import { eventFeedFor } from '../core/events.ts';
import { serveBundle } from '../http/bundles.ts';
import type { Config } from '../config/index.ts';
import { openDatabase } from '../db/driver/client.ts';
import type { Database } from '../db/driver/types.ts';
import { migrate } from '../db/migrate.ts';
import { ensureJobcenters } from '../db/reference-data.ts';
import { demoKeys, loadDemoData, loadDemoOrders } from '../demo/data.ts';
import { demoCredentialsProblem } from '../demo/guard.ts';
import { createLogger, withoutAddresses, type Logger } from '../http/middleware/request-log.ts';
import { systemClock } from '../domain/calendar.ts';
import { todayInCopenhagen } from '../../sdk/rules.ts';
import { fileMailer, smtpMailer, type Mailer } from '../workers/mail/mailer.ts';
import { createOutboxWorker } from '../workers/mail/worker.ts';
import { createWebhookWorker } from '../workers/webhooks/worker.ts';

/** The part this process or thread plays; main.ts picks it. */
export type Role =
  /** The one process: prepares the database, serves, runs the loops (and may start HTTP threads). */
  | { kind: 'single' }
  /** JOBAG_WORKERS > 1: prepares the database, then forks the workers; serves nothing itself. */
  | { kind: 'primary' }
  /** A forked HTTP worker: serves and runs its own loops; prepares nothing. */
  | { kind: 'worker'; worker: number }
  /** An HTTP thread of JOBAG_THREADS: serves on the main thread's socket; no loops, prepares nothing. */
  | { kind: 'thread'; thread: number };

export interface ServerOptions {
  /** Beside waking this server's own loops after a commit: whoever else must know (the main thread, the other threads). */
  outboxChanged?: () => void;
  journalChanged?: () => void;
  /** The demo's second origin, for the example portal to link to, once it runs. */
  secondOrigin?: () => string | undefined;
}

export interface Server {
  db: Database;
  app: ReturnType<typeof createApp>;
  mailer: Mailer;
  /** The process's logger, to flush on the way out; `logger` is its child that names the worker or thread. */
  rootLogger: Logger;
  logger: Logger;
  outbox: ReturnType<typeof createOutboxWorker>;
  events: ReturnType<typeof eventFeedFor>;
  webhooks: ReturnType<typeof createWebhookWorker>;
}

/** A configuration error or a refusal: printed as one line, then the process exits 1. */
export function refuse(message: string): never {
  console.error(`[jobag] ${message}`);
  process.exit(1);
}

/** Opens the database and assembles the server; the single process and the primary prepare the database (and the demo data). */
export async function assembleServer(config: Config, role: Role, options: ServerOptions = {}): Promise<Server> {
  const db = await openDatabase(config.database);
  if (role.kind === 'single' || role.kind === 'primary') {
    await migrate(db);
    await ensureJobcenters(db);
    // Configuration cannot open a door: production never starts with the public demo keys active.
    const demoCredentials = config.production ? await demoCredentialsProblem(db) : null;
    if (demoCredentials) {
      db.close();
      refuse(demoCredentials);
    }
  }
  // E-mail on placement (R6): without SMTP_URL the outbox is written as .eml files to look at.
  const mailer = config.mail.smtpUrl ? smtpMailer(config.mail.smtpUrl) : fileMailer('data/outbox');
  // One JSON line per request on stdout (LOG_LEVEL=warn keeps only refusals and errors).
  // A worker's or thread's lines also say which one wrote them (beside `pid`).
  const rootLogger = createLogger({ level: config.logLevel, asyncStdout: true });
  const logger =
    role.kind === 'worker' ? rootLogger.child({ worker: role.worker }) : role.kind === 'thread' ? rootLogger.child({ thread: role.thread }) : rootLogger;
  // The outbox's warnings quote mail servers' errors, which may name a recipient: never an address in a log line.
  const outbox = createOutboxWorker({ db, mailer, from: config.mail.from, log: (message) => logger.warn({ outbox: withoutAddresses(message) }, 'outbox') });
  // The live event stream's reader of the journal (GET /v1/events): polls while anyone listens,
  // and reads at once after this process's own commits.
  const events = eventFeedFor(db, config.events);
  // Demo mode lets a webhook receiver listen on 127.0.0.1 over http.
  const webhookPolicy = { allowLoopback: config.demo };
  const webhooks = createWebhookWorker({
    db,
    serverSecret: config.signingSecret,
    policy: webhookPolicy,
    settings: config.webhooks,
    log: (message) => logger.warn({ webhooks: message }, 'webhooks'),
    logError: (message) => logger.error({ webhooks: message }, 'webhooks'),
  });
  const app = createApp({
    docsDemoKey: config.demo ? demoKeys.employerA : undefined,
    db,
    clock: systemClock,
    signingSecret: config.signingSecret,
    corsOrigins: config.http.corsOrigins,
    floods: config.floods,
    // A loop that is not running (a thread's) ignores its wake-up; the options pass it on.
    outboxChanged: () => {
      outbox.wake();
      options.outboxChanged?.();
    },
    journalChanged: () => {
      events.wake();
      webhooks.wake();
      options.journalChanged?.();
    },
    logger,
    webhookPolicy,
  });
  // The built widget bundles and an example portal that embeds them (demo mode only); mounted
  // before the first request, which freezes the router. The portal brings the SDK and its HTTP
  // client, so it is loaded only in demo mode, and not by the primary, which serves nothing.
  if (config.demo && role.kind !== 'primary') {
    const { examplePortalRoutes } = await import('../demo/example-portal.ts');
    app.route('/', examplePortalRoutes({ api: app.fetch, secondOrigin: () => options.secondOrigin?.() }));
  } else {
    // In production the bundles alone, for README's script-tag embed (hashed, precompressed, any origin).
    app.get('/dist/*', (c) => serveBundle(c.req.raw));
  }
  const prepares = role.kind === 'single' || role.kind === 'primary';
  if (prepares && config.demo && (await loadDemoData(db, systemClock()))) {
    await loadDemoOrders((path, init) => app.request(path, init), todayInCopenhagen(systemClock()));
  }
  return { db, app, mailer, rootLogger, logger, outbox, events, webhooks };
}
