// The server's configuration: the only reader of the environment in server code. `loadConfig`
// parses every variable once at start-up into typed parts that are passed down (the HTTP app, the
// database, the mail and webhook loops, the runtime); nothing below reads `process.env`. Every
// variable is in docs/configuration.md, and test/server/config/config.test.ts holds the two lists together.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { floodConfigFromEnv, type FloodConfig } from './floods.ts';
import { ConfigError, count, oneOf, text, url, wholeNumber, type Environment } from './read.ts';

export { ConfigError, type Environment } from './read.ts';
export { defaultFloodConfig, floodConfigFromEnv, type FloodConfig, type Quota } from './floods.ts';

export interface HttpConfig {
  port: number;
  host: string;
  /** Origins allowed for every tenant (CORS); `*` allows any. */
  corsOrigins: string[];
  /** Demo mode: the port of the example portal on a second origin; undefined is the next port after `port`. */
  secondOriginPort: number | undefined;
}

export interface DatabaseConfig {
  url: string;
  authToken: string | undefined;
  /** For `file:` URLs: the synchronous `libsql` driver, or `@libsql/client` (which remote URLs always use). */
  driver: 'native' | 'client';
  /** For `file:` URLs on the native driver: how a commit is made durable (server/db/driver/README.md). */
  commit: 'group' | 'full';
}

export interface MailConfig {
  /** Where e-mail on placement goes; without it, `.eml` files in data/outbox/. */
  smtpUrl: string | undefined;
  /** The sender of e-mail on placement (R6). */
  from: string;
}

/** What an operator may change of the webhook deliveries (server/workers/webhooks/worker.ts); the rest keeps its defaults. */
export interface WebhookConfig {
  pollMs?: number;
  attemptTimeoutMs?: number;
  maxConsecutiveFailures?: number;
  backoffMs?: number[];
}

export interface RuntimeConfig {
  /** HTTP worker processes (`JOBAG_WORKERS`): 1 serves in this process; more fork that many sharing the port (server/runtime/cluster.ts). */
  workers: number;
  /** HTTP threads of this process (`JOBAG_THREADS`): 1 is the main thread alone; more serve on its socket (server/runtime/threads.ts). */
  threads: number;
  /** This process's number (1…n) when a primary forked it as an HTTP worker (`JOBAG_WORKER`, set by the primary only). */
  worker: number | undefined;
}

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export interface Config {
  production: boolean;
  /** Demo data and demo keys: on unless production. */
  demo: boolean;
  signingSecret: string;
  /** pino's level for the one line per request: `info` (default), `warn` keeps refusals and errors only. */
  logLevel: (typeof logLevels)[number];
  http: HttpConfig;
  /** Rate limits and the request time-out. */
  floods: FloodConfig;
  database: DatabaseConfig;
  mail: MailConfig;
  webhooks: WebhookConfig;
  /** The live event stream's limits (GET /v1/events). */
  events: EventStreamConfig;
  runtime: RuntimeConfig;
}

/**
 * Why a signing secret is too easy to guess, or null: at least 32 characters besides surrounding
 * white space, and not a few characters repeated (`xxxx…`, `abab…`, 32 spaces).
 */
export function secretWeakness(secret: string): string | null {
  if (secret.trim().length < 32) return 'must be at least 32 characters, not counting white space around it';
  if (new Set(secret).size < 8) return 'must not be a few characters repeated: it needs at least 8 different characters';
  return null;
}

export interface EventStreamConfig {
  /** Open streams per API key, or per person's widget tokens, in one server process. */
  maxStreamsPerPrincipal: number;
  /** Open streams per client address in one server process. */
  maxStreamsPerAddress: number;
  /** The most entries a resumed stream replays; further behind, it gets a `reset`. */
  maxReplay: number;
}

/** The default database files: demo data never shares a file with real data. */
export const defaultDatabaseFiles = { demo: 'data/jobag-demo.db', real: 'data/jobag.db' } as const;

/**
 * Reads the environment once at start-up. Throws a `ConfigError` (one line naming the variable and
 * what it accepts) for a value it cannot use; refuses to start production without a signing secret.
 */
export function loadConfig(env: Environment = process.env): Config {
  const production = text(env, 'NODE_ENV') === 'production';
  const secret = text(env, 'JOBAG_SIGNING_SECRET');
  if (production && (!secret || secret.length < 32)) {
    throw new ConfigError('JOBAG_SIGNING_SECRET must be set to at least 32 characters when NODE_ENV=production.');
  }
  const demo = oneOf(env, 'JOBAG_DEMO', ['true', 'false'], 'true') === 'true' && !production;
  // Outside demo mode the secret signs real tokens and seals webhook secrets stored for good.
  const configured = env.JOBAG_SIGNING_SECRET;
  const weakness = configured !== undefined && configured !== '' && !demo ? secretWeakness(configured) : null;
  if (weakness) throw new ConfigError(`JOBAG_SIGNING_SECRET ${weakness}; use a random one, e.g. \`openssl rand -base64 48\`.`);
  const http = httpConfig(env, demo);
  const database = databaseConfig(env);
  const config: Config = {
    production,
    demo,
    // Without a configured secret (demo only) each start signs with a fresh one: old tokens just expire.
    signingSecret: secret ?? randomBytes(32).toString('base64url'),
    logLevel: oneOf(env, 'LOG_LEVEL', logLevels, 'info'),
    http,
    floods: floodConfigFromEnv(env),
    database: {
      ...database,
      url: database.url ?? defaultDatabaseUrl(demo),
    },
    mail: {
      smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
      from: text(env, 'MAIL_FROM') ?? 'JobAG Jobordre <jobordre@jobag.example>',
    },
    webhooks: webhookConfig(env),
    events: {
      maxStreamsPerPrincipal: wholeNumber(env, 'JOBAG_EVENT_STREAMS_PER_KEY', 20, { min: 1, max: 100_000 }),
      maxStreamsPerAddress: wholeNumber(env, 'JOBAG_EVENT_STREAMS_PER_ADDRESS', 200, { min: 1, max: 1_000_000 }),
      maxReplay: wholeNumber(env, 'JOBAG_EVENT_REPLAY_MAX', 10_000, { min: 0, max: 10_000_000 }),
    },
    runtime: {
      workers: workerCount(env.JOBAG_WORKERS),
      threads: threadCount(env.JOBAG_THREADS),
      worker: wholeNumber(env, 'JOBAG_WORKER', undefined, { min: 1, max: 256 }),
    },
  };
  if (config.runtime.workers > 1 && config.runtime.threads > 1) throw new ConfigError('Set JOBAG_THREADS or JOBAG_WORKERS, not both.');
  return config;
}

function httpConfig(env: Environment, demo: boolean): HttpConfig {
  const port = wholeNumber(env, 'PORT', 8787, { min: 0, max: 65_535, accepts: 'a port number from 0 to 65535 (0: any free port)' });
  const corsOrigins = (text(env, 'JOBAG_CORS_ORIGINS') ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of corsOrigins) {
    if (origin !== '*' && !isOrigin(origin)) {
      throw new ConfigError(`JOBAG_CORS_ORIGINS must be origins separated by commas, each like https://portal.example (no path, no trailing slash), or *; it has "${origin}".`);
    }
  }
  if (demo && corsOrigins.length === 0) corsOrigins.push(`http://localhost:${port}`, `http://127.0.0.1:${port}`);
  const secondOriginPort = wholeNumber(env, 'JOBAG_SECOND_ORIGIN_PORT', undefined, { min: 0, max: 65_535, accepts: 'a port number from 0 to 65535' });
  return { port, host: text(env, 'HOST')?.trim() ?? '127.0.0.1', corsOrigins, secondOriginPort };
}

/** As a browser sends it in `Origin`: scheme, host and port only, lower case. */
function isOrigin(value: string): boolean {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}

/** The database as the environment says; `url` undefined means the default file, chosen by `loadConfig`. */
function databaseConfig(env: Environment): Omit<DatabaseConfig, 'url'> & { url: string | undefined } {
  return {
    url: url(env, 'DATABASE_URL', ['file:', 'libsql:', 'http:', 'https:', 'ws:', 'wss:']),
    authToken: text(env, 'DATABASE_AUTH_TOKEN'),
    driver: oneOf(env, 'JOBAG_DB_DRIVER', ['native', 'client'], 'native'),
    commit: oneOf(env, 'JOBAG_DB_COMMIT', ['group', 'full'], 'group'),
  };
}

function defaultDatabaseUrl(demo: boolean): string {
  mkdirSync('data', { recursive: true });
  // Demo data lives in its own file, so a production start never finds the demo keys by default.
  return demo ? `file:${defaultDatabaseFiles.demo}` : `file:${defaultDatabaseFiles.real}`;
}

/**
 * How a database opened without a `DatabaseConfig` (tests, tools) picks its driver and commit mode
 * for `file:` URLs: from `JOBAG_DB_DRIVER` and `JOBAG_DB_COMMIT`, so a whole test run can go
 * through the second driver. The server itself passes `Config.database` and never gets here.
 */
export function fileDatabaseDefaults(env: Environment = process.env): Pick<DatabaseConfig, 'driver' | 'commit'> {
  const { driver, commit } = databaseConfig(env);
  return { driver, commit };
}

function webhookConfig(env: Environment): WebhookConfig {
  const out: WebhookConfig = {};
  const ms = (name: string) => wholeNumber(env, name, undefined, { min: 0, max: Number.MAX_SAFE_INTEGER, accepts: 'a whole number of milliseconds' });
  const poll = ms('JOBAG_WEBHOOK_POLL_MS');
  if (poll !== undefined) out.pollMs = poll;
  const timeout = ms('JOBAG_WEBHOOK_TIMEOUT_MS');
  if (timeout !== undefined) out.attemptTimeoutMs = timeout;
  const failures = wholeNumber(env, 'JOBAG_WEBHOOK_MAX_FAILURES', undefined, { min: 1, max: 1_000_000 });
  if (failures !== undefined) out.maxConsecutiveFailures = failures;
  const backoff = text(env, 'JOBAG_WEBHOOK_BACKOFF_MS')?.trim();
  if (backoff !== undefined) {
    const waits = backoff.split(',').map((wait) => (/^\s*\d+\s*$/.test(wait) ? Number(wait) : NaN));
    if (waits.some((wait) => !Number.isSafeInteger(wait))) {
      throw new ConfigError(`JOBAG_WEBHOOK_BACKOFF_MS must be whole numbers of milliseconds separated by commas, e.g. 5000,30000; it is "${backoff}".`);
    }
    out.backoffMs = waits;
  }
  return out;
}

/** `JOBAG_WORKERS`: HTTP worker processes. */
export const workerCount = (setting: string | undefined) => count('JOBAG_WORKERS', setting, 256, availableParallelism);

/** `JOBAG_THREADS`: HTTP threads in this one process. */
export const threadCount = (setting: string | undefined) => count('JOBAG_THREADS', setting, 64, availableParallelism);
