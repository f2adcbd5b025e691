/**
 * For iterating on a route's CPU cost without HTTP or scheduling noise: builds the app in this
 * process on a copy of a seeded bench database (`BENCH_DB`, see bench/cpu-probe.ts) and calls
 * `app.fetch` in a loop; prints the best of PROBE_BATCHES batches (7) in CPU µs per request.
 * The node:http part of a request (~40 µs here) is not in it; the web `Request` built per call is.
 * Usage: BENCH_DB=/tmp/seed.db npx tsx bench/app-probe.ts '/v1/job-orders/{id}' …
 * A write: PROBE_METHOD=POST PROBE_BODY='{…}' (201 expected), PROBE_IDEMPOTENCY=1 for a fresh
 * Idempotency-Key per request, PROBE_CONCURRENCY=n requests at once (n share a group commit).
 * Each request comes from PROBE_ADDRESS (127.0.0.1), as over HTTP, so the limits by address and
 * principal apply; PROBE_ADDRESS=none calls as the server's own (no limits).
 */
import { copyFileSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createApp } from '../server/http/app.ts';
import { openDatabase } from '../server/db/driver/client.ts';
import { systemClock } from '../server/domain/calendar.ts';

const seed = process.env.BENCH_DB;
if (!seed) throw new Error('Set BENCH_DB to a database seeded by npm run bench.');
const { firstOrderOfA } = JSON.parse(readFileSync(`${seed}.json`, 'utf8')) as { firstOrderOfA: number };
const dir = mkdtempSync(join(tmpdir(), 'jobag-app-probe-'));
copyFileSync(seed, join(dir, 'bench.db'));
const db = await openDatabase({ url: `file:${join(dir, 'bench.db')}` });
// As in production: one line per request, at info, to a sink that costs nothing to write.
const logger = pino({ level: 'info', base: { pid: process.pid } }, pino.destination({ dest: openSync('/dev/null', 'w'), sync: false }));
const app = createApp({ db, clock: systemClock, signingSecret: 'bench-signing-secret-0123456789-abcdefghijklmnop', corsOrigins: [], logger });
const method = process.env.PROBE_METHOD ?? 'GET';
const body = process.env.PROBE_BODY;
const expected = method === 'POST' ? 201 : 200;
const concurrency = Number(process.env.PROBE_CONCURRENCY ?? 1);
const headers: Record<string, string> = { authorization: `Bearer ${process.env.PROBE_KEY ?? 'demo_employer_a'}`, ...(body ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}) };
// What @hono/node-server hands the app as `c.env`: the client's address is read from its socket.
const address = process.env.PROBE_ADDRESS ?? '127.0.0.1';
const env = address === 'none' ? undefined : { incoming: { socket: { remoteAddress: address } } };
let seq = 0;
const perBatch = Number(process.env.PROBE_REQUESTS ?? 3000);
const batches = Number(process.env.PROBE_BATCHES ?? 7);
for (const path of process.argv.slice(2).map((p) => p.replace('{id}', String(firstOrderOfA)))) {
  const url = `http://127.0.0.1${path}`;
  const one = async () => {
    const sent = process.env.PROBE_IDEMPOTENCY === '1' ? { ...headers, 'idempotency-key': `app-probe-${process.pid}-${++seq}` } : headers;
    const res = await app.fetch(new Request(url, { method, headers: sent, body }), env);
    if (res.status !== expected) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    await res.text();
  };
  const once = concurrency > 1 ? () => Promise.all(Array.from({ length: concurrency }, one)) : one;
  for (let i = 0; i < 500; i++) await once();
  const results: number[] = [];
  for (let b = 0; b < batches; b++) {
    const before = process.cpuUsage();
    for (let i = 0; i < perBatch; i++) await once();
    const used = process.cpuUsage(before);
    results.push((used.user + used.system) / (perBatch * concurrency));
  }
  results.sort((a, b) => a - b);
  console.log(`${path}: best ${results[0]!.toFixed(1)} µs, median ${results[Math.floor(batches / 2)]!.toFixed(1)} µs CPU/request`);
}
db.close();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
