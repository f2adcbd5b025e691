// Node side of the browser tests (loaded by web-test-runner.config.mjs, not by the browser): the
// real API on a temporary libSQL file with the demo organisations and orders, the example portal
// with its token route, and the loader (dist/jobag.js with its chunks), dist/jobag.all.js and the
// React example built into a temporary folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rollup, type OutputOptions, type RollupOptions } from 'rollup';
import { createApp } from '../../../server/http/app.ts';
import { openDatabase } from '../../../server/db/driver/client.ts';
import { migrate } from '../../../server/db/migrate.ts';
import { ensureJobcenters } from '../../../server/db/reference-data.ts';
import { loadDemoData, loadDemoOrders } from '../../../server/demo/data.ts';
import { todayInCopenhagen } from '../../../sdk/rules.ts';
import { systemClock } from '../../../server/domain/calendar.ts';
import { examplePortalRoutes } from '../../../server/demo/example-portal.ts';
import { buildReactExample } from '../../../scripts/build-react-example.mjs';

export async function startRealApi(): Promise<{ fetch: (request: Request) => Response | Promise<Response>; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'jobag-wtr-'));
  const distDir = join(dir, 'dist');
  const reactBundle = join(dir, 'react', 'app.js');
  // The React example as `npm run build` makes it (examples/react/dist/app.js), here in the temporary folder.
  const [db] = await Promise.all([openDatabase({ url: `file:${join(dir, 'test.db')}` }), buildBundle(distDir), buildReactExample(reactBundle)]);
  await migrate(db);
  await ensureJobcenters(db);
  // The real clock: the browser's "today" and the server's must agree for the date rules.
  await loadDemoData(db, systemClock());
  const app = createApp({ db, clock: systemClock, signingSecret: 'browser-tests-signing-secret-0123456789', corsOrigins: [] });
  app.route('/', examplePortalRoutes({ api: app.fetch, distDir, reactBundle }));
  await loadDemoOrders((path, init) => app.request(path, init), todayInCopenhagen(systemClock()));
  return {
    fetch: app.fetch,
    async stop() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The first two bundles of rollup.config.mjs (the loader with its chunks, jobag.all.js), as `npm run build` makes them. */
export async function buildBundle(distDir: string): Promise<void> {
  const configUrl = pathToFileURL(join(import.meta.dirname, '../../../rollup.config.mjs')).href;
  const { default: configs } = (await import(configUrl)) as { default: RollupOptions[] };
  const [loader, all] = configs as [RollupOptions, RollupOptions];
  const build = async (config: RollupOptions, output: OutputOptions) => {
    const bundle = await rollup({ ...config, logLevel: 'silent' });
    await bundle.write({ ...(config.output as OutputOptions), ...output, sourcemap: false });
    await bundle.close();
  };
  await Promise.all([build(loader, { dir: distDir }), build(all, { file: join(distDir, 'jobag.all.js') })]);
}
