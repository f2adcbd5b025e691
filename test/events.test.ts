// The live event stream: GET /v1/events over real HTTP, read with the SDK's reader and
// with raw fetch. Who sees what (R1.4, R1.6, R8.4), the log's actions and actors (R4.3),
// resumption with Last-Event-ID, a second server process on the same database file, and the
// address-protected candidate whose address never leaves the server.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createApp } from '../server/http/app.ts';
import { hashApiKey, signWidgetToken } from '../server/auth/index.ts';
import { eventFeedFor } from '../server/core/events.ts';
import { insertApiKey } from '../server/db/credentials.ts';
import { subscribeToEvents, type EventStream, type EventStreamError, type EventStreamOptions, type LogEntry } from '../sdk/index.ts';
import { checkAgainstContract } from './support/contract.ts';
import { demoKeys, signingSecret, startHarness, type Harness } from './support/harness.ts';
import { validOrder, validOrderB } from './support/orders.ts';
import { startServerProcess } from './support/server-process.ts';

const A: string = demoKeys.employerA;
const B: string = demoKeys.employerB;
const KK: string = demoKeys.jobcenter101; // responsible for validOrder()
const AAR: string = demoKeys.jobcenter751;
const VEJLE = 'test_events_jobcenter_630_not_signed_up';
const heartbeatMs = 150;

/** Address protection (adressebeskyttelse): this street must never appear in any event. */
const protectedStreet = 'Skjultevej 977';
const protectedCandidate = {
  name: 'Sara Nielsen', birthYear: 1989, addressProtected: true,
  address: { street: protectedStreet, postalCode: '2400', city: 'København NV' }, cvSearchable: false, phone: '+45 40 11 22 33',
};
const candidate = (name: string) => ({ name, birthYear: 1999, addressProtected: false, cvSearchable: false, email: 'kandidat@post.example', phone: '+45 26 55 77 88' });

let h: Harness;
let server: Server;
let baseUrl: string;
/** Every byte of every event stream this file opened, for the privacy scan. */
const streamText: string[] = [];
const readers: EventStream[] = [];
const contractViolations: string[] = [];

before(async () => {
  h = await startHarness({ now: new Date().toISOString() });
  // Short heartbeats and small journal reads, so the tests see both; the poll stays at its default (500 ms).
  eventFeedFor(h.db, { heartbeatMs, batchSize: 3 });
  await insertApiKey(h.db, { hash: hashApiKey(VEJLE), label: 'test', owner: { jobcenterId: '630' } }, new Date().toISOString());
  const app = createApp({
    db: h.db,
    clock: () => new Date(),
    signingSecret,
    corsOrigins: [],
    journalChanged: () => eventFeedFor(h.db).wake(),
  });
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  await new Promise<void>((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  for (const reader of readers) reader.close();
  await waitFor(() => eventFeedFor(h.db).listenerCount === 0, 2_000, 'every stream\'s listener is removed when its client goes');
  await new Promise((resolve) => {
    server.close(resolve);
    // undici keeps an aborted response's socket open for a few seconds; the streams are gone already.
    server.closeAllConnections();
  });
  await h.close();
  assert.deepEqual(contractViolations, [], 'every JSON response matches openapi.yaml');
});

async function waitFor(check: () => boolean, ms = 3_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A JSON call to a server, checked against the contract. */
async function api(key: string, method: string, path: string, body?: unknown, url = baseUrl, extra: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { authorization: `Bearer ${key}`, ...extra };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  const parsed = type.includes('json') && text ? JSON.parse(text) : text;
  contractViolations.push(...checkAgainstContract(method, path, res.status, type, parsed));
  return { status: res.status, body: parsed };
}

async function createOrder(key = A, url = baseUrl): Promise<any> {
  // No e-mail on placement: a second process's outbox worker would otherwise send it.
  const body = key === B ? validOrderB({ emailOnPlacement: false }) : validOrder({ emailOnPlacement: false });
  const res = await api(key, 'POST', '/v1/job-orders', body, url);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}
const place = async (orderId: number, key: string, person: object = candidate('Lise Holm'), url = baseUrl) => {
  const res = await api(key, 'POST', `/v1/job-orders/${orderId}/placements`, { candidate: person, description: 'Et godt match.' }, url);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
};
// An integration sends If-Match on a change (428 without); `*` is "whatever the version".
const anyVersion = { 'if-match': '*' };
const edit = async (orderId: number, positions: number, key = A) =>
  assert.equal((await api(key, 'PATCH', `/v1/job-orders/${orderId}`, { positions }, baseUrl, anyVersion)).status, 200);
const setStatus = async (orderId: number, status: string, key = A) =>
  assert.equal((await api(key, 'POST', `/v1/job-orders/${orderId}/status`, { status, note: 'Holder pause.' }, baseUrl, anyVersion)).status, 200);

/** A fetch that keeps a copy of every byte it receives. */
const recordingFetch = async (request: Request): Promise<Response> => {
  const response = await fetch(request);
  if (!response.body) return response;
  const decoder = new TextDecoder();
  const body = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        streamText.push(decoder.decode(chunk, { stream: true }));
        controller.enqueue(chunk);
      },
    }),
  );
  return new Response(body, { status: response.status, headers: response.headers });
};

interface Reader {
  stream: EventStream;
  events: LogEntry[];
  errors: EventStreamError[];
  opens: number;
}

/** The SDK's reader, open (its first connection established) when this resolves. */
async function listen(options: Partial<EventStreamOptions> & { apiKey?: string }, url = baseUrl): Promise<Reader> {
  const reader: Reader = { stream: undefined as never, events: [], errors: [], opens: 0 };
  reader.stream = subscribeToEvents({
    baseUrl: url,
    fetch: recordingFetch,
    retryMs: 50,
    onEvent: (entry) => reader.events.push(entry),
    onError: (error) => reader.errors.push(error),
    onOpen: () => reader.opens++,
    ...options,
  });
  readers.push(reader.stream);
  await waitFor(() => reader.opens > 0 || reader.errors.some((e) => !e.willRetry), 3_000, 'the stream opens');
  return reader;
}

const ofOrder = (reader: Reader, orderId: number) => reader.events.filter((e) => e.orderId === orderId);

/** A raw GET /v1/events: the status, headers and (for a stream) the text read until `readUntil` holds. */
async function rawEvents(options: { key?: string; query?: string; headers?: Record<string, string>; readUntil?: (text: string) => boolean } = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  const controller = new AbortController();
  const res = await fetch(`${baseUrl}/v1/events${options.query ?? ''}`, { headers, signal: controller.signal });
  const type = res.headers.get('content-type') ?? '';
  if (!type.startsWith('text/event-stream')) {
    const body = await res.json();
    contractViolations.push(...checkAgainstContract('GET', '/v1/events', res.status, type, body));
    return { status: res.status, type, body, text: '' };
  }
  let text = '';
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  // A bound, not a wait: the read ends as soon as the text holds what the test looks for.
  const stop = setTimeout(() => controller.abort(), 5_000);
  try {
    while (!options.readUntil?.(text)) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // aborted at the bound
  } finally {
    clearTimeout(stop);
    controller.abort();
  }
  streamText.push(text);
  contractViolations.push(...checkAgainstContract('GET', '/v1/events', res.status, type, text));
  return { status: res.status, type, body: undefined, text };
}

describe('GET /v1/events: who sees what', () => {
  it('a company sees its own orders\' events in order with the right action and actor; another company never does (R1.6, R4.3)', async () => {
    const a = await listen({ apiKey: A });
    const b = await listen({ apiKey: B });
    // A contact person's widget token: the log names the person as well as the company.
    const session = await api(A, 'POST', '/v1/sessions', { contactPersonId: 1 });
    const token: string = session.body.token;

    const order = await createOrder();
    await edit(order.id, 3);
    await setStatus(order.id, 'inactive', token);
    await setStatus(order.id, 'open');
    await place(order.id, KK);
    await waitFor(() => ofOrder(a, order.id).length === 5, 3_000, 'five events of A\'s order');

    const events = ofOrder(a, order.id);
    assert.deepEqual(events.map((e) => e.action), ['created', 'edited', 'changed', 'changed', 'placement']);
    assert.deepEqual(events.map((e) => e.status), [null, null, 'inactive', 'open', null]);
    assert.deepEqual(events.map((e) => [e.actor.kind, e.actor.name, e.actor.person]), [
      ['company', 'Nordlys Køkken ApS', null],
      ['company', 'Nordlys Køkken ApS', null],
      ['company', 'Nordlys Køkken ApS', 'Mette Hansen'],
      ['company', 'Nordlys Køkken ApS', null],
      ['jobcenter', 'Jobcenter København', null],
    ]);
    assert.ok(events.every((e, i) => i === 0 || (e.id > events[i - 1]!.id && e.orderVersion > events[i - 1]!.orderVersion)), 'ids and versions grow');
    // The same read of the journal as the placement log: identical entries.
    const log = await api(A, 'GET', `/v1/job-orders/${order.id}/log`);
    assert.deepEqual(events, log.body.items);
    assert.equal(a.stream.lastEventId, String(events.at(-1)!.id));

    const ofB = await createOrder(B);
    await waitFor(() => ofOrder(b, ofB.id).length === 1, 3_000, 'B sees its own order');
    // A change of A's made after B's order: once A has it, B's creation had its chance to reach A.
    await edit(order.id, 4);
    await waitFor(() => ofOrder(a, order.id).length === 6, 3_000, 'A\'s later change');
    assert.equal(ofOrder(a, ofB.id).length, 0, 'A never receives B\'s events');
    assert.equal(ofOrder(b, order.id).length, 0, 'B never receives A\'s events');
    assert.ok(b.events.every((e) => e.orderId === ofB.id));
    a.stream.close();
    b.stream.close();
  });

  it('a jobcenter sees a scheme order\'s creation but not another jobcenter\'s placement on it; the placing jobcenter does (R1.4, R8.4)', async () => {
    const kk = await listen({ apiKey: KK });
    const aar = await listen({ apiKey: AAR });
    const company = await listen({ apiKey: A });
    const order = await createOrder();
    const byAarhus = await place(order.id, AAR, candidate('Amir Haddad'));
    const byKobenhavn = await place(order.id, KK, candidate('Peter Madsen'));
    assert.equal((await api(AAR, 'POST', `/v1/job-orders/${order.id}/placements/${byAarhus.id}/withdraw`, { reason: 'Fik andet job.' })).status, 200);
    await setStatus(order.id, 'closed'); // a later scheme event: once it arrived, nothing before it is still on the way
    const seen = (r: Reader) => ofOrder(r, order.id).map((e) => `${e.action}:${e.placementId ?? ''}`);
    await waitFor(() => ofOrder(kk, order.id).at(-1)?.action === 'changed' && ofOrder(aar, order.id).at(-1)?.action === 'changed' && ofOrder(company, order.id).length === 5);

    assert.deepEqual(seen(aar), ['created:', `placement:${byAarhus.id}`, `withdrawn:${byAarhus.id}`, 'changed:']);
    assert.deepEqual(seen(kk), ['created:', `placement:${byKobenhavn.id}`, 'changed:'], 'the responsible jobcenter does not see Aarhus\'s candidate');
    assert.deepEqual(seen(company), ['created:', `placement:${byAarhus.id}`, `placement:${byKobenhavn.id}`, `withdrawn:${byAarhus.id}`, 'changed:']);
    for (const r of [kk, aar, company]) r.stream.close();
  });

  it('a stream of one order (orderId) carries only that order; an order the caller may not see is 404', async () => {
    const mine = await createOrder();
    const other = await createOrder();
    const one = await listen({ apiKey: A, orderId: mine.id });
    await edit(other.id, 4);
    await edit(mine.id, 5);
    await edit(other.id, 6);
    await setStatus(mine.id, 'inactive');
    // The stream keeps journal order: once the last change of `mine` is in, every change of `other` before it had its chance.
    await waitFor(() => one.events.length === 2);
    assert.deepEqual(one.events.map((e) => [e.orderId, e.action]), [[mine.id, 'edited'], [mine.id, 'changed']]);
    one.stream.close();

    const ofB = await createOrder(B);
    const hidden = await rawEvents({ key: A, query: `?orderId=${ofB.id}` });
    assert.equal(hidden.status, 404);
    assert.equal(hidden.body.type, '/problems/not-found');
    assert.equal((await rawEvents({ key: A, query: '?orderId=999999' })).status, 404);
    // The SDK's reader stops for good on a refusal that retrying cannot fix.
    const refused = await listen({ apiKey: A, orderId: ofB.id });
    assert.equal(refused.errors[0]?.status, 404);
    assert.equal(refused.errors[0]?.willRetry, false);
    assert.equal(refused.stream.closed, true);
    assert.equal(refused.opens, 0);
  });
});

describe('GET /v1/events: resuming without gaps or repeats', () => {
  it('reconnecting with Last-Event-ID delivers exactly the events made while disconnected, then the live ones', async () => {
    const order = await createOrder();
    const first = await listen({ apiKey: A });
    await edit(order.id, 2);
    await waitFor(() => first.events.length === 1);
    first.stream.close();
    const resumeFrom = first.stream.lastEventId!;
    assert.equal(resumeFrom, String(first.events[0]!.id));

    // Seven changes while nobody listens: more than two of the feed's reads (batchSize 3 in this file).
    const other = await createOrder(B);
    for (let n = 3; n <= 6; n++) await edit(order.id, n);
    await setStatus(order.id, 'inactive');
    await setStatus(order.id, 'open');
    await edit(other.id, 2, B);
    const missed = (await api(A, 'GET', `/v1/job-orders/${order.id}/log`)).body.items.filter((e: LogEntry) => e.id > Number(resumeFrom));
    assert.equal(missed.length, 6);

    const again = await listen({ apiKey: A, lastEventId: resumeFrom });
    await waitFor(() => again.events.length === 6);
    await edit(order.id, 7);
    await waitFor(() => again.events.length === 7);
    // One more live change: a repeat of anything before it would have arrived first.
    await edit(order.id, 8);
    await waitFor(() => again.events.length >= 8);
    assert.equal(again.events.length, 8);
    assert.deepEqual(again.events.slice(0, 6), missed, 'exactly the missed ones, oldest first');
    assert.deepEqual(again.events.map((e) => e.orderId), Array(8).fill(order.id), 'never another company\'s');
    assert.equal(new Set(again.events.map((e) => e.id)).size, 8, 'none repeated');
    assert.ok(!again.events.some((e) => e.id <= Number(resumeFrom)), 'nothing from before Last-Event-ID');
    again.stream.close();

    // Raw: the header itself, and the SSE fields.
    const lastId = again.events.at(-1)!.id;
    const raw = await rawEvents({ key: A, headers: { 'Last-Event-ID': resumeFrom }, readUntil: (text) => text.includes(`id: ${lastId}\n`) });
    assert.equal(raw.status, 200);
    const ids = [...raw.text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    assert.deepEqual(ids, again.events.map((e) => e.id));
    assert.match(raw.text, new RegExp(`event: edited\\ndata: \\{"id":${missed[0].id},"orderId":${order.id},`));
  });

  it('the reader reconnects by itself when the server ends a stream, resuming where it left off', async () => {
    const feed = eventFeedFor(h.db);
    feed.settings.maxStreamMs = 250; // the server ends each stream after 250 ms
    try {
      const order = await createOrder();
      const reader = await listen({ apiKey: A, orderId: order.id });
      // Every second change waits for the reader's next connection, so the changes span several.
      const reconnected = async () => {
        const opens = reader.opens;
        await waitFor(() => reader.opens > opens, 3_000, 'the reader reconnected');
      };
      for (let n = 2; n <= 7; n++) {
        await edit(order.id, n);
        await waitFor(() => reader.events.length === n - 1, 3_000, `change ${n}`);
        if (n % 2 === 1) await reconnected();
      }
      // A change after one more reconnection: a repeat from resuming would have arrived before it.
      await reconnected();
      await edit(order.id, 8);
      await waitFor(() => reader.events.length >= 7, 3_000, 'the last change');
      assert.ok(reader.opens >= 4, `reconnected (${reader.opens} connections)`);
      assert.deepEqual(reader.events.map((e) => e.action), Array(7).fill('edited'));
      assert.equal(new Set(reader.events.map((e) => e.id)).size, 7, 'nothing twice across reconnections');
      reader.stream.close();
    } finally {
      feed.settings.maxStreamMs = 10 * 60_000;
    }
  });
});

describe('GET /v1/events: refusals, heartbeats, privacy', () => {
  it('a browser-style reader with getToken fetches a fresh token once when the API says it expired', async () => {
    const [key] = await h.db.query<{ id: number }>('SELECT id FROM api_keys WHERE key_hash = ?', [hashApiKey(A)]);
    const scope = { kind: 'employer' as const, companyId: 1, contactPersonId: 1, keyId: key!.id };
    const expired = (await signWidgetToken(signingSecret, scope, new Date(Date.now() - 3_600_000))).token;
    const calls: { refresh?: boolean }[] = [];
    const getToken = async (options?: { refresh?: boolean }) => {
      calls.push(options ?? {});
      return options?.refresh ? (await signWidgetToken(signingSecret, scope, new Date())).token : expired;
    };
    const reader = await listen({ getToken });
    assert.deepEqual(calls, [{ refresh: false }, { refresh: true }]);
    assert.deepEqual(reader.errors, []);
    const order = await createOrder();
    await waitFor(() => ofOrder(reader, order.id).length === 1);
    reader.stream.close();
  });

  it('401 without a credential, 403 for a jobcenter not signed up, 400 for a bad orderId or Last-Event-ID; never a stream', async () => {
    const none = await rawEvents();
    assert.equal(none.status, 401);
    assert.equal(none.type, 'application/problem+json');
    const vejle = await rawEvents({ key: VEJLE });
    assert.equal(vejle.status, 403);
    assert.equal(vejle.body.type, '/problems/not-signed-up');
    const badOrder = await rawEvents({ key: A, query: '?orderId=abc' });
    assert.equal(badOrder.status, 400);
    assert.equal(badOrder.body.errors[0].path, 'orderId');
    const unknown = await rawEvents({ key: A, query: '?order=1' });
    assert.equal(unknown.status, 400);
    const badResume = await rawEvents({ key: A, headers: { 'Last-Event-ID': 'yesterday' } });
    assert.equal(badResume.status, 400);
    assert.equal(badResume.body.errors[0].path, 'Last-Event-ID');
    // The reader reports the refusal and stops instead of retrying for ever.
    const sdk = await listen({ apiKey: VEJLE });
    assert.equal(sdk.errors[0]?.problem?.type, '/problems/not-signed-up');
    assert.equal(sdk.stream.closed, true);
    assert.throws(() => subscribeToEvents({ baseUrl, onEvent: () => {} }), /apiKey.*getToken/);
  });

  it('sends a keep-alive comment every heartbeat interval, with SSE headers', async () => {
    const res = await fetch(`${baseUrl}/v1/events`, { headers: { authorization: `Bearer ${KK}` } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
    // Personal data: never stored by a cache (no-store, which every /v1 answer carries).
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.headers.get('connection'), 'close', 'a connection ends with its stream (a shutting-down server is not kept busy)');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const started = Date.now();
    while ((text.match(/^: keep-alive$/gm) ?? []).length < 3) {
      const { value } = await reader.read();
      text += decoder.decode(value, { stream: true });
    }
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 2 * heartbeatMs && elapsed < 10 * heartbeatMs, `three heartbeats in ${elapsed} ms`);
    await reader.cancel();
    await waitFor(() => eventFeedFor(h.db).listenerCount === readers.filter((r) => !r.closed).length, 2_000, 'the listener goes with its client');
  });

  it('no event ever carries an address-protected candidate\'s address (R4.4, R8.4)', async () => {
    const company = await listen({ apiKey: A });
    const placing = await listen({ apiKey: KK });
    const order = await createOrder();
    const placed = await place(order.id, KK, protectedCandidate);
    await waitFor(() => company.events.some((e) => e.placementId === placed.id) && placing.events.some((e) => e.placementId === placed.id));
    company.stream.close();
    placing.stream.close();
    const all = streamText.join('');
    assert.ok(all.includes(`"placementId":${placed.id}`), 'the placement event was streamed');
    assert.ok(!all.includes(protectedStreet), 'the protected street appears in no event');
    assert.ok(!/Skjultevej/i.test(all));
  });
});

describe('GET /v1/events across server processes', () => {
  let child: ChildProcess;
  let childUrl: string;
  let output: () => string;
  before(async () => {
    // server/main.ts as `npm start` runs it, on this file's database (demo data is there already).
    ({ child, url: childUrl, output } = await startServerProcess({ DATABASE_URL: h.db.url, JOBAG_SIGNING_SECRET: signingSecret }));
  });
  after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('a client of one process sees a change made through the other within 2 s, both ways', async () => {
    const here = await listen({ apiKey: A });
    const there = await listen({ apiKey: A }, childUrl);

    let started = Date.now();
    const madeThere = await createOrder(A, childUrl);
    await waitFor(() => ofOrder(here, madeThere.id).length === 1, 2_000, 'this process streams the other\'s change');
    const hereMs = Date.now() - started;

    started = Date.now();
    await place(madeThere.id, AAR, candidate('Jonas Berg'));
    await waitFor(() => ofOrder(there, madeThere.id).length === 2, 2_000, 'the other process streams this one\'s change');
    const thereMs = Date.now() - started;
    assert.deepEqual(ofOrder(there, madeThere.id).map((e) => e.action), ['created', 'placement']);
    await waitFor(() => ofOrder(here, madeThere.id).length === 2);
    assert.deepEqual(ofOrder(here, madeThere.id), ofOrder(there, madeThere.id), 'both processes stream the same entries');
    here.stream.close();
    there.stream.close();
    console.log(`# cross-process latency: ${hereMs} ms (B→A), ${thereMs} ms (A→B)`);
  });

  it('a server shutting down ends its open streams instead of hanging; the reader keeps trying to reconnect', async () => {
    const there = await listen({ apiKey: A }, childUrl);
    const started = Date.now();
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    const shutdownMs = Date.now() - started;
    assert.ok(shutdownMs < 3_000, `exited in ${shutdownMs} ms with a stream open: ${output().slice(-1000)}`);
    await waitFor(() => there.errors.length > 0, 2_000, 'the reader reports the lost server');
    assert.ok(there.errors.every((e) => e.willRetry), 'and retries rather than giving up');
    assert.equal(there.stream.closed, false);
    there.stream.close();
    console.log(`# shutdown with an open stream: ${shutdownMs} ms`);
  });
});
