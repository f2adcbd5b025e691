// Browser tests of the widgets: `npx wtr --config web-test-runner.config.mjs` (npm test runs it).
// Chromium from CHROME_PATH (scripts/find-chromium.sh finds one). TypeScript through esbuild.
// The real Hono app runs inside the test server on the test page's own origin under /v1 (plus the
// example portal at /examples and its bundle at /dist), so tests can use the API for real; msw
// mocks a separate origin for the error paths.
import { readFileSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { register } from 'tsx/esm/api';

// The real app is TypeScript: let this config import it.
register();

/** @type {{ fetch?: (request: Request) => Response | Promise<Response>, stop?: () => Promise<void> }} */
const realApi = {};

/** Builds the real app on a temporary libSQL file with the demo data when the test server starts. */
function realApiPlugin() {
  return {
    name: 'jobag-real-api',
    async serverStart() {
      const { startRealApi } = await import('./test/browser/support/real-app.ts');
      Object.assign(realApi, await startRealApi());
    },
    async serverStop() {
      await realApi.stop?.();
    },
  };
}

const realPaths = /^\/(?:v1\/|examples(?:\/|$)|dist\/|docs(?:\/|$)|openapi\.yaml$)/;

/** Koa middleware handing the real app's paths to Hono, on the test page's own origin. */
async function realApiMiddleware(ctx, next) {
  if (!realApi.fetch || !realPaths.test(ctx.path)) return next();
  const chunks = [];
  for await (const chunk of ctx.req) chunks.push(chunk);
  const headers = new Headers();
  for (const [name, value] of Object.entries(ctx.req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
  }
  // Aborted when the browser goes away, so a live event stream ends with its page.
  const abort = new AbortController();
  ctx.req.on('close', () => abort.abort());
  const response = await realApi.fetch(
    new Request(new URL(ctx.url, `http://${ctx.host}`), {
      method: ctx.method,
      headers,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
      signal: abort.signal,
    }),
  );
  ctx.status = response.status;
  response.headers.forEach((value, name) => {
    if (name !== 'content-length' && name !== 'content-encoding' && name !== 'transfer-encoding') ctx.set(name, value);
  });
  // Server-sent events are streamed as they come (GET /v1/events); everything else is buffered.
  if (response.body && (response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    ctx.compress = false;
    ctx.body = Readable.fromWeb(response.body);
    ctx.req.on('close', () => ctx.body.destroy());
    return;
  }
  ctx.body = Buffer.from(await response.arrayBuffer());
}

const mswWorker = readFileSync(fileURLToPath(new URL('./node_modules/msw/lib/mockServiceWorker.js', import.meta.url)));

/** msw's service worker at the page root, so it may control the test pages. */
async function mswWorkerMiddleware(ctx, next) {
  if (ctx.path !== '/mockServiceWorker.js') return next();
  ctx.type = 'text/javascript';
  ctx.body = mswWorker;
}

/** Writes `{"passed": n, "failed": n, "skipped": n}` (individual tests) to $WTR_TOTALS_FILE for scripts/test.sh. */
function totalsReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const file = process.env.WTR_TOTALS_FILE;
      if (!file) return;
      let passed = 0;
      let failed = 0;
      let skipped = 0;
      const count = (suite) => {
        for (const test of suite.tests) {
          if (test.skipped) skipped++;
          else if (test.passed) passed++;
          else failed++;
        }
        for (const child of suite.suites) count(child);
      };
      for (const session of sessions) {
        if (session.testResults) count(session.testResults);
        // A file that failed to load, or threw outside any test, is a failure of its own.
        if (!session.testResults || (session.errors ?? []).length > 0) failed++;
      }
      writeFileSync(file, JSON.stringify({ passed, failed, skipped }));
    },
  };
}

export default {
  files: 'test/browser/**/*.test.ts',
  nodeResolve: { browser: true },
  concurrency: 2,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 15_000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          // Two test pages run at once and only one is in front: the other must not be throttled
          // (timers, rendering), or axe and the live-update timings crawl in the background tab.
          '--disable-background-timer-throttling',
          '--disable-renderer-backgrounding',
          '--disable-backgrounding-occluded-windows',
        ],
      },
    }),
  ],
  middleware: [mswWorkerMiddleware, realApiMiddleware],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }), realApiPlugin()],
  reporters: [defaultReporter(), totalsReporter()],
};
