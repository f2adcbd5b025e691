// The server's entry: read the configuration, pick this process's role, run it.
// - An HTTP thread of JOBAG_THREADS runs this same module (server/runtime/threads.ts): it is
//   given the main thread's configuration and serves on its socket.
// - A cluster worker (forked by the primary of JOBAG_WORKERS > 1) serves (server/runtime/serve.ts).
// - JOBAG_WORKERS > 1: this process is the primary (server/runtime/cluster.ts), which serves nothing.
// - Otherwise the one process serves, with its HTTP threads if JOBAG_THREADS > 1.
import cluster from 'node:cluster';
import { ConfigError, loadConfig, type Config } from './config/index.ts';
import { runCluster } from './runtime/cluster.ts';
import { serve } from './runtime/serve.ts';
import { refuse } from './runtime/assemble.ts';
import { httpThreadData, serveThread } from './runtime/threads.ts';

const thread = httpThreadData();
if (thread) {
  await serveThread(thread);
} else {
  const config = configOrRefuse();
  const entry = new URL(import.meta.url);
  if (cluster.isWorker) await serve(config, { kind: 'worker', worker: config.runtime.worker ?? 1 }, { entry });
  else if (config.runtime.workers > 1) await runCluster(config);
  else await serve(config, { kind: 'single' }, { entry });
}

/** A value the server cannot use stops the start with one line naming it, not a stack trace. */
function configOrRefuse(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) refuse(error.message);
    throw error;
  }
}
