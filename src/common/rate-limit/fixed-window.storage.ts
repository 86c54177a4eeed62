import type { OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';

interface Window {
  endsAt: number;
  hits: number;
}

/**
 * Fixed-window request counters in this process's memory: O(1) per request, whatever the limit. (The library's
 * default storage keeps one timestamp per hit and filters them on every request, which costs milliseconds per
 * request at the breach-check limits.) A caller over the limit stays refused until its window ends, so a burst at a
 * window's edge can reach twice the limit over one window length: acceptable for abuse protection.
 */
export class FixedWindowStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly windows = new Map<string, Window>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    sweepEveryMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.sweeper = setInterval(() => this.sweep(), sweepEveryMs);
    this.sweeper.unref();
  }

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    const now = this.now();
    let w = this.windows.get(key);
    if (!w || w.endsAt <= now) {
      w = { endsAt: now + ttl, hits: 0 };
      this.windows.set(key, w);
    }
    w.hits += 1;
    const timeToExpire = Math.ceil((w.endsAt - now) / 1000);
    const isBlocked = w.hits > limit;
    return { totalHits: w.hits, timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToExpire : 0 };
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
