// A preload for measuring the server's memory, e.g. with bench/rss-probe.ts:
// PROBE_SIGNAL=1 PROBE_NODE_ARGS="--import $PWD/bench/mem-report.mjs". On SIGUSR2 it prints
// process.memoryUsage() and each V8 heap space (committed/used MB) to stderr; on SIGURG it writes
// a heap snapshot to the working directory (what a stream or cache keeps alive, by constructor).
import v8 from 'node:v8';

const mb = (n) => (n / 1048576).toFixed(1);
process.on('SIGUSR2', () => {
  const m = process.memoryUsage();
  const spaces = v8
    .getHeapSpaceStatistics()
    .filter((s) => s.space_size > 0)
    .map((s) => `${s.space_name.replace('_space', '')} ${mb(s.space_size)}/${mb(s.space_used_size)}`)
    .join(', ');
  process.stderr.write(`[mem] rss ${mb(m.rss)} heapTotal ${mb(m.heapTotal)} used ${mb(m.heapUsed)} external ${mb(m.external)} | ${spaces}\n`);
});
process.on('SIGURG', () => process.stderr.write(`[mem] snapshot ${v8.writeHeapSnapshot()}\n`));
