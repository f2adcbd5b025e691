// The served build: what the server sends under /dist for script-tag pages, self-contained
// (Lit and the rest bundled in), all minified ES modules:
// - dist/jobag.js: the small loader (widget/loader.ts). It defines each element when its tag first
//   appears, importing dist/chunks/<element>-<hash>.js over one shared dist/chunks/runtime-<hash>.js
//   (Lit, @lit/context, the SDK client, the base element, the Danish words, the shared styles); the
//   English words are dist/chunks/en-<hash>.js, fetched only when a page uses them. Chunk names
//   carry their content hash (served `immutable`); the loader keeps its name (served with an ETag).
// - dist/jobag.all.js: every element in one file, for those who want one request.
// - dist/sdk.js, dist/rules.js: the SDK and the rules alone.
// The npm build (dist/npm/, what package.json `exports` names: module by module, bare imports of
// Lit, so a host's bundler brings one Lit and one class per element) is scripts/build-npm.mjs.
// The elements come from THE one list, widget/elements.ts.
import { readFileSync } from 'node:fs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { minify } from 'rollup-plugin-esbuild';
import ts from 'typescript';
import minifyHTML from '@lit-labs/rollup-plugin-minify-html-literals';

/** The element names (`order-list`, …) of widget/elements.ts, in its order. */
export const elements = [...readFileSync(new URL('./widget/elements.ts', import.meta.url), 'utf8').matchAll(/^\s*'jobag-([a-z-]+)': \(\) => import\('\.\/\1\.ts'\),/gm)].map((match) => match[1]);
if (elements.length === 0) throw new Error('widget/elements.ts lists no elements in the form rollup.config.mjs reads.');

const plugins = () => [
  nodeResolve({ browser: true }),
  // Lit's html`` and css`` templates without their indentation and comments.
  minifyHTML(),
  typescript(),
  minify({ target: 'es2022', legalComments: 'none', charset: 'utf8' }),
];
/**
 * TypeScript to ES2022 module by module, with the decorator helpers imported from tslib (once, in
 * the runtime chunk) rather than repeated in every module with a decorator, as esbuild does.
 */
function typescript() {
  // Decorators as tsconfig.json says (experimental: Lit's recommendation, and a few hundred bytes
  // per element smaller than the standard ones' lowering), so the bundles and the tests agree.
  const { experimentalDecorators } = ts.readConfigFile(new URL('./tsconfig.json', import.meta.url).pathname, ts.sys.readFile).config.compilerOptions;
  const compilerOptions = { experimentalDecorators, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, importHelpers: true, sourceMap: true, useDefineForClassFields: true, verbatimModuleSyntax: true, allowImportingTsExtensions: true };
  return {
    name: 'jobag-typescript',
    transform(code, id) {
      if (!id.endsWith('.ts')) return null;
      const { outputText, sourceMapText } = ts.transpileModule(code, { fileName: id, compilerOptions });
      return { code: outputText.replace(/\n\/\/# sourceMappingURL=.*$/, ''), map: sourceMapText };
    },
  };
}

const onwarn = (warning, warn) => {
  // Lit's and openapi-fetch's `this` at module scope is harmless in ESM.
  if (warning.code === 'THIS_IS_UNDEFINED') return;
  warn(warning);
};

/** What every element needs, in the one runtime chunk: a page pays for it once. */
const runtimeModules = [
  /node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element|@lit\/context|tslib)\//,
  /\/widget\/(base|client|contexts|lazy-module|live|registry|strings|theme\.styles|locales\/da)\.ts$/,
];
const manualChunks = (id) => {
  if (runtimeModules.some((pattern) => pattern.test(id))) return 'runtime';
  // What several elements share beyond the runtime, in one chunk rather than many small ones.
  if (/node_modules\/@lit\/task\/|\/widget\/(paging|table\.styles|events|order-details|versioned-save|locales\/da\.(orders|form))\.ts$/.test(id)) return 'shared';
  // The SDK client (openapi-fetch): with the provider, or fetched by an element used without one.
  if (/\/widget\/connect\.ts$|\/sdk\/client\.ts$|node_modules\/openapi-fetch\//.test(id)) return 'client';
  // The live event stream's reader: fetched when an element first wants live updates.
  if (/\/sdk\/events\.ts$|node_modules\/eventsource-parser\//.test(id)) return 'event-stream';
  return undefined;
};

/**
 * Fewer round trips: the loader fetches an element's chunk and, at once, every chunk it imports
 * (the runtime, …), instead of finding them one level at a time.
 */
function preloadDependencies() {
  return {
    name: 'jobag-preload-dependencies',
    generateBundle(_options, bundle) {
      const deps = (file, seen = new Set()) => {
        for (const imported of bundle[file]?.imports ?? []) if (!seen.has(imported)) deps(imported, seen.add(imported));
        return seen;
      };
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !chunk.isEntry) continue;
        chunk.code = chunk.code.replace(/import\("\.\/([^"]+)"\)/g, (call, file) => {
          const more = [...deps(file)].filter((dep) => !chunk.imports.includes(dep));
          // The loader waits for the element's module only to know it is defined; its value is not used.
          return more.length ? `Promise.all([${[file, ...more].map((f) => `import("./${f}")`).join(',')}])` : call;
        });
      }
    },
  };
}

/**
 * dist/manifest.json: each chunk of the loader's build with what it imports, and the chunk of each
 * element, for the size budgets (scripts/size.mjs) and the benches.
 */
function manifest() {
  return {
    name: 'jobag-manifest',
    generateBundle(_options, bundle) {
      const chunks = {};
      const elementChunks = {};
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        chunks[chunk.fileName] = { name: chunk.name, imports: chunk.imports, dynamicImports: chunk.dynamicImports };
        const element = /\/widget\/([a-z-]+)\.ts$/.exec(chunk.facadeModuleId ?? '')?.[1];
        if (element && elements.includes(element)) elementChunks[`jobag-${element}`] = chunk.fileName;
      }
      const runtime = Object.keys(chunks).find((file) => chunks[file].name === 'runtime');
      this.emitFile({ type: 'asset', fileName: 'manifest.json', source: `${JSON.stringify({ loader: 'jobag.js', runtime, elements: elementChunks, chunks }, null, 2)}\n` });
    },
  };
}

/** `dist/jobag.all.js`'s entry: everything widget/index.ts exports, and every element of the list. */
function allElements() {
  const id = '\0jobag-all';
  return {
    name: 'jobag-all-elements',
    resolveId: (source) => (source === 'jobag:all' ? id : null),
    load: (source) =>
      source === id
        ? [`export * from ${JSON.stringify(new URL('./widget/index.ts', import.meta.url).pathname)};`, ...elements.map((name) => `import ${JSON.stringify(new URL(`./widget/${name}.ts`, import.meta.url).pathname)};`)].join('\n')
        : null,
  };
}

/** @type {import('rollup').RollupOptions[]} */
export default [
  {
    input: { jobag: 'widget/loader.ts' },
    output: { dir: 'dist', format: 'es', sourcemap: true, entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', manualChunks },
    plugins: [...plugins(), preloadDependencies(), manifest()],
    onwarn,
  },
  {
    input: 'jobag:all',
    output: { file: 'dist/jobag.all.js', format: 'es', sourcemap: true, inlineDynamicImports: true },
    plugins: [allElements(), ...plugins()],
    onwarn,
  },
  { input: 'sdk/index.ts', output: { file: 'dist/sdk.js', format: 'es', sourcemap: true }, plugins: plugins(), onwarn },
  { input: 'sdk/rules.ts', output: { file: 'dist/rules.js', format: 'es', sourcemap: true }, plugins: plugins(), onwarn },
];
