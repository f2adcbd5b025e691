// HTTP threads: JOBAG_THREADS=2 serves from two threads of ONE process on one port.
// How the main thread listens for threads to join (SO_REUSEPORT, or its descriptor where the
// platform refuses that); then the real server (server/main.ts through tsx) on a temp file
// database on 127.0.0.1: each thread on its own socket (Linux), both threads answer, a write
// through one is read through the other, live events reach subscribers on either thread, and
// SIGTERM ends the process cleanly.
import { strict as assert } from 'node:assert';
import { request } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, Server, type ListenOptions } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { availableParallelism } from 'node:os';
import { loadConfig, threadCount } from '../../../server/config/index.ts';
import { listenForThreads, nodeHasReusePort } from '../../../server/runtime/threads.ts';
import { validOrder } from '../../support/orders.ts';
import { callOnNewConnection, freePort, logLineOf, startServerProcess, stopServerProcess, waitFor, waitForOutput, type ServerProcess } from '../../support/server-process.ts';

const A = 'Bearer demo_employer_a';
const call = (url: string, method: string, path: string, requestId: string, body?: unknown) =>
  callOnNewConnection(url, method, path, { authorization: A, 'x-request-id': requestId }, body);


/** Which thread logged the request with this id: `thread` on a thread's lines, none on the main thread's (1). */
function servedBy(server: ServerProcess, requestId: string): { pid: number; thread: number } | undefined {
  const entry = logLineOf<{ reqId: string; pid: number; thread?: number }>(server, requestId);
  return entry && { pid: entry.pid, thread: entry.thread ?? 1 };
}

/** Listening TCP sockets on 127.0.0.1:`port` in this network namespace, from the kernel's own table (Linux). */
function listeningSockets(port: number): number {
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  return readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter(([, address, , state]) => address === local && state === '0A').length;
}

const onLinux = process.platform === 'linux' ? false : 'SO_REUSEPORT balances connections only on Linux (and a few BSDs) among the platforms tested';
const close = (server: Server) => new Promise((resolve) => server.close(resolve));

describe('listening for HTTP threads', () => {
  const loopback = { port: 0, host: '127.0.0.1' };

  it('knows which Node versions honour the reusePort option (older ones ignore it silently)', () => {
    assert.equal(nodeHasReusePort('20.19.4'), false);
    assert.equal(nodeHasReusePort('22.11.0'), false);
    assert.equal(nodeHasReusePort('22.12.0'), true);
    assert.equal(nodeHasReusePort('23.1.0'), true);
    assert.equal(nodeHasReusePort('24.21.0'), true);
  });

  it('uses SO_REUSEPORT where there is one: another socket binds the same port beside it', { skip: onLinux }, async () => {
    const main = createServer();
    const socket = await listenForThreads(main, loopback);
    assert.equal(socket.kind, 'reuse-port');
    assert.ok(socket.kind === 'reuse-port' && socket.port > 0 && socket.host === '127.0.0.1');
    const thread = createServer();
    await new Promise<void>((resolve, reject) => {
      thread.once('error', reject);
      thread.listen({ port: socket.port, host: socket.host, reusePort: true }, resolve);
    });
    assert.equal(listeningSockets(socket.port), 2);
    await Promise.all([close(main), close(thread)]);
  });

  it('falls back to its listening descriptor where the platform refuses SO_REUSEPORT (ENOTSUP)', async () => {
    // What libuv answers on macOS and Windows, where SO_REUSEPORT does not balance connections.
    class RefusingServer extends Server {
      override listen(...args: unknown[]): this {
        if ((args[0] as ListenOptions | undefined)?.reusePort) {
          process.nextTick(() => this.emit('error', Object.assign(new Error('listen ENOTSUP: operation not supported on socket'), { code: 'ENOTSUP' })));
          return this;
        }
        return super.listen(...(args as Parameters<Server['listen']>));
      }
    }
    const main = new RefusingServer();
    const socket = await listenForThreads(main, loopback);
    assert.equal(socket.kind, 'shared-descriptor');
    assert.ok(socket.kind === 'shared-descriptor' && socket.fd > 2, `a socket's descriptor, not ${JSON.stringify(socket)}`);
    assert.equal(main.listening, true);
    await close(main);
  });

  it('takes the descriptor on a Node without the option, and a taken port is an error, not a fallback', async () => {
    const main = createServer();
    const socket = await listenForThreads(main, loopback, nodeHasReusePort('20.19.4'));
    assert.equal(socket.kind, 'shared-descriptor');
    const { port } = main.address() as { port: number };
    await assert.rejects(listenForThreads(createServer(), { port, host: '127.0.0.1' }), { code: 'EADDRINUSE' });
    await close(main);
  });
});

describe('JOBAG_THREADS', () => {
  it('is 1 unless set; auto is one per core; nonsense is refused; not together with JOBAG_WORKERS', () => {
    assert.equal(threadCount(undefined), 1);
    assert.equal(threadCount(''), 1);
    assert.equal(threadCount('2'), 2);
    assert.equal(threadCount('auto'), availableParallelism());
    for (const bad of ['0', '-1', '1.5', 'two', '1000']) assert.throws(() => threadCount(bad), /JOBAG_THREADS/);
    assert.throws(() => loadConfig({ DATABASE_URL: 'file::memory:', JOBAG_THREADS: '2', JOBAG_WORKERS: '2' }), /not both/);
    assert.equal(loadConfig({ DATABASE_URL: 'file::memory:', JOBAG_THREADS: '2' }).runtime.threads, 2);
  });
});

describe('two HTTP threads in one process (JOBAG_THREADS=2)', () => {
  let dir: string;
  let server: ServerProcess;
  let requests = 0;
  const nextId = () => `threads-test-${process.pid}-${++requests}`;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jobag-threads-'));
    server = await startServerProcess({
      DATABASE_URL: `file:${join(dir, 'threads.db')}`,
      JOBAG_THREADS: '2',
      JOBAG_SECOND_ORIGIN_PORT: String(await freePort()),
      LOG_LEVEL: 'info',
    });
    await waitForOutput(server, /HTTP thread 2 of 2 serving \(pid \d+\)/);
  });
  after(async () => {
    if (server.child.exitCode === null) await stopServerProcess(server.child);
    rmSync(dir, { recursive: true, force: true });
  });

  it('each thread listens on its own socket of the port (SO_REUSEPORT)', { skip: onLinux }, () => {
    assert.match(server.output(), /HTTP thread 2 of 2 serving \(pid \d+\) on its own socket \(SO_REUSEPORT\)/);
    assert.equal(listeningSockets(Number(new URL(server.url).port)), 2);
  });

  it('both threads answer, in the one process, and a write through one is read through the other', async () => {
    const seen = new Set<number>();
    for (let i = 0; i < 10 || seen.size < 2; i++) {
      assert.ok(i < 300, 'only one thread answered 300 requests');
      const id = nextId();
      assert.equal((await call(server.url, 'GET', '/v1/job-orders?limit=1', id)).status, 200);
      const by = await waitFor(`the log line of ${id}`, () => servedBy(server, id));
      assert.equal(by.pid, server.child.pid, 'one process serves');
      seen.add(by.thread);
    }
    assert.deepEqual([...seen].sort(), [1, 2]);

    const createId = nextId();
    const created = await call(server.url, 'POST', '/v1/job-orders', createId, validOrder({ description: 'Skrevet i én tråd, læst i en anden.', positions: 2 }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const writer = await waitFor('the create log line', () => servedBy(server, createId));
    for (let i = 0; ; i++) {
      assert.ok(i < 300, 'the other thread never answered');
      const id = nextId();
      const read = await call(server.url, 'GET', `/v1/job-orders/${(created.body as { id: number }).id}`, id);
      if ((await waitFor(`the log line of ${id}`, () => servedBy(server, id))).thread === writer.thread) continue;
      assert.equal(read.status, 200);
      assert.deepEqual(read.body, created.body);
      break;
    }
  });

  it('a change made through either thread reaches event subscribers on both', async () => {
    // Subscribers on their own connections until both threads hold at least one.
    const streams: { thread: number; text: () => string; close: () => void }[] = [];
    for (let i = 0; new Set(streams.map((s) => s.thread)).size < 2; i++) {
      assert.ok(i < 100, 'subscribers all landed on one thread');
      const id = nextId();
      let text = '';
      const req = request(`${server.url}/v1/events`, { agent: false, headers: { authorization: A, 'x-request-id': id } }, (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
      });
      req.on('error', () => undefined);
      req.end();
      const by = await waitFor(`the log line of ${id}`, () => servedBy(server, id));
      await waitFor('the stream to open', () => (text.includes(': connected') ? true : undefined));
      streams.push({ thread: by.thread, text: () => text, close: () => req.destroy() });
    }
    try {
      const created = await call(server.url, 'POST', '/v1/job-orders', nextId(), validOrder({ description: 'Set live i begge tråde.', positions: 1 }));
      assert.equal(created.status, 201);
      const orderId = (created.body as { id: number }).id;
      for (const stream of streams) {
        await waitFor(`the event on thread ${stream.thread}`, () => (stream.text().includes(`"orderId":${orderId}`) ? true : undefined), 5_000);
      }
    } finally {
      for (const stream of streams) stream.close();
    }
  });

  it('SIGTERM lets both threads finish and ends the process with 0', async () => {
    const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
    server.child.kill('SIGTERM');
    assert.equal(await exited, 0, server.output().slice(-2000));
  });
});
