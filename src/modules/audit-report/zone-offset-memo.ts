import { IANAZone } from 'luxon';

type OffsetFn = (ts: number) => number;

/**
 * Runs `fn` with luxon's offset lookups for the given IANA zones memoised. Luxon asks `Intl.DateTimeFormat` for a
 * zone's offset on every zoned operation (tens of microseconds each), and the rules parse and shift the same instants
 * over and over: for a report of thousands of orders that lookup dominates. An offset depends only on the instant (to
 * the second, as luxon computes it), so a memo per instant gives identical results.
 *
 * The memo is installed on luxon's shared zone instances only for the duration of `fn`, which must be synchronous:
 * no other code can run while it is installed, and it is removed (with its memory) afterwards, even on error.
 */
export function withMemoisedZoneOffsets<T>(zoneNames: Iterable<string>, fn: () => T): T {
  const restores: (() => void)[] = [];
  for (const name of new Set(zoneNames)) {
    const zone = IANAZone.create(name) as IANAZone & { offset: OffsetFn };
    if (!zone.isValid || Object.prototype.hasOwnProperty.call(zone, 'offset')) continue;
    const original = zone.offset.bind(zone);
    const memo = new Map<number, number>();
    zone.offset = (ts: number) => {
      const key = Math.floor(ts / 1000);
      let offset = memo.get(key);
      if (offset === undefined) {
        offset = original(ts);
        memo.set(key, offset);
      }
      return offset;
    };
    restores.push(() => delete (zone as { offset?: OffsetFn }).offset);
  }
  try {
    return fn();
  } finally {
    restores.forEach((restore) => restore());
  }
}
