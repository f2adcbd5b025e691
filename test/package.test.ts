// The product as its users get it, from one build: the generated element reference and React entry
// are current, and a production server serves the bundles to any origin — README's SRI-pinned
// script tag works from another origin's page. The packed package in the projects that install
// it: test/package-consumers.test.ts.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { buildOnce } from './support/build-once.ts';
import { startServerProcess, stopServerProcess, type ServerProcess } from './support/server-process.ts';

const root = new URL('..', import.meta.url).pathname;
const execFileAsync = promisify(execFile);
const run = (command: string, args: string[], cwd: string) => {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  assert.equal(result.status, 0, `${command} ${args.join(' ')}\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
};

// Bundles, the npm build and the manifest, as `npm start` and `prepack` make them.
before(async () => {
  await buildOnce();
});

describe('the element reference (docs/elements.md)', () => {
  it('is what the custom-elements manifest of this build says (node scripts/elements-doc.mjs)', () => {
    run(process.execPath, [join(root, 'scripts', 'elements-doc.mjs'), '--check'], root);
  });
});

describe('the React 19 entry (widget/react.ts)', () => {
  it('is what the custom-elements manifest of this build says (node scripts/react-types.mjs)', () => {
    run(process.execPath, [join(root, 'scripts', 'react-types.mjs'), '--check'], root);
  });
});

const chromiumPath = () => run('bash', [join(root, 'scripts', 'find-chromium.sh')], root).trim();
/** The page's DOM after load. Asynchronous: the page may be served from this very process. */
const dumpDom = async (url: string) =>
  (await execFileAsync(chromiumPath(), ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--virtual-time-budget=5000', '--dump-dom', url], { timeout: 60_000 })).stdout;

describe('a production server serves the bundles to any origin (README\'s script tag)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jobag-prod-'));
  const bundles = () => JSON.parse(readFileSync(join(root, 'dist', 'bundles.json'), 'utf8')) as Record<string, { file: string; integrity: string }>;
  let server: ServerProcess;
  let portal: Server;
  let portalUrl: string;

  before(async () => {
    server = await startServerProcess({ NODE_ENV: 'production', JOBAG_SIGNING_SECRET: 'a-production-secret-of-at-least-32-characters', DATABASE_URL: `file:${join(dir, 'prod.db')}` });
    // A portal on another origin whose page embeds the widgets the way README shows.
    const { file, integrity } = bundles()['jobag.js']!;
    // The loader defines the element once it sees it, from chunks it imports from the API's origin
    // (CORS); a tampered loader never runs, so the element stays undefined. The page's 3 s bound is
    // Chromium's virtual time (--virtual-time-budget): it passes at once when nothing is left to load.
    const page = (tag: string) =>
      `<!doctype html><html><head><title>loading</title>${tag}<script type="module">const missing = setTimeout(() => { document.title = 'missing'; }, 3000); customElements.whenDefined('jobag-order-list').then(() => { clearTimeout(missing); document.title = 'defined'; });</script></head><body><jobag-order-list></jobag-order-list></body></html>`;
    portal = createServer((req, res) => {
      const tag = req.url === '/tampered'
        ? `<script type="module" src="${server.url}/dist/${file}" integrity="sha384-${'A'.repeat(64)}" crossorigin="anonymous"></script>`
        : `<script type="module" src="${server.url}/dist/${file}" integrity="${integrity}" crossorigin="anonymous"></script>`;
      res.writeHead(200, { 'content-type': 'text/html' }).end(page(tag));
    });
    await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
    portalUrl = `http://127.0.0.1:${(portal.address() as { port: number }).port}`;
  });
  after(async () => {
    await stopServerProcess(server.child);
    await new Promise((resolve) => portal.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('the stable name is revalidated by ETag; the hashed name is immutable; brotli when accepted; any origin', async () => {
    const plain = readFileSync(join(root, 'dist', 'jobag.js'));
    const res = await fetch(`${server.url}/dist/jobag.js`, { headers: { 'accept-encoding': 'br', origin: 'https://portal.example' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-encoding'), 'br');
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.match(res.headers.get('cache-control') ?? '', /no-cache/);
    // fetch decodes brotli itself; compare the bytes the browser ends up with.
    assert.deepEqual(Buffer.from(await res.arrayBuffer()), plain);
    const etag = res.headers.get('etag')!;
    const again = await fetch(`${server.url}/dist/jobag.js`, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
    const { file, integrity } = bundles()['jobag.js']!;
    const pinned = await fetch(`${server.url}/dist/${file}`, { headers: { 'accept-encoding': 'identity' } });
    assert.match(pinned.headers.get('cache-control') ?? '', /immutable/);
    const bytes = Buffer.from(await pinned.arrayBuffer());
    assert.equal(`sha384-${createHash('sha384').update(bytes).digest('base64')}`, integrity, 'the SRI hash names the bytes served');
    const raw = await fetch(`${server.url}/dist/${file}.br`);
    assert.equal(raw.status, 404, 'the compressed files are variants, not addresses');
    assert.equal(brotliDecompressSync(readFileSync(join(root, 'dist', `${file}.br`))).equals(bytes), true);
    assert.equal((await fetch(`${server.url}/dist/..%2Fpackage.json`)).status, 404);
    // The loader's chunks: named by content, so cached for good, and loadable from any origin.
    const { runtime } = JSON.parse(readFileSync(join(root, 'dist', 'manifest.json'), 'utf8')) as { runtime: string };
    const chunk = await fetch(`${server.url}/dist/${runtime}`, { headers: { 'accept-encoding': 'gzip', origin: 'https://portal.example' } });
    assert.equal(chunk.status, 200);
    assert.equal(chunk.headers.get('content-encoding'), 'gzip');
    assert.match(chunk.headers.get('cache-control') ?? '', /immutable/);
    assert.equal(chunk.headers.get('access-control-allow-origin'), '*');
    assert.deepEqual(Buffer.from(await chunk.arrayBuffer()), readFileSync(join(root, 'dist', runtime)));
    assert.equal((await fetch(`${server.url}/examples/`)).status, 404, 'no example portal in production');
  });

  it('another origin\'s page loads the SRI-pinned loader, which defines the element from its chunks; a tampered hash is refused', async () => {
    assert.match(await dumpDom(`${portalUrl}/`), /<title>defined<\/title>/);
    assert.match(await dumpDom(`${portalUrl}/tampered`), /<title>missing<\/title>/);
  });
});
