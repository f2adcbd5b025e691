// The database a test harness runs on: a fresh temporary file, or — when TEST_LIBSQL_URL (and
// TEST_LIBSQL_AUTH_TOKEN) is set — a real libSQL server (sqld, Turso), emptied first, so the
// many-machine path is proven with one command: `TEST_LIBSQL_URL=http://127.0.0.1:8080 npm run test:libsql`.
// One server database is shared, so that script runs one test file at a time.
import { openDatabase } from '../../server/db/driver/client.ts';
import type { Database } from '../../server/db/driver/types.ts';

export async function openTestDatabase(file: string): Promise<Database> {
  const url = process.env.TEST_LIBSQL_URL;
  if (!url) return openDatabase({ url: `file:${file}` });
  const db = await openDatabase({ url, authToken: process.env.TEST_LIBSQL_AUTH_TOKEN });
  const objects = await db.query<{ type: string; name: string }>(
    "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_litestream%'",
  );
  await db.run('PRAGMA foreign_keys = OFF');
  for (const { type, name } of objects) await db.run(`DROP ${type === 'view' ? 'VIEW' : 'TABLE'} IF EXISTS "${name}"`);
  if ((await db.query("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'")).length > 0) await db.run('DELETE FROM sqlite_sequence');
  return db;
}
