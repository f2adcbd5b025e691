// `npm run size`: the size of each browser bundle in dist/, raw and gzipped (what a portal pays).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;
const files = (dir) => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  // The content-hashed copies are the same bytes as their plain names; the types are not sent.
  if (statSync(path).isDirectory()) return name === 'types' ? [] : files(path);
  return path.endsWith('.js') && !/\.[0-9a-f]{10}\.js$/.test(path) ? [path] : [];
});

let found;
try {
  found = files(dist).sort();
} catch {
  console.error('No dist/: run `npm run build` first.');
  process.exit(1);
}
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
const rows = found.map((path) => {
  const bytes = readFileSync(path);
  return [relative(dist, path), kb(bytes.length), kb(gzipSync(bytes, { level: 9 }).length)];
});
const width = Math.max(...rows.map(([name]) => name.length), 6);
console.log(`${'bundle'.padEnd(width)}  ${'raw'.padStart(9)}  ${'gzip'.padStart(9)}`);
for (const [name, raw, gz] of rows) console.log(`${name.padEnd(width)}  ${raw.padStart(9)}  ${gz.padStart(9)}`);
