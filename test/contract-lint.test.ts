// The contract against the OWASP API Security Top 10 (Spectral's OWASP ruleset, .spectral.yaml):
// no errors. Warnings are advice; an error is a gap a reviewer of the contract would flag, such
// as a response header the API sends but does not declare.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');
const require = createRequire(join(repo, 'package.json'));

interface Finding {
  code: string;
  message: string;
  path: string[];
  severity: number;
}

describe('the OWASP API contract lint', () => {
  it('reports no errors on openapi.yaml', () => {
    const cli = require.resolve('@stoplight/spectral-cli/package.json');
    const bin = join(dirname(cli), (require(cli) as { bin: Record<string, string> }).bin.spectral!);
    const run = spawnSync(process.execPath, [bin, 'lint', 'openapi.yaml', '--ruleset', '.spectral.yaml', '--format', 'json', '--quiet'], {
      cwd: repo,
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.ok(run.stdout.trim().startsWith('['), `spectral did not run: ${run.stderr || run.stdout}`);
    const errors = (JSON.parse(run.stdout) as Finding[]).filter((f) => f.severity === 0);
    assert.deepEqual(errors.map((f) => `${f.code} at ${f.path.join('.')}: ${f.message}`), []);
    // The rules ran: the warnings they leave are there to read.
    assert.ok((JSON.parse(run.stdout) as Finding[]).length > 0, 'no findings at all: the ruleset did not load');
  });
});
