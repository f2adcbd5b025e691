import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { demoKeys, startHarness, type Harness } from './support/harness.ts';
import { validOrder } from './support/orders.ts';

/** A small seeded generator, so a failure can be replayed with the seed it prints. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, pick };
}

const strange: unknown[] = [
  null, true, false, 0, -1, 1.5, 1e308, -0, Number.MAX_SAFE_INTEGER + 2, '', ' ', 'x'.repeat(20000), '2026-13-45', '2026-11-27',
  '0000', '<script>alert(1)</script>', "'; DROP TABLE job_orders; --", '\u0000', '😀', 'æøå', [], [1, 2], {}, { a: { b: { c: [] } } },
];

const headerSafe = (value: unknown) => String(value).replace(/[^\x20-\x7e]/g, '?');

let h: Harness;
before(async () => {
  h = await startHarness();
  await h.request('POST', '/v1/job-orders', { key: demoKeys.employerA, body: validOrder() });
});
after(() => h.close());

describe('no input of any kind produces a 5xx', () => {
  it('create and edit bodies with every field replaced by strange values (seeded, 400 requests)', async () => {
    const seed = Number(process.env.FUZZ_SEED ?? 20261127);
    const { next, pick } = prng(seed);
    const fields = Object.keys(validOrder()).concat(['startDate', 'longTerm', 'weeklyHours', 'workingTime', 'note', 'workplace.postalCode', 'contact.email', 'unknown']);
    for (let i = 0; i < 400; i++) {
      const body: Record<string, unknown> = validOrder();
      const changes = 1 + Math.floor(next() * 4);
      for (let j = 0; j < changes; j++) {
        const field = pick(fields);
        const [outer, inner] = field.split('.');
        if (inner && typeof body[outer!] === 'object' && body[outer!] !== null) (body[outer!] as Record<string, unknown>)[inner] = pick(strange);
        else body[outer!] = pick(strange);
      }
      const patch = next() < 0.4;
      const res = await h.request(patch ? 'PATCH' : 'POST', patch ? '/v1/job-orders/1' : '/v1/job-orders', {
        key: demoKeys.employerA,
        body: next() < 0.05 ? pick(strange) : body,
        // Header values must be visible ASCII to be sent at all; the strange ones are reduced to that.
        headers: next() < 0.2 ? { 'if-match': headerSafe(pick(strange)), 'idempotency-key': headerSafe(pick(strange)).slice(0, 300) } : {},
      });
      assert.ok(res.status < 500, `seed ${seed} request ${i}: ${res.status}`);
    }
  });

  it('query strings, paths and headers with strange values', async () => {
    const { pick } = prng(7);
    const paths = ['/v1/job-orders', '/v1/occupations', '/v1/jobcenters', '/v1/job-orders/1/log', '/v1/postal-codes/'];
    const params = ['sort', 'order', 'status', 'limit', 'cursor', 'q', 'signedUp', 'responsible', 'x'];
    for (let i = 0; i < 200; i++) {
      const path = pick(paths);
      const value = encodeURIComponent(String(pick(strange)).slice(0, 500));
      const url = path.endsWith('/') ? `${path}${value}` : `${path}?${pick(params)}=${value}&${pick(params)}=${value}`;
      const res = await h.request('GET', url, { key: pick([demoKeys.employerA, demoKeys.jobcenter101, 'garbage.token.here', '']) });
      assert.ok(res.status < 500, `${url}: ${res.status}`);
    }
    for (const id of ['0', '-1', '1.5', '99999999999999999999', '%00', 'null']) {
      const res = await h.request('GET', `/v1/job-orders/${id}`, { key: demoKeys.employerA });
      assert.ok([400, 404].includes(res.status), `id ${id}: ${res.status}`);
    }
  });
});
