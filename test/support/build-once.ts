// The build (`node scripts/build-if-needed.mjs`, `npm run build` when dist/ is stale) for test
// files that need dist/, one at a time: the node tests run two files at once, and two builds into
// one dist/ would remove each other's files half-way. A lock directory (mkdir is atomic) lets the
// first file build; the next waits for it, then finds dist/ current.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const lock = join(root, 'dist', '.build-lock');

export async function buildOnce(): Promise<void> {
  mkdirSync(join(root, 'dist'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than any build is left by a killed run: take it over.
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 15 * 60_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    const result = spawnSync(process.execPath, [join(root, 'scripts', 'build-if-needed.mjs')], { cwd: root, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`the build failed:\n${result.stdout}\n${result.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
