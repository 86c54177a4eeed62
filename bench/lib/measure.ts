/** Timing of single checks, several contenders side by side (interleaved in rounds), with medians and percentiles. */

export interface Contender {
  name: string;
  /** Runs query number i (the caller wraps it over its query list). */
  run(i: number): unknown;
  /** Stop after this many samples, or once `budgetMs` of measured time is spent and `minSamples` are taken. */
  maxSamples: number;
  minSamples: number;
  budgetMs: number;
}

export interface Stats {
  n: number;
  medianUs: number;
  p99Us: number;
  meanUs: number;
  /** 1e6 / mean: checks per second of one caller asking one check after another. */
  perSecond: number;
}

/** Wall time of one call in microseconds; awaits the call if it returns a promise. */
async function timeOne(c: Contender, i: number): Promise<number> {
  const start = process.hrtime.bigint();
  const result = c.run(i);
  if (result instanceof Promise) await result;
  return Number(process.hrtime.bigint() - start) / 1000;
}

/** Runs queries untimed until `count` are done or `budgetMs` has passed (JIT, caches, prepared statements). */
export async function warmUp(c: Contender, count: number, budgetMs: number, offset: number): Promise<void> {
  const end = Date.now() + budgetMs;
  for (let i = 0; i < count && Date.now() < end; i++) await timeOne(c, offset + i);
}

/**
 * Measures all contenders on the same query sequence, a round of `round` queries each in turn, so that a noisy
 * neighbour slows them alike. A contender that is done (see {@link Contender}) sits the remaining rounds out.
 */
export async function sideBySide(contenders: readonly Contender[], round = 25): Promise<Map<string, number[]>> {
  const samples = new Map(contenders.map((c) => [c.name, [] as number[]]));
  const spentUs = new Map(contenders.map((c) => [c.name, 0]));
  const done = (c: Contender) => {
    const n = (samples.get(c.name) as number[]).length;
    return n >= c.maxSamples || ((spentUs.get(c.name) as number) >= c.budgetMs * 1000 && n >= c.minSamples);
  };
  for (let start = 0; contenders.some((c) => !done(c)); start += round) {
    for (const c of contenders) {
      const mine = samples.get(c.name) as number[];
      for (let i = start; i < start + round && !done(c); i++) {
        const us = await timeOne(c, i);
        mine.push(us);
        spentUs.set(c.name, (spentUs.get(c.name) as number) + us);
      }
    }
  }
  return samples;
}

export function stats(samplesUs: readonly number[]): Stats {
  const sorted = [...samplesUs].sort((a, b) => a - b);
  const n = sorted.length;
  const mean = sorted.reduce((s, x) => s + x, 0) / n;
  return { n, medianUs: quantile(sorted, 0.5), p99Us: quantile(sorted, 0.99), meanUs: mean, perSecond: 1e6 / mean };
}

/** Linear interpolation between closest ranks (the median of an even count is the mean of the middle two). */
export function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function median(values: readonly number[]): number {
  return quantile([...values].sort((a, b) => a - b), 0.5);
}
