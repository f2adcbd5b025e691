// The price of one index per (scope, sort key), measured on one database in one run:
//   node --import tsx bench/list-indexes.ts [--orders 1000000] [--runs 7] [--inserts 3000]
// Seeds N orders straight into the table (one prepared INSERT, big transactions, indexes built
// afterwards), then
//  - the create cost, CPU µs per insert (server/db/job-orders.ts `insertJobOrder`, one
//    transaction each), with the index set of migrations 001–024 and with the current one;
//  - a list that skips other statuses on a sort-only index, for the sort that goes with status;
//  - the first page (25) of every scope × sort × direction × status filter with the current set
//    (median of --runs), through `listJobOrders` on the embedded driver.
// Old orders are mostly closed and the newest mostly open, and updated_at grows with id, as in a
// scheme that has run for years: the rarest status is 'inactive' (~1.4%).
import Sqlite from 'libsql';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { OrderScope } from '../server/domain/access.ts';
import { openDatabase } from '../server/db/driver/client.ts';
import type { Database } from '../server/db/driver/types.ts';
import { insertJobOrder, listJobOrders, sortKeys, type JobOrderFields, type ListParams } from '../server/db/job-orders.ts';
import { migrate } from '../server/db/migrate.ts';
import { ensureJobcenters } from '../server/db/reference-data.ts';
import { danishSortKey } from '../server/domain/danish-sort.ts';
import { occupations } from '../server/reference/index.ts';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '7' },
    inserts: { type: 'string', default: '3000' },
  },
});
const total = Number(values.orders);
const runs = Number(values.runs);
const inserts = Number(values.inserts);
const migrationsDir = fileURLToPath(new URL('../server/db/migrations/', import.meta.url));

const bigCompany = 1;
const companies = 200;
const bigJobcenter = '101';
const smallJobcenter = '825';
const statuses = ['open', 'inactive', 'closed'] as const;
const rank = { open: 0, inactive: 1, closed: 2 };

/** The job_orders indexes that the migrations before `before` (a file name) leave: name → CREATE statement. */
function indexSetBefore(before: string): Map<string, string> {
  const set = new Map<string, string>();
  for (const file of readdirSync(migrationsDir).filter((f) => /^\d+_.+\.sql$/.test(f) && f < before).sort()) {
    const sql = readFileSync(join(migrationsDir, file), 'utf8').split('\n').filter((l) => !l.trimStart().startsWith('--')).join('\n');
    for (const statement of sql.split(';').map((s) => s.trim())) {
      const created = /^CREATE INDEX (\w+) ON job_orders\b/i.exec(statement);
      if (created) set.set(created[1]!, statement);
      const dropped = /^DROP INDEX (?:IF EXISTS )?(\w+)/i.exec(statement);
      if (dropped) set.delete(dropped[1]!);
    }
  }
  return set;
}

/** A status that goes with age: the oldest 90% of orders mostly closed, the newest 10% mostly open. */
function statusOf(i: number, random: () => number): (typeof statuses)[number] {
  const r = random();
  if (i < total * 0.9) return r < 0.02 ? 'open' : r < 0.03 ? 'inactive' : 'closed';
  return r < 0.7 ? 'open' : r < 0.75 ? 'inactive' : 'closed';
}

/** A small deterministic generator, so two runs seed the same rows. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function seed(file: string): Promise<{ ms: number; jobcenterIds: string[] }> {
  const started = performance.now();
  const db = await openDatabase({ url: `file:${file}`, driver: 'native' });
  await migrate(db);
  await ensureJobcenters(db);
  const jobcenterIds = (await db.query<{ id: string }>('SELECT id FROM jobcenters ORDER BY id')).map((r) => String(r.id));
  db.close();

  const raw = new Sqlite(file);
  raw.exec('PRAGMA busy_timeout = 60000; PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA cache_size = -1000000');
  const addCompany = raw.prepare('INSERT INTO companies (id, cvr, name) VALUES (?, ?, ?)');
  raw.transaction(() => {
    for (let id = 1; id <= companies; id++) addCompany.run(id, String(40_000_000 + id), `Firma ${id} ApS`);
  })();
  for (const { name } of raw.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'job_orders' AND sql IS NOT NULL").all([]) as { name: string }[]) {
    raw.exec(`DROP INDEX ${name}`);
  }
  const contacts = ['Mette Hansen', 'Jonas Østergaard', 'Åse Ærø', 'Birgit Lund', 'Ole Bach', 'Zenia Kjær', 'Anders And', 'Øjvind Møller'];
  const contactKeys = contacts.map((n) => danishSortKey(n));
  const titleKeys = occupations.map((o) => danishSortKey(o.title));
  const others = jobcenterIds.filter((id) => id !== bigJobcenter && id !== smallJobcenter);
  const insert = raw.prepare(`INSERT INTO job_orders (
      company_id, occupation_code, occupation_title, title_sort_key, responsible_jobcenter_id, description, positions,
      email_on_placement, long_term, working_time, working_hours_condition, response_method, workplace_p_number,
      workplace_name, workplace_street, workplace_postal_code, workplace_city, contact_name, contact_sort_key,
      contact_email, status, status_rank, created_at, updated_at, created_by_kind, created_by_name, candidate_count, company_sort_key)
    VALUES (?, ?, ?, ?, ?, 'Opvask og klargøring i et travlt køkken.', ?, 1, ?, 'full_time', 'day', 'cvs_sent', '1003456781',
      'Arbejdsstedet', 'Vesterbrogade 12', '1620', 'København V', ?, ?, 'kontakt@firma.example', ?, ?, ?, ?, 'company', 'Firma', ?, ?)`);
  const random = mulberry32(22);
  const base = Date.parse('2020-01-01T00:00:00Z');
  const span = Date.parse('2026-12-01T00:00:00Z') - base;
  for (let start = 0; start < total; start += 20_000) {
    raw.transaction(() => {
      for (let i = start; i < Math.min(total, start + 20_000); i++) {
        // One big employer (5% of the orders); the largest jobcenter answers for 12%, the smallest for 0.03%.
        const company = random() < 0.05 ? bigCompany : 2 + Math.floor(random() * (companies - 1));
        const j = random();
        const jobcenter = j < 0.12 ? bigJobcenter : j < 0.1203 ? smallJobcenter : others[Math.floor(random() * others.length)]!;
        const occ = Math.floor(random() * occupations.length);
        const contact = Math.floor(random() * contacts.length);
        const status = statusOf(i, random);
        // Updated about when created, a little later for some: updated_at grows with id, loosely.
        const at = new Date(base + (span * i) / total + random() * 30 * 86_400_000).toISOString();
        insert.run(
          company, occupations[occ]!.code, occupations[occ]!.title, titleKeys[occ]!, jobcenter, 1 + (i % 9), i % 7 === 0 ? 1 : 0,
          contacts[contact]!, contactKeys[contact]!, status, rank[status], at, at, status === 'open' ? i % 3 : i % 6, danishSortKey(`Firma ${company} ApS`),
        );
      }
    })();
  }
  raw.close();
  return { ms: performance.now() - started, jobcenterIds };
}

/** Replaces the job_orders indexes with `set`, and says how much CPU building them took (ms). */
function useIndexes(file: string, set: Map<string, string>): number {
  const raw = new Sqlite(file);
  raw.exec('PRAGMA busy_timeout = 60000; PRAGMA cache_size = -1000000; PRAGMA synchronous = OFF');
  for (const { name } of raw.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'job_orders' AND sql IS NOT NULL").all([]) as { name: string }[]) {
    raw.exec(`DROP INDEX ${name}`);
  }
  const started = process.cpuUsage();
  for (const sql of set.values()) raw.exec(sql);
  const used = process.cpuUsage(started);
  raw.close();
  return (used.user + used.system) / 1000;
}

const fields = (i: number): JobOrderFields => {
  const occupation = occupations[(i * 7919) % occupations.length]!;
  return {
    occupationCode: occupation.code, occupationTitle: occupation.title, description: 'Opvask og klargøring i et travlt køkken.',
    positions: 1, emailOnPlacement: true, longTerm: false, startDate: '2027-01-01', durationDays: 90, responseDeadline: '2026-12-31',
    maxCandidates: null, workingTime: 'full_time', weeklyHours: null, workingHoursCondition: 'day', responseMethod: 'cvs_sent',
    workplace: { pNumber: '1003456781', name: 'Arbejdsstedet', street: 'Vesterbrogade 12', floor: null, door: null, postalCode: '1620', city: 'København V' },
    contact: { contactPersonId: null, name: ['Mette Hansen', 'Åse Ærø', 'Ole Bach'][i % 3]!, email: 'kontakt@firma.example', phone: null },
  };
};

/** CPU µs per create, each in its own transaction as a request makes it; the rows are removed afterwards. */
async function createCost(db: Database, jobcenterIds: string[]): Promise<number> {
  const warm = 200;
  const cpu = { before: process.cpuUsage() };
  for (let i = 0; i < warm + inserts; i++) {
    if (i === warm) cpu.before = process.cpuUsage();
    await db.transaction((tx) =>
      insertJobOrder(tx, {
        ...fields(i), companyId: 1 + (i % companies), companyName: `Firma ${1 + (i % companies)} ApS`, responsibleJobcenterId: jobcenterIds[i % jobcenterIds.length]!,
        createdBy: { kind: 'company', name: 'Firma' }, at: new Date().toISOString(),
      }),
    );
  }
  const used = process.cpuUsage(cpu.before);
  await db.run('DELETE FROM job_orders WHERE id > ?', [total]);
  return (used.user + used.system) / inserts;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * The first page's wall time and this process's CPU time in ms, each the median of `runs`, after
 * one unmeasured read. Under other load the wall time grows with the wait for a core; the CPU
 * time hardly does.
 */
async function firstPage(read: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  await read();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    const c = process.cpuUsage();
    await read();
    const used = process.cpuUsage(c);
    wall.push(performance.now() - t);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

const dir = mkdtempSync(join(tmpdir(), 'jobag-list-indexes-'));
const file = join(dir, 'bench.db');
try {
  const seeded = await seed(file);
  const reader = new Sqlite(file);
  const counts = reader.prepare('SELECT status, COUNT(*) AS n FROM job_orders GROUP BY status').all([]) as { status: string; n: number }[];
  reader.close();
  console.log(`# ${total.toLocaleString('en')} orders seeded in ${(seeded.ms / 1000).toFixed(1)} s; ` +
    counts.map((c) => `${c.status} ${((100 * c.n) / total).toFixed(1)}%`).join(', '));

  const oldSet = indexSetBefore('025');
  const newSet = indexSetBefore('999');
  const results: { set: string; count: number; buildMs: number; createUs: number }[] = [];
  for (const [label, set] of [['migrations 001–024', oldSet], ['migration 025 (current)', newSet]] as const) {
    const buildMs = useIndexes(file, set);
    const db = await openDatabase({ url: `file:${file}`, driver: 'native' });
    results.push({ set: label, count: set.size, buildMs, createUs: await createCost(db, seeded.jobcenterIds) });
    db.close();
  }
  // The set migration 025 leaves is the last one built above: every list below reads it.
  console.log('\n| job_orders index set | indexes | build, CPU s | create, CPU µs per insert |\n|---|---:|---:|---:|');
  for (const r of results) console.log(`| ${r.set} | ${r.count} | ${(r.buildMs / 1000).toFixed(1)} | ${r.createUs.toFixed(0)} |`);

  const db = await openDatabase({ url: `file:${file}`, driver: 'native' });

  // The alternative: one sort-only index per (scope, sort key) with the status after it, the
  // filter checked on each entry. Built for one sort to show what skipping costs.
  const alt = new Sqlite(file);
  alt.exec('PRAGMA busy_timeout = 60000');
  alt.exec('CREATE INDEX bench_all_updated_skip ON job_orders(updated_at, id, status_rank)');
  console.log('\n| every order, sort=updatedAt, on (updated_at, id, status_rank), skipping the other statuses | asc ms (CPU) | desc ms (CPU) |\n|---|---:|---:|');
  // The last: a status no order has (yet), whose empty page reads the whole index.
  for (const [label, statusRank] of [...statuses.map((s) => [`status=${s}`, rank[s]] as const), ['a status no order has', 3] as const]) {
    const cells: string[] = [];
    for (const dirn of ['ASC', 'DESC']) {
      const stmt = alt.prepare(`SELECT o.json, o.id FROM job_orders o INDEXED BY bench_all_updated_skip WHERE o.status_rank = ? ORDER BY o.updated_at ${dirn}, o.id ${dirn} LIMIT 26`);
      const { wall, cpu } = await firstPage(async () => stmt.all([statusRank]));
      cells.push(`${wall.toFixed(2)} (${cpu.toFixed(2)})`);
    }
    console.log(`| ${label} | ${cells.join(' | ')} |`);
  }
  alt.exec('DROP INDEX bench_all_updated_skip');
  alt.close();

  const scopes: [string, OrderScope][] = [
    [`company (the biggest, ~${Math.round(total * 0.05).toLocaleString('en')} orders)`, { companyId: bigCompany }],
    ['jobcenter, every order', { jobcenterId: bigJobcenter, responsibleOnly: false }],
    [`jobcenter, responsible=true (${bigJobcenter}, 12%)`, { jobcenterId: bigJobcenter, responsibleOnly: true }],
    [`jobcenter, responsible=true (${smallJobcenter}, 0.03%)`, { jobcenterId: smallJobcenter, responsibleOnly: true }],
  ];
  const filters = [undefined, ...statuses] as const;
  const header = ['scope', 'sort', ...(['asc', 'desc'] as const).flatMap((o) => filters.map((f) => `${o} ${f ?? 'all'}`))];
  const rows: { who: string; sort: string; cells: { wall: number; cpu: number; shape: string }[] }[] = [];
  for (const [who, scope] of scopes) {
    for (const sort of sortKeys) {
      const cells = [];
      for (const order of ['asc', 'desc'] as const) {
        for (const status of filters) {
          const params: ListParams = { sort, order, status, limit: 25 };
          cells.push({ ...(await firstPage(() => listJobOrders(db, scope, params))), shape: `${who} sort=${sort} ${order} status=${status ?? 'all'}` });
        }
      }
      rows.push({ who, sort, cells });
    }
  }
  for (const measure of ['wall', 'cpu'] as const) {
    console.log(`\nFirst page (25 orders), ${measure === 'wall' ? 'wall' : 'CPU'} ms, median of ${runs}:\n`);
    console.log(`| ${header.join(' | ')} |\n|${header.map((_, i) => (i < 2 ? '---' : '---:')).join('|')}|`);
    for (const { who, sort, cells } of rows) console.log(`| ${who} | ${sort} | ${cells.map((c) => c[measure].toFixed(2)).join(' | ')} |`);
    const worst = rows.flatMap((r) => r.cells).reduce((a, b) => (b[measure] > a[measure] ? b : a));
    console.log(`\nSlowest first page, ${measure === 'wall' ? 'wall' : 'CPU'}: ${worst[measure].toFixed(2)} ms (${worst.shape}).`);
  }
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
