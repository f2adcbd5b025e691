// The built widget and SDK bundles at /dist/*, in demo and production alike (README's one-script
// embed loads them from the API's host). They are public code: any origin may load them (the
// loader's chunks are fetched by dynamic import, a CORS request, from the portal's page). A
// content-hashed file (`jobag.<hash>.js`, see dist/bundles.json, and every chunk under
// `chunks/`, which rollup names by content) never changes, so it is cached `immutable`; a stable
// name (`jobag.js`) is revalidated with its ETag. Brotli or gzip is sent
// precompressed when the browser accepts it (made by scripts/finish-bundles.mjs).
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { projectPath } from '../config/paths.ts';
import { problemResponse } from './problem.ts';

export const defaultDistDir = projectPath('dist');

const types: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};
const hashedName = /\.[0-9a-f]{10}\.js$/;
/** A rollup chunk (`chunks/runtime-<hash>.js`, `elements/chunks/…`) or its source map. */
const chunkPath = /(^|\/)chunks\/[^/]+\.js(\.map)?$/;

/** A decoded path under `dir`, or null when the request tries to climb out of it. */
export function inside(dir: string, path: string): string | null {
  const full = resolve(dir, path);
  return full.startsWith(dir + sep) ? full : null;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isFile(), () => false);
}

/** The precompressed variant the client accepts, else the plain file. */
async function variant(path: string, acceptEncoding: string): Promise<{ path: string; encoding: string | null }> {
  for (const [encoding, suffix] of [['br', '.br'], ['gzip', '.gz']] as const) {
    if (new RegExp(`\\b${encoding}\\b`).test(acceptEncoding) && (await exists(path + suffix))) return { path: path + suffix, encoding };
  }
  return { path, encoding: null };
}

/** A file as answered: the variant chosen, its bytes, and the plain file's ETag. */
interface Kept {
  mtimeMs: number;
  encoding: string | null;
  body: Uint8Array<ArrayBuffer>;
  etag: string;
}

/**
 * Answers kept once read, per file and accepted encodings, while the plain file's modification
 * time stands (a build rewrites it with its compressed twins): a page's first visit asks for
 * eight or more chunks at once, and reading each from disk (open, read, close on libuv's pool)
 * made them wait in line behind each other and the API's own work, delaying the first rows. A
 * request costs one `stat`.
 */
const kept = new Map<string, Kept>();

async function keptFile(path: string, acceptEncoding: string): Promise<Kept | null> {
  const plain = await stat(path).catch(() => null);
  if (!plain?.isFile()) return null;
  const accepted = ['br', 'gzip'].filter((encoding) => new RegExp(`\\b${encoding}\\b`).test(acceptEncoding)).join(',');
  const key = `${path}\n${accepted}`;
  const hit = kept.get(key);
  if (hit?.mtimeMs === plain.mtimeMs) return hit;
  const chosen = await variant(path, accepted);
  const bytes = await readFile(chosen.path);
  const body = new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
  // The plain file's hash names this version; the ETag is the same whatever the encoding.
  const etag = `"${createHash('sha256').update(chosen.encoding ? await readFile(path) : body).digest('base64url').slice(0, 22)}"`;
  const entry = { mtimeMs: plain.mtimeMs, encoding: chosen.encoding, body, etag };
  kept.set(key, entry);
  return entry;
}

/** Answers `GET /dist/<file>` from `distDir`; 404 as a problem for anything else. */
export async function serveBundle(request: Request, distDir = defaultDistDir): Promise<Response> {
  // A malformed percent-encoding throws URIError, which the app answers as a 400 naming the path.
  const name = decodeURIComponent(new URL(request.url).pathname.replace(/^\/dist\//, ''));
  const path = inside(distDir, name);
  const type = path ? types[extname(path)] : undefined;
  const notFound = (detail: string) => problemResponse({ type: '/problems/not-found', title: 'Not found', status: 404, detail });
  if (!path || !type || /\.(gz|br)$/.test(path)) return notFound('There is no such file.');
  const file = await keptFile(path, request.headers.get('accept-encoding') ?? '');
  if (!file) return notFound('There is no such bundle; are they built (npm run build)?');
  const headers: Record<string, string> = {
    'content-type': type,
    'x-content-type-options': 'nosniff',
    // Public code, loaded by portals on any origin (module scripts are CORS requests).
    'access-control-allow-origin': '*',
    'cross-origin-resource-policy': 'cross-origin',
    vary: 'Accept-Encoding',
  };
  if (file.encoding) headers['content-encoding'] = file.encoding;
  if (hashedName.test(path) || chunkPath.test(name)) {
    headers['cache-control'] = 'public, max-age=31536000, immutable';
  } else {
    headers.etag = file.etag;
    headers['cache-control'] = 'public, no-cache';
    if (request.headers.get('if-none-match') === file.etag) return new Response(null, { status: 304, headers });
  }
  return new Response(request.method === 'HEAD' ? null : file.body, { headers });
}
