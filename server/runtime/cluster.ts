// Multi-process mode (`JOBAG_WORKERS=<n>` or `auto`): the primary process prepares the database
// once, then forks n HTTP worker processes with node:cluster; they share the port (the primary
// accepts and hands connections round-robin) and the database file. Every worker is a whole
// server (serve.ts): its own connections, group commit, checkpoint thread, outbox, webhook and
// housekeeping loops and event feed — each of those already coordinates through the database
// (leases, transactions), as separate servers on one database always could. A worker learns what
// it needs from its environment: its number and the one signing secret of all.
import cluster, { type Worker } from 'node:cluster';
import type { Config } from '../config/index.ts';
import { assembleServer } from './assemble.ts';

/** The environment variable that tells a worker its number (1…n; `Config.runtime.worker`); it keeps it across restarts. */
const workerVariable = 'JOBAG_WORKER';

/** The primary: prepares the database (migrations, reference data, the demo check and demo data), then runs the workers. */
export async function runCluster(config: Config): Promise<void> {
  const { db, mailer, rootLogger } = await assembleServer(config, { kind: 'primary' });
  // The database is ready: the workers open their own connections. One signing secret for all
  // (demo mode draws a random one per start), so a token one worker signed is good at the others.
  db.close();
  mailer.close();
  rootLogger.flush();
  console.log(`[jobag] primary (pid ${process.pid}): database ready, starting ${config.runtime.workers} HTTP workers on ${config.http.host}:${config.http.port}`);
  runPrimary({ workers: config.runtime.workers, env: { JOBAG_SIGNING_SECRET: config.signingSecret } });
}

export interface PrimaryOptions {
  workers: number;
  /** What every worker gets on top of this process's environment (e.g. one signing secret for all). */
  env: Record<string, string>;
  log?: (message: string) => void;
  /** How long workers may take to finish after SIGTERM/SIGINT before they are killed (default 10 s). */
  stopTimeoutMs?: number;
}

/**
 * Forks the workers and looks after them until SIGTERM or SIGINT:
 * - a worker that crashes (a non-zero exit or a signal) after it served is started again under the
 *   same number; one that keeps dying within seconds of its start waits longer each time (0.5 s,
 *   1 s, 2 s … 30 s), so a crash loop does not spin;
 * - a worker that dies before it ever listened (a port taken, a database it cannot open) stops the
 *   whole server with exit code 1, as one process would have exited;
 * - a worker that exits 0 was stopped on purpose (e.g. Ctrl-C reaches every process of the
 *   terminal's group) and is not replaced;
 * - SIGTERM/SIGINT stop every worker gracefully (each closes its server, waits for its requests and
 *   loops, closes the database), then the primary exits 0; workers still running after
 *   `stopTimeoutMs` are killed. Workers also exit by themselves if the primary dies (node:cluster).
 */
export function runPrimary(options: PrimaryOptions): void {
  const log = options.log ?? ((message: string) => console.log(`[jobag] ${message}`));
  const stopTimeoutMs = options.stopTimeoutMs ?? 10_000;
  const running = new Map<number, Worker>();
  const restartTimers = new Set<NodeJS.Timeout>();
  const quickDeaths = new Map<number, number>();
  let stopping = false;
  let exitCode = 0;

  const finishIfDone = () => {
    if (stopping && running.size === 0) process.exit(exitCode);
  };

  function fork(n: number): void {
    const startedAt = Date.now();
    let listened = false;
    const worker = cluster.fork({ ...options.env, [workerVariable]: String(n) });
    running.set(n, worker);
    worker.once('listening', () => {
      listened = true;
    });
    worker.on('exit', (code, signal) => {
      if (running.get(n) === worker) running.delete(n);
      const pid = worker.process.pid;
      if (stopping) return finishIfDone();
      if (!listened) {
        log(`worker ${n} (pid ${pid}) exited before it served (${signal ?? `code ${code}`}); stopping`);
        exitCode = 1;
        return stop();
      }
      if (code === 0 && !signal) {
        log(`worker ${n} (pid ${pid}) stopped; not replaced`);
        if (running.size === 0) process.exit(0);
        return;
      }
      const quick = Date.now() - startedAt < 5_000;
      const deaths = quick ? (quickDeaths.get(n) ?? 0) + 1 : 0;
      quickDeaths.set(n, deaths);
      const delay = deaths === 0 ? 0 : Math.min(30_000, 500 * 2 ** (deaths - 1));
      log(`worker ${n} (pid ${pid}) died (${signal ?? `code ${code}`}); starting it again${delay ? ` in ${delay} ms` : ''}`);
      const timer = setTimeout(() => {
        restartTimers.delete(timer);
        if (!stopping) fork(n);
      }, delay);
      restartTimers.add(timer);
    });
  }

  function stop(signal?: NodeJS.Signals): void {
    if (stopping) return;
    stopping = true;
    for (const timer of restartTimers) clearTimeout(timer);
    restartTimers.clear();
    if (signal) log(`${signal}: stopping ${running.size} worker(s)`);
    for (const worker of running.values()) worker.process.kill('SIGTERM');
    setTimeout(() => {
      for (const worker of running.values()) {
        log(`worker (pid ${worker.process.pid}) did not stop within ${stopTimeoutMs} ms; killing it`);
        worker.process.kill('SIGKILL');
      }
    }, stopTimeoutMs).unref();
    finishIfDone();
  }

  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  for (let n = 1; n <= options.workers; n++) fork(n);
}
