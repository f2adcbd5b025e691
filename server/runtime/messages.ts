// Every message between the parts of one server: the main thread and its HTTP threads
// (server/runtime/threads.ts). Cluster workers are separate servers on one database and exchange
// none: what they must know of each other goes through the database, and what a primary tells a
// worker at its start is its environment (server/runtime/cluster.ts).
import type { Config } from '../config/index.ts';

/** What an HTTP thread is given at its start (its `workerData`). */
export interface HttpThreadData {
  role: 'jobag-http-thread';
  /** 2…n: the main thread is 1. */
  thread: number;
  /** How it reaches the port the main thread listens on (server/runtime/threads.ts). */
  socket: ThreadSocket;
  /** The main thread's configuration, so every thread signs with one secret (a demo start draws one). */
  config: Config;
  /** The demo's second origin, which the main thread runs (the example portal links to it). */
  secondOrigin?: string;
}

/** Each thread its own SO_REUSEPORT socket on the main thread's port, or the main thread's listening descriptor. */
export type ThreadSocket = { kind: 'reuse-port'; port: number; host: string } | { kind: 'shared-descriptor'; fd: number };

/** A message between the main thread and an HTTP thread; the comment says who sends it. */
export type RuntimeMessage =
  /** Thread → main: it accepts connections on the port. */
  | { kind: 'listening'; thread: number }
  /** Thread → main: a commit queued e-mail, for the main thread's outbox to send now. */
  | { kind: 'outbox-changed' }
  /** Either way: a commit appended to the journal, for event feeds and webhooks to read now. */
  | { kind: 'journal-changed' }
  /** Main → thread: answer what you have, end your connections, close your database. */
  | { kind: 'stop' }
  /** Thread → main: done stopping (it stays until the process exits; see threads.ts). */
  | { kind: 'stopped' };

export type ThreadMessage = Extract<RuntimeMessage, { kind: 'listening' | 'outbox-changed' | 'journal-changed' | 'stopped' }>;
export type MainMessage = Extract<RuntimeMessage, { kind: 'journal-changed' | 'stop' }>;
