import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { generate, typesPath, yamlPath } from '../scripts/gen.ts';
import { contract, checkAgainstContract } from './support/contract.ts';

describe('the contract: one source of truth, no drift', () => {
  it('openapi.yaml and sdk/schema.d.ts are what `npm run gen` makes from the server schemas', async () => {
    const { yaml, types } = await generate();
    assert.equal(readFileSync(yamlPath, 'utf8'), yaml, 'openapi.yaml is stale: run npm run gen');
    assert.equal(readFileSync(typesPath, 'utf8'), types, 'sdk/schema.d.ts is stale: run npm run gen');
  });

  it('openapi.yaml is a valid OpenAPI 3.1 document (Redocly\'s spec rules, no errors)', async () => {
    const config = await createConfig({ rules: { struct: 'error', 'no-unresolved-refs': 'error', 'operation-operationId-unique': 'error', 'path-parameters-defined': 'error', 'no-unused-components': 'warn' } });
    const problems = await lintFromString({ source: readFileSync(yamlPath, 'utf8'), absoluteRef: yamlPath, config });
    const errors = problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    assert.deepEqual(errors, []);
  });

  it('every operation has an id, a summary, a description of each response and a problem for errors', () => {
    for (const [path, methods] of Object.entries(contract.paths)) {
      for (const [method, op] of Object.entries(methods) as [string, { operationId?: string; summary?: string; responses: Record<string, { description?: string; content?: Record<string, unknown> }> }][]) {
        assert.ok(op.operationId, `${method} ${path} has an operationId`);
        assert.ok(op.summary, `${method} ${path} has a summary`);
        for (const [status, response] of Object.entries(op.responses)) {
          assert.ok(response.description, `${method} ${path} ${status} is described`);
          if (Number(status) >= 400) assert.ok(response.content?.['application/problem+json'], `${method} ${path} ${status} is a problem`);
        }
      }
    }
  });

  it('the response check itself catches a body that breaks the contract', () => {
    // Guards the guard: the harness validates every response, so the validator must be able to fail.
    const bad = checkAgainstContract('GET', '/v1/job-orders/1', 200, 'application/json', { id: 'one' });
    assert.ok(bad.length > 0);
    const undocumented = checkAgainstContract('GET', '/v1/job-orders/1', 418, 'application/json', {});
    assert.ok(undocumented.length > 0);
    const wrongType = checkAgainstContract('POST', '/v1/job-orders', 422, 'application/json', { type: 'x', title: 'x', status: 422 });
    assert.ok(wrongType.length > 0);
  });
});
