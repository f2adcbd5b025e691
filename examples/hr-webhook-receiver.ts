/**
 * An HR system that is told instead of polling (webhooks): it starts its own receiver,
 * subscribes to the company's journal kinds with its API key, and prints each delivery once it has
 * checked the Standard Webhooks signature with the SDK's `verifyWebhook`. To have something to
 * receive it creates a job order and pauses it; place a candidate from the jobcenter desk
 * (/examples/desk.html) meanwhile to see a placement arrive. It deletes its subscription at the end.
 *
 *   npm start                                             # in one terminal (demo mode: http and 127.0.0.1 receivers are allowed)
 *   node --import tsx examples/hr-webhook-receiver.ts     # in another
 *
 * JOBAG_URL (default http://localhost:8787), JOBAG_API_KEY (default demo_employer_a) and
 * JOBAG_WATCH_SECONDS (default 5) override. In production the receiver must be https on a public address.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { createJobagClient, etagOf, verifyWebhook, WebhookVerificationError } from '../sdk/index.ts';

const baseUrl = process.env.JOBAG_URL ?? 'http://localhost:8787';
const jobag = createJobagClient({ baseUrl, apiKey: process.env.JOBAG_API_KEY ?? 'demo_employer_a' });

function fail(step: string, error: unknown): never {
  console.error(`${step} failed:`, JSON.stringify(error, null, 2));
  process.exit(1);
}

let secret = '';
/** webhook-id of every delivery handled: a retry of one already handled is answered 200 and dropped. */
const handled = new Set<string>();

// The receiver: read the raw body (the signature is over these exact bytes), verify, answer fast.
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', async () => {
    try {
      const event = await verifyWebhook(secret, req.headers, Buffer.concat(chunks));
      const id = String(req.headers['webhook-id']);
      if (!handled.has(id)) {
        handled.add(id);
        const entry = event.data;
        console.log(`  Verified delivery ${id}: ${event.type} on #${entry.orderId} (version ${entry.orderVersion}) by ${entry.actor.name}${entry.description ? ` — ${entry.description}` : ''}`);
      }
      res.writeHead(204).end();
    } catch (error) {
      // Not from JobAG (or tampered with, or replayed late): refuse, and tell nobody why.
      console.log(`  Refused a delivery: ${error instanceof WebhookVerificationError ? error.message : String(error)}`);
      res.writeHead(401).end();
    }
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/jobag-webhook`;

const subscribed = await jobag.POST('/v1/webhook-subscriptions', {
  body: { url: receiverUrl, events: ['created', 'edited', 'status_changed', 'coordinator_appointed', 'note', 'placement', 'withdrawn'] },
});
if (!subscribed.data) fail('subscribe', subscribed.error);
// Shown only in this answer: a real HR system stores it with its other secrets.
secret = subscribed.data.secret;
console.log(`Subscribed ${receiverUrl} as webhook subscription ${subscribed.data.id} (secret ${secret.slice(0, 10)}…)`);

const me = await jobag.GET('/v1/me');
if (!me.data?.company) fail('GET /v1/me', me.error);
const { workplaces, contactPersons } = me.data.company;
const workplace = workplaces[0]!;
const contact = contactPersons[0]!;
const titles = await jobag.GET('/v1/occupations', { params: { query: { q: 'lager' } } });
const occupation = titles.data?.items[0];
if (!occupation) fail('occupation search', titles.error);
const created = await jobag.POST('/v1/job-orders', {
  params: { header: { 'Idempotency-Key': randomUUID() } },
  body: {
    occupationCode: occupation.code,
    responsibleJobcenterId: workplace.localJobcenterId,
    description: 'Lagerarbejde i januar.',
    positions: 1,
    workplace: { pNumber: workplace.pNumber, name: workplace.name, street: workplace.street, postalCode: workplace.postalCode, city: workplace.city },
    contact: { contactPersonId: contact.id, name: contact.name, email: contact.email, phone: contact.phone },
  },
});
if (!created.data) fail('create', created.error);
const paused = await jobag.POST('/v1/job-orders/{id}/status', {
  params: { path: { id: created.data.id }, header: { 'If-Match': etagOf(created.response) } },
  body: { status: 'inactive', note: 'Pause til februar.' },
});
if (!paused.data) fail('status', paused.error);
console.log(`Created job order ${created.data.id} and paused it; waiting for the deliveries …`);

const watchSeconds = Number(process.env.JOBAG_WATCH_SECONDS ?? 5);
await new Promise((resolve) => setTimeout(resolve, watchSeconds * 1000));

const list = await jobag.GET('/v1/webhook-subscriptions');
const mine = list.data?.items.find((s) => s.id === subscribed.data.id);
console.log(`Subscription ${subscribed.data.id}: ${mine?.status}, ${mine?.consecutiveFailures ?? 0} failures in a row`);
await jobag.DELETE('/v1/webhook-subscriptions/{subscriptionId}', { params: { path: { subscriptionId: subscribed.data.id } } });
console.log(`Deleted subscription ${subscribed.data.id}; ${handled.size} deliveries received.`);
receiver.close();
