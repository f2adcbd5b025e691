import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Database } from './driver/types.ts';
import { ensureOrderJson } from './order-json.ts';

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * Applies the numbered SQL files in `migrations/` that the database has not seen, in order,
 * each in its own transaction, and records them. Safe to run from several processes at once:
 * a migration that another process applied first is skipped.
 */
export async function migrate(db: Database): Promise<string[]> {
  // An up-to-date database is only read: a write transaction per migration at every start cost a
  // group-commit fsync each, slowing every start. Each pending one is still checked again inside
  // its own transaction, as another process may be migrating the same file at the same time.
  const hasTable = await db.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'");
  if (hasTable.length === 0) {
    await db.run('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  }
  const seenBefore = new Set((await db.query<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => String(r.name)));
  const files = (await readdir(migrationsDir)).filter((f) => /^\d+_.+\.sql$/.test(f) && !seenBefore.has(f)).sort();
  const applied: string[] = [];
  for (const name of files) {
    const sql = await readFile(migrationsDir + name, 'utf8');
    const done = await db.transaction(async (tx) => {
      const seen = await tx.query('SELECT 1 FROM schema_migrations WHERE name = ?', [name]);
      if (seen.length > 0) return false;
      for (const statement of splitStatements(sql)) await tx.run(statement);
      await tx.run('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)', [
        name,
        new Date().toISOString(),
      ]);
      return true;
    });
    if (done) applied.push(name);
  }
  // Derived from code as well as schema: remade when either changed (server/db/order-json.ts).
  await ensureOrderJson(db);
  return applied;
}

/**
 * Splits a migration into statements; our migrations keep `;` out of strings and comments. A
 * `CREATE TRIGGER … BEGIN …; …; END` is one statement, its body's `;` included.
 */
function splitStatements(sql: string): string[] {
  const pieces = sql
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const statements: string[] = [];
  for (let i = 0; i < pieces.length; i++) {
    let statement = pieces[i]!;
    if (/^CREATE\s+TRIGGER\b/i.test(statement)) {
      while (i + 1 < pieces.length && !/^END$/i.test(pieces[i]!)) statement += `;\n${pieces[++i]!}`;
    }
    statements.push(statement);
  }
  return statements;
}
