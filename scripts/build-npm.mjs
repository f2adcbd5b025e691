// The npm build (`npm run build`), dist/npm/: what package.json `exports` names. tsc compiles the
// SDK and the elements module by module (tsconfig.npm.json): ES2022 with bare imports of Lit,
// @lit/*, openapi-fetch and eventsource-parser, one module per element whose only side effect is
// defining it, declaration files with declaration maps, and source maps (the sources ship beside
// them in the package). Every entry of the export map reaches the same modules, so an element has
// one class whichever entry defined it.
import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const npm = join(root, 'dist', 'npm');

// From empty: a module removed from the source must not linger in the package. The directories
// of an earlier layout of the build go too.
for (const dir of [npm, join(root, 'dist', 'elements'), join(root, 'dist', 'types')]) rmSync(dir, { recursive: true, force: true });

const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.npm.json')], { cwd: root, stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

// The SDK's types import its generated schema: put it beside the emitted declarations.
copyFileSync(join(root, 'sdk', 'schema.d.ts'), join(npm, 'sdk', 'schema.d.ts'));

// tsc keeps the sources' `./base.ts` (and `./schema.d.ts`) in declaration files: TypeScript 5
// resolves those, but TypeScript before 5.0 and other readers of .d.ts files look for a file by
// that name, which the package holds only as a source. Name the `.js` files the declarations
// describe, as the emitted JavaScript does (`.ts` → `.js` keeps each line's length, so the maps
// stay true).
const declarations = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? declarations(path) : path.endsWith('.d.ts') ? [path] : [];
  });
for (const path of declarations(npm)) {
  const text = readFileSync(path, 'utf8');
  const next = text.replace(/(['"])(\.\.?\/[^'"\n]*?)(?:\.d)?\.ts\1/g, '$1$2.js$1');
  if (next !== text) writeFileSync(path, next);
}
