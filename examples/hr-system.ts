/**
 * An HR system using the typed SDK server-to-server, as a real integration would:
 * list the company's orders, create one (safely retryable), edit it with If-Match, change its
 * status, read the placement log, then print placements as they arrive on the event stream.
 *
 *   npm start                                   # in one terminal
 *   node --import tsx examples/hr-system.ts     # in another
 *
 * JOBAG_URL (default http://localhost:8787) and JOBAG_API_KEY (default demo_employer_a) override.
 * JOBAG_WATCH_SECONDS (default 5) is how long it follows the stream: place a candidate on one of
 * the company's orders from the jobcenter desk (/examples/desk.html) meanwhile to see it arrive.
 */
import { randomUUID } from 'node:crypto';
import { createJobagClient, etagOf, subscribeToEvents } from '../sdk/index.ts';

const jobag = createJobagClient({
  baseUrl: process.env.JOBAG_URL ?? 'http://localhost:8787',
  apiKey: process.env.JOBAG_API_KEY ?? 'demo_employer_a',
});

function fail(step: string, error: unknown): never {
  console.error(`${step} failed:`, JSON.stringify(error, null, 2));
  process.exit(1);
}

const me = await jobag.GET('/v1/me');
if (!me.data?.company) fail('GET /v1/me', me.error);
const company = me.data.company;
const workplace = company.workplaces[0]!;
const contact = company.contactPersons[0]!;
console.log(`Company ${company.name} (CVR ${company.cvr})`);

const list = await jobag.GET('/v1/job-orders', { params: { query: { sort: 'updatedAt', order: 'desc', limit: 5 } } });
if (!list.data) fail('list', list.error);
for (const order of list.data.items) console.log(`  #${order.id} ${order.occupation.title} — ${order.status}, ${order.candidateCount} candidates`);

const titles = await jobag.GET('/v1/occupations', { params: { query: { q: 'lager' } } });
const occupation = titles.data?.items[0];
if (!occupation) fail('occupation search', titles.error);

// The same Idempotency-Key on a retry returns the first order instead of creating a second one.
const created = await jobag.POST('/v1/job-orders', {
  params: { header: { 'Idempotency-Key': randomUUID() } },
  body: {
    occupationCode: occupation.code,
    responsibleJobcenterId: workplace.localJobcenterId,
    description: 'Pakning og forsendelse af ordrer i december.',
    positions: 2,
    workplace: { pNumber: workplace.pNumber, name: workplace.name, street: workplace.street, postalCode: workplace.postalCode, city: workplace.city },
    contact: { contactPersonId: contact.id, name: contact.name, email: contact.email, phone: contact.phone },
  },
});
if (!created.data) fail('create', created.error);
console.log(`Created job order ${created.data.id}: ${created.data.occupation.title}, start ${created.data.startDate}`);

const edited = await jobag.PATCH('/v1/job-orders/{id}', {
  params: { path: { id: created.data.id }, header: { 'If-Match': etagOf(created.response) } },
  body: { positions: 3, note: 'Vi har brug for en ekstra.' },
});
if (!edited.data) fail('edit', edited.error);
console.log(`Edited: ${edited.data.positions} positions (version ${edited.data.version})`);

// Every change names the version it was made against (If-Match; an API key without it gets 428).
const status = await jobag.POST('/v1/job-orders/{id}/status', {
  params: { path: { id: created.data.id }, header: { 'If-Match': etagOf(edited.response) } },
  body: { status: 'inactive', note: 'Pause til januar.' },
});
if (!status.data) fail('status', status.error);
console.log(`Status: ${status.data.status}`);

const log = await jobag.GET('/v1/job-orders/{id}/log', { params: { path: { id: created.data.id } } });
if (!log.data) fail('log', log.error);
for (const entry of log.data.items) console.log(`  ${entry.at} ${entry.actor.name}: ${entry.action} ${entry.description}`);

// Placements as they arrive (GET /v1/events): the company's orders only, resumable with Last-Event-ID.
const watchSeconds = Number(process.env.JOBAG_WATCH_SECONDS ?? 5);
console.log(`Watching for placements for ${watchSeconds} s …`);
const stream = subscribeToEvents({
  baseUrl: process.env.JOBAG_URL ?? 'http://localhost:8787',
  apiKey: process.env.JOBAG_API_KEY ?? 'demo_employer_a',
  onEvent: (entry) => {
    if (entry.action === 'placement') console.log(`  Placement on #${entry.orderId} by ${entry.actor.name}: ${entry.description}`);
    if (entry.action === 'withdrawn') console.log(`  Withdrawn from #${entry.orderId} by ${entry.actor.name}: ${entry.description}`);
  },
  onError: (error) => {
    if (!error.willRetry) console.error(`The event stream stopped: ${error.message}`);
  },
});
await new Promise((resolve) => setTimeout(resolve, watchSeconds * 1000));
stream.close();
console.log(`Stopped watching (last event id ${stream.lastEventId ?? 'none'}).`);
