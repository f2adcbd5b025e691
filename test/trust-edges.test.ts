// The edges of the trust guarantees: URLs the parser or the routes cannot decode, requests Node's
// own parser refuses, webhook URLs that hide an internal IPv4 address in IPv6 or name this server
// another way, and signing secrets too easy to guess.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../server/config/index.ts';
import { checkWebhookUrl } from '../server/core/webhook-url-policy.ts';
import { demoKeys } from '../server/demo/data.ts';
import { startServerProcess, stopServerProcess, type ServerProcess } from './support/server-process.ts';

/** Sends `raw` bytes and reads the whole answer (the server closes or we stop after the body). */
function rawRequest(url: string, raw: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(raw));
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      data += chunk;
      const end = data.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(data.slice(0, end))?.[1];
      if (length !== undefined && Buffer.byteLength(data.slice(end + 4)) >= Number(length)) socket.end();
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const end = data.indexOf('\r\n\r\n');
      const [statusLine = '', ...lines] = data.slice(0, end).split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: data.slice(end + 4) });
    });
  });
}

describe('requests the server cannot read are refused as problems', () => {
  let dir: string;
  let server: ServerProcess;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jobag-edges-'));
    server = await startServerProcess({ DATABASE_URL: `file:${join(dir, 'edges.db')}` });
  });
  after(async () => {
    await stopServerProcess(server.child);
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (target: string, headers = '') => rawRequest(server.url, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}Connection: close\r\n\r\n`);

  it('malformed percent-encoding in the path or the query is 400 naming where, not 500', async () => {
    const key = `Authorization: Bearer ${demoKeys.employerA}\r\n`;
    for (const [target, path] of [
      ['/dist/%', '(path)'],
      ['/dist/%zz.js', '(path)'],
      ['/docs/%FF', '(path)'],
      ['/v1/me%E0%A4%A', '(path)'],
      ['/v1/job-orders/%E0%A4%A', 'id'],
      ['/v1/occupations?q=%', 'q'],
      ['/v1/job-orders?limit=5&status=%ED%A0%80', 'status'],
      ['/healthz?x=%C3%28', 'x'],
      ['/healthz?%zz=1', '(query)'],
    ] as const) {
      const res = await get(target, key);
      assert.equal(res.status, 400, target);
      assert.equal(res.headers['content-type'], 'application/problem+json', target);
      const problem = JSON.parse(res.body);
      assert.equal(problem.type, '/problems/invalid-parameters', target);
      assert.deepEqual(problem.errors.map((e: { path: string }) => e.path), [path], target);
    }
    // Well-formed encodings still reach their routes.
    assert.equal((await get('/healthz?x=%C3%A6%25')).status, 200);
    assert.equal((await get('/dist/%6Eo-such.js')).status, 404);
  });

  it('a URL over 16 KB is 431 as problem+json, and a malformed request 400 as problem+json (Node\'s parser refuses them)', async () => {
    const long = await get(`/v1/occupations?q=${'a'.repeat(17 * 1024)}`);
    assert.equal(long.status, 431);
    assert.equal(long.headers['content-type'], 'application/problem+json');
    assert.deepEqual(JSON.parse(long.body), {
      type: '/problems/payload-too-large', title: 'Request header fields too large', status: 431,
      detail: 'The URL and headers together may be at most 16 KB; send long input in a request body.',
    });
    const malformed = await rawRequest(server.url, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nNo colon here\r\n\r\n');
    assert.equal(malformed.status, 400);
    assert.equal(malformed.headers['content-type'], 'application/problem+json');
    assert.equal(JSON.parse(malformed.body).status, 400);
    // And the server still serves.
    assert.equal((await get('/healthz')).status, 200);
  });
});

describe('webhook URLs that hide an internal address', () => {
  const production = { allowLoopback: false, resolve: async (host: string) => ({ 'api.jobag.example': ['93.184.215.14'], 'alias.example': ['93.184.215.14'], 'hr.example.dk': ['93.184.215.20'] })[host] ?? [] };

  it('production refuses every IPv6 form that embeds an IPv4 address, or lies outside global unicast', async () => {
    for (const host of [
      '[::a9fe:a9fe]', // IPv4-compatible 169.254.169.254
      '[::7f00:1]', // IPv4-compatible 127.0.0.1
      '[::ffff:a9fe:a9fe]', // IPv4-mapped
      '[::ffff:0:a9fe:a9fe]', // IPv4-translated (RFC 6145)
      '[64:ff9b::a9fe:a9fe]', // NAT64 (RFC 6052)
      '[64:ff9b:1::a9fe:a9fe]', // local-use NAT64 (RFC 8215)
      '[2002:a9fe:a9fe::1]', // 6to4
      '[2001:0:4136:e378:8000:63bf:56fe:5656]', // Teredo
      '[100::1]', // discard
      '[5f00::1]', // outside 2000::/3
    ]) {
      const check = await checkWebhookUrl(`https://${host}/hook`, production);
      assert.equal(check.ok, false, host);
      assert.equal(!check.ok && check.code, 'private_address', host);
    }
    assert.equal((await checkWebhookUrl('https://[2a00:1450:4001:82a::200e]/hook', production)).ok, true, 'a global IPv6 address');
    assert.equal((await checkWebhookUrl('https://hr.example.dk/hook', production)).ok, true);
  });

  it('this server is recognised by address, however its host is written', async () => {
    const demo = { allowLoopback: true };
    for (const url of ['http://localhost:3000/x', 'http://[::ffff:127.0.0.1]:3000/x', 'http://[::1]:3000/x', 'http://127.0.0.2:3000/x', 'http://0.0.0.0:3000/x']) {
      const check = await checkWebhookUrl(url, demo, '127.0.0.1:3000');
      assert.equal(!check.ok && check.message, 'The url may not point at this server.', url);
    }
    assert.equal((await checkWebhookUrl('http://localhost:3001/x', demo, '127.0.0.1:3000')).ok, true, 'a receiver on another port');
    const alias = await checkWebhookUrl('https://alias.example/x', production, 'api.jobag.example');
    assert.equal(!alias.ok && alias.message, 'The url may not point at this server.', 'another name of the API host');
    assert.equal((await checkWebhookUrl('https://hr.example.dk/x', production, 'api.jobag.example')).ok, true);
  });
});

describe('signing secrets', () => {
  const base = { DATABASE_URL: 'file::memory:' };
  it('outside demo mode a secret must be long and varied: not short, not blank, not a few characters repeated', () => {
    for (const mode of [{ NODE_ENV: 'production' }, { JOBAG_DEMO: 'false' }]) {
      for (const secret of ['x', ' '.repeat(32), 'x'.repeat(40), 'ab'.repeat(20), ` ${'short-but-padded'} `.padEnd(40, ' ')]) {
        assert.throws(() => loadConfig({ ...base, ...mode, JOBAG_SIGNING_SECRET: secret }), /JOBAG_SIGNING_SECRET/, `${JSON.stringify(mode)} ${JSON.stringify(secret)}`);
      }
      const good = 'pZ3q9vK0rT7mW2xY5bN8cD1fG4hJ6kL0';
      assert.equal(loadConfig({ ...base, ...mode, JOBAG_SIGNING_SECRET: good }).signingSecret, good);
    }
    // Demo mode (demo data only) takes what it is given, as the test suites do.
    assert.equal(loadConfig({ ...base, JOBAG_SIGNING_SECRET: 'x' }).signingSecret, 'x');
  });
});
