// The configuration (server/config/): the only reader of the environment in server code, every
// variable it reads listed in docs/configuration.md (and nothing listed that it does not read),
// and a value it cannot use stops the start with one line naming the variable — no stack trace.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, fileDatabaseDefaults, loadConfig, type Environment } from '../../../server/config/index.ts';

const root = new URL('../../../', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

/** The variables docs/configuration.md lists: the first cell of each table row. */
function documentedVariables(): Set<string> {
  const doc = readFileSync(join(root, 'docs/configuration.md'), 'utf8');
  return new Set([...doc.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((match) => match[1]!));
}

/** Every variable the configuration reads from `env`, seen through a proxy that records each lookup. */
function variablesRead(read: (env: Environment) => unknown, values: Record<string, string> = {}): Set<string> {
  const seen = new Set<string>();
  const env = new Proxy(values, {
    get(target, name) {
      if (typeof name === 'string') seen.add(name);
      return target[name as string];
    },
  });
  read(env);
  return seen;
}

describe('configuration: one reader of the environment, documented', () => {
  it('no server code outside server/config/ reads process.env', () => {
    const readers = sourceFiles(join(root, 'server'))
      .filter((file) => !relative(root, file).startsWith('server/config/'))
      .filter((file) => /process\s*(\.\s*env|\[\s*['"]env['"]\s*\])/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    assert.deepEqual(readers, []);
  });

  it('docs/configuration.md lists exactly the variables the server reads', () => {
    const read = new Set([
      ...variablesRead(loadConfig),
      ...variablesRead(loadConfig, { NODE_ENV: 'production', JOBAG_SIGNING_SECRET: 'a-production-secret-of-32-or-more-chars', DATABASE_URL: 'file::memory:' }),
      ...variablesRead(fileDatabaseDefaults),
    ]);
    const documented = documentedVariables();
    assert.ok(read.size > 20, `only ${read.size} variables read: the proxy saw too little`);
    assert.deepEqual([...read].filter((name) => !documented.has(name)).sort(), [], 'read but not in docs/configuration.md');
    assert.deepEqual([...documented].filter((name) => !read.has(name)).sort(), [], 'in docs/configuration.md but never read');
  });
});

describe('configuration: a value the server cannot use is one clear refusal', () => {
  const base = { DATABASE_URL: 'file::memory:' };
  // One bad value of every kind of variable: the refusal names it and says what it accepts.
  const bad: [name: string, value: string, accepts: RegExp][] = [
    ['PORT', 'eighty', /port number from 0 to 65535/],
    ['PORT', '70000', /port number from 0 to 65535/],
    ['JOBAG_SECOND_ORIGIN_PORT', '-1', /port number/],
    ['JOBAG_DEMO', 'no', /true or false/],
    ['LOG_LEVEL', 'loud', /one of fatal, error, warn, info/],
    ['DATABASE_URL', 'data/jobag.db', /URL beginning file:, libsql:\/\//],
    ['JOBAG_DB_DRIVER', 'fast', /native or client/],
    ['JOBAG_DB_COMMIT', 'never', /group or full/],
    ['SMTP_URL', 'mail.example:25', /smtp:\/\/, smtps:\/\//],
    ['JOBAG_CORS_ORIGINS', 'https://portal.example/', /each like https:\/\/portal\.example/],
    ['JOBAG_RATE_LIMIT', 'maybe', /on or off/],
    ['JOBAG_RATE_LIMIT_IP', '-5', /whole number ≥ 0/],
    ['JOBAG_RATE_LIMIT_AUTH_FAILURES', '1e3', /whole number ≥ 0/],
    ['JOBAG_RATE_LIMIT_IP_WINDOW', '86401', /86400 \(a day\)/],
    ['JOBAG_RATE_LIMIT_AUTH_FAILURES_PER_CREDENTIAL', 'few', /whole number ≥ 0/],
    ['JOBAG_REQUEST_TIMEOUT_MS', '1.5', /whole number/],
    ['JOBAG_WEBHOOK_POLL_MS', 'soon', /milliseconds/],
    ['JOBAG_WEBHOOK_MAX_FAILURES', '0', /whole number from 1/],
    ['JOBAG_WEBHOOK_BACKOFF_MS', '5000,later', /separated by commas/],
    ['JOBAG_WORKERS', 'many', /1 to 256, or auto/],
    ['JOBAG_THREADS', '0', /1 to 64, or auto/],
  ];
  for (const [name, value, accepts] of bad) {
    it(`${name}=${value}`, () => {
      assert.throws(
        () => loadConfig({ ...base, [name]: value }),
        (error: unknown) => error instanceof ConfigError && error.message.startsWith(`${name} must be `) && accepts.test(error.message) && !error.message.includes('\n'),
      );
    });
  }

  it('a URL that may carry a password is not repeated in the refusal', () => {
    assert.throws(() => loadConfig({ ...base, SMTP_URL: 'mail://user:hunter2@mail.example' }), (error: Error) => error instanceof ConfigError && !error.message.includes('hunter2'));
  });

  it('an empty value is the default, and good values are read', () => {
    const config = loadConfig({ ...base, PORT: '', JOBAG_RATE_LIMIT_IP: '6000', JOBAG_WEBHOOK_BACKOFF_MS: '50,100', JOBAG_DB_COMMIT: 'full', LOG_LEVEL: 'warn' });
    assert.equal(config.http.port, 8787);
    assert.equal(config.floods.ip.limit, 6000);
    assert.deepEqual(config.webhooks.backoffMs, [50, 100]);
    assert.equal(config.database.commit, 'full');
    assert.equal(config.logLevel, 'warn');
  });

  /** Starts the real server with `env` added; resolves with its exit code and output. */
  const start = (env: Record<string, string>) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: 'file::memory:', PORT: '0', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      // A server that started after all would serve until the test runner's time-out: stop it here.
      const started = setTimeout(() => child.kill(), 20_000);
      child.on('exit', (code) => {
        clearTimeout(started);
        resolve({ code, stdout, stderr });
      });
    });

  it('npm start with a bad value of each kind prints one line naming the variable and exits 1', async () => {
    const cases: [name: string, value: string][] = [
      ['JOBAG_RATE_LIMIT_IP', '-5'],
      ['JOBAG_DB_DRIVER', 'fast'],
      ['DATABASE_URL', 'jobag.db'],
      ['JOBAG_THREADS', 'many'],
    ];
    const runs = await Promise.all(cases.map(([name, value]) => start({ [name]: value })));
    runs.forEach((run, i) => {
      const [name] = cases[i]!;
      assert.equal(run.code, 1, `${name}: ${run.stdout}${run.stderr}`);
      const lines = run.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, `${name}: more than one line:\n${run.stderr}`);
      assert.match(lines[0]!, new RegExp(`^\\[jobag\\] ${name} must be `));
      assert.doesNotMatch(run.stderr, /^\s+at /m, 'no stack trace');
      assert.equal(run.stdout, '', `${name}: nothing on stdout`);
    });
  });
});
