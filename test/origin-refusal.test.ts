import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { demoKeys, startHarness, type Harness } from './support/harness.ts';

// A page whose origin is not allowed must be able to read why, not see "no connection".
describe('origin refusal is readable by the refused page', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => h.close());

  it('403 /problems/origin-not-allowed carries CORS headers for the requesting origin, and nothing else', async () => {
    const response = await h.app.request('/v1/me', { headers: { authorization: `Bearer ${demoKeys.employerA}`, origin: 'https://never-allowed.example' } });
    assert.equal(response.status, 403);
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://never-allowed.example');
    assert.match(response.headers.get('vary') ?? '', /Origin/);
    const body = (await response.json()) as { type: string; company?: unknown };
    assert.equal(body.type, '/problems/origin-not-allowed');
    assert.equal(body.company, undefined);
  });
});
