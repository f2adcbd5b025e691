// Where the project's files are: the built bundles, the example pages. Found by walking up from this
// module to the repository's root package.json (the one that declares the workspaces; server/ has
// its own package.json), so it holds both from source (server/config/) and from the bundled server
// (dist-server/main.js), whose depths differ.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && 'workspaces' in JSON.parse(readFileSync(manifest, 'utf8'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json with workspaces above ${start}: cannot tell where the project's files are.`);
  }
}

export const projectRoot = findProjectRoot(dirname(fileURLToPath(import.meta.url)));

/** A path inside the project, e.g. `projectPath('dist')`. */
export const projectPath = (...parts: string[]): string => resolve(projectRoot, ...parts);
