// Serving HTTP in this process: the one process (with its HTTP threads, if any), or one worker of
// a cluster. Starts the loops, listens, prints the banner, and stops cleanly on SIGTERM/SIGINT.
import type { AddressInfo, Server as NetServer } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { Config } from '../config/index.ts';
import { demoKeys } from '../demo/data.ts';
import { createHousekeeping } from '../workers/housekeeping.ts';
import { assembleServer, type Server } from './assemble.ts';
import { answerClientError } from './client-error.ts';
import { listenForThreads, startHttpThreads, type HttpThreads } from './threads.ts';
import type { ThreadSocket } from './messages.ts';

export interface ServeOptions {
  /** The server's entry module, which each HTTP thread runs (it tells the roles apart). */
  entry: URL;
}

/** Serves in this process: `single` (JOBAG_THREADS adds threads on its socket) or a cluster `worker`. */
export async function serve(config: Config, role: { kind: 'single' } | { kind: 'worker'; worker: number }, options: ServeOptions): Promise<void> {
  const worker = role.kind === 'worker' ? role.worker : undefined;
  // The other HTTP threads' event feeds, woken when this one commits (JOBAG_THREADS).
  let httpThreads: HttpThreads | undefined;
  let threadStart: NodeJS.Timeout | undefined;
  let secondOrigin: { origin: string; close: () => Promise<void> } | undefined;
  const server = await assembleServer(config, role, {
    journalChanged: () => httpThreads?.wake(),
    secondOrigin: () => secondOrigin?.origin,
  });
  const { app, db, events, outbox, webhooks, mailer, rootLogger, logger } = server;

  outbox.start();
  // Stored Idempotency-Key answers are replayed for a week, then purged (hourly, in small batches).
  const housekeeping = createHousekeeping({ db, log: (message) => logger.warn({ housekeeping: message }, 'housekeeping') });
  housekeeping.start();
  webhooks.start();

  const http = createAdaptorServer({ fetch: app.fetch, hostname: config.http.host });
  http.on('clientError', answerClientError);
  const address = { port: config.http.port, host: config.http.host };
  const socket = http as unknown as NetServer;
  // With threads to come, the socket is made for them to join (SO_REUSEPORT where there is one).
  let threadSocket: ThreadSocket | undefined;
  const listened =
    config.runtime.threads > 1
      ? listenForThreads(socket, address).then((joinable) => void (threadSocket = joinable))
      : new Promise<void>((resolve) => socket.listen(address, resolve));
  // A port it cannot listen on ends the start with that error, as an unhandled rejection.
  void listened.then(() => listening(socket.address() as AddressInfo));

  async function listening(info: AddressInfo) {
    const base = `http://${info.address === '::' ? 'localhost' : info.address}:${info.port}`;
    // The demo's second origin once: in the one process, or in worker 1.
    if (config.demo && (worker ?? 1) === 1) {
      // A portal on another origin (the next port), allowed for the first demo company by the admin command.
      const port = config.http.secondOriginPort ?? info.port + 1;
      const { startSecondOrigin } = await import('../demo/second-origin.ts');
      secondOrigin = await startSecondOrigin({ api: app.fetch, apiOrigin: base, db, host: config.http.host, port }).catch((error: Error) => {
        console.error(`[jobag] The second-origin example could not listen on port ${port}: ${error.message} (set JOBAG_SECOND_ORIGIN_PORT)`);
        return undefined;
      });
    }
    if (worker && worker > 1) {
      console.log(`[jobag] worker ${worker} of ${config.runtime.workers} (pid ${process.pid}) serving on ${base}`);
      return;
    }
    // The other threads start a moment later: loading the app again competes with this thread's
    // first answers for the CPU, and a first answer is what a start is judged by.
    if (threadSocket) {
      const joinable = threadSocket;
      threadStart = setTimeout(() => (httpThreads = startThreads(config, server, joinable, secondOrigin?.origin, options.entry)), 300);
    }
    console.log(banner(config, base, worker, mailer.description, secondOrigin?.origin).join('\n'));
  }

  async function shutdown() {
    // Open event streams end first (clients resume elsewhere with Last-Event-ID), so close() does not wait on them.
    events.close();
    void secondOrigin?.close();
    clearTimeout(threadStart);
    // This thread stops accepting (on a shared descriptor, so does every thread); each thread then
    // closes its own socket, answers what it has and closes its database while this thread waits
    // for its own connections.
    const closed = new Promise((resolve) => http.close(resolve));
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

/** JOBAG_THREADS > 1: threads 2…n on this server's port; their commits wake the loops here. */
function startThreads(config: Config, server: Server, socket: ThreadSocket, secondOrigin: string | undefined, entry: URL): HttpThreads {
  const threads = config.runtime.threads;
  const started = startHttpThreads({
    count: threads,
    socket,
    config,
    secondOrigin,
    entry,
    onMessage: (message) => {
      if (message.kind === 'listening') console.log(`[jobag] HTTP thread ${message.thread} of ${threads} serving (pid ${process.pid}) ${describe(socket)}`);
      if (message.kind === 'outbox-changed') server.outbox.wake();
      if (message.kind === 'journal-changed') {
        server.events.wake();
        server.webhooks.wake();
        started.wake();
      }
    },
    onDeath: (n, reason) => {
      // An error nothing handled (and on a shared descriptor, a closed socket): end the process for its supervisor to restart.
      console.error(`[jobag] HTTP thread ${n} died (${reason}); stopping`);
      process.exit(1);
    },
  });
  return started;
}

const describe = (socket: ThreadSocket) => (socket.kind === 'reuse-port' ? 'on its own socket (SO_REUSEPORT)' : `on the main thread's descriptor ${socket.fd}`);

/** What the start prints: where to go, and in demo mode the demo's pages and keys. */
function banner(config: Config, base: string, worker: number | undefined, mail: string, secondOrigin: string | undefined): string[] {
  const lines = [
    `JobAG Orders API on ${base} (database ${config.database.url}${worker ? `; worker ${worker} of ${config.runtime.workers}, pid ${process.pid}` : ''})`,
    `  API reference  ${base}/docs    contract ${base}/openapi.yaml`,
    `  E-mail on placement  ${mail}`,
  ];
  if (!config.demo) return lines;
  return [
    ...lines,
    `  Example portal ${base}/examples/   widgets ${base}/dist/jobag.js`,
    `  Jobcenter desk ${base}/examples/desk.html   (open it beside the portal: changes show live on both)`,
    `  React 19 page  ${base}/examples/react.html   (the portal as a React app: <jobag-order-page>, typed events)`,
    ...(secondOrigin ? [`  Second origin  ${secondOrigin}/   (embeds the widgets cross-origin; allowed with scripts/admin.ts allow-origin)`] : []),
    '  Demo API keys (demo mode only):',
    `    ${demoKeys.employerA}    Nordlys Køkken ApS (two workplaces, two contact persons)`,
    `    ${demoKeys.employerB}    Havnens Lager A/S`,
    `    ${demoKeys.jobcenter101} Jobcenter København`,
    `    ${demoKeys.jobcenter751} Jobcenter Aarhus`,
    `  Try: curl -H 'Authorization: Bearer ${demoKeys.employerA}' ${base}/v1/job-orders`,
  ];
}
