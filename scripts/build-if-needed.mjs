// Before `npm start` and `npm test`: builds dist/ with rollup when it is missing or older than any source it is
// built from, so a fresh clone serves the bundles and an unchanged tree starts at once.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const newest = (path) => {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
};
const outputs = ['dist/jobag.js', 'dist/jobag.all.js', 'dist/manifest.json', 'dist/sdk.js', 'dist/bundles.json', 'dist/npm/widget/index.js', 'dist/custom-elements.json', 'examples/react/dist/app.js'].map((file) => join(root, file));
const inputs = ['widget', 'sdk', 'rollup.config.mjs', 'tsconfig.npm.json', 'scripts/build-npm.mjs', 'custom-elements-manifest.config.mjs', 'scripts/finish-bundles.mjs', 'package.json', 'package-lock.json', 'examples/react/app.tsx', 'scripts/build-react-example.mjs'].map((file) => join(root, file)).filter(existsSync);
const stale = outputs.some((file) => !existsSync(file)) || Math.max(...inputs.map(newest)) > Math.min(...outputs.map((file) => statSync(file).mtimeMs));
if (stale) {
  console.log('Building dist/ (npm run build) …');
  const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
