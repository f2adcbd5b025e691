// Bundles for browsers: dist/jobag.js (every element, Lit inside), one self-contained file per
// element under dist/elements/, and the SDK alone as dist/sdk.js. All minified ES modules.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';

const plugins = () => [
  nodeResolve({ browser: true }),
  esbuild({ target: 'es2022', minify: true, tsconfig: 'tsconfig.json', legalComments: 'none' }),
];

/** @param {string} input @param {string} file @returns {import('rollup').RollupOptions} */
const bundle = (input, file) => ({
  input,
  output: { file, format: 'es', sourcemap: true },
  plugins: plugins(),
  onwarn(warning, warn) {
    // Lit's and openapi-fetch's `this` at module scope is harmless in ESM.
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
});

export const elements = ['provider', 'order-list', 'order-form', 'order-view', 'placement-log', 'candidates', 'jobcenter-desk', 'order-page'];

export default [
  bundle('widget/index.ts', 'dist/jobag.js'),
  ...elements.map((name) => bundle(`widget/${name}.ts`, `dist/elements/jobag-${name}.js`)),
  bundle('sdk/index.ts', 'dist/sdk.js'),
  bundle('sdk/rules.ts', 'dist/rules.js'),
];
