// A second server's outbox worker, as its own process: `node --import tsx this.ts <database-url> <smtp-port>`.
// Sends until no e-mail is left unsent (by either process), then prints how many it sent and exits.
import { openDatabase } from '../../server/db/driver/client.ts';
import { smtpMailer } from '../../server/workers/mail/mailer.ts';
import { createOutboxWorker } from '../../server/workers/mail/worker.ts';

const [url, port] = process.argv.slice(2);
const db = await openDatabase({ url: url! });
const mailer = smtpMailer(`smtp://127.0.0.1:${port}`, { timeoutMs: 5000 });
const worker = createOutboxWorker({ db, mailer, from: 'JobAG Jobordre <jobordre@jobag.example>', batchSize: 3, log: () => {} });
let sent = 0;
for (;;) {
  const round = await worker.runOnce();
  sent += round.sent;
  // A row the other process has leased but not yet sent still counts as unsent.
  const unsent = await db.query('SELECT 1 FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL LIMIT 1');
  if (unsent.length === 0) break;
  // Nothing was free to claim: the rest is the other process's, poll until it is sent.
  if (round.sent === 0) await new Promise((resolve) => setTimeout(resolve, 5));
}
mailer.close();
db.close();
console.log(JSON.stringify({ sent }));
