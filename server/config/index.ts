import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  databaseAuthToken: string | undefined;
  production: boolean;
  /** Demo data and demo keys: on unless production. */
  demo: boolean;
  signingSecret: string;
  corsOrigins: string[];
  smtpUrl: string | undefined;
  /** The sender of e-mail on placement (R6). */
  mailFrom: string;
  /** pino's level for the one line per request: `info` (default), `warn` keeps refusals and errors only. */
  logLevel: string;
  /** HTTP worker processes (`JOBAG_WORKERS`): 1 serves in this process; more fork that many sharing the port (server/runtime/cluster.ts). */
  workers: number;
  /** HTTP threads of this process (`JOBAG_THREADS`): 1 is the main thread alone; more serve on its socket (server/runtime/threads.ts). */
  threads: number;
}

/** The default database files: demo data never shares a file with real data. */
export const defaultDatabaseFiles = { demo: 'data/jobag-demo.db', real: 'data/jobag.db' } as const;

/** Reads the environment once at start-up; refuses to start production without a signing secret. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const secret = env.JOBAG_SIGNING_SECRET;
  if (production && (!secret || secret.length < 32)) {
    throw new Error('JOBAG_SIGNING_SECRET must be set to at least 32 characters when NODE_ENV=production.');
  }
  const port = Number(env.PORT ?? 8787);
  const host = env.HOST ?? '127.0.0.1';
  const demo = !production && env.JOBAG_DEMO !== 'false';
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    mkdirSync('data', { recursive: true });
    // Demo data lives in its own file, so a production start never finds the demo keys by default.
    databaseUrl = demo ? `file:${defaultDatabaseFiles.demo}` : `file:${defaultDatabaseFiles.real}`;
  }
  const corsOrigins = (env.JOBAG_CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  if (demo && corsOrigins.length === 0) corsOrigins.push(`http://localhost:${port}`, `http://127.0.0.1:${port}`);
  const config: Config = {
    port,
    host,
    databaseUrl,
    databaseAuthToken: env.DATABASE_AUTH_TOKEN,
    production,
    demo,
    // Without a configured secret (demo only) each start signs with a fresh one: old tokens just expire.
    signingSecret: secret ?? randomBytes(32).toString('base64url'),
    corsOrigins,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM ?? 'JobAG Jobordre <jobordre@jobag.example>',
    logLevel: env.LOG_LEVEL ?? 'info',
    workers: workerCount(env.JOBAG_WORKERS),
    threads: threadCount(env.JOBAG_THREADS),
  };
  if (config.workers > 1 && config.threads > 1) throw new Error('Set JOBAG_THREADS or JOBAG_WORKERS, not both.');
  return config;
}

/** A count of processes or threads: unset or empty is 1; `auto` is one per core the process may use. */
function countOf(name: string, setting: string | undefined, max: number): number {
  const value = setting?.trim() ?? '';
  if (value === '') return 1;
  if (value === 'auto') return availableParallelism();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${name} must be a whole number from 1 to ${max}, or auto (it is "${setting}").`);
  return n;
}

/** `JOBAG_WORKERS`: HTTP worker processes. */
export const workerCount = (setting: string | undefined) => countOf('JOBAG_WORKERS', setting, 256);

/** `JOBAG_THREADS`: HTTP threads in this one process. */
export const threadCount = (setting: string | undefined) => countOf('JOBAG_THREADS', setting, 64);
