/**
 * `npm run bench`: hot paths of the API in-process on a temporary libSQL file with 5,000 orders.
 * This machine is shared and noisy, so each route is reported as a ratio to GET /healthz (the
 * framework's own cost) measured in the same run, next to its raw median.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../server/app.ts';
import { openDatabase } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import { ensureJobcenters } from '../server/db/reference-data.ts';
import { loadDemoData } from '../server/demo-data.ts';
import { validOrder } from '../test/support/orders.ts';

const orders = Number(process.env.BENCH_ORDERS ?? 5000);
const dir = mkdtempSync(join(tmpdir(), 'jobag-bench-'));
const db = await openDatabase({ url: `file:${join(dir, 'bench.db')}` });
await migrate(db);
await ensureJobcenters(db);
const now = new Date();
await loadDemoData(db, now);
const app = createApp({ db, clock: () => now, signingSecret: 'b'.repeat(40), corsOrigins: [] });
const auth = { authorization: 'Bearer demo_employer_a' };
const json = { ...auth, 'content-type': 'application/json' };

const seedStart = performance.now();
for (let i = 0; i < orders; i++) {
  const res = await app.request('/v1/job-orders', { method: 'POST', headers: json, body: JSON.stringify(validOrder({ positions: 1 + (i % 9) })) });
  if (res.status !== 201) throw new Error(`seed failed: ${res.status} ${await res.text()}`);
}
const seedMs = performance.now() - seedStart;

async function measure(name: string, request: () => Response | Promise<Response>, iterations = 300) {
  for (let i = 0; i < 20; i++) await (await request()).arrayBuffer(); // warm up
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    const res = await request();
    await res.arrayBuffer();
    times.push(performance.now() - t);
    if (res.status >= 400) throw new Error(`${name}: ${res.status}`);
  }
  times.sort((a, b) => a - b);
  return { name, median: times[Math.floor(times.length / 2)]!, p95: times[Math.floor(times.length * 0.95)]! };
}

const get = (path: string) => () => app.request(path, { headers: auth });
const results = [
  await measure('GET /healthz (baseline)', get('/healthz')),
  await measure('GET /v1/me', get('/v1/me')),
  await measure('GET /v1/occupations?q=køk', get('/v1/occupations?q=k%C3%B8k')),
  await measure('GET /v1/job-orders (25, by id)', get('/v1/job-orders')),
  await measure('GET /v1/job-orders (25, by title)', get('/v1/job-orders?sort=title&order=asc')),
  await measure('GET /v1/job-orders by updatedAt, pages 1-3 (3 calls)', async () => {
    const first = (await (await app.request('/v1/job-orders?sort=updatedAt&limit=25', { headers: auth })).json()) as { nextCursor: string };
    const second = (await (await app.request(`/v1/job-orders?sort=updatedAt&limit=25&cursor=${first.nextCursor}`, { headers: auth })).json()) as { nextCursor: string };
    return app.request(`/v1/job-orders?sort=updatedAt&limit=25&cursor=${second.nextCursor}`, { headers: auth });
  }, 100),
  await measure('GET /v1/job-orders/{id}', get(`/v1/job-orders/${Math.ceil(orders / 2)}`)),
  await measure('POST /v1/job-orders', () => app.request('/v1/job-orders', { method: 'POST', headers: json, body: JSON.stringify(validOrder()) }), 200),
  await measure('PATCH /v1/job-orders/{id}', () => app.request('/v1/job-orders/1', { method: 'PATCH', headers: json, body: JSON.stringify({ positions: 3 }) }), 200),
];

const base = results[0]!.median;
console.log(`JobAG bench: ${orders} orders seeded in ${(seedMs / 1000).toFixed(1)} s (${(orders / (seedMs / 1000)).toFixed(0)} creates/s)`);
console.log('route'.padEnd(48), 'median ms', '  p95 ms', '  × baseline');
for (const r of results) {
  console.log(r.name.padEnd(48), r.median.toFixed(3).padStart(9), r.p95.toFixed(3).padStart(8), (r.median / base).toFixed(1).padStart(12));
}
db.close();
rmSync(dir, { recursive: true, force: true });
