/**
 * `libsql` (the synchronous driver of server/db/driver/native.ts) beside Node's own `node:sqlite`,
 * on the same workload in one run: the CPU µs per operation of this process (user + system, so the
 * kernel's share of an fsync counts too; the wait for the disk does not).
 *
 * Each driver gets its own file database in WAL mode, seeded with the same order-like rows (a JSON
 * document of ~1.5 KB, the columns a list sorts and filters on, and the list indexes of one
 * company's orders), then, in alternating rounds (libsql, node:sqlite, libsql, …) so that the
 * machine's load falls on both alike:
 * - **write**: BEGIN IMMEDIATE, insert an order and its journal entry, COMMIT with
 *   `synchronous = NORMAL`, then fdatasync the WAL: how the server's group commit makes a write
 *   durable, here with one transaction per fsync (its worst case).
 * - **read**: one order's JSON by id, a random one of the seeded rows.
 * - **list**: a page of 25 of one company's orders by last change, as plain row objects.
 * Both drivers use a statement prepared once, as the server does; libsql returns arrays that are
 * made into objects here (as native.ts does), node:sqlite builds its objects itself.
 *
 * Usage: `npx node --import tsx bench/sqlite-drivers.ts` (Node 24: `node:sqlite`). Variables:
 * SQLITE_BENCH_ORDERS (20000 seeded), SQLITE_BENCH_ROUNDS (5), SQLITE_BENCH_WRITES (300 a round),
 * SQLITE_BENCH_READS (20000 a round; a tenth as many list pages).
 */
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Libsql from 'libsql';

const orders = Number(process.env.SQLITE_BENCH_ORDERS ?? 20_000);
const rounds = Number(process.env.SQLITE_BENCH_ROUNDS ?? 5);
const writesPerRound = Number(process.env.SQLITE_BENCH_WRITES ?? 300);
const readsPerRound = Number(process.env.SQLITE_BENCH_READS ?? 20_000);
const companies = 20;

const schema = `
  CREATE TABLE orders (
    id INTEGER PRIMARY KEY, company_id INTEGER NOT NULL, jobcenter_id TEXT NOT NULL, status TEXT NOT NULL,
    title TEXT NOT NULL, start_date TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, version INTEGER NOT NULL,
    json TEXT NOT NULL);
  CREATE INDEX orders_company_updated ON orders (company_id, updated_at, id);
  CREATE INDEX orders_company_created ON orders (company_id, created_at, id);
  CREATE INDEX orders_company_title ON orders (company_id, title, id);
  CREATE INDEX orders_company_start ON orders (company_id, start_date, id);
  CREATE INDEX orders_company_status ON orders (company_id, status, updated_at, id);
  CREATE INDEX orders_jobcenter_updated ON orders (jobcenter_id, updated_at, id);
  CREATE TABLE journal (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL, kind TEXT NOT NULL, at TEXT NOT NULL, data TEXT NOT NULL);
  CREATE INDEX journal_order ON journal (order_id, id);`;
const insertOrder = `INSERT INTO orders (company_id, jobcenter_id, status, title, start_date, created_at, updated_at, version, json)
  VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)`;
const insertJournal = 'INSERT INTO journal (order_id, kind, at, data) VALUES (?, ?, ?, ?)';
const readOrder = 'SELECT json, version FROM orders WHERE id = ?';
const listPage = `SELECT id, status, title, start_date, created_at, updated_at, version, json FROM orders
  WHERE company_id = ? ORDER BY updated_at DESC, id DESC LIMIT 25`;

const titles = ['Kok', 'Lagerarbejder', 'Pædagogmedhjælper', 'Buschauffør', 'Social- og sundhedshjælper', 'Tømrer', 'Rengøringsassistent'];
const description = 'Vi søger en stabil medarbejder til vores køkken. '.repeat(20);
function order(n: number): unknown[] {
  const at = new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString();
  const title = titles[n % titles.length]!;
  const json = JSON.stringify({ id: n, status: 'open', occupation: { code: String(2000 + (n % 97)), title }, description, positions: 1 + (n % 3), workplace: { pNumber: String(1_000_000_000 + n), name: 'Nordlys Køkken ApS', street: 'Havnegade 12', postalCode: '1058', city: 'København K' }, contact: { name: 'Mette Holm', email: 'mette@nordlys.dk', phone: '+4533123456' }, createdAt: at, updatedAt: at });
  return [1 + (n % companies), String(101 + (n % 98)), n % 5 === 0 ? 'closed' : 'open', title, at.slice(0, 10), at, at, json];
}

/** What the bench needs of a driver: statements prepared once, rows as plain objects. */
interface Driver {
  name: string;
  version: string;
  exec(sql: string): void;
  run(sql: string, args: unknown[]): number;
  get(sql: string, args: unknown[]): Record<string, unknown> | undefined;
  all(sql: string, args: unknown[]): Record<string, unknown>[];
  close(): void;
}

function libsqlDriver(path: string): Driver {
  const db = new Libsql(path);
  type Prepared = { statement: ReturnType<typeof db.prepare>; columns: string[] };
  const cache = new Map<string, Prepared>();
  const prepare = (sql: string) => {
    let prepared = cache.get(sql);
    if (!prepared) {
      const statement = db.prepare(sql);
      const columns = statement.reader ? (statement.raw(true), statement.columns().map((c) => c.name)) : [];
      cache.set(sql, (prepared = { statement, columns }));
    }
    return prepared;
  };
  const object = (columns: string[], values: unknown[]) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) row[columns[i]!] = values[i];
    return row;
  };
  return {
    name: 'libsql',
    version: (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v,
    exec: (sql) => void db.exec(sql),
    run: (sql, args) => Number((prepare(sql).statement.run(args) as { lastInsertRowid: number | bigint }).lastInsertRowid),
    get(sql, args) {
      const { statement, columns } = prepare(sql);
      const values = statement.get(args) as unknown[] | undefined;
      return values && object(columns, values);
    },
    all(sql, args) {
      const { statement, columns } = prepare(sql);
      return (statement.all(args) as unknown[][]).map((values) => object(columns, values));
    },
    close: () => db.close(),
  };
}

async function nodeSqliteDriver(path: string): Promise<Driver> {
  const { DatabaseSync } = await import('node:sqlite');
  const db = new DatabaseSync(path);
  const cache = new Map<string, ReturnType<typeof db.prepare>>();
  const prepare = (sql: string) => {
    let statement = cache.get(sql);
    if (!statement) cache.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
  type Value = null | number | bigint | string;
  return {
    name: 'node:sqlite',
    version: (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v,
    exec: (sql) => db.exec(sql),
    run: (sql, args) => Number(prepare(sql).run(...(args as Value[])).lastInsertRowid),
    get: (sql, args) => prepare(sql).get(...(args as Value[])),
    all: (sql, args) => prepare(sql).all(...(args as Value[])),
    close: () => db.close(),
  };
}

/** Opens a driver on a fresh file, as the server's writer connection would be set up, with `orders` rows. */
async function prepared(open: (path: string) => Driver | Promise<Driver>, dir: string, name: string): Promise<{ driver: Driver; wal: number }> {
  const path = join(dir, `${name}.db`);
  const driver = await open(path);
  driver.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0');
  driver.exec(schema);
  driver.exec('BEGIN');
  for (let n = 1; n <= orders; n++) driver.run(insertOrder, order(n));
  driver.exec('COMMIT');
  driver.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  // The WAL is where a commit lands; the server fsyncs it (group-commit.ts).
  driver.exec('BEGIN IMMEDIATE; COMMIT');
  return { driver, wal: openSync(`${path}-wal`, 'r+') };
}

/** CPU µs (user + system) per call of `op`, called `count` times. */
function cpuPerOp(count: number, op: (i: number) => void): number {
  const start = process.cpuUsage();
  for (let i = 0; i < count; i++) op(i);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / count;
}

const workloads = {
  write: (d: Driver, wal: number, i: number, next: () => number) => {
    d.exec('BEGIN IMMEDIATE');
    const n = next();
    const id = d.run(insertOrder, order(n));
    d.run(insertJournal, [id, 'created', new Date().toISOString(), '{"kind":"created"}']);
    d.exec('COMMIT');
    fdatasyncSync(wal);
    return i;
  },
  read: (d: Driver, i: number) => {
    const row = d.get(readOrder, [1 + ((i * 7919) % orders)]);
    if (!row) throw new Error('no row');
  },
  list: (d: Driver, i: number) => {
    if (d.all(listPage, [1 + (i % companies)]).length !== 25) throw new Error('short page');
  },
};

const dir = mkdtempSync(join(tmpdir(), 'jobag-sqlite-drivers-'));
try {
  const subjects = [await prepared(libsqlDriver, dir, 'libsql'), await prepared(nodeSqliteDriver, dir, 'node-sqlite')];
  const results = new Map<string, number[]>();
  const record = (key: string, value: number) => results.set(key, [...(results.get(key) ?? []), value]);
  for (const { driver } of subjects) {
    // Warm-up: JIT, statement caches, the pages of the indexes.
    for (let i = 0; i < 2000; i++) workloads.read(driver, i);
    for (let i = 0; i < 200; i++) workloads.list(driver, i);
  }
  const written = new Map<Driver, number>(subjects.map(({ driver }) => [driver, orders]));
  for (let round = 0; round < rounds; round++) {
    for (const { driver, wal } of round % 2 === 0 ? subjects : [...subjects].reverse()) {
      const next = () => {
        const n = written.get(driver)! + 1;
        written.set(driver, n);
        return n;
      };
      record(`write ${driver.name}`, cpuPerOp(writesPerRound, (i) => workloads.write(driver, wal, i, next)));
      record(`read ${driver.name}`, cpuPerOp(readsPerRound, (i) => workloads.read(driver, i)));
      record(`list ${driver.name}`, cpuPerOp(readsPerRound / 10, (i) => workloads.list(driver, i)));
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const [a, b] = subjects.map(({ driver }) => driver);
  console.log(`Node ${process.versions.node}; ${a!.name} (SQLite ${a!.version}) and ${b!.name} (SQLite ${b!.version}); ${orders} orders, ${rounds} rounds, median CPU µs per operation`);
  console.log(`| operation | ${a!.name} | ${b!.name} | ${b!.name} / ${a!.name} |`);
  console.log('|---|---|---|---|');
  for (const op of Object.keys(workloads)) {
    const x = median(results.get(`${op} ${a!.name}`)!);
    const y = median(results.get(`${op} ${b!.name}`)!);
    console.log(`| ${op} | ${x.toFixed(1)} | ${y.toFixed(1)} | ${(y / x).toFixed(2)} |`);
  }
  for (const { driver, wal } of subjects) {
    closeSync(wal);
    driver.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
