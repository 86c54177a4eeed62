import { execFile } from 'node:child_process';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

const MB = 1024 * 1024;

/** `global.gc` (node --expose-gc), or the same function obtained at run time when the flag was not given. */
export const collectGarbage: () => void =
  (globalThis as { gc?: () => void }).gc ??
  (() => {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  })();

/** heapUsed + arrayBuffers (typed arrays live outside the JS heap) after a full collection, in bytes. */
export function liveBytes(): number {
  collectGarbage();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

export function rssBytes(): number {
  return process.memoryUsage().rss;
}

export const toMB = (bytes: number) => bytes / MB;

/** What a process that keeps only the service's state (orders + index) holds once the GeoJSON is dropped. */
export interface SteadyMemory {
  /** heapUsed + arrayBuffers before any data (Node, ts-node, the modules). */
  baselineBytes: number;
  /** heapUsed + arrayBuffers with the orders and the index only. */
  liveBytes: number;
  rssBytes: number;
  /** heapUsed + arrayBuffers of the orders alone (and their maps' share is in liveBytes). */
  ordersBytes: number;
}

/**
 * Runs `memory-probe.ts` in a fresh Node process (same flags as this one), so the numbers hold no benchmark data,
 * naive scan or database driver. Resolves to null (with the reason on stderr) if the probe fails.
 */
export function probeSteadyMemory(orders: number, seed: number): Promise<SteadyMemory | null> {
  const probe = path.join(__dirname, 'memory-probe.ts');
  const args = [...process.execArgv, probe, String(orders), String(seed)];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) {
        process.stderr.write(`memory probe for ${orders} orders failed: ${error.message}\n${stderr}`);
        resolve(null);
        return;
      }
      resolve(JSON.parse(stdout.trim().split('\n').pop() as string) as SteadyMemory);
    });
  });
}
