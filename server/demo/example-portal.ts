import { readFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { projectPath } from '../config/paths.ts';
import { Hono } from 'hono';
import { createJobagClient } from '../../sdk/index.ts';
import { demoCompanies, demoKeys } from './data.ts';
import { inside, serveBundle } from '../http/bundles.ts';
import { problemResponse } from '../http/problem.ts';

/**
 * Demo mode only: an example company portal at `/examples/` with the built bundles at `/dist/*`
 * that embeds them, with the portal's own tiny backend route `POST /examples/token`. That route
 * does what a real portal's server does: it holds the API key and exchanges it for a short-lived
 * widget token (`POST /v1/sessions`) for the signed-in person; only the token reaches the browser.
 */
export function examplePortalRoutes(options: {
  /** The API itself, called in-process the way a portal backend would call it over HTTP. */
  api: (request: Request) => Response | Promise<Response>;
  distDir?: string;
  portalDir?: string;
  /** The React 19 example's bundle (examples/react/dist/app.js, made by `npm run build`). */
  reactBundle?: string;
  /** The origin of the second-origin example, once it listens. */
  secondOrigin?: () => string | undefined;
}) {
  const distDir = resolve(options.distDir ?? projectPath('dist'));
  const portalDir = resolve(options.portalDir ?? projectPath('examples/portal'));
  const reactDir = resolve(projectPath('examples/react'));
  const reactBundle = resolve(options.reactBundle ?? join(reactDir, 'dist', 'app.js'));
  const app = new Hono();

  app.get('/examples', (c) => c.redirect('/examples/'));
  // Each page names the chunks of the elements it shows first, so the browser fetches them beside
  // the loader instead of one round trip after it (first rows sooner). The portal's page also
  // carries the first widget token for its signed-in person, the way a portal's server renders its
  // page per user anyway: the elements need not wait for one more round trip before their first
  // request (POST /examples/token stays for refreshes and other users). With the token it also
  // asks the API for the list's first page as that person, so the list shows rows as soon as it is
  // defined; the list's own request still follows and replaces them.
  app.get('/examples/', async () => {
    const contactPersonId = 1; // the page's first "Logget ind som"
    const forPerson = { 'data-contact-person-id': String(contactPersonId) };
    const response = await employerToken(options.api, contactPersonId);
    const token = response.ok ? await response.text() : undefined;
    const head = token ? `${tokenMeta(token, forPerson)}\n    ${await firstOrders(options.api, token, forPerson)}` : '';
    return servePage(join(portalDir, 'index.html'), distDir, ['jobag-provider', 'jobag-order-list'], { head, perUser: true });
  });
  app.get('/examples/desk.html', () => servePage(join(portalDir, 'desk.html'), distDir, ['jobag-provider', 'jobag-jobcenter-desk']));
  // The same portal as a React 19 app (examples/react), bundled by the project's own build.
  app.get('/examples/react.html', () => serveFile(join(reactDir, 'index.html'), { 'content-security-policy': portalPolicy }));
  app.get('/examples/react/app.js', async () => {
    const response = await serveFile(reactBundle);
    if (response.status !== 404) return response;
    return problemResponse({ type: '/problems/not-found', title: 'Not found', status: 404, detail: 'The React example is not built: run npm run build.' });
  });
  app.get('/examples/:file{[a-z-]+\\.(?:js|css)}', (c) => serveFile(inside(portalDir, c.req.param('file'))));
  app.get('/dist/*', (c) => serveBundle(c.req.raw, distDir));

  app.post('/examples/token', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { contactPersonId?: unknown };
    return employerToken(options.api, typeof body.contactPersonId === 'number' ? body.contactPersonId : 1);
  });

  // The second origin's page (server/demo/second-origin.ts), wherever it listens.
  app.get('/examples/second-origin', (c) => {
    const origin = options.secondOrigin?.();
    if (origin) return c.redirect(`${origin}/`);
    return problemResponse({ type: '/problems/not-found', title: 'Not found', status: 404, detail: 'This server runs no second origin.' });
  });

  // The jobcenter desk page's backend: a caseworker system holds the jobcenter's key and mints a
  // token that acts for the signed-in caseworker, who is named in the placement log.
  app.post('/examples/caseworker-token', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { name?: unknown };
    const name = typeof body.name === 'string' && body.name.trim() ? body.name.trim().slice(0, 200) : 'Lars Holm';
    const jobag = createJobagClient({ baseUrl: 'http://jobag.internal', apiKey: demoKeys.jobcenter101, fetch: async (input, init) => options.api(new Request(input, init)) });
    const { data, error } = await jobag.POST('/v1/sessions', { body: { caseworker: { name } } });
    if (error || !data) return problemResponse({ type: '/problems/bad-gateway', title: 'Bad gateway', status: 502, detail: 'The API refused to mint a token.' });
    return c.text(data.token, 200, { 'cache-control': 'no-store' });
  });

  return app;
}

/**
 * What a portal's backend does for its signed-in person: holds the company's API key (server side
 * only) and exchanges it for a short-lived widget token (`POST /v1/sessions`); only the token is sent.
 */
export async function employerToken(api: (request: Request) => Response | Promise<Response>, contactPersonId: number): Promise<Response> {
  const company = demoCompanies.find((co) => co.contactPersons.some((p) => p.id === contactPersonId));
  if (!company) {
    const message = 'No demo contact person has that id.';
    return problemResponse({ type: '/problems/validation', title: 'Validation failed', status: 422, detail: message, errors: [{ path: 'contactPersonId', code: 'unknown', message }] });
  }
  const jobag = createJobagClient({ baseUrl: 'http://jobag.internal', apiKey: company.key, fetch: async (input, init) => api(new Request(input, init)) });
  const { data, error } = await jobag.POST('/v1/sessions', { body: { contactPersonId } });
  if (error || !data) return problemResponse({ type: '/problems/bad-gateway', title: 'Bad gateway', status: 502, detail: 'The API refused to mint a token.' });
  return new Response(data.token, { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}

/** The query `<jobag-order-list>` sends first with its defaults (sort, order, page-size). */
export const firstOrdersQuery = { sort: 'id', order: 'desc', limit: 25 } as const;

/**
 * `<script type="application/json" id="jobag-first-orders">`: `{ query, page }`, the list's first
 * page as the token's person sees it (`GET /v1/job-orders`, access-checked by the API like any
 * call), for the page's script to hand to the list; empty when the API refuses.
 */
export async function firstOrders(api: (request: Request) => Response | Promise<Response>, token: string, attributes: Record<string, string> = {}): Promise<string> {
  const url = `http://jobag.internal/v1/job-orders?${new URLSearchParams(Object.entries(firstOrdersQuery).map(([key, value]) => [key, String(value)]))}`;
  const response = await api(new Request(url, { headers: { authorization: `Bearer ${token}` } }));
  if (!response.ok) return '';
  // `<` escaped, so nothing in an order's text can end the script element.
  const json = JSON.stringify({ query: firstOrdersQuery, page: await response.json() }).replace(/</g, '\\u003c');
  const more = Object.entries(attributes).map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`).join('');
  return `<script type="application/json" id="jobag-first-orders"${more}>${json}</script>`;
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * Strict: own scripts and styles only (and the API's origin when the page is on another one),
 * Trusted Types limited to Lit's policy (what the widgets need).
 */
export const examplePagePolicy = (api = '') =>
  [
    "default-src 'none'",
    `script-src 'self'${api && ` ${api}`}`,
    "style-src 'self'",
    `connect-src 'self'${api && ` ${api}`}`,
    "img-src 'self' data:",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'self'",
    "require-trusted-types-for 'script'",
    'trusted-types lit-html',
  ].join('; ');
const portalPolicy = examplePagePolicy();

export const exampleFileTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

interface BundleManifest {
  elements: Record<string, string>;
  chunks: Record<string, { imports: string[] }>;
}

/**
 * `<link rel="modulepreload">` for `tags`' chunks and every chunk they import, from the build's
 * dist/manifest.json — what any host page can do to start the elements it shows at once.
 */
export async function preloadLinks(distDir: string, tags: string[]): Promise<string> {
  let manifest: BundleManifest;
  try {
    manifest = JSON.parse(await readFile(join(distDir, 'manifest.json'), 'utf8')) as BundleManifest;
  } catch {
    return ''; // not built yet: the loader still works, one round trip later
  }
  const wanted = new Set<string>();
  const add = (chunk: string | undefined) => {
    if (!chunk || wanted.has(chunk)) return;
    wanted.add(chunk);
    for (const imported of manifest.chunks[chunk]?.imports ?? []) add(imported);
  };
  for (const tag of tags) add(manifest.elements[tag]);
  return [...wanted].map((chunk) => `<link rel="modulepreload" href="/dist/${chunk}" />`).join('\n    ');
}

/**
 * `<meta name="jobag-token">` with a widget token for the page's script to hand to the provider
 * first. The token is the signed-in person's: a page carrying one is never cached (`no-store`).
 */
export function tokenMeta(token: string, attributes: Record<string, string> = {}): string {
  const more = Object.entries(attributes).map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`).join('');
  return `<meta name="jobag-token" content="${escapeAttribute(token)}"${more} />`;
}

/**
 * An example page with its preload links (and `head`, e.g. a token's meta) put before the
 * loader's script tag; a page made for its signed-in person is sent `Cache-Control: no-store`.
 */
async function servePage(path: string, distDir: string, tags: string[], { head = '', perUser = false } = {}): Promise<Response> {
  const page = await serveFile(path, { 'content-security-policy': portalPolicy });
  if (page.status !== 200) return page;
  const html = (await page.text()).replace('<script type="module" src="/dist/jobag.js">', `${head && `${head}\n    `}${await preloadLinks(distDir, tags)}\n    <script type="module" src="/dist/jobag.js">`);
  const headers = new Headers(page.headers);
  if (perUser) headers.set('cache-control', 'no-store');
  return new Response(html, { headers });
}

export async function serveFile(path: string | null, headers: Record<string, string> = {}): Promise<Response> {
  const type = path ? exampleFileTypes[extname(path)] : undefined;
  const notFound = (detail: string) => problemResponse({ type: '/problems/not-found', title: 'Not found', status: 404, detail });
  if (!path || !type) return notFound('There is no such file.');
  try {
    return new Response(await readFile(path), { headers: { 'content-type': type, 'x-content-type-options': 'nosniff', ...headers } });
  } catch {
    return notFound('There is no such file.');
  }
}
