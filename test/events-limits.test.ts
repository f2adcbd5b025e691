// The event stream's limits: a cap of open streams per credential and per client address (429,
// naming the limit, and a place freed when a stream ends); a stream that ends within seconds when
// its API key, or the key that minted its token, is revoked or its jobcenter signs out — while
// other streams go on; and a `Last-Event-ID` beyond the journal, refused with a 400.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createApp } from '../server/http/app.ts';
import { hashApiKey, signWidgetToken } from '../server/auth/index.ts';
import { eventFeedFor } from '../server/core/events.ts';
import { insertApiKey, revokeApiKey } from '../server/db/credentials.ts';
import { latestJournalId } from '../server/db/journal.ts';
import { setJobcenterSignedUp } from '../server/db/organisations.ts';
import { checkAgainstContract } from './support/contract.ts';
import { demoKeys, signingSecret, startHarness, type Harness } from './support/harness.ts';
import { validOrder } from './support/orders.ts';

const A = demoKeys.employerA;
const B = demoKeys.employerB;
const KK = demoKeys.jobcenter101;
const AAR = demoKeys.jobcenter751;

let h: Harness;
let server: Server;
let baseUrl: string;
const open: OpenStream[] = [];

before(async () => {
  h = await startHarness({ now: new Date().toISOString() });
  // Small caps and a quick access check, so the tests reach them at once.
  eventFeedFor(h.db, { maxStreamsPerPrincipal: 3, maxStreamsPerAddress: 6, accessCheckMs: 100 });
  const app = createApp({ db: h.db, clock: () => new Date(), signingSecret, corsOrigins: [], journalChanged: () => eventFeedFor(h.db).wake() });
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  await new Promise<void>((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  for (const stream of open) stream.close();
  await waitFor(() => eventFeedFor(h.db).listenerCount === 0, 'every stream is gone');
  await new Promise((resolve) => {
    server.close(resolve);
    server.closeAllConnections();
  });
  await h.close();
});

interface OpenStream {
  /** Every event block received so far. */
  blocks: string[];
  /** Resolves when the server ended the stream. */
  ended: Promise<void>;
  isEnded(): boolean;
  close(): void;
}

/** Opens GET /v1/events; a stream when the server answered 200, else its problem. */
async function connect(key: string, headers: Record<string, string> = {}): Promise<OpenStream | { status: number; type: string; body: any }> {
  const abort = new AbortController();
  // An answer that does not come fails the test rather than hanging it.
  const timer = setTimeout(() => abort.abort(new Error('GET /v1/events did not answer within 5 s')), 5_000);
  const response = await fetch(`${baseUrl}/v1/events`, { headers: { authorization: `Bearer ${key}`, ...headers }, signal: abort.signal }).finally(() => clearTimeout(timer));
  if (response.status !== 200) {
    const type = response.headers.get('content-type') ?? '';
    const body = await response.json();
    const violations = checkAgainstContract('GET', '/v1/events', response.status, type, body);
    assert.deepEqual(violations, [], 'the refusal is as the contract describes it');
    return { status: response.status, type, body };
  }
  const blocks: string[] = [];
  let ended = false;
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const done = (async () => {
    let text = '';
    try {
      for (;;) {
        const { done: finished, value } = await reader.read();
        if (finished) break;
        text += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = text.indexOf('\n\n')) >= 0) {
          blocks.push(text.slice(0, end));
          text = text.slice(end + 2);
        }
      }
    } catch {
      // aborted by the test
    }
    ended = true;
  })();
  const stream: OpenStream = { blocks, ended: done, isEnded: () => ended, close: () => abort.abort() };
  open.push(stream);
  await waitFor(() => blocks.length > 0, 'the stream says it is connected');
  return stream;
}

function isStream(value: unknown): value is OpenStream {
  return typeof value === 'object' && value !== null && 'blocks' in value;
}

async function closeAll(streams: OpenStream[]): Promise<void> {
  for (const stream of streams) stream.close();
  await Promise.all(streams.map((s) => s.ended));
}

describe('GET /v1/events: caps on open streams', () => {
  it('per API key: the one over the cap is a 429 problem naming the limit; a stream that ends frees its place', async () => {
    const streams = [await connect(A), await connect(A), await connect(A)];
    assert.ok(streams.every(isStream));
    const refused = await connect(A);
    assert.ok(!isStream(refused));
    assert.equal(refused.status, 429);
    assert.equal(refused.type, 'application/problem+json');
    assert.equal(refused.body.type, '/problems/rate-limited');
    assert.match(refused.body.detail, /At most 3 event streams may be open per API key/);
    // Another key is not held to A's cap.
    const other = await connect(B);
    assert.ok(isStream(other));
    await closeAll([streams[0] as OpenStream]);
    const again = await waitForStream(A);
    await closeAll([...(streams.slice(1) as OpenStream[]), other, again]);
  });

  it('per widget-token person: each contact person of one key has a cap of their own', async () => {
    const [key] = await h.db.query<{ id: number }>('SELECT id FROM api_keys WHERE key_hash = ?', [hashApiKey(A)]);
    const persons = await h.db.query<{ id: number }>('SELECT id FROM contact_persons WHERE company_id = 1 ORDER BY id LIMIT 2');
    assert.equal(persons.length, 2);
    const tokenOf = async (person: number) => (await signWidgetToken(signingSecret, { kind: 'employer', companyId: 1, contactPersonId: person, keyId: key!.id }, new Date())).token;
    const first = await tokenOf(Number(persons[0]!.id));
    const streams = [await connect(first), await connect(first), await connect(first)];
    assert.ok(streams.every(isStream));
    const refused = await connect(first);
    assert.ok(!isStream(refused));
    assert.equal(refused.status, 429);
    assert.match(refused.body.detail, /per person's widget tokens/);
    const second = await connect(await tokenOf(Number(persons[1]!.id)));
    assert.ok(isStream(second), 'another person of the same key may open theirs');
    await closeAll([...(streams as OpenStream[]), second]);
  });

  it('per client address: the one over the cap is a 429 naming the address limit, whichever key asks', async () => {
    const streams = [await connect(A), await connect(A), await connect(B), await connect(B), await connect(KK), await connect(KK)];
    assert.ok(streams.every(isStream));
    const refused = await connect(AAR);
    assert.ok(!isStream(refused));
    assert.equal(refused.status, 429);
    assert.match(refused.body.detail, /At most 6 event streams may be open from one address/);
    await closeAll(streams as OpenStream[]);
    const again = await waitForStream(AAR);
    await closeAll([again]);
  });
});

describe('GET /v1/events: a stream ends when its access does', () => {
  it('revoking its API key ends it within seconds; another key\'s stream goes on', async () => {
    const key = 'test_limits_key_to_revoke_employer_a';
    await insertApiKey(h.db, { hash: hashApiKey(key), label: 'test', owner: { companyId: 1 } }, new Date().toISOString());
    const doomed = await connect(key);
    const other = await connect(A);
    assert.ok(isStream(doomed) && isStream(other));
    await revokeApiKey(h.db, hashApiKey(key), new Date().toISOString());
    await waitFor(() => doomed.isEnded(), 'the revoked key\'s stream ends', 3_000);
    // The other stream is still open and still delivers: a change arrives on it.
    const order = await createOrder();
    await waitFor(() => other.blocks.some((b) => b.includes(`"orderId":${order.id}`)), 'the other stream delivers');
    assert.ok(!other.isEnded());
    await closeAll([other]);
  });

  it('revoking the key that minted its widget token ends it within seconds', async () => {
    const key = 'test_limits_key_minting_tokens_a';
    await insertApiKey(h.db, { hash: hashApiKey(key), label: 'test', owner: { companyId: 1 } }, new Date().toISOString());
    const [row] = await h.db.query<{ id: number }>('SELECT id FROM api_keys WHERE key_hash = ?', [hashApiKey(key)]);
    const [person] = await h.db.query<{ id: number }>('SELECT id FROM contact_persons WHERE company_id = 1 ORDER BY id LIMIT 1');
    const { token } = await signWidgetToken(signingSecret, { kind: 'employer', companyId: 1, contactPersonId: Number(person!.id), keyId: Number(row!.id) }, new Date());
    const doomed = await connect(token);
    assert.ok(isStream(doomed));
    await revokeApiKey(h.db, hashApiKey(key), new Date().toISOString());
    await waitFor(() => doomed.isEnded(), 'the token\'s stream ends', 3_000);
  });

  it('signing its jobcenter out ends it within seconds, by key and by token', async () => {
    const [row] = await h.db.query<{ id: number }>('SELECT id FROM api_keys WHERE key_hash = ?', [hashApiKey(AAR)]);
    const { token } = await signWidgetToken(signingSecret, { kind: 'jobcenter', jobcenterId: '751', caseworkerName: 'Sagsbehandler', keyId: Number(row!.id) }, new Date());
    const byKey = await connect(AAR);
    const byToken = await connect(token);
    const other = await connect(KK);
    assert.ok(isStream(byKey) && isStream(byToken) && isStream(other));
    try {
      await setJobcenterSignedUp(h.db, '751', false);
      await waitFor(() => byKey.isEnded() && byToken.isEnded(), 'the signed-out jobcenter\'s streams end', 3_000);
      const order = await createOrder();
      await waitFor(() => other.blocks.some((b) => b.includes(`"orderId":${order.id}`)), 'another jobcenter\'s stream delivers');
      assert.ok(!other.isEnded());
    } finally {
      await setJobcenterSignedUp(h.db, '751', true);
      await closeAll([other]);
    }
  });
});

describe('GET /v1/events: Last-Event-ID', () => {
  it('beyond the newest journal entry is a 400 naming Last-Event-ID', async () => {
    await createOrder();
    const latest = await latestJournalId(h.db);
    const refused = await connect(A, { 'last-event-id': String(latest + 1) });
    assert.ok(!isStream(refused));
    assert.equal(refused.status, 400);
    assert.equal(refused.body.type, '/problems/invalid-parameters');
    assert.equal(refused.body.errors?.[0]?.path, 'Last-Event-ID');
    // The newest itself resumes (with nothing to replay), and a change after it arrives.
    const stream = await connect(A, { 'last-event-id': String(latest) });
    assert.ok(isStream(stream));
    const order = await createOrder();
    await waitFor(() => stream.blocks.some((b) => b.includes(`"orderId":${order.id}`)), 'the next change');
    await closeAll([stream]);
  });
});

async function createOrder(): Promise<{ id: number }> {
  const res = await fetch(`${baseUrl}/v1/job-orders`, {
    method: 'POST',
    headers: { authorization: `Bearer ${A}`, 'content-type': 'application/json' },
    body: JSON.stringify(validOrder({ emailOnPlacement: false })),
  });
  assert.equal(res.status, 201);
  return res.json();
}

/** A stream that ended frees its place once the server has seen it go: open until it is let in. */
async function waitForStream(key: string): Promise<OpenStream> {
  const deadline = Date.now() + 3_000;
  for (;;) {
    const result = await connect(key);
    if (isStream(result)) return result;
    assert.equal(result.status, 429);
    if (Date.now() > deadline) throw new Error('a closed stream\'s place was not freed');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function waitFor(check: () => boolean, what: string, ms = 3_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
