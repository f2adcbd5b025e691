// Builds the server once to plain JavaScript: esbuild bundles server/main.ts (our code and the
// reference data; packages stay in node_modules) to dist-server/main.js and copies the SQL
// migrations next to it, so `npm start` runs compiled code instead of transpiling at every start.
// `--if-needed`: only when dist-server/ is missing or older than any source it is built from.
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'dist-server');
const output = join(out, 'main.js');
const newest = (path) => {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
};
const inputs = ['server', 'sdk', 'package-lock.json', 'scripts/build-server.mjs'].map((file) => join(root, file)).filter(existsSync);
const stale = !existsSync(output) || Math.max(...inputs.map(newest)) > statSync(output).mtimeMs;
if (process.argv.includes('--if-needed') && !stale) process.exit(0);

// The reference data (occupations, postal codes: ~240 KB of JSON) as `JSON.parse('…')` instead of
// esbuild's default object literal: V8 scans a string literal and parses JSON far faster than it
// compiles an object literal that size, and every start pays for it.
const jsonAsParse = {
  name: 'json-as-parse',
  setup(b) {
    b.onLoad({ filter: /\.json$/ }, async (args) => {
      const text = JSON.stringify(JSON.parse(await readFile(args.path, 'utf8')));
      return { contents: `export default JSON.parse(${JSON.stringify(text)});`, loader: 'js' };
    });
  },
};

const started = performance.now();
rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: [join(root, 'server/main.ts')],
  outdir: out,
  entryNames: 'main',
  // Split at dynamic imports, so what only some runs need (the contract's generator, the demo
  // portal) is a chunk loaded then, not at every start; chunks sit beside main.js (same relative paths).
  splitting: true,
  chunkNames: '[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Packages bundled in (fewer files to resolve and read at start), but the native driver and what
  // only some runs load: the remote driver, the SMTP client, the contract's YAML writer.
  external: ['libsql', '@libsql/client', 'nodemailer', 'yaml', 'pino', 'thread-stream', 'pino-*'],
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
  plugins: [jsonAsParse],
});
cpSync(join(root, 'server/db/migrations'), join(out, 'migrations'), { recursive: true });
console.log(`Built dist-server/ (esbuild) in ${Math.round(performance.now() - started)} ms`);
