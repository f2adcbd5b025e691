// `npm run size`: the gzip size of every chunk of the lazy build (dist/jobag.js, dist/chunks/),
// checked against the budgets below, and of the other bundles for information. Exits
// non-zero when a budget is exceeded. Budgets are never raised: a chunk over budget is shrunk.
//   runtime chunk ≤ 12 KB; each other chunk ≤ 10 KB; a page with list + view + log (the loader,
//   the provider and those three elements with every chunk they import) ≤ 30 KB gzip; and that
//   page with the live-stream chunk the elements fetch as soon as they follow changes, over the
//   wire as the server sends it to a browser (the precompressed brotli files; every current
//   browser accepts br over HTTPS) ≤ 30 KB.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;
const KB = 1024;
const budgets = { runtime: 12 * KB, chunk: 10 * KB, page: 30 * KB };
const page = ['jobag-provider', 'jobag-order-list', 'jobag-order-view', 'jobag-placement-log'];

if (!existsSync(join(dist, 'manifest.json'))) {
  console.error('No dist/manifest.json: run `npm run build` first.');
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8'));
const gzip = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
/** The bytes the server sends for a file to a browser that accepts br: the precompressed variant. */
const brotli = (file) => {
  if (!existsSync(join(dist, `${file}.br`))) {
    console.error(`No dist/${file}.br: scripts/finish-bundles.mjs writes the variants the server sends.`);
    process.exit(1);
  }
  return statSync(join(dist, `${file}.br`)).size;
};
const kb = (bytes) => `${(bytes / KB).toFixed(2)} KB`;

/** A chunk and every chunk it imports statically (what the browser fetches to run it). */
const closure = (file, seen = new Set()) => {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const imported of manifest.chunks[file]?.imports ?? []) closure(imported, seen);
  return seen;
};

const rows = [];
let failed = false;
const check = (name, bytes, budget, note = '') => {
  const ok = budget === undefined || bytes <= budget;
  if (!ok) failed = true;
  rows.push([name, kb(bytes), budget === undefined ? '' : `≤ ${kb(budget)}`, budget === undefined ? '' : ok ? 'ok' : 'OVER', note]);
};

const elementOf = Object.fromEntries(Object.entries(manifest.elements).map(([tag, file]) => [file, tag]));
check('jobag.js (loader)', gzip(manifest.loader), undefined);
for (const file of Object.keys(manifest.chunks).filter((f) => f !== manifest.loader).sort()) {
  const note = file === manifest.runtime ? 'runtime' : elementOf[file] ? `<${elementOf[file]}>` : 'shared';
  check(file, gzip(file), file === manifest.runtime ? budgets.runtime : budgets.chunk, note);
}
const pageFiles = new Set([manifest.loader]);
for (const tag of page) closure(manifest.elements[tag], pageFiles);
const sum = (files, size) => [...files].reduce((total, file) => total + size(file), 0);
check('page: list + view + log', sum(pageFiles, gzip), budgets.page, `loader + ${pageFiles.size - 1} chunks (${page.map((t) => t.slice(6)).join(', ')})`);
// Every element of the page follows the live stream, so its reader is part of the page as it loads.
const liveStream = Object.keys(manifest.chunks).find((file) => manifest.chunks[file].name === 'event-stream');
if (!liveStream) {
  console.error('No event-stream chunk in dist/manifest.json: the page budget cannot include the live stream.');
  process.exit(1);
}
closure(liveStream, pageFiles);
check('page + live stream, as sent (br)', sum(pageFiles, brotli), budgets.page, `loader + ${pageFiles.size - 1} chunks; gzip -9: ${kb(sum(pageFiles, gzip))}`);

// The other bundles, for information: not loaded by a page that uses the loader.
const others = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'npm' || name === 'chunks' ? [] : others(path);
    return path.endsWith('.js') && !/\.[0-9a-f]{10}\.js$/.test(path) && relative(dist, path) !== manifest.loader ? [relative(dist, path)] : [];
  });
for (const file of others(dist).sort()) check(file, gzip(file), undefined, 'not lazy');

const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i].length), 6));
console.log(['bundle (gzip -9)'.padEnd(widths[0]), 'size'.padStart(widths[1]), 'budget'.padStart(widths[2]), ''.padEnd(widths[3])].join('  '));
for (const row of rows) console.log([row[0].padEnd(widths[0]), row[1].padStart(widths[1]), row[2].padStart(widths[2]), row[3].padEnd(widths[3]), row[4]].join('  ').trimEnd());
if (failed) {
  console.error('\nOver budget: shrink the chunk (never raise a budget).');
  process.exit(1);
}
console.log('\nEvery budget is met.');
