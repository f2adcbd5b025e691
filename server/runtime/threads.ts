// HTTP threads (`JOBAG_THREADS=<n>` or `auto`): more than one core's worth of requests
// from ONE process. The main thread listens as always; each extra thread runs its own app (its
// own database connections, caches and event feed, as a cluster worker would) and accepts on the
// same port. Unlike JOBAG_WORKERS there is one Node process: the binary, the native driver and
// the process's own memory are there once, and a start is as fast as one process's.
//
// What the main thread alone does: migrations and demo data before any thread starts, the
// outbox, the webhook deliveries and the housekeeping loops (threads wake them after a commit).
//
// How the threads share the port (`ThreadSocket`):
// - `reuse-port`: every thread binds its own socket to the port with SO_REUSEPORT, and the kernel
//   spreads new connections over the sockets (by a hash of the connection's addresses, so evenly
//   under many clients whatever each thread's load). Each thread opens and closes its own socket.
//   Node's `reusePort` listen option; libuv offers it where the kernel balances such sockets
//   (Linux, FreeBSD, DragonFly BSD, Solaris 11.4, AIX) and refuses it elsewhere (ENOTSUP on macOS
//   and Windows).
// - `shared-descriptor`, the fallback where that is refused: the threads accept on the main
//   thread's listening descriptor itself (Node cannot duplicate one), so only the main thread
//   ever closes it, and a thread never closes its server.
// In both, a thread that dies ends the process with an error, as one crashed process would, for
// its supervisor to start again: it died of an error nothing handled (its state is unknown), and
// on a shared descriptor its exit closed the socket every thread accepts on.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { AddressInfo, ListenOptions, Server } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { Config } from '../config/index.ts';
import type { HttpThreadData, MainMessage, ThreadMessage, ThreadSocket } from './messages.ts';
import { assembleServer } from './assemble.ts';
import { answerClientError } from './client-error.ts';

export interface HttpThreadsOptions {
  count: number;
  /** How the threads reach the port: what `listenForThreads` answered for the main thread's server. */
  socket: ThreadSocket;
  /** The main thread's configuration: every thread serves with the same (one signing secret for all). */
  config: Config;
  secondOrigin?: string;
  /** The module to run in each thread: the server's own entry (it tells the roles apart). */
  entry: URL;
  onMessage: (message: ThreadMessage) => void;
  /** A thread died of an error, so the process must end (exit code 1; see above). */
  onDeath: (thread: number, reason: string) => void;
}

export interface HttpThreads {
  /** Tells every thread's event feed that the journal grew (a commit elsewhere in the process). */
  wake(): void;
  /** Asks every thread to answer what it has and end its connections; resolves when all stopped (or after `timeoutMs`). */
  stop(timeoutMs?: number): Promise<void>;
}

/** Node versions whose `listen()` knows `reusePort` (22.12, 23.1 and later); older ones ignore it without a word. */
export function nodeHasReusePort(version = process.versions.node): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 12);
}

/**
 * Listens the main thread's server on `port` and `host` for HTTP threads to join, and says how
 * they reach the port: SO_REUSEPORT where Node and the platform offer it, else the server's own
 * descriptor. Any other failure to listen (the port taken) rejects, as a plain `listen` would throw.
 */
export async function listenForThreads(server: Server, address: { port: number; host: string }, reusePort = nodeHasReusePort()): Promise<ThreadSocket> {
  if (reusePort) {
    try {
      await listen(server, { ...address, reusePort: true });
      return { kind: 'reuse-port', port: (server.address() as AddressInfo).port, host: address.host };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOTSUP') throw error;
    }
  }
  await listen(server, address);
  const fd = (server as unknown as { _handle?: { fd?: number } })._handle?.fd;
  if (typeof fd !== 'number' || fd < 0) throw new Error('JOBAG_THREADS needs SO_REUSEPORT or a listening TCP socket with a file descriptor (Linux, macOS).');
  return { kind: 'shared-descriptor', fd };
}

/** `server.listen` as a promise: settles on `listening` or on the error that prevented it. */
const listen = (server: Server, options: ListenOptions) =>
  new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options, () => {
      server.off('error', reject);
      resolve();
    });
  });

/** Starts threads 2…count on the port the main thread listens on. */
export function startHttpThreads(options: HttpThreadsOptions): HttpThreads {
  const workers = new Map<number, Worker>();
  let stopping = false;
  for (let thread = 2; thread <= options.count; thread++) {
    const workerData: HttpThreadData = { role: 'jobag-http-thread', thread, socket: options.socket, config: options.config, secondOrigin: options.secondOrigin };
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
      // the process exits, so on a shared descriptor its end never closes the socket's descriptor
      // number (by then perhaps another file's).
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
 * An HTTP thread: serves on the port until the main thread says stop, then stops accepting (on
 * its own socket; a shared descriptor it never closes, see above), ends its connections and
 * closes its database. It prepares nothing: the main thread did before it started any thread.
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
  const { socket } = data;
  const listening = () => tellMain({ kind: 'listening', thread: data.thread });
  if (socket.kind === 'reuse-port') server.listen({ port: socket.port, host: socket.host, reusePort: true }, listening);
  else server.listen({ fd: socket.fd }, listening);
  parentPort!.on('message', (message: MainMessage) => {
    if (message.kind === 'journal-changed') return events.wake();
    events.close();
    if (socket.kind === 'reuse-port') server.close();
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
