// The stored answer of each order: `job_orders.json` holds the order as the contract's
// `JobOrder` JSON, written by triggers inside the same statement as every change to the order,
// its company's name or its jobcenter's name — whoever writes (a request, scripts/admin.ts, a
// test's raw UPDATE), the column cannot lag. Reads answer with it as it is: one column by primary
// key, no joins, no JSON built per read. The triggers are made here from `orderJsonSql` and the
// table's columns; when either changes, `ensureOrderJson` remakes them and refills every row.
import { createHash } from 'node:crypto';
import type { Database, SqlExecutor } from './driver/types.ts';
import { orderJsonSql } from './job-orders.ts';

const name = 'job_orders.json';

/** The JSON of the order row `o` (with its jobcenter `j` and company `c`), for one id or a set of rows. */
const jsonOf = (where: string) => `(SELECT ${orderJsonSql}
      FROM job_orders o
      JOIN jobcenters j ON j.id = o.responsible_jobcenter_id
      JOIN companies c ON c.id = o.company_id
     WHERE ${where})`;

/** The triggers that keep the column: name → what follows `CREATE TRIGGER <name>`. */
function triggers(columns: string[]): Record<string, string> {
  // Every column but `json` itself: the trigger's own UPDATE sets only `json`, so it never fires
  // itself, whatever `recursive_triggers` says.
  const watched = columns.filter((c) => c !== 'json').join(', ');
  const keep = (target: string, where: string) => `UPDATE job_orders SET json = ${jsonOf(where)} WHERE ${target}; END`;
  return {
    job_orders_json_insert: `AFTER INSERT ON job_orders BEGIN\n       ${keep('id = NEW.id', 'o.id = NEW.id')}`,
    job_orders_json_update: `AFTER UPDATE OF ${watched} ON job_orders BEGIN\n       ${keep('id = NEW.id', 'o.id = NEW.id')}`,
    job_orders_json_company: `AFTER UPDATE OF name, cvr ON companies BEGIN\n       ${keep('company_id = NEW.id', 'o.id = job_orders.id')}`,
    job_orders_json_jobcenter: `AFTER UPDATE OF name ON jobcenters BEGIN\n       ${keep('responsible_jobcenter_id = NEW.id', 'o.id = job_orders.id')}`,
  };
}

async function columnsOf(db: SqlExecutor): Promise<string[]> {
  return (await db.query<{ name: string }>("SELECT name FROM pragma_table_info('job_orders') ORDER BY cid")).map((r) => String(r.name));
}

const fingerprintOf = (columns: string[]) =>
  createHash('sha256').update(Object.entries(triggers(columns)).map(([trigger, body]) => `${trigger} ${body}`).join('\n')).digest('hex').slice(0, 16);

/**
 * Makes sure the triggers match this code's `orderJsonSql` and the table's columns; if not (a new
 * database, a changed expression, a new column), remakes them and refills every order's JSON in
 * one write transaction. An up-to-date database is only read (cold start).
 */
export async function ensureOrderJson(db: Database): Promise<boolean> {
  const current = async (ex: SqlExecutor) => {
    const fingerprint = fingerprintOf(await columnsOf(ex));
    const stored = await ex.queryOne<{ fingerprint: string }>('SELECT fingerprint FROM derived_state WHERE name = ?', [name]);
    return { fingerprint, upToDate: stored?.fingerprint === fingerprint };
  };
  if ((await current(db)).upToDate) return false;
  return db.transaction(async (tx) => {
    // Another process may have done it meanwhile.
    const { fingerprint, upToDate } = await current(tx);
    if (upToDate) return false;
    for (const [trigger, body] of Object.entries(triggers(await columnsOf(tx)))) {
      await tx.run(`DROP TRIGGER IF EXISTS ${trigger}`);
      await tx.run(`CREATE TRIGGER ${trigger} ${body}`);
    }
    await tx.run(`UPDATE job_orders SET json = ${jsonOf('o.id = job_orders.id')}`);
    await tx.run('INSERT INTO derived_state (name, fingerprint) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET fingerprint = excluded.fingerprint', [name, fingerprint]);
    return true;
  });
}
