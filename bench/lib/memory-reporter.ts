/**
 * Preloaded into the service by the soak benchmark (`-r`): appends the process's memory (RSS, heap used) as a JSON line
 * to SOAK_MEMORY_FILE every SOAK_MEMORY_EVERY_MS, so the benchmark can follow the service's memory from outside.
 */
import { appendFileSync } from 'node:fs';

const file = process.env.SOAK_MEMORY_FILE;
if (file) {
  const every = Number(process.env.SOAK_MEMORY_EVERY_MS ?? 1000);
  const sample = () => {
    const m = process.memoryUsage();
    appendFileSync(file, `${JSON.stringify({ t: Date.now(), rss: m.rss, heapUsed: m.heapUsed })}\n`);
  };
  setInterval(sample, every).unref();
}
