// HTTP threads (`JOBAG_THREADS=<n>` or `auto`, issue 9): more than one core's worth of requests
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
import { Worker } from 'node:worker_threads';
import type { Server } from 'node:net';

/** What an HTTP thread is told at its start. */
export interface HttpThreadData {
  role: 'jobag-http-thread';
  /** 2…n: the main thread is 1. */
  thread: number;
  /** The main thread's listening socket. */
  listenFd: number;
  /** One signing secret for all (a demo start draws one): a token one thread signed is good at the others. */
  signingSecret: string;
  /** The demo's second origin, which the main thread runs (the example portal links to it). */
  secondOrigin?: string;
}

/** Messages from a thread to the main thread. */
export type HttpThreadMessage = { kind: 'listening'; thread: number } | { kind: 'outbox-changed' } | { kind: 'journal-changed' } | { kind: 'stopped' };

export interface HttpThreadsOptions {
  count: number;
  server: Server;
  signingSecret: string;
  secondOrigin?: string;
  /** The module to run in each thread: the server's own entry (it tells the roles apart). */
  entry: URL;
  onMessage: (message: HttpThreadMessage) => void;
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
    const workerData: HttpThreadData = { role: 'jobag-http-thread', thread, listenFd: fd, signingSecret: options.signingSecret, secondOrigin: options.secondOrigin };
    const worker = options.entry.pathname.endsWith('.ts')
      ? // Run from the TypeScript sources (tests, `node --import tsx`): a thread does not inherit tsx's hooks.
        new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(options.entry.href)}); })`, { eval: true, workerData })
      : new Worker(options.entry, { workerData });
    workers.set(thread, worker);
    worker.on('message', (message: HttpThreadMessage) => options.onMessage(message));
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
      for (const worker of workers.values()) worker.postMessage('journal-changed');
    },
    async stop(timeoutMs = 10_000) {
      stopping = true;
      // A thread says `stopped` once its connections ended and its database closed; it stays until
      // the process exits, so its end never closes the socket's descriptor number (by then perhaps another file's).
      const all = [...workers.values()].map(
        (worker) =>
          new Promise<void>((resolve) => {
            worker.once('exit', () => resolve());
            worker.on('message', (message: HttpThreadMessage) => message.kind === 'stopped' && resolve());
            worker.postMessage('stop');
          }),
      );
      await Promise.race([Promise.all(all), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
    },
  };
}
