import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { projectPath } from '../config/paths.ts';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { allowOrigin } from '../db/origins.ts';
import { findCompanyByCvr } from '../db/organisations.ts';
import type { Database } from '../db/driver/types.ts';
import { demoCompanies } from './data.ts';
import { employerToken, examplePagePolicy, serveFile } from './example-portal.ts';
import { problemResponse } from '../http/problem.ts';

type Api = (request: Request) => Response | Promise<Response>;

/**
 * Demo mode only: a company portal on a second origin, the way a real one embeds JobAG from
 * elsewhere. Its page loads the widgets from the API's origin (`/dist/jobag.js`, pinned with SRI)
 * and the elements call the API cross-origin; its own backend route `POST /token` holds the API key
 * and mints widget tokens. The API serves a page's browser only on an origin the company allowed
 * (`scripts/admin.ts allow-origin`); the demo allows this one for the first demo company only, so
 * the second shows the refusal.
 */
export function secondOriginRoutes(options: { api: Api; apiOrigin: string; distDir?: string; pageDir?: string; portalDir?: string }) {
  const distDir = resolve(options.distDir ?? projectPath('dist'));
  const pageDir = resolve(options.pageDir ?? projectPath('examples/second-origin'));
  const portalDir = resolve(options.portalDir ?? projectPath('examples/portal'));
  const api = options.apiOrigin;
  const app = new Hono();

  app.get('/', async (c) => {
    let bundle: Buffer;
    try {
      bundle = await readFile(join(distDir, 'jobag.js'));
    } catch {
      return problemResponse({ type: '/problems/not-found', title: 'Not found', status: 404, detail: 'The widget bundle is not built: run npm run build.' });
    }
    const integrity = `sha384-${createHash('sha384').update(bundle).digest('base64')}`;
    const page = (await readFile(join(pageDir, 'index.html'), 'utf8'))
      .replaceAll('%API_ORIGIN%', api)
      .replaceAll('%PAGE_ORIGIN%', new URL(c.req.url).origin)
      .replaceAll('%INTEGRITY%', integrity)
      .replaceAll('%CVR%', demoCompanies[0].cvr);
    return c.html(page, 200, { 'content-security-policy': examplePagePolicy(api), 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
  });
  app.get('/page.js', () => serveFile(join(pageDir, 'page.js')));
  app.get('/portal.css', () => serveFile(join(portalDir, 'portal.css')));
  app.post('/token', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { contactPersonId?: unknown };
    return employerToken(options.api, typeof body.contactPersonId === 'number' ? body.contactPersonId : 1);
  });
  return app;
}


/**
 * Starts the second origin on `host:port` (0: any free port) and allows its origin for the first
 * demo company, as an operator's `allow-origin` would (the second demo company stays refused).
 */
export async function startSecondOrigin(options: { api: Api; apiOrigin: string; db: Database; host: string; port: number; distDir?: string }): Promise<{ origin: string; close: () => Promise<void> }> {
  const app = secondOriginRoutes(options);
  let origin = '';
  const server = await new Promise<ReturnType<typeof serve>>((resolveServer, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, (info: AddressInfo) => {
      origin = `http://${info.address === '::' ? 'localhost' : info.address.includes(':') ? `[${info.address}]` : info.address}:${info.port}`;
      resolveServer(s);
    });
    s.once('error', reject);
  });
  const company = await findCompanyByCvr(options.db, demoCompanies[0].cvr);
  if (!company) throw new Error('The demo data must be loaded before the second origin starts.');
  await options.db.transaction((tx) => allowOrigin(tx, origin, { companyId: company.id }, new Date().toISOString()));
  return { origin, close: () => new Promise((done) => server.close(() => done())) };
}
