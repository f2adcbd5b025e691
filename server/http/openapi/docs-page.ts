// The API reference at /docs: RapiDoc (a Lit web component, one script) renders openapi.yaml —
// Markdown, expanded schemas with examples, and "try it". Every asset comes from this server, so
// the page works without internet under a strict policy.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Hono } from 'hono';
import { html } from 'hono/html';
import { operation } from './operation.ts';

const rapidocScript = createRequire(import.meta.url).resolve('rapidoc/dist/rapidoc-min.js');

/**
 * Scripts from this server only, no inline script, no eval, nothing from elsewhere, never framed.
 * RapiDoc writes its own styles into the page as style elements, so styles (only) may be inline:
 * a style cannot run code.
 */
export const docsPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const describePage = operation({
  operationId: 'getDocs', tag: 'Operations', summary: 'The API reference', auth: false,
  description: 'This contract rendered for people (RapiDoc): every operation and schema, with examples; in demo mode "try it" is filled with a demo key.',
  responses: { 200: { description: 'The reference page.', contentType: 'text/html' } },
});
const describeScript = operation({
  operationId: 'getDocsScript', tag: 'Operations', summary: 'The reference page\'s renderer', auth: false,
  responses: { 200: { description: 'RapiDoc, served from this server.', contentType: 'text/javascript' } },
});

/** `/docs` and its one script. `demoKey` pre-fills "try it" (demo mode only). */
export function docsRoutes(options: { demoKey?: string } = {}) {
  // "Try it" calls the server the page came from, whatever the contract's example server says.
  const page = (origin: string) => String(html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>JobAG Orders API</title>
<script src="/docs/rapidoc.js" defer></script>
</head>
<body>
<rapi-doc spec-url="/openapi.yaml" render-style="read" layout="column" show-header="false" theme="light"
  allow-try="true" allow-authentication="true" allow-server-selection="false" server-url="${origin}" default-api-server="${origin}" default-schema-tab="schema" load-fonts="false"
  schema-expand-level="2" schema-description-expanded="true" sort-tags="false"
  ${options.demoKey ? html`api-key-name="Authorization" api-key-location="header" api-key-value="Bearer ${options.demoKey}"` : ''}></rapi-doc>
</body>
</html>`);
  let script: Promise<Buffer> | undefined;
  const app = new Hono();
  app.get('/', describePage, (c) => c.html(page(new URL(c.req.url).origin), 200, { 'content-security-policy': docsPolicy, 'cache-control': 'no-cache' }));
  app.get('/rapidoc.js', describeScript, async (c) => {
    script ??= readFile(rapidocScript);
    return c.body(new Uint8Array(await script), 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=86400' });
  });
  return app;
}
