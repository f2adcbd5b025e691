import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validOrder } from './support/orders.ts';
import { type ServerProcess, startServerProcess as startServer, stopServerProcess as stop, waitForOutput } from './support/server-process.ts';

describe('real server processes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jobag-proc-'));
  const env = { DATABASE_URL: `file:${join(dir, 'shared.db')}`, JOBAG_SIGNING_SECRET: 's'.repeat(40) };
  let one: ServerProcess;
  let two: ServerProcess;
  before(async () => {
    // Both start at once on an empty file: migrations and demo data must happen exactly once.
    [one, two] = await Promise.all([startServer(env), startServer(env)]);
  });
  after(async () => {
    await Promise.all([stop(one.child), stop(two.child)]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('npm start\'s banner names the URL, the docs and the demo keys', async () => {
    for (const server of [one, two]) {
      // The banner follows the listening socket (and the demo's second origin), so it may come
      // a moment after the first /healthz answer.
      await waitForOutput(server, /Try: curl/);
      assert.match(server.output(), new RegExp(`JobAG Orders API on ${server.url}`));
      assert.match(server.output(), /demo_employer_a/);
      assert.match(server.output(), /demo_jobcenter_751/);
    }
  });

  it('two servers on one database file: concurrent creates all succeed with unique sequential ids (R2.8)', async () => {
    const create = (url: string) =>
      fetch(`${url}/v1/job-orders`, {
        method: 'POST',
        headers: { authorization: 'Bearer demo_employer_a', 'content-type': 'application/json' },
        body: JSON.stringify(validOrder()),
      });
    const responses = await Promise.all(Array.from({ length: 24 }, (_, i) => create(i % 2 ? one.url : two.url)));
    assert.deepEqual([...new Set(responses.map((r) => r.status))], [201]);
    const ids = (await Promise.all(responses.map((r) => r.json() as Promise<{ id: number }>))).map((o) => o.id).sort((a, b) => a - b);
    assert.equal(new Set(ids).size, 24);
    assert.equal(ids.at(-1)! - ids[0]! + 1, 24, 'no gaps');
    // A token minted by one server is accepted by the other: they share the signing secret, not memory.
    const session = await fetch(`${one.url}/v1/sessions`, {
      method: 'POST',
      headers: { authorization: 'Bearer demo_employer_a', 'content-type': 'application/json' },
      body: JSON.stringify({ contactPersonId: 1 }),
    });
    const { token } = (await session.json()) as { token: string };
    const me = await fetch(`${two.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(me.status, 200);
    const companies = await fetch(`${two.url}/v1/me`, { headers: { authorization: 'Bearer demo_employer_a' } });
    assert.equal(((await companies.json()) as { company: { contactPersons: unknown[] } }).company.contactPersons.length, 2, 'demo data loaded once');
  });

  it('production mode refuses to start without a signing secret', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: `file:${join(dir, 'prod.db')}`, JOBAG_SIGNING_SECRET: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 1);
    assert.match(stderr, /JOBAG_SIGNING_SECRET/);
  });
});
