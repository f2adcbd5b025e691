import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { generate, typesPath, yamlPath } from '../scripts/gen.ts';
import { buildOpenApiDocument } from '../server/http/openapi/document.ts';
import { contract, checkAgainstContract } from './support/contract.ts';
import { demoKeys, startHarness } from './support/harness.ts';
import { validOrder } from './support/orders.ts';
import { fieldErrorCodes, problemTypes } from '../sdk/rules.ts';

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

  it('response schemas are exact: a field the contract does not name (a leak) breaks it, at any depth', async () => {
    const h = await startHarness();
    try {
      const order = (await h.request('POST', '/v1/job-orders', { key: demoKeys.employerA, body: validOrder() })).body;
      assert.deepEqual(checkAgainstContract('GET', `/v1/job-orders/${order.id}`, 200, 'application/json', order), []);
      const leaks = [
        { ...order, companyId: 1 },
        { ...order, workplace: { ...order.workplace, municipalityCode: '101' } },
        { ...order, latestNote: { text: 'x', at: order.createdAt, by: 'x', byEmail: 'x@example.dk' } },
      ];
      for (const leak of leaks) assert.ok(checkAgainstContract('GET', `/v1/job-orders/${order.id}`, 200, 'application/json', leak).length > 0);
      const problem = { type: '/problems/not-found', title: 'Not found', status: 404, detail: 'x', stack: 'at …' };
      assert.ok(checkAgainstContract('GET', '/v1/job-orders/1', 404, 'application/problem+json', problem).length > 0);
    } finally {
      await h.close();
    }
  });

  it('every route the app serves describes itself: each is an operation of openapi.yaml, and each operation a route', async () => {
    const h = await startHarness();
    try {
      const served = new Set(
        h.app.routes
          .filter((r) => r.method !== 'ALL' && r.method !== 'OPTIONS')
          .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
      );
      const described = (await buildOpenApiDocument(h.app)) as { paths: Record<string, Record<string, unknown>> };
      const documented = new Set(Object.entries(described.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m} ${path}`)));
      assert.deepEqual([...served].filter((r) => !documented.has(r)), [], 'routes without a description');
      assert.deepEqual([...documented].filter((r) => !served.has(r)), [], 'operations without a route');
    } finally {
      await h.close();
    }
  });

  it('each query parameter the contract names is one its route reads, and the route reads no other', async () => {
    // The parameters are derived from the strict schema the route checks its query with: every
    // documented one, at a value the contract allows, is accepted, and any other name is a 400.
    const h = await startHarness();
    try {
      const order = (await h.request('POST', '/v1/job-orders', { key: demoKeys.employerA, body: validOrder() })).body;
      type QueryParameter = { name: string; in: string; required?: boolean; schema: { default?: unknown; enum?: unknown[]; examples?: unknown[]; minimum?: number } };
      const described = (await buildOpenApiDocument(h.app)) as { paths: Record<string, unknown> };
      let checked = 0;
      for (const [template, methods] of Object.entries(described.paths) as [string, Record<string, { parameters?: QueryParameter[] }>][]) {
        const query = (methods.get?.parameters ?? []).filter((p) => p.in === 'query');
        if (query.length === 0) continue;
        const path = template.replace('{id}', String(order.id));
        const allowed = new URLSearchParams();
        for (const p of query) {
          const value = p.schema.default ?? p.schema.enum?.[0] ?? p.schema.examples?.[0] ?? p.schema.minimum;
          if (value !== undefined) allowed.set(p.name, String(value));
          else assert.ok(!p.required, `${template}: the required ${p.name} has a value to try`);
        }
        const unknown = await h.request('GET', `${path}?${allowed}&notAParameter=1`, { key: demoKeys.jobcenter101 });
        assert.equal(unknown.status, 400, `${template} refuses a parameter the contract does not name`);
        assert.deepEqual(unknown.body.errors.map((e: { path: string }) => e.path), ['notAParameter']);
        // The event stream stays open once accepted; its refusal above is what the contract governs.
        if (template !== '/v1/events') {
          const accepted = await h.request('GET', `${path}?${allowed}`, { key: demoKeys.jobcenter101 });
          assert.equal(accepted.status, 200, `${template}?${allowed} is accepted`);
        }
        checked++;
      }
      assert.ok(checked >= 7, 'every list with a query was tried');
    } finally {
      await h.close();
    }
  });

  it('error codes and problem types are enums in the contract, the same lists the SDK exports', () => {
    const schemas = contract.components.schemas as Record<string, any>;
    assert.deepEqual(schemas.FieldError.properties.code.enum, [...fieldErrorCodes]);
    assert.deepEqual(schemas.Problem.properties.type.enum, [...problemTypes]);
  });
});
