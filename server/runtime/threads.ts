// HTTP threads (`JOBAG_THREADS=<n>` or `auto`): more than one core's worth of requests
// from ONE process. The main thread listens as always; each extra thread runs its own app (its
// own database connections, caches and event feed, as a cluster worker would) and accepts on the
// very same listening socket, so the kernel hands each new connection to whichever thread takes
// it. Unlike JOBAG_WORKERS there is one Node process: the binary, the native driver and the
// process's own memory are there once, and a start is as fast as one process's.
//
// What the main thread alone does: migrations and demo data before any thread starts, the
// outbox, the webhook deliveries and the housekeeping loops (threads wake them after a commit).
//
// The threads share the listening socket's file descriptor itself (Node 20 has no SO_REUSEPORT
// and no way to duplicate a descriptor), so only the main thread ever closes it: a thread never
// closes its server, and a thread that dies would close it on its way out, so the whole process
// then exits with an error, as one crashed process would, for its supervisor to start again.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Server } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { Config } from '../config/index.ts';
import type { HttpThreadData, MainMessage, ThreadMessage } from './messages.ts';
import { assembleServer } from './assemble.ts';
import { answerClientError } from './client-error.ts';

export interface HttpThreadsOptions {
  count: number;
  server: Server;
  /** The main thread's configuration: every thread serves with the same (one signing secret for all). */
  config: Config;
  secondOrigin?: string;
  /** The module to run in each thread: the server's own entry (it tells the roles apart). */
  entry: URL;
  onMessage: (message: ThreadMessage) => void;
  /** A thread died: its exit closed the shared socket, so the process must end (exit code 1). */
  onDeath: (thread: number, reason: string) => void;
}

export interface HttpThreads {
  /** Tells every thread's event feed that the journal grew (a commit elsewhere in the process). */
  wake(): void;
  /** Asks every thread to answer what it has and end its connections; resolves when all stopped (or after `timeoutMs`). */
  stop(timeoutMs?: number): Promise<void>;
}

/** Starts threads 2…count on the main thread's listening socket. */
export function startHttpThreads(options: HttpThreadsOptions): HttpThreads {
  const fd = (options.server as unknown as { _handle?: { fd?: number } })._handle?.fd;
  if (typeof fd !== 'number' || fd < 0) throw new Error('JOBAG_THREADS needs a listening TCP socket with a file descriptor (Linux, macOS).');
  const workers = new Map<number, Worker>();
  let stopping = false;
  for (let thread = 2; thread <= options.count; thread++) {
    const workerData: HttpThreadData = { role: 'jobag-http-thread', thread, listenFd: fd, config: options.config, secondOrigin: options.secondOrigin };
    const worker = options.entry.pathname.endsWith('.ts')
      ? // Run from the TypeScript sources (tests, `node --import tsx`): a thread does not inherit tsx's hooks.
        new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(options.entry.href)}); })`, { eval: true, workerData })
      : new Worker(options.entry, { workerData });
    workers.set(thread, worker);
    worker.on('message', (message: ThreadMessage) => options.onMessage(message));
    worker.on('error', (error) => {
      if (!stopping) options.onDeath(thread, error.stack ?? String(error));
    });
    worker.on('exit', (code) => {
      workers.delete(thread);
      if (!stopping) options.onDeath(thread, `exit code ${code}`);
    });
  }
  return {
    wake() {
      for (const worker of workers.values()) tell(worker, { kind: 'journal-changed' });
    },
    async stop(timeoutMs = 10_000) {
      stopping = true;
      // A thread says `stopped` once its connections ended and its database closed; it stays until
      // the process exits, so its end never closes the socket's descriptor number (by then perhaps another file's).
      const all = [...workers.values()].map(
        (worker) =>
          new Promise<void>((resolve) => {
            worker.once('exit', () => resolve());
            worker.on('message', (message: ThreadMessage) => message.kind === 'stopped' && resolve());
            tell(worker, { kind: 'stop' });
          }),
      );
      await Promise.race([Promise.all(all), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
    },
  };
}

const tell = (worker: Worker, message: MainMessage) => worker.postMessage(message);

/** This thread's start data when it is an HTTP thread of JOBAG_THREADS, else undefined. */
export function httpThreadData(): HttpThreadData | undefined {
  const data = workerData as HttpThreadData | undefined;
  return !isMainThread && data?.role === 'jobag-http-thread' ? data : undefined;
}

/**
 * An HTTP thread: serves on the main thread's listening socket until the main thread says stop,
 * then ends its connections and closes its database. It never closes the socket (see above), and
 * prepares nothing: the main thread did before it started any thread.
 */
export async function serveThread(data: HttpThreadData): Promise<void> {
  const tellMain = (message: ThreadMessage) => parentPort!.postMessage(message);
  // Its commits wake the main thread's loops (and, through it, the other threads' feeds).
  const { app, db, events, rootLogger } = await assembleServer(data.config, { kind: 'thread', thread: data.thread }, {
    outboxChanged: () => tellMain({ kind: 'outbox-changed' }),
    journalChanged: () => tellMain({ kind: 'journal-changed' }),
    secondOrigin: () => data.secondOrigin,
  });
  const server = createAdaptorServer({ fetch: app.fetch });
  server.on('clientError', answerClientError);
  server.listen({ fd: data.listenFd }, () => tellMain({ kind: 'listening', thread: data.thread }));
  parentPort!.on('message', (message: MainMessage) => {
    if (message.kind === 'journal-changed') return events.wake();
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
