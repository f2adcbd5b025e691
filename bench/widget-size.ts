/**
 * The widget JS a page with list + view + log downloads, as the server sends it: the loader, the
 * provider and those three elements with every chunk they import statically (as
 * scripts/size.mjs counts the page), plus the live-stream chunk the runtime imports once a list
 * or log subscribes. Each file counted as /dist serves it to a browser that accepts Brotli: its
 * precompressed `.br` twin when the build made one (server/http/bundles.ts), else `.gz`, else the
 * plain file; gzip -9 beside it for comparison with `npm run size`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface Manifest {
  loader: string;
  runtime: string;
  elements: Record<string, string>;
  chunks: Record<string, { name: string; imports: string[]; dynamicImports: string[] }>;
}

export const pageElements = ['jobag-provider', 'jobag-order-list', 'jobag-order-view', 'jobag-placement-log'];

export interface PageSize {
  /** Bytes over the wire (Brotli where built), the files counted, and gzip -9 of the same files. */
  wireBytes: number;
  gzipBytes: number;
  files: string[];
}

export function widgetPageSize(dist: string): PageSize {
  const manifestPath = join(dist, 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`No ${manifestPath}: build the widgets first (npm run build).`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const files = new Set<string>([manifest.loader]);
  const closure = (file: string) => {
    if (files.has(file) && file !== manifest.loader) return;
    files.add(file);
    for (const imported of manifest.chunks[file]?.imports ?? []) closure(imported);
  };
  for (const tag of pageElements) {
    const file = manifest.elements[tag];
    if (!file) throw new Error(`dist/manifest.json names no chunk for <${tag}>`);
    closure(file);
  }
  // The live stream is a dynamic import of the runtime (or of a chunk it imports), by name.
  const stream = Object.keys(manifest.chunks).find((file) => manifest.chunks[file]!.name === 'event-stream');
  if (stream) closure(stream);
  let wireBytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const path = join(dist, file);
    const sent = ['.br', '.gz', ''].map((suffix) => path + suffix).find(existsSync)!;
    wireBytes += statSync(sent).size;
    gzipBytes += gzipSync(readFileSync(path), { level: 9 }).length;
  }
  return { wireBytes, gzipBytes, files: [...files] };
}
