// The layout's rules, checked on the import graph: dependencies point one way
// (contract ← domain ← db ← auth ← core ← http / workers ← demo ← ops ← runtime ← main) and no module
// imports itself back through others, in server/, sdk/ and widget/.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, test } from 'node:test';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/** Every relative import of a file (static, type-only, re-exports and dynamic), as repository paths. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true);
  return info.importedFiles
    .map((ref) => ref.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => relative(root, resolve(dirname(join(root, file)), name)));
}

const files = ['server', 'sdk', 'widget'].flatMap(sourceFiles);
const graph = new Map(files.map((file) => [file, importsOf(file).filter((target) => /\.tsx?$/.test(target))]));

/** Each server folder's rank: a module may import its own folder and any folder of a lower rank. */
const rank: Record<string, number> = {
  contract: 0, config: 0, domain: 1, reference: 1, db: 2, auth: 3, core: 4,
  http: 5, workers: 5, demo: 6, ops: 7, runtime: 8, 'main.ts': 9,
};
/** Folders of one rank that may use each other: the reference data sorts with the domain's collation, and the domain checks against it. */
const lateral = new Set(['domain→reference', 'reference→domain']);
const folderOf = (file: string) => file.split('/')[1]!;

describe('the layout: one direction of dependencies, no cycles', () => {
  test('every server folder has a rank, so a new folder must say where it sits', () => {
    const folders = new Set(files.filter((file) => file.startsWith('server/')).map(folderOf));
    assert.deepEqual([...folders].filter((folder) => !(folder in rank)), []);
  });

  test('a server module imports only its own folder and the folders below it', () => {
    const wrong: string[] = [];
    for (const [file, targets] of graph) {
      if (!file.startsWith('server/')) continue;
      const from = folderOf(file);
      for (const target of targets) {
        if (!target.startsWith('server/')) continue;
        const to = folderOf(target);
        if (to === from || rank[to]! < rank[from]! || lateral.has(`${from}→${to}`)) continue;
        wrong.push(`${file} → ${target}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  test('the published client (sdk/, widget/) never imports the server', () => {
    const wrong = [...graph].flatMap(([file, targets]) =>
      file.startsWith('server/') ? [] : targets.filter((target) => target.startsWith('server/')).map((target) => `${file} → ${target}`),
    );
    assert.deepEqual(wrong, []);
  });

  test('no import cycles in server/, sdk/ or widget/', () => {
    // Tarjan's strongly connected components: any component of more than one module is a cycle.
    let next = 0;
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    const visit = (file: string) => {
      index.set(file, next);
      low.set(file, next++);
      stack.push(file);
      onStack.add(file);
      for (const target of graph.get(file) ?? []) {
        if (!graph.has(target)) continue;
        if (!index.has(target)) {
          visit(target);
          low.set(file, Math.min(low.get(file)!, low.get(target)!));
        } else if (onStack.has(target)) {
          low.set(file, Math.min(low.get(file)!, index.get(target)!));
        }
      }
      if (low.get(file) === index.get(file)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== file);
        if (component.length > 1 || graph.get(file)!.includes(file)) cycles.push(component.sort());
      }
    };
    for (const file of graph.keys()) if (!index.has(file)) visit(file);
    assert.deepEqual(cycles, []);
  });
});

describe('code says why, history stays in the commits', () => {
  test('no issue numbers or round names in code, contract, tests, scripts or benches', () => {
    const history = new RegExp(['\\bissues? #?\\d+', '\\bround (one|two|three|four|five)\\b'].join('|'), 'i');
    const checked = [...['server', 'sdk', 'widget', 'test', 'examples', 'scripts', 'bench'].flatMap((dir) =>
      readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
        .filter((entry) => entry.isFile() && /\.(ts|tsx|mjs|js|sql|html|css)$/.test(entry.name))
        .map((entry) => relative(root, join(entry.parentPath, entry.name))),
    ), 'openapi.yaml'];
    const found = checked.flatMap((file) =>
      readFileSync(join(root, file), 'utf8').split('\n').flatMap((line, i) => (history.test(line) ? [`${file}:${i + 1}: ${line.trim().slice(0, 120)}`] : [])),
    );
    assert.deepEqual(found, []);
  });
});
