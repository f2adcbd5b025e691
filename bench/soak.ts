// `npm run soak`: mixed traffic from many clients against two server processes on one
// database file, one of them killed (SIGKILL) and restarted at random, with e-mail going to a real
// SMTP server. Prints requests, errors by class, p50/p99, acknowledged writes lost (must be 0)
// and duplicate e-mails (must be 0). Loopback only; bounded by SOAK_SECONDS (default 60).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../server/db/driver/client.ts';
import { validOrder } from '../test/support/orders.ts';
import { startServerProcess, stopServerProcess, type ServerProcess } from '../test/support/server-process.ts';
import { startSmtpServer } from '../test/support/smtp.ts';

const seconds = Number(process.env.SOAK_SECONDS ?? 60);
const clients = Number(process.env.SOAK_CLIENTS ?? 24);
const A = 'demo_employer_a';
const KBH = 'demo_jobcenter_101';

const dir = mkdtempSync(join(tmpdir(), 'jobag-soak-'));
const smtp = await startSmtpServer();
const env = {
  DATABASE_URL: `file:${join(dir, 'soak.db')}`,
  JOBAG_SIGNING_SECRET: 's'.repeat(40),
  SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
  // The soak measures the system under a crash, not the rate limiter: lift the limits.
  JOBAG_RATE_LIMIT: 'off',
};
const servers: (ServerProcess | null)[] = [await startServerProcess(env), await startServerProcess(env)];

const counts = new Map<string, number>();
const count = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
const latencies: number[] = [];
const acknowledged = { orders: new Map<number, string>(), placements: new Map<number, number>(), statuses: [] as { id: number; version: number }[] };

function liveUrl(): string | null {
  const live = servers.filter((s): s is ServerProcess => s !== null);
  return live.length ? live[Math.floor(Math.random() * live.length)]!.url : null;
}

/** One request to a live server; network errors retry on another, with the same Idempotency-Key. */
async function call(method: string, path: string, key: string, body?: unknown, headers: Record<string, string> = {}, retries = 3) {
  for (let attempt = 0; ; attempt++) {
    const url = liveUrl();
    if (!url) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      continue;
    }
    const started = performance.now();
    try {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      const text = await res.text();
      latencies.push(performance.now() - started);
      count(res.status >= 500 ? `5xx ${res.status}` : res.status >= 400 ? `4xx ${res.status}` : '2xx');
      return { status: res.status, etag: res.headers.get('etag'), body: text ? JSON.parse(text) : null };
    } catch {
      count('network error (server killed)');
      if (attempt >= retries) return null;
    }
  }
}

const anyOrder = () => {
  const ids = [...acknowledged.orders.keys()];
  return ids[Math.floor(Math.random() * ids.length)];
};

async function client(until: number): Promise<void> {
  while (Date.now() < until) {
    const roll = Math.random();
    const id = anyOrder();
    if (roll < 0.25 || id === undefined) {
      const description = `Soak ${randomUUID()}`;
      const res = await call('POST', '/v1/job-orders', A, validOrder({ description }), { 'idempotency-key': randomUUID() });
      if (res?.status === 201) acknowledged.orders.set(res.body.id, description);
    } else if (roll < 0.5) {
      await call('GET', '/v1/job-orders?sort=updatedAt&limit=25', A);
    } else if (roll < 0.65) {
      await call('GET', `/v1/job-orders/${id}`, A);
    } else if (roll < 0.8) {
      const candidate = { name: 'Soak Kandidat', birthYear: 1990, addressProtected: false, cvSearchable: false, email: 'soak@post.example' };
      const res = await call('POST', `/v1/job-orders/${id}/placements`, KBH, { candidate, description: 'Soak.' }, { 'idempotency-key': randomUUID() });
      if (res?.status === 201) acknowledged.placements.set(res.body.id, id);
    } else {
      const current = await call('GET', `/v1/job-orders/${id}`, A);
      if (current?.status !== 200) continue;
      const res = await call('POST', `/v1/job-orders/${id}/status`, A, { status: current.body.status === 'open' ? 'inactive' : 'open', note: 'Soak.' }, { 'if-match': current.etag! }, 0);
      if (res?.status === 200) acknowledged.statuses.push({ id, version: res.body.version });
    }
  }
}

/** Every few seconds one server is killed without warning and started again. */
async function chaos(until: number): Promise<number> {
  let kills = 0;
  while (Date.now() < until - 3000) {
    await new Promise((resolve) => setTimeout(resolve, 3000 + Math.random() * 4000));
    const index = Math.floor(Math.random() * servers.length);
    const victim = servers[index];
    if (!victim) continue;
    servers[index] = null;
    victim.child.kill('SIGKILL');
    kills++;
    servers[index] = await startServerProcess(env);
  }
  return kills;
}

const until = Date.now() + seconds * 1000;
console.log(`soak: ${clients} clients for ${seconds} s against two servers on one file, SIGKILL at random …`);
const [kills] = await Promise.all([chaos(until), ...Array.from({ length: clients }, () => client(until))]);

// Let the outbox drain, then check what was acknowledged against the database.
const db = await openDatabase({ url: env.DATABASE_URL });
const deadline = Date.now() + 60_000;
while (Date.now() < deadline) {
  // Rows a killed worker had claimed wait for its lease (5 min) to end, by design: not counted here.
  const [row] = await db.query<{ n: number }>(
    'SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND (lease_until IS NULL OR lease_until < ?)',
    [new Date().toISOString()],
  );
  if (Number(row!.n) === 0) break;
  await new Promise((resolve) => setTimeout(resolve, 250));
}
const orders = new Map((await db.query<{ id: number; description: string }>('SELECT id, description FROM job_orders')).map((r) => [Number(r.id), r.description]));
const placements = new Set((await db.query<{ id: number }>('SELECT id FROM placements')).map((r) => Number(r.id)));
const journal = new Set((await db.query<{ job_order_id: number; order_version: number }>("SELECT job_order_id, order_version FROM journal WHERE kind = 'status_changed'")).map((r) => `${r.job_order_id}:${r.order_version}`));
const lostOrders = [...acknowledged.orders].filter(([id, description]) => orders.get(id) !== description).length;
const lostPlacements = [...acknowledged.placements.keys()].filter((id) => !placements.has(id)).length;
const lostStatuses = acknowledged.statuses.filter((s) => !journal.has(`${s.id}:${s.version}`)).length;
const now = new Date().toISOString();
const [unsent] = await db.query<{ n: number; leased: number; retrying: number }>(
  'SELECT COUNT(*) AS n, SUM(lease_until >= ?) AS leased, SUM(next_attempt_at > ? AND (lease_until IS NULL OR lease_until < ?)) AS retrying FROM outbox WHERE sent_at IS NULL',
  [now, now, now],
);
const messageIds = smtp.received.map((m) => m.messageId);
const duplicates = messageIds.length - new Set(messageIds).size;
db.close();
await Promise.all(servers.map((s) => (s ? stopServerProcess(s.child) : undefined)));
await smtp.close();
rmSync(dir, { recursive: true, force: true });

const sorted = latencies.sort((a, b) => a - b);
const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]?.toFixed(1) ?? '–';
const total = [...counts.values()].reduce((a, b) => a + b, 0);
console.log(`requests: ${total} (${(total / seconds).toFixed(0)}/s) · kills: ${kills} · p50 ${pct(50)} ms · p99 ${pct(99)} ms`);
for (const [key, n] of [...counts].sort()) console.log(`  ${key.padEnd(30)} ${n}`);
console.log(`acknowledged: ${acknowledged.orders.size} orders, ${acknowledged.placements.size} placements, ${acknowledged.statuses.length} status changes`);
console.log(`acknowledged writes lost: ${lostOrders + lostPlacements + lostStatuses} (must be 0)`);
console.log(
  `e-mails: ${smtp.received.length} received, ${Number(unsent!.n)} not yet sent (${Number(unsent!.leased ?? 0)} held by a killed worker's lease, ${Number(unsent!.retrying ?? 0)} waiting for their retry), duplicates: ${duplicates} (must be 0)`,
);
process.exit(lostOrders + lostPlacements + lostStatuses + duplicates > 0 ? 1 : 0);
