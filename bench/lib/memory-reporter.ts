/**
 * Preloaded into the service by the soak benchmark (`-r`): appends the process's memory (RSS, heap used) as a JSON line
 * to SOAK_MEMORY_FILE every SOAK_MEMORY_EVERY_MS. When the service runs with `--expose-gc`, every
 * SOAK_MEMORY_GC_EVERY_MS it first collects garbage fully and records the heap left (`retained`): what the process
 * really holds, which a leak makes grow and garbage between collections does not.
 */
import { appendFileSync } from 'node:fs';

const file = process.env.SOAK_MEMORY_FILE;
if (file) {
  const every = Number(process.env.SOAK_MEMORY_EVERY_MS ?? 1000);
  const gcEvery = Number(process.env.SOAK_MEMORY_GC_EVERY_MS ?? 5000);
  const gc = (globalThis as { gc?: () => void }).gc;
  let lastGc = 0;
  const sample = () => {
    let retained: number | undefined;
    if (gc && Date.now() - lastGc >= gcEvery) {
      gc();
      lastGc = Date.now();
      retained = process.memoryUsage().heapUsed;
    }
    const m = process.memoryUsage();
    appendFileSync(file, `${JSON.stringify({ t: Date.now(), rss: m.rss, heapUsed: m.heapUsed, retained })}\n`);
  };
  setInterval(sample, every).unref();
}
