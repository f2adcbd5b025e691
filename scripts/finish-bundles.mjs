// After rollup (`npm run build`): for each bundle in dist/ a content-hashed copy
// (`jobag.<hash>.js`, served `immutable`), gzip and brotli variants of every file the server
// sends, dist/bundles.json (name → hashed file, SRI integrity, sizes) and the SDK's generated
// types beside the declaration files. Prints the SRI-pinned script tags.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
const hashed = /\.[0-9a-f]{10}\.js$/;
const walk = (dir) => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? (name === 'types' ? [] : walk(path)) : [path];
});

// Hashed copies of an earlier build are stale now.
for (const path of walk(dist)) if (hashed.test(path) || /\.(gz|br)$/.test(path)) unlinkSync(path);

const bundles = {};
for (const path of walk(dist).filter((p) => p.endsWith('.js'))) {
  const bytes = readFileSync(path);
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 10);
  const copy = path.replace(/\.js$/, `.${hash}.js`);
  copyFileSync(path, copy);
  bundles[relative(dist, path)] = {
    file: relative(dist, copy),
    integrity: `sha384-${createHash('sha384').update(bytes).digest('base64')}`,
    bytes: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
  };
}
for (const path of walk(dist).filter((p) => /\.(js|json|map)$/.test(p))) {
  const bytes = readFileSync(path);
  writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
  writeFileSync(`${path}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
}
writeFileSync(join(dist, 'bundles.json'), `${JSON.stringify(bundles, null, 2)}\n`);

// The SDK's types import its generated schema: put it beside the emitted declarations.
const schemaTarget = join(dist, 'types', 'sdk', 'schema.d.ts');
mkdirSync(dirname(schemaTarget), { recursive: true });
copyFileSync(join(root, 'sdk', 'schema.d.ts'), schemaTarget);

for (const name of ['jobag.js', 'sdk.js']) {
  const entry = bundles[name];
  if (entry) console.log(`<script type="module" src="/dist/${entry.file}" integrity="${entry.integrity}" crossorigin="anonymous"></script>  (${basename(name)})`);
}
