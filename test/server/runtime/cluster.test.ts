// Multi-process mode: JOBAG_WORKERS=2 starts a primary that prepares the database and
// forks two HTTP workers sharing the port. The real server (server/main.ts through tsx) on a temp
// file database on 127.0.0.1: both workers answer, a write through one is read through the other,
// a killed worker is replaced, and SIGTERM ends every process.
import { strict as assert } from 'node:assert';
import { availableParallelism, tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { workerCount } from '../../../server/config/index.ts';
import { validOrder } from '../../support/orders.ts';
import { callOnNewConnection, freePort, logLineOf, startServerProcess, stopServerProcess, waitFor, waitForOutput, type ServerProcess } from '../../support/server-process.ts';

const A = 'Bearer demo_employer_a';
const call = (url: string, method: string, path: string, requestId: string, body?: unknown) =>
  callOnNewConnection(url, method, path, { authorization: A, 'x-request-id': requestId }, body);


/** The pid and worker that logged the request with this id (`pid` and `worker` on each line). */
const servedBy = (server: ServerProcess, requestId: string) => logLineOf<{ reqId: string; pid: number; worker: number }>(server, requestId);


const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Worker pids as the banner lines give them: worker 1 in the banner, the others one line each. */
const workerPids = (output: string) => {
  const pids = new Map<number, number[]>();
  for (const m of output.matchAll(/worker (\d+) of 2[,;]? \(?pid (\d+)/g)) {
    const list = pids.get(Number(m[1])) ?? [];
    list.push(Number(m[2]));
    pids.set(Number(m[1]), list);
  }
  return pids;
};

describe('JOBAG_WORKERS', () => {
  it('is 1 unless set; auto is one per available core; nonsense is refused', () => {
    assert.equal(workerCount(undefined), 1);
    assert.equal(workerCount(''), 1);
    assert.equal(workerCount('2'), 2);
    assert.equal(workerCount('auto'), availableParallelism());
    for (const bad of ['0', '-1', '1.5', 'two', '1000']) assert.throws(() => workerCount(bad), /JOBAG_WORKERS/);
  });
});

describe('two worker processes on one port (JOBAG_WORKERS=2)', () => {
  let dir: string;
  let server: ServerProcess;
  let request = 0;
  const nextId = () => `cluster-test-${process.pid}-${++request}`;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jobag-cluster-'));
    server = await startServerProcess({
      DATABASE_URL: `file:${join(dir, 'cluster.db')}`,
      JOBAG_WORKERS: '2',
      JOBAG_SECOND_ORIGIN_PORT: String(await freePort()),
      LOG_LEVEL: 'info',
    });
    await waitForOutput(server, /worker 2 of 2 \(pid \d+\) serving/);
  });
  after(async () => {
    if (server.child.exitCode === null) await stopServerProcess(server.child);
    rmSync(dir, { recursive: true, force: true });
  });

  it('prepares the database once, in the primary, before the workers start', () => {
    const output = server.output();
    const ready = output.indexOf('database ready, starting 2 HTTP workers');
    assert.ok(ready >= 0, output);
    assert.ok(ready < output.indexOf('JobAG Orders API on'), 'the primary is ready before worker 1 serves');
    const pids = workerPids(output);
    assert.deepEqual([...pids.keys()].sort(), [1, 2]);
    assert.ok(!pids.get(1)!.includes(server.child.pid!) && !pids.get(2)!.includes(server.child.pid!), 'the primary serves nothing itself');
  });

  it('both workers answer, and a write through one is read through the other', async () => {
    // Fresh connections go round-robin: within a few both workers have answered.
    const seen = new Map<number, number>();
    for (let i = 0; i < 20 || seen.size < 2; i++) {
      assert.ok(i < 200, 'only one worker answered 200 requests');
      const id = nextId();
      const res = await call(server.url, 'GET', '/v1/job-orders?limit=1', id);
      assert.equal(res.status, 200);
      const by = await waitFor(`the log line of ${id}`, () => servedBy(server, id));
      seen.set(by.pid, by.worker);
    }
    assert.deepEqual([...seen.values()].sort(), [1, 2]);
    assert.ok(!seen.has(server.child.pid!));

    const createId = nextId();
    const created = await call(server.url, 'POST', '/v1/job-orders', createId, validOrder({ description: 'Skrevet i én proces, læst i en anden.', positions: 3 }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const writer = await waitFor('the create log line', () => servedBy(server, createId));
    const order = created.body as { id: number };
    // Read it back until the other worker is the one answering.
    for (let i = 0; ; i++) {
      assert.ok(i < 100, 'the other worker never answered');
      const id = nextId();
      const read = await call(server.url, 'GET', `/v1/job-orders/${order.id}`, id);
      const reader = await waitFor(`the log line of ${id}`, () => servedBy(server, id));
      if (reader.pid === writer.pid) continue;
      assert.equal(read.status, 200);
      assert.deepEqual(read.body, created.body);
      break;
    }
  });

  it('a worker that dies is started again, and the port keeps answering', async () => {
    const [victim] = workerPids(server.output()).get(2)!;
    process.kill(victim!, 'SIGKILL');
    const replacement = await waitFor('a new worker 2', () => workerPids(server.output()).get(2)!.find((pid) => pid !== victim));
    assert.ok(alive(replacement));
    assert.match(server.output(), new RegExp(`worker 2 \\(pid ${victim}\\) died \\(SIGKILL\\); starting it again`));
    for (let i = 0; i < 6; i++) assert.equal((await call(server.url, 'GET', '/healthz', nextId())).status, 200);
  });

  it('SIGTERM stops the workers gracefully and then the primary: no process is left', async () => {
    const pids = [...workerPids(server.output()).values()].flat().filter(alive);
    assert.equal(pids.length, 2, `two live workers: ${pids}`);
    const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
    server.child.kill('SIGTERM');
    assert.equal(await exited, 0);
    // The workers exited before the primary (it waits for them).
    for (const pid of pids) assert.ok(!alive(pid), `worker ${pid} is still running`);
    assert.match(server.output(), /SIGTERM: stopping 2 worker\(s\)/);
  });
});
