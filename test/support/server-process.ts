// Real server processes (`node server/main.ts`) on 127.0.0.1, for tests that need more than one
// process on a database file, or the real start-up path.
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';

/** A free port on 127.0.0.1, picked by the OS. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Starts `server/main.ts` with `env` and waits until `/healthz` answers and the banner is out. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  // A bound, not a wait: it returns as soon as the server answers; a loaded CI machine can take
  // tens of seconds to transpile and start two servers at once.
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      // The banner is printed after listening (in demo mode once the second origin is up): wait for both.
      if ((await fetch(`${url}/healthz`)).ok && output.includes('JobAG Orders API on')) return { child, url, output: () => output };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error(`server did not start: ${output}`);
}

export const stopServerProcess = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/** Waits (up to 10 s) until the process has printed something matching `pattern`. */
export async function waitForOutput(server: ServerProcess, pattern: RegExp): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!pattern.test(server.output())) {
    if (Date.now() > deadline) throw new Error(`no ${pattern} in the output: ${server.output().slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** One request on its own connection (no keep-alive), so a server of several processes or threads may hand it to any of them. */
export function callOnNewConnection(url: string, method: string, path: string, headers: Record<string, string>, body?: unknown) {
  return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const req = request(`${url}${path}`, { method, agent: false, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** The server's log line (pino: one JSON line per request) of the request with this `X-Request-Id`. */
export function logLineOf<T extends { reqId: string }>(server: ServerProcess, requestId: string): T | undefined {
  for (const line of server.output().split('\n')) {
    if (!line.includes(requestId) || !line.startsWith('{')) continue;
    const entry = JSON.parse(line) as T;
    if (entry.reqId === requestId) return entry;
  }
  return undefined;
}

/** Polls `check` every 50 ms until it gives a value (or throws after `ms`). */
export async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
