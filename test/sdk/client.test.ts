import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createJobagClient } from '../../sdk/index.ts';
import { checkAgainstContract } from '../support/contract.ts';
import { demoKeys, startHarness, type Harness } from '../support/harness.ts';
import { validOrder } from '../support/orders.ts';

const run = promisify(execFile);

let h: Harness;
let server: ServerType;
const violations: string[] = [];
let checked = 0;
let baseUrl: string;
before(async () => {
  h = await startHarness({ now: new Date().toISOString() });
  // Every response this server sends is checked against openapi.yaml, as the harness does in-process.
  server = serve({
    fetch: async (request: Request) => {
      const response = await h.app.fetch(request);
      const copy = response.clone();
      const type = copy.headers.get('content-type') ?? '';
      const text = await copy.text();
      const body = type.includes('json') && text ? JSON.parse(text) : text;
      checked++;
      violations.push(...checkAgainstContract(request.method, request.url, response.status, type, body));
      return response;
    },
    port: 0,
    hostname: '127.0.0.1',
  });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  await new Promise((resolve) => server.close(resolve));
  await h.close();
});


describe('the typed SDK over real HTTP', () => {
  it('refuses to be built without a base URL or a credential, with a clear message', () => {
    assert.throws(() => createJobagClient({ baseUrl: '', apiKey: 'x' }), /baseUrl/);
    assert.throws(() => createJobagClient({ baseUrl }), /apiKey.*getToken/);
  });

  it('lists, creates, edits with If-Match and changes status; errors come back typed, not thrown', async () => {
    const jobag = createJobagClient({ baseUrl: `${baseUrl}/`, apiKey: demoKeys.employerA });
    const created = await jobag.POST('/v1/job-orders', { body: validOrder() as never });
    assert.equal(created.response.status, 201);
    const id = created.data!.id;
    const stale = await jobag.PATCH('/v1/job-orders/{id}', { params: { path: { id }, header: { 'If-Match': '"0"' } }, body: { positions: 4 } });
    assert.equal(stale.response.status, 412);
    assert.equal(stale.error?.type, '/problems/stale-version');
    const edited = await jobag.PATCH('/v1/job-orders/{id}', {
      params: { path: { id }, header: { 'If-Match': created.response.headers.get('etag')! } },
      body: { positions: 4 },
    });
    assert.equal(edited.data?.positions, 4);
    // An integration must send If-Match on a change: without it, 428 before anything else.
    const unconditional = await jobag.POST('/v1/job-orders/{id}/status', { params: { path: { id } }, body: { status: 'inactive' } });
    assert.equal(unconditional.response.status, 428);
    assert.equal(unconditional.error?.type, '/problems/precondition-required');
    const invalid = await jobag.POST('/v1/job-orders/{id}/status', { params: { path: { id }, header: { 'If-Match': '*' } }, body: { status: 'gone' as never } });
    assert.equal(invalid.response.status, 422);
    assert.equal(invalid.error?.errors?.[0]?.path, 'status');
    const list = await jobag.GET('/v1/job-orders', { params: { query: { sort: 'id', order: 'desc', limit: 1 } } });
    assert.equal(list.data?.items[0]?.id, id);
  });

  it('a browser-style client with getToken fetches a fresh token once when the API says it expired', async () => {
    const mint = createJobagClient({ baseUrl, apiKey: demoKeys.employerA });
    const issued: string[] = [];
    const calls: { refresh?: boolean }[] = [];
    const getToken = async (options?: { refresh?: boolean }) => {
      calls.push(options ?? {});
      const { data } = await mint.POST('/v1/sessions', { body: { contactPersonId: 1 } });
      issued.push(data!.token);
      return data!.token;
    };
    const widget = createJobagClient({ baseUrl, getToken, locale: 'da' });
    const first = await widget.GET('/v1/me');
    assert.equal(first.data?.contactPerson?.name, 'Mette Hansen');
    // Move the server's clock past the token's lifetime: the next call gets 401 token-expired,
    // the client asks for a fresh token and retries, and the caller never sees the 401.
    const expiringGetToken = async (options?: { refresh?: boolean }) => (options?.refresh ? getToken(options) : issued[0]!);
    const widget2 = createJobagClient({ baseUrl, getToken: expiringGetToken });
    h.setNow(new Date(Date.now() + 11 * 60_000).toISOString());
    const body = validOrder({ description: 'Oprettet efter fornyet token' });
    const created = await widget2.POST('/v1/job-orders', { body: body as never });
    h.setNow(new Date().toISOString());
    assert.equal(created.response.status, 201, JSON.stringify(created.error));
    assert.equal(created.data?.description, 'Oprettet efter fornyet token', 'the retried request carried its body');
    assert.ok(calls.some((c) => c.refresh === true));
  });

  it('examples/hr-system.ts runs against a real server as an HR system would', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/hr-system.ts'], {
      env: { ...process.env, JOBAG_URL: baseUrl, JOBAG_API_KEY: demoKeys.employerA },
      timeout: 30_000,
    });
    assert.match(stdout, /Company Nordlys Køkken ApS \(CVR 31415926\)/);
    assert.match(stdout, /^\d+ orders in all$/m);
    assert.match(stdout, /Created job order \d+/);
    assert.match(stdout, /Edited: 3 positions \(version 2\)/);
    assert.match(stdout, /Status: inactive/);
    assert.match(stdout, /changed Pause til januar\./);
  });
});

// Declared last so it runs after every request above.
it('every response the real server sent matched openapi.yaml', () => {
  assert.ok(checked > 10, `only ${checked} responses were checked`);
  assert.deepEqual(violations, []);
});
