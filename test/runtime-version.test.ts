// The server, its tools and its tests run on the Node the project installs itself (the `node` dev
// dependency, whose binary npm scripts find first on PATH), not on whatever Node the machine has:
// the system's may be older (Node 20 reached its end of life). A developer may still run one test
// file by hand with any Node; `npm test` (scripts/test.sh, which sets JOBAG_TEST_ON_PROJECT_NODE)
// must run on the project's.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The oldest Node the server may run on: the current LTS line. */
const oldestMajor = 24;
const major = (version: string) => Number(version.split('.')[0]);

const manifest = createRequire(import.meta.url).resolve('node/package.json');
const installed = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string; bin: { node: string } };
const binary = join(dirname(manifest), installed.bin.node);
const rebuild = 'its install script did not run (npm ci --ignore-scripts?): run `npm rebuild node`';

describe("the project's Node", () => {
  it(`is the current LTS line (${oldestMajor}) or later`, () => {
    assert.ok(major(installed.version) >= oldestMajor, `the node dev dependency is ${installed.version}`);
  });

  it('is installed: its binary runs and is that version', () => {
    const run = spawnSync(binary, ['-p', 'process.versions.node'], { encoding: 'utf8' });
    assert.equal(run.error, undefined, `${binary} does not run; ${rebuild}`);
    assert.equal(run.stdout.trim(), installed.version, `${binary} is not the installed node package's binary; ${rebuild}`);
  });

  it('runs the tests under npm test', { skip: process.env.JOBAG_TEST_ON_PROJECT_NODE ? false : 'run by hand, on whichever Node ran it' }, () => {
    assert.ok(major(process.versions.node) >= oldestMajor, `npm test runs on Node ${process.versions.node} (${process.execPath})`);
    assert.equal(process.versions.node, installed.version, `npm test runs on ${process.execPath}, not on ${binary}; ${rebuild}`);
  });
});
