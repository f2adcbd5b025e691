// The React 19 example (examples/react/app.tsx) as one browser bundle, examples/react/dist/app.js:
// React (production build), the elements and the page, minified. `npm run build` runs it; the demo
// server serves it at /examples/react/app.js (page /examples/react.html). No dev server needed.
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
export const reactExampleBundle = join(root, 'examples', 'react', 'dist', 'app.js');

/**
 * package.json's `sideEffects` names the built bundles, so esbuild would take our own TypeScript
 * sources for side-effect free and drop `import './order-form.ts'`, which registers an element.
 */
const ownSourceHasSideEffects = {
  name: 'own-source-has-side-effects',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\/.*\.tsx?$/ }, (args) =>
      args.importer.includes('/node_modules/') ? undefined : { path: resolve(args.resolveDir, args.path), sideEffects: true },
    );
  },
};

export async function buildReactExample(outfile = reactExampleBundle) {
  await build({
    entryPoints: [join(root, 'examples', 'react', 'app.tsx')],
    outfile,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    minify: true,
    jsx: 'automatic',
    // React's production build: no development checks, nothing evaluated from strings (the page's CSP).
    define: { 'process.env.NODE_ENV': '"production"' },
    tsconfig: join(root, 'tsconfig.json'),
    legalComments: 'none',
    plugins: [ownSourceHasSideEffects],
    logLevel: 'warning',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = performance.now();
  await buildReactExample();
  console.log(`Built examples/react/dist/app.js (esbuild) in ${Math.round(performance.now() - started)} ms`);
}
