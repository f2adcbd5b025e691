// Where the project's files are: the built bundles, the example pages. Found by walking up from this
// module to the package.json, so it holds both from source (server/config/) and from the bundled
// server (dist-server/main.js), whose depths differ.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json above ${start}: cannot tell where the project's files are.`);
  }
}

export const projectRoot = findProjectRoot(dirname(fileURLToPath(import.meta.url)));

/** A path inside the project, e.g. `projectPath('dist')`. */
export const projectPath = (...parts: string[]): string => resolve(projectRoot, ...parts);
