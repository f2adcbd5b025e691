// What a portal or an HR system gets from `npm install jobag-orders`: the packed tarball, installed
// into an empty project from npm's cache where it can (--prefer-offline), brings the client's code
// and its few runtime packages and nothing of the server, which is its own package in this
// repository (server/package.json) and is never installed by consumers.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const megabyte = 1_000_000;
/** The budget of a consumer's whole node_modules after installing the package alone. */
const installBudget = 15 * megabyte;

type Manifest = { name: string; dependencies?: Record<string, string>; peerDependencies?: Record<string, string>; scripts?: Record<string, string> };
const readManifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;

const run = (command: string, args: string[], cwd: string, timeout: number) => {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout, env: { ...process.env, npm_config_update_notifier: 'false' } });
  assert.equal(result.error, undefined, `${command} ${args.join(' ')}: ${result.error?.message}`);
  assert.equal(result.status, 0, `${command} ${args.join(' ')}\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
};

/** Every installed package (nested node_modules too), as its directory by name. */
function installedPackages(nodeModules: string, found = new Map<string, string[]>()): Map<string, string[]> {
  if (!existsSync(nodeModules)) return found;
  for (const entry of readdirSync(nodeModules)) {
    if (entry.startsWith('.')) continue;
    const dirs = entry.startsWith('@') ? readdirSync(join(nodeModules, entry)).map((name) => join(nodeModules, entry, name)) : [join(nodeModules, entry)];
    for (const dir of dirs) {
      if (!existsSync(join(dir, 'package.json'))) continue;
      const name = relative(nodeModules, dir);
      found.set(name, [...(found.get(name) ?? []), dir]);
      installedPackages(join(dir, 'node_modules'), found);
    }
  }
  return found;
}

/** Bytes of every file below `path` (file sizes, not disk blocks, so the figure is the same on any file system). */
function bytesBelow(path: string): number {
  const stat = lstatSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + bytesBelow(join(path, name)), 0);
}

describe('npm install jobag-orders (the packed tarball alone, into an empty project)', { timeout: 300_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'jobag-install-'));
  const project = join(dir, 'hr-system');
  const nodeModules = join(project, 'node_modules');
  const installed = join(nodeModules, 'jobag-orders');
  let packages: Map<string, string[]>;

  before(() => {
    run(process.execPath, [join(root, 'scripts', 'build-if-needed.mjs')], root, 240_000);
    // dist/ is current now; `prepack` would build it again.
    run('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', dir], root, 60_000);
    const tarball = join(dir, readdirSync(dir).find((name) => name.endsWith('.tgz'))!);
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'hr-system', private: true, type: 'module' }));
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], project, 180_000);
    packages = installedPackages(nodeModules);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('installs no package of the server', () => {
    const server = readManifest(join(root, 'server'));
    const serverPackages = new Set([...Object.keys(server.dependencies ?? {}), 'hono', 'libsql', 'nodemailer', 'pino', 'rapidoc', 'swagger-client']);
    assert.ok(serverPackages.has('hono') && serverPackages.has('libsql'), 'server/package.json lists the server\'s dependencies');
    const found = [...packages.keys()].filter((name) => serverPackages.has(name) || /^@(libsql|hono)\//.test(name) || /^pino-/.test(name));
    assert.deepEqual(found, [], `installed with the client: ${found.join(', ')}`);
  });

  it('installs the client\'s runtime packages, none of which runs an install script', () => {
    const client = readManifest(installed);
    for (const name of Object.keys(client.dependencies ?? {})) assert.ok(packages.has(name), `${name} is installed`);
    const withScripts = [...packages].flatMap(([name, dirs]) =>
      dirs.some((d) => ['preinstall', 'install', 'postinstall'].some((hook) => readManifest(d).scripts?.[hook] !== undefined)) ? [name] : [],
    );
    assert.deepEqual(withScripts, [], `install scripts in: ${withScripts.join(', ')}`);
  });

  it(`keeps the whole node_modules under ${installBudget / megabyte} MB`, (t) => {
    const bytes = bytesBelow(nodeModules);
    t.diagnostic(`node_modules: ${packages.size} packages, ${(bytes / megabyte).toFixed(2)} MB`);
    assert.ok(bytes < installBudget, `node_modules is ${(bytes / megabyte).toFixed(2)} MB (${packages.size} packages: ${[...packages.keys()].sort().join(', ')})`);
  });

  it('declares every package its shipped JavaScript imports (dependencies, or peers such as react)', async () => {
    const client = readManifest(installed);
    const declared = new Set([...Object.keys(client.dependencies ?? {}), ...Object.keys(client.peerDependencies ?? {})]);
    const shipped = (path: string): string[] =>
      lstatSync(path).isDirectory() ? readdirSync(path).flatMap((name) => (name === 'node_modules' ? [] : shipped(join(path, name)))) : path.endsWith('.js') ? [path] : [];
    const entryPoints = shipped(join(installed, 'dist'));
    assert.ok(entryPoints.length > 0, 'the package ships JavaScript under dist/');
    // esbuild follows every import, static or dynamic, and leaves packages external: those are
    // exactly the bare names a consumer's bundler or Node must resolve.
    const result = await build({ entryPoints, bundle: true, write: false, outdir: join(dir, 'out'), format: 'esm', platform: 'browser', packages: 'external', metafile: true, logLevel: 'silent' });
    const builtins = new Set(builtinModules);
    const bare = new Set(
      Object.values(result.metafile.outputs)
        .flatMap((output) => output.imports)
        .filter((i) => i.external && !i.path.startsWith('node:') && !builtins.has(i.path))
        .map((i) => i.path.split('/').slice(0, i.path.startsWith('@') ? 2 : 1).join('/')),
    );
    const undeclared = [...bare].filter((name) => !declared.has(name));
    assert.deepEqual(undeclared, [], `imported by the shipped JavaScript but not declared: ${undeclared.join(', ')}`);
  });
});
