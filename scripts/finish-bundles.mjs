// After rollup (`npm run build`): for each stable-named bundle in dist/ (jobag.js, jobag.all.js,
// sdk.js, …) a content-hashed copy (`jobag.<hash>.js`, served `immutable`, for SRI-pinned script
// tags); the chunks in dist/chunks/ carry rollup's content hash in their names already. Then gzip
// and brotli variants of every file the server sends, dist/bundles.json (name → hashed file, SRI
// integrity, sizes; every chunk too); the npm build (dist/npm/, scripts/build-npm.mjs) is no
// served bundle and is left alone. Prints the SRI-pinned script tags.
//
// Integrity of the lazy chunks: SRI covers the pinned entry; the entry names each chunk it imports
// by content hash (chunks/runtime-<hash>.js), so a pinned entry only ever asks for the chunk
// versions it was built with. To have the browser verify the chunks' bytes as well, a page adds
// the import map printed below (`integrity`, Chromium 127+, Firefox 138+, Safari 18.4+).
import { createHash } from 'node:crypto';
import { copyFileSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
const hashed = /\.[0-9a-f]{10}\.js$/;
/** Rollup's chunks: named by their content already. */
const isChunk = (path) => relative(dist, path).split('/').includes('chunks');
const walk = (dir) => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? (name === 'npm' ? [] : walk(path)) : [path];
});

// Hashed copies of an earlier build are stale now.
for (const path of walk(dist)) if (hashed.test(path) || /\.(gz|br)$/.test(path)) unlinkSync(path);

const integrity = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const bundles = {};
for (const path of walk(dist).filter((p) => p.endsWith('.js'))) {
  const bytes = readFileSync(path);
  let file = relative(dist, path);
  if (!isChunk(path)) {
    const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 10);
    const copy = path.replace(/\.js$/, `.${hash}.js`);
    copyFileSync(path, copy);
    file = relative(dist, copy);
  }
  bundles[relative(dist, path)] = { file, integrity: integrity(bytes), bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}
for (const path of walk(dist).filter((p) => /\.(js|json|map)$/.test(p))) {
  const bytes = readFileSync(path);
  writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
  writeFileSync(`${path}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
}
writeFileSync(join(dist, 'bundles.json'), `${JSON.stringify(bundles, null, 2)}\n`);

for (const [name, what] of [['jobag.js', 'the loader: each element when it appears'], ['jobag.all.js', 'every element in one file'], ['sdk.js', 'the SDK']]) {
  const entry = bundles[name];
  if (entry) console.log(`<script type="module" src="/dist/${entry.file}" integrity="${entry.integrity}" crossorigin="anonymous"></script>  (${what})`);
}
const chunks = Object.keys(bundles).filter((name) => name.startsWith('chunks/'));
console.log(`The loader's ${chunks.length} chunks are named by content; their SRI hashes are in dist/bundles.json (for an import map's "integrity").`);
