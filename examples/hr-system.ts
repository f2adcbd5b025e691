/**
 * An HR system using the typed SDK server-to-server, as a real integration would:
 * page through the company's orders, create one (safely retryable), edit it with If-Match, change
 * its status, read the placement log, then print placements as they arrive on the event stream.
 * The client retries a 429, a 503 or a lost connection by itself where that is safe, gives every
 * create an Idempotency-Key, and gives up after its time-out with a JobagNetworkError.
 *
 *   npm start                                   # in one terminal
 *   node --import tsx examples/hr-system.ts     # in another
 *
 * JOBAG_URL (default http://localhost:8787) and JOBAG_API_KEY (default demo_employer_a) override.
 * JOBAG_WATCH_SECONDS (default 5) is how long it follows the stream: place a candidate on one of
 * the company's orders from the jobcenter desk (/examples/desk.html) meanwhile to see it arrive.
 */
import { createJobagClient, etagOf, JobagNetworkError, paginate, subscribeToEvents } from '../sdk/index.ts';

const jobag = createJobagClient({
  baseUrl: process.env.JOBAG_URL ?? 'http://localhost:8787',
  apiKey: process.env.JOBAG_API_KEY ?? 'demo_employer_a',
  timeout: 15_000,
  retry: { attempts: 4, maxDelay: 20_000 },
});

function fail(step: string, error: unknown): never {
  console.error(`${step} failed:`, JSON.stringify(error, null, 2));
  process.exit(1);
}

// An answer with an error comes back as `{ error }`; no answer at all (time-out, network) is thrown.
async function answered<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (!(error instanceof JobagNetworkError)) throw error;
    console.error(`No answer from JobAG (${error.kind}): ${error.message}`);
    process.exit(1);
  }
}

const me = await answered(jobag.GET('/v1/me'));
if (!me.data?.company) fail('GET /v1/me', me.error);
const company = me.data.company;
const workplace = company.workplaces[0]!;
const contact = company.contactPersons[0]!;
console.log(`Company ${company.name} (CVR ${company.cvr})`);

// Every order, page after page: paginate follows nextCursor with the same sort on every page.
let count = 0;
for await (const order of paginate(jobag, '/v1/job-orders', { params: { query: { sort: 'updatedAt', order: 'desc', limit: 50 } } })) {
  if (count++ < 5) console.log(`  #${order.id} ${order.occupation.title} — ${order.status}, ${order.candidateCount} candidates`);
}
console.log(`${count} orders in all`);

const titles = await jobag.GET('/v1/occupations', { params: { query: { q: 'lager' } } });
const occupation = titles.data?.items[0];
if (!occupation) fail('occupation search', titles.error);

// The client sends an Idempotency-Key and keeps it on a retry, so a create whose answer was lost is
// answered from the first try instead of making a second order. Give your own (your record's id)
// to stay safe across restarts of this script too: params: { header: { 'Idempotency-Key': … } }.
const created = await jobag.POST('/v1/job-orders', {
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
