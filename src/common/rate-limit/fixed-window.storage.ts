import type { OnApplicationShutdown } from '@nestjs/common';

interface Window {
  endsAt: number;
  hits: number;
}

/** The outcome of counting one request. */
export interface WindowHit {
  totalHits: number;
  /** Seconds until the caller's window ends (rounded up). */
  timeToExpire: number;
  isBlocked: boolean;
}

/**
 * Fixed-window request counters in this process's memory: O(1) per request, whatever the limit, and synchronous, so
 * counting adds no promise to the request. A caller over the limit stays refused until its window ends, so a burst at
 * a window's edge can reach twice the limit over one window length: acceptable for abuse protection.
 */
export class FixedWindowStorage implements OnApplicationShutdown {
  private readonly windows = new Map<string, Window>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    sweepEveryMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.sweeper = setInterval(() => this.sweep(), sweepEveryMs);
    this.sweeper.unref();
  }

  /** Counts a request of `key` in its window of `ttlMs`; blocked once the window holds more than `limit`. */
  hit(key: string, ttlMs: number, limit: number): WindowHit {
    const now = this.now();
    let w = this.windows.get(key);
    if (!w || w.endsAt <= now) {
      w = { endsAt: now + ttlMs, hits: 0 };
      this.windows.set(key, w);
    }
    w.hits += 1;
    return { totalHits: w.hits, timeToExpire: Math.ceil((w.endsAt - now) / 1000), isBlocked: w.hits > limit };
  }

  /** Forgets the windows that ended, so idle callers cost no memory. */
  sweep(): void {
    const now = this.now();
    for (const [key, w] of this.windows) if (w.endsAt <= now) this.windows.delete(key);
  }

  get size(): number {
    return this.windows.size;
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeper);
  }
}
