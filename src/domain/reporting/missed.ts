import type { DueSlot, InstantRange } from './slots';

/**
 * `BREACH-REPORTING`: a due slot whose window closed without a check-in meeting it is missed. The detection runs
 * incrementally: each run looks at the windows that closed in (processedUntil, now], so a run after downtime catches up
 * on every window that closed meanwhile, and a run repeated over the same interval finds nothing new.
 */

const DAY_MS = 86_400_000;

/**
 * The range of slot starts whose windows can close in (processedUntil, now]: windows last at most a day (1440 minutes),
 * so starts from a day before `processedUntil` on. Without a cursor, everything from `fallbackStart` on.
 */
export function closingStarts(processedUntil: number | null, now: number, fallbackStart: number): InstantRange {
  return { start: processedUntil === null ? fallbackStart : processedUntil - DAY_MS, end: now };
}

/** `BREACH-REPORTING`: the slots whose window closed in (processedUntil, now], not met and not exempted. */
export function newlyMissed(slots: readonly DueSlot[], processedUntil: number | null, now: number, met: ReadonlySet<number>): DueSlot[] {
  return slots.filter(
    (s) => s.end <= now && (processedUntil === null || s.end > processedUntil) && !met.has(s.start) && s.exemptionId === undefined,
  );
}
