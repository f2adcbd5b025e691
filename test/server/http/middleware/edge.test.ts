import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoKeys, startHarness, type Harness } from '../../../support/harness.ts';

// The harness allows https://portal.example for every tenant (JOBAG_CORS_ORIGINS).
const origin = 'https://portal.example';

describe('the edge', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('answers a refused method or a malformed query with the CORS headers, so the embedding page can read the problem', async () => {
    const refused = await h.request('DELETE', '/v1/me', { key: demoKeys.employerA, headers: { origin } });
    assert.equal(refused.status, 405);
    const malformed = await h.request('GET', '/v1/job-orders?sort=%zz', { key: demoKeys.employerA, headers: { origin } });
    assert.equal(malformed.status, 400);
    for (const res of [refused, malformed]) {
      assert.equal(res.headers.get('access-control-allow-origin'), origin);
      assert.match(res.headers.get('access-control-expose-headers') ?? '', /X-Request-Id/);
      assert.equal(res.headers.get('x-request-id'), res.body.requestId);
      assert.equal(res.headers.get('x-frame-options'), 'DENY');
    }
  });
});
