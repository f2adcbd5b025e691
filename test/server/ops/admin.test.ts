import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createApp } from '../../../server/http/app.ts';
import { openDatabase } from '../../../server/db/driver/client.ts';
import type { Database } from '../../../server/db/driver/types.ts';
import { isValidCvr } from '../../../scripts/admin.ts';
import { verifyWebhook } from '../../../sdk/index.ts';
import { startWebhookReceiver } from '../../support/webhook-receiver.ts';

const exec = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'jobag-admin-'));
const env = { ...process.env, DATABASE_URL: `file:${join(dir, 'prod.db')}` };

/** Runs the real CLI in its own process, as an operator would. */
async function admin(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return adminWith({}, ...args);
}

async function adminWith(extra: Record<string, string>, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...args], { env: { ...env, ...extra }, timeout: 30_000 });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, err: e.stderr };
  }
}

function companyFile(overrides: Record<string, unknown> = {}): string {
  const path = join(dir, `company-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(
    path,
    JSON.stringify({
      cvr: '31415926',
      name: 'Fjordens Bageri ApS',
      workplaces: [{ pNumber: '1012345678', name: 'Fjordens Bageri', street: 'Strandvejen 1', postalCode: '7100', city: 'Vejle', municipalityCode: '630' }],
      contactPersons: [{ name: 'Lise Holm', email: 'lise@fjorden.example', workplace: '1012345678' }],
      ...overrides,
    }),
  );
  return path;
}

let db: Database;
before(async () => {
  // The first command migrates the empty file.
  assert.equal((await admin('sign-up', '630')).code, 0);
  db = await openDatabase({ url: env.DATABASE_URL });
});
after(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('operating without demo data (scripts/admin.ts)', () => {
  it('checks CVR numbers with their check digit', () => {
    assert.equal(isValidCvr('31415926'), true);
    assert.equal(isValidCvr('27182818'), false);
    assert.equal(isValidCvr('1234567'), false);
  });

  it('refuses a workplace whose postal code spans municipalities unless the file says which', async () => {
    const res = await admin('add-company', companyFile({ workplaces: [{ pNumber: '1012345678', name: 'X', street: 'Y 1', postalCode: '7100', city: 'Vejle' }] }));
    assert.equal(res.code, 2);
    assert.match(res.err, /7100 lies in municipalities 630, 766/);
    const badCvr = await admin('add-company', companyFile({ cvr: '27182818' }));
    assert.equal(badCvr.code, 2);
    assert.match(badCvr.err, /cvr: The CVR number is 8 digits with a valid check digit/);
  });

  it('onboards a company, issues a key that works once shown, allows an origin and revokes the key', async () => {
    assert.match((await admin('add-company', companyFile())).out, /Added Fjordens Bageri ApS \(CVR 31415926\)/);
    const created = await admin('create-key', '--company', '31415926', '--label', 'HR system');
    assert.equal(created.code, 0);
    const key = created.out.split('\n')[0]!;
    assert.match(key, /^jobag_[A-Za-z0-9_-]{43}$/);
    const stored = await db.query<{ key_hash: string }>('SELECT key_hash FROM api_keys');
    assert.ok(stored.every((row) => row.key_hash !== key), 'only the hash is stored');

    const app = createApp({ db, clock: () => new Date(), signingSecret: 'x'.repeat(40), corsOrigins: [] });
    const me = await app.request('/v1/me', { headers: { authorization: `Bearer ${key}` } });
    const body = (await me.json()) as { company: { name: string; workplaces: { localJobcenterId: string }[] } };
    assert.equal(body.company.name, 'Fjordens Bageri ApS');
    assert.equal(body.company.workplaces[0]!.localJobcenterId, '630');

    assert.match((await admin('allow-origin', '--company', '31415926', 'https://fjorden.example')).out, /Allowed https:\/\/fjorden.example/);
    assert.equal((await admin('allow-origin', '--company', '31415926', 'https://fjorden.example/path')).code, 2);
    const fromPortal = await app.request('/v1/me', { headers: { authorization: `Bearer ${key}`, origin: 'https://fjorden.example' } });
    assert.equal(fromPortal.status, 200);

    assert.match((await admin('revoke-key', key)).out, /Revoked/);
    assert.equal((await app.request('/v1/me', { headers: { authorization: `Bearer ${key}` } })).status, 401);
  });

  it('signs jobcenters up and out; unknown commands and owners are usage errors', async () => {
    assert.match((await admin('sign-out', '630')).out, /Jobcenter Vejle is no longer signed up/);
    assert.equal((await admin('create-key', '--company', '99999999')).code, 2);
    assert.equal((await admin('frobnicate')).code, 2);
  });

  it('revoking a key disables the webhook subscriptions it made; enable-webhook makes one active again and pings it', async () => {
    const serverSecret = 'a-server-signing-secret-for-the-admin-test';
    const receiver = await startWebhookReceiver();
    try {
      const key = (await admin('create-key', '--jobcenter', '630', '--label', 'Vejle HR')).out.split('\n')[0]!;
      assert.equal((await admin('sign-up', '630')).code, 0);
      const app = createApp({ db, clock: () => new Date(), signingSecret: serverSecret, corsOrigins: [], webhookPolicy: { allowLoopback: true } });
      const res = await app.request('/v1/webhook-subscriptions', {
        method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ url: receiver.url, events: ['note'] }),
      });
      assert.equal(res.status, 201);
      const { id, secret } = (await res.json()) as { id: number; secret: string };

      assert.match((await admin('revoke-key', key)).out, /Revoked/);
      const [row] = await db.query<{ disabled_reason: string | null }>('SELECT disabled_reason FROM webhook_subscriptions WHERE id = ?', [id]);
      assert.match(String(row?.disabled_reason), /the API key that made it \("Vejle HR"\) was revoked/);

      assert.equal((await admin('enable-webhook')).code, 2);
      assert.equal((await adminWith({ JOBAG_SIGNING_SECRET: serverSecret }, 'enable-webhook', '424242')).code, 2);
      const enabled = await adminWith({ JOBAG_SIGNING_SECRET: serverSecret, JOBAG_DEMO: 'true' }, 'enable-webhook', String(id));
      assert.equal(enabled.code, 0, enabled.err);
      assert.match(enabled.out, new RegExp(`Enabled webhook subscription ${id} .*answered with HTTP 200`));
      const [after] = await db.query<{ disabled_at: string | null }>('SELECT disabled_at FROM webhook_subscriptions WHERE id = ?', [id]);
      assert.equal(after?.disabled_at, null);
      assert.equal(receiver.accepted.length, 1);
      const ping = receiver.accepted[0]!;
      assert.deepEqual((await verifyWebhook(secret, ping.headers, ping.body)) as unknown as { data: unknown }, { type: 'ping', timestamp: JSON.parse(ping.body).timestamp, data: { subscriptionId: id } });
    } finally {
      await receiver.close();
    }
  });
});
