/**
 * Operating JobAG Orders without demo data: onboard companies, issue and revoke API keys, allow
 * browser origins, sign jobcenters up, enable webhook subscriptions again. Uses DATABASE_URL (and
 * DATABASE_AUTH_TOKEN) like the server; enable-webhook also JOBAG_SIGNING_SECRET, to sign its ping.
 *
 *   node --import tsx scripts/admin.ts add-company company.json
 *   node --import tsx scripts/admin.ts create-key --company 31415926 [--label "HR system"]
 *   node --import tsx scripts/admin.ts create-key --jobcenter 101
 *   node --import tsx scripts/admin.ts revoke-key jobag_…
 *   node --import tsx scripts/admin.ts revoke-demo-keys   (before production on a database once started in demo mode)
 *   node --import tsx scripts/admin.ts allow-origin --company 31415926 https://portal.example
 *   node --import tsx scripts/admin.ts sign-up 147      (or sign-out 147)
 *   node --import tsx scripts/admin.ts enable-webhook 12   (active again as if it never failed, sends a test ping;
 *                                                         revoking a key disables the subscriptions it made)
 *
 * company.json: {"cvr": "31415926", "name": "…", "workplaces": [{"pNumber": "1003456781", "name": "…",
 * "street": "…", "postalCode": "1620", "city": "…", "municipalityCode"?: "101"}], "contactPersons":
 * [{"name": "…", "email": "…", "phone"?: "…", "workplace"?: "1003456781"}]}
 */
import { mkdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../server/db/driver/client.ts';
import { migrate } from '../server/db/migrate.ts';
import { ensureJobcenters } from '../server/db/reference-data.ts';
import { loadConfig } from '../server/config/index.ts';
import { runAdmin, UsageError } from '../server/ops/admin.ts';

export { isValidCvr, runAdmin } from '../server/ops/admin.ts';

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (!process.env.DATABASE_URL) mkdirSync('data', { recursive: true });
  const db = await openDatabase({ url: process.env.DATABASE_URL ?? 'file:data/jobag.db', authToken: process.env.DATABASE_AUTH_TOKEN });
  try {
    await migrate(db);
    await ensureJobcenters(db);
    // The server's own configuration: the secret that sealed the subscriptions' secrets, and
    // demo mode's leave to ping a receiver on 127.0.0.1.
    const webhooks = () => {
      const config = loadConfig();
      return { serverSecret: config.signingSecret, policy: { allowLoopback: config.demo } };
    };
    console.log(await runAdmin(process.argv.slice(2), db, new Date(), { webhooks }));
  } catch (error) {
    console.error(error instanceof UsageError ? error.message : error);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  } finally {
    db.close();
  }
}
