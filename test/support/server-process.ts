// Real server processes (`node server/main.ts`) on 127.0.0.1, for tests that need more than one
// process on a database file, or the real start-up path.
import { spawn, type ChildProcess } from 'node:child_process';
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
  const deadline = Date.now() + 20_000;
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
