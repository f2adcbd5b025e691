// The package as the projects that install it see it: `npm pack`, the tarball installed into an
// empty project from npm's cache (--prefer-offline) with React 19 and Lit beside it, and there
// - a React 19 page importing `jobag-orders/react`, bundled with esbuild, renders the list and opens
//   an order in Chromium against the real server;
// - a host app with its own Lit and the package's elements bundles one Lit, and one class per element;
// - TypeScript type-checks an HR script and a TSX page under NodeNext, Node16 and Bundler, strict,
//   with skipLibCheck false;
// - @arethetypeswrong/cli and publint --strict find nothing;
// - the custom-elements manifest names shipped files, typed events, allowed values, every part.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { buildOnce } from './support/build-once.ts';
import { startServerProcess, stopServerProcess, type ServerProcess } from './support/server-process.ts';

const root = new URL('..', import.meta.url).pathname;
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const version = (name: string) => (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
const run = (command: string, args: string[], cwd: string, timeout = 180_000) => {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout, env: { ...process.env, npm_config_update_notifier: 'false' } });
  assert.equal(result.status, 0, `${command} ${args.join(' ')}\n${result.stdout}\n${result.stderr}${result.error ? `\n${result.error.message}` : ''}`);
  return result.stdout;
};
const tsc = (config: string) => run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', config], dirname(config));
const esbuild = (cwd: string, entry: string, outfile: string) =>
  run(bin('esbuild'), [entry, '--bundle', '--format=esm', '--jsx=automatic', '--define:process.env.NODE_ENV="production"', `--outfile=${outfile}`, '--log-level=warning'], cwd);

const dir = mkdtempSync(join(tmpdir(), 'jobag-consumers-'));
const project = join(dir, 'app');
let tarball: string;
let listing: string;

before(async () => {
  await buildOnce();
  // Built above; `prepack` would build again.
  run('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', dir], root);
  tarball = join(dir, readdirSync(dir).find((name) => name.endsWith('.tgz'))!);
  listing = run('tar', ['-tzf', tarball], dir);
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  // The versions this repository has installed, so npm finds them in its cache.
  const pinned = ['react', 'react-dom', '@types/react', '@types/react-dom', 'lit'].map((name) => `${name}@${version(name)}`);
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball, ...pinned], project, 300_000);
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('in Chromium, against the real server', () => {
  let server: ServerProcess;
  let browser: Browser;
  const data = mkdtempSync(join(tmpdir(), 'jobag-consumers-db-'));

  before(async () => {
    // Demo mode: the demo organisations and orders, and the example portal's token route.
    [server, browser] = await Promise.all([
      startServerProcess({ JOBAG_DEMO: 'true', DATABASE_URL: `file:${join(data, 'demo.db')}` }),
      puppeteer.launch({
        executablePath: run('bash', [join(root, 'scripts', 'find-chromium.sh')], root).trim(),
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
      }),
    ]);
  });
  after(async () => {
    await browser?.close();
    if (server) await stopServerProcess(server.child);
    rmSync(data, { recursive: true, force: true });
  });

  /** A page of the app at `/app/…` on the server's origin (the API is same-origin), its files served from the project. */
  async function open(files: Record<string, string>): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    // A failed request is named by its response (the console's line has no address); the browser's
    // own favicon request is none of the page's.
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400 && new URL(response.url()).pathname !== '/favicon.ico') errors.push(`${response.status()} ${response.url()}`);
    });
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      const file = path.startsWith('/app/') ? files[path.slice('/app/'.length)] : undefined;
      if (file === undefined) return void request.continue();
      void request.respond({ status: 200, contentType: file.endsWith('.js') ? 'text/javascript' : 'text/html', body: readFileSync(join(project, file)) });
    });
    await page.goto(`${server.url}/app/index.html`);
    return { page, errors };
  }

  it('(b) a React 19 page importing jobag-orders/react renders the list and opens an order', { timeout: 120_000 }, async () => {
    writeFileSync(
      join(project, 'react-page.tsx'),
      `import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { JobagOrderList, JobagOrderView, JobagProvider } from 'jobag-orders/react';

// The portal's backend hands out widget tokens (the demo server's example portal does).
async function getToken(): Promise<string> {
  const response = await fetch('/examples/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ contactPersonId: 1 }) });
  return response.text();
}

function App() {
  const [open, setOpen] = useState<number | null>(null);
  return (
    <JobagProvider baseUrl={location.origin} getToken={getToken} locale="da">
      {open === null ? (
        <JobagOrderList pageSize={5} onJobagOrderOpen={(event) => { event.preventDefault(); setOpen(event.detail.id); }} />
      ) : (
        <JobagOrderView orderId={open} />
      )}
    </JobagProvider>
  );
}
createRoot(document.getElementById('root')!).render(<App />);
`,
    );
    esbuild(project, 'react-page.tsx', 'react-page.js');
    writeFileSync(join(project, 'react.html'), '<!doctype html><html lang="da"><head><title>React</title><script type="module" src="react-page.js"></script></head><body><div id="root"></div></body></html>');
    const { page, errors } = await open({ 'index.html': 'react.html', 'react-page.js': 'react-page.js' });
    try {
      // React set the token getter as a property (a function, which no attribute can carry).
      await page.waitForFunction(() => typeof (document.querySelector('jobag-provider') as { getToken?: unknown } | null)?.getToken === 'function', { timeout: 20_000 });
      const rows = () => document.querySelector('jobag-order-list')?.shadowRoot?.querySelectorAll('tbody tr a').length ?? 0;
      await page.waitForFunction(rows, { timeout: 30_000 });
      const id = await page.evaluate(() => {
        const link = document.querySelector('jobag-order-list')!.shadowRoot!.querySelector<HTMLAnchorElement>('tbody tr a')!;
        link.click();
        return Number(link.closest('tr')!.dataset.id);
      });
      assert.ok(id > 0);
      // The typed onJobagOrderOpen handler swapped the list for the order, which loaded.
      await page.waitForFunction(() => document.querySelector('jobag-order-view')?.shadowRoot?.getElementById('view-heading'), { timeout: 30_000 });
      assert.equal(await page.evaluate(() => (document.querySelector('jobag-order-view') as HTMLElement & { orderId: number }).orderId), id);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  it('(c) a host app with its own Lit and the package\'s elements bundles one Lit, and one class per element', { timeout: 120_000 }, async () => {
    writeFileSync(
      join(project, 'host.js'),
      `import { LitElement, html } from 'lit';
import 'jobag-orders/widget/order-list';
import { JobagOrderList } from 'jobag-orders/widget';
import { JobagOrderList as Wrapped } from 'jobag-orders/react';

class HostCard extends LitElement {
  render() { return html\`<p>host</p>\`; }
}
customElements.define('host-card', HostCard);
window.host = {
  litVersions: window.litHtmlVersions,
  sameClass: customElements.get('jobag-order-list') === JobagOrderList,
  wrapsIt: typeof Wrapped === 'object' || typeof Wrapped === 'function',
};
`,
    );
    esbuild(project, 'host.js', 'host.bundle.js');
    writeFileSync(join(project, 'host.html'), '<!doctype html><html><head><title>Host</title><script type="module" src="host.bundle.js"></script></head><body><host-card></host-card></body></html>');
    const { page } = await open({ 'index.html': 'host.html', 'host.bundle.js': 'host.bundle.js' });
    try {
      await page.waitForFunction(() => (window as { host?: unknown }).host, { timeout: 20_000 });
      const host = await page.evaluate(() => (window as unknown as { host: { litVersions: string[]; sameClass: boolean; wrapsIt: boolean } }).host);
      assert.equal(host.litVersions.length, 1, `Lit loaded ${host.litVersions.length} times: ${host.litVersions.join(', ')}`);
      assert.equal(host.sameClass, true, 'the element module and jobag-orders/widget export one class');
      assert.equal(host.wrapsIt, true);
    } finally {
      await page.close();
    }
  });
});

describe('tree-shaking', () => {
  it('a page importing one element\'s module bundles that element and not the others', { timeout: 60_000 }, () => {
    writeFileSync(join(project, 'one.js'), "import 'jobag-orders/widget/order-list';\n");
    esbuild(project, 'one.js', 'one.bundle.js');
    const bundle = readFileSync(join(project, 'one.bundle.js'), 'utf8');
    assert.match(bundle, /["']jobag-order-list["']/);
    for (const other of ['jobag-order-form', 'jobag-order-view', 'jobag-jobcenter-desk', 'jobag-candidates', 'jobag-order-page']) assert.doesNotMatch(bundle, new RegExp(`["']${other}["']`), other);
  });
});

describe('(d) TypeScript in the installed project: strict, skipLibCheck false', () => {
  before(() => {
    writeFileSync(
      join(project, 'hr.ts'),
      `// An HR system's script: the SDK, the rules, and the widgets' types.
import { createJobagClient, isValidCvr, subscribeToEvents, type JobOrder, type LogEntry } from 'jobag-orders';
import { checkTerms, todayInCopenhagen } from 'jobag-orders/rules';
import type { JobagOrderList } from 'jobag-orders/widget/order-list';
import { OrderOpenEvent, type Locale } from 'jobag-orders/widget';
import { load, observe } from 'jobag-orders/widget/loader';

const jobag = createJobagClient({ baseUrl: 'https://api.example', apiKey: 'key' });
export async function titles(): Promise<string[]> {
  const { data, error } = await jobag.GET('/v1/job-orders', { params: { query: { sort: 'updatedAt', limit: 5 } } });
  if (error) throw new Error(error.title);
  return data.items.map((order: JobOrder) => order.occupation.title);
}
export const valid: boolean = isValidCvr('31415926') && checkTerms({ longTerm: false, startDate: todayInCopenhagen(), durationDays: null, responseDeadline: null, maxCandidates: null, workingTime: 'unspecified', weeklyHours: null }, todayInCopenhagen()).length === 0;
export const follow = () => subscribeToEvents({ baseUrl: 'https://api.example', apiKey: 'key', onEvent: (entry: LogEntry) => entry.action });
export const sort: JobagOrderList['sort'] = 'updatedAt';
export const opened = (event: OrderOpenEvent): number => event.detail.id;
export const locale: Locale = 'en';
export const loading: Promise<void> = load('jobag-order-list');
export const watch: (root: Document | ShadowRoot) => void = observe;
// @ts-expect-error 'price' is not a sort column: the contract's types reach the HR script
void jobag.GET('/v1/job-orders', { params: { query: { sort: 'price' } } });
`,
    );
    writeFileSync(
      join(project, 'portal.tsx'),
      `import { useRef, type JSX } from 'react';
import { JobagOrderList, JobagProvider, type OrderOpenEvent } from 'jobag-orders/react';
import type { JobagOrderList as OrderListElement } from 'jobag-orders/widget';

export function Portal(props: { open: (id: number) => void }): JSX.Element {
  const list = useRef<OrderListElement>(null);
  return (
    <JobagProvider baseUrl="https://api.example" getToken={async () => 'token'}>
      <JobagOrderList ref={list} sort="updatedAt" pageSize={10} onJobagOrderOpen={(event: OrderOpenEvent) => props.open(event.detail.id)} />
      {/* @ts-expect-error 'price' is not a column the list sorts by */}
      <JobagOrderList sort="price" />
      {/* @ts-expect-error the list's open event has no placementId */}
      <JobagOrderList onJobagOrderOpen={(event) => event.detail.placementId} />
    </JobagProvider>
  );
}
`,
    );
  });

  for (const [module, moduleResolution] of [['NodeNext', 'NodeNext'], ['Node16', 'Node16'], ['ESNext', 'Bundler']] as const) {
    it(`the HR script and a React page type-check under moduleResolution ${moduleResolution}`, { timeout: 120_000 }, () => {
      const config = join(project, `tsconfig.${moduleResolution.toLowerCase()}.json`);
      writeFileSync(
        config,
        JSON.stringify({
          compilerOptions: { target: 'ES2022', module, moduleResolution, strict: true, noEmit: true, skipLibCheck: false, jsx: 'react-jsx', lib: ['ES2023', 'DOM', 'DOM.Iterable'], types: [] },
          files: ['hr.ts', 'portal.tsx'],
        }),
      );
      tsc(config);
    });
  }
});

describe('(e) the package as published', () => {
  it('@arethetypeswrong/cli finds every entry typed and resolvable (ESM only)', { timeout: 120_000 }, () => {
    // openapi.yaml is a file to read, not a module: there are no types to find for it.
    run(bin('attw'), [tarball, '--profile', 'esm-only', '--exclude-entrypoints', './openapi.yaml', '--format', 'ascii'], dir);
  });

  it('publint --strict finds nothing in the packed files', { timeout: 120_000 }, () => {
    const unpacked = join(dir, 'unpacked');
    mkdirSync(unpacked, { recursive: true });
    run('tar', ['-xzf', tarball, '-C', unpacked], dir);
    const output = run(bin('publint'), ['run', join(unpacked, 'package'), '--strict', '--pack', 'false'], dir);
    assert.match(output, /All good/);
  });

  it('every export map entry names shipped files, with types beside each module, and no wildcard', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, string | { types: string; default: string }> };
    const shipped = (file: string) => listing.includes(`package/${file.replace(/^\.\//, '')}\n`);
    for (const [entry, target] of Object.entries(manifest.exports)) {
      assert.doesNotMatch(entry, /\*/, `${entry}: a wildcard reaches files nobody listed`);
      if (typeof target === 'string') {
        assert.ok(shipped(target), `${entry} → ${target} is not in the tarball`);
        continue;
      }
      assert.ok(shipped(target.default), `${entry} → ${target.default} is not in the tarball`);
      assert.equal(target.types, target.default.replace(/\.js$/, '.d.ts'), `${entry}: its types describe another file`);
      assert.ok(shipped(target.types), `${entry} → ${target.types} is not in the tarball`);
    }
    // Declaration maps and source maps, with the sources they point at.
    for (const file of ['dist/npm/widget/order-list.d.ts.map', 'dist/npm/widget/order-list.js.map', 'widget/order-list.ts', 'dist/npm/sdk/schema.d.ts']) assert.ok(shipped(file), file);
    assert.doesNotMatch(listing, /package\/(server|test|scripts|dist\/elements|dist\/types)\//);
    assert.doesNotMatch(listing, /\.(gz|br)\n/);
    // Every module the npm build made is in the package (a pattern in `files` must not drop one).
    const built = (dir: string): string[] => readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? built(join(dir, entry.name)) : [join(dir, entry.name)]));
    for (const file of built('dist/npm')) assert.ok(shipped(file), `${file} is not in the tarball`);
  });

  it('the npm build imports Lit, the SDK client and the stream parser by name, never bundled in', () => {
    const unpacked = join(dir, 'unpacked-build');
    mkdirSync(unpacked, { recursive: true });
    run('tar', ['-xzf', tarball, '-C', unpacked, 'package/dist/npm'], dir);
    const read = (file: string) => readFileSync(join(unpacked, 'package', 'dist', 'npm', file), 'utf8');
    assert.match(read('widget/base.js'), /from 'lit'/);
    assert.match(read('sdk/client.js'), /from 'openapi-fetch'/);
    assert.match(read('sdk/events.js'), /from 'eventsource-parser'/);
    assert.match(read('widget/react.js'), /from '@lit\/react'/);
    // An element's module defines only its own element (and those its shadow DOM renders).
    assert.doesNotMatch(read('widget/order-list.js'), /customElements\.define|defineElement\('jobag-(?!order-list')/);
  });
});

describe('the custom-elements manifest in the package', () => {
  type Declaration = {
    tagName?: string;
    customElement?: boolean;
    attributes?: { name: string; type?: { text: string } }[];
    events?: { name: string; type?: { text: string } }[];
    cssParts?: { name: string; description?: string }[];
    cssProperties?: { name: string; description?: string }[];
  };
  const elements = () => {
    const manifest = JSON.parse(readFileSync(join(root, 'dist', 'custom-elements.json'), 'utf8')) as { modules: { path: string; declarations?: Declaration[] }[] };
    return manifest.modules.flatMap((mod) => (mod.declarations ?? []).filter((d) => d.customElement && d.tagName).map((d) => ({ path: mod.path, d })));
  };

  it('names the shipped module of each element, each event with its class, and attribute types as their values', () => {
    assert.ok(elements().length >= 8);
    for (const { path, d } of elements()) {
      assert.ok(listing.includes(`package/${path}\n`), `${d.tagName}: ${path} is not in the tarball`);
      for (const event of d.events ?? []) assert.match(event.type?.text ?? '', /^[A-Z]\w*Event$/, `${d.tagName} ${event.name}`);
      // No alias names (SortKey, Locale): literals, primitives and null only.
      for (const attribute of d.attributes ?? []) assert.match(attribute.type?.text ?? '', /^('[^']*'|string|number|boolean|null|undefined)( \| ('[^']*'|string|number|boolean|null|undefined))*$/, `${d.tagName} ${attribute.name}: ${attribute.type?.text}`);
    }
    const list = elements().find(({ d }) => d.tagName === 'jobag-order-list')!.d;
    assert.match(list.attributes!.find((a) => a.name === 'sort')!.type!.text, /'updatedAt'/);
    assert.equal(list.events!.find((e) => e.name === 'jobag-order-open')!.type!.text, 'OrderOpenEvent');
  });

  it('lists every custom property each element reads and every part it sets, each with a text', () => {
    for (const { d } of elements()) {
      if (d.tagName === 'jobag-provider') continue; // no shadow DOM of its own to style
      assert.ok((d.cssProperties ?? []).some((p) => p.name === '--jobag-color-text'), `${d.tagName} lists no custom properties`);
      assert.ok((d.cssParts ?? []).some((p) => p.name === 'base'), `${d.tagName} lists no base part`);
      for (const hook of [...(d.cssProperties ?? []), ...(d.cssParts ?? [])]) assert.ok(hook.description, `${d.tagName}: ${hook.name} has no text`);
    }
  });
});
