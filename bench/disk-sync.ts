/**
 * The disk's own fdatasync latency, in the directory the bench database lives in: what a durable
 * write cannot answer faster than. Appends a 4 KB block and syncs it, `count` times (like a WAL
 * commit of one page), and reports the median and p99 in ms.
 */
import { closeSync, fdatasyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export function fdatasyncLatency(dir: string, count = 200): { p50: number; p99: number } {
  const path = join(dir, 'fdatasync-probe');
  const fd = openSync(path, 'w');
  const block = Buffer.alloc(4096, 7);
  const times: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      writeSync(fd, block);
      const started = performance.now();
      fdatasyncSync(fd);
      times.push(performance.now() - started);
    }
  } finally {
    closeSync(fd);
    rmSync(path, { force: true });
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(count / 2)]!, p99: times[Math.min(count - 1, Math.ceil(count * 0.99) - 1)]! };
}
