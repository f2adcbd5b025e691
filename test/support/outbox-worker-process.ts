// A second server's outbox worker, as its own process: `node --import tsx this.ts <database-url> <smtp-port>`.
// Sends until the outbox has had nothing due for a while, then prints how many it sent and exits.
import { openDatabase } from '../../server/db/driver/client.ts';
import { smtpMailer } from '../../server/workers/mail/mailer.ts';
import { createOutboxWorker } from '../../server/workers/mail/worker.ts';

const [url, port] = process.argv.slice(2);
const db = await openDatabase({ url: url! });
const mailer = smtpMailer(`smtp://127.0.0.1:${port}`, { timeoutMs: 5000 });
const worker = createOutboxWorker({ db, mailer, from: 'JobAG Jobordre <jobordre@jobag.example>', batchSize: 3, log: () => {} });
let sent = 0;
let idle = 0;
while (idle < 20) {
  const round = await worker.runOnce();
  sent += round.sent;
  const pending = await db.query('SELECT 1 FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL LIMIT 1');
  idle = pending.length === 0 ? idle + 1 : 0;
  await new Promise((resolve) => setTimeout(resolve, 5));
}
mailer.close();
db.close();
console.log(JSON.stringify({ sent }));
