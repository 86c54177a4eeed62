import fc from 'fast-check';
import { DateTime } from 'luxon';
import { WEEKDAYS, type OrderState, type ReportingSlotPattern } from '../order/order';
import { localAndUtc } from '../time/windows';
import { matchCheckIn } from './check-in';
import { closingStarts, newlyMissed } from './missed';
import { reportingSlots, type DueSlot } from './slots';
import { AMS, reportingOrder } from './testing/orders';

const MIN = 60_000;
const DAY = 86_400_000;
// 2026 with extra weight on the weeks around both daylight-saving changes (29 March and 25 October).
const Y_START = Date.UTC(2026, 0, 1);
const Y_END = Date.UTC(2027, 0, 1);
const instant = fc.oneof(
  fc.integer({ min: Y_START, max: Y_END }),
  fc.integer({ min: Date.UTC(2026, 2, 25), max: Date.UTC(2026, 3, 2) }),
  fc.integer({ min: Date.UTC(2026, 9, 21), max: Date.UTC(2026, 9, 29) }),
);
const clock = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.oneof(fc.constantFrom(0, 15, 30, 45), fc.integer({ min: 0, max: 59 })));
const pattern: fc.Arbitrary<ReportingSlotPattern> = fc.record({
  days: fc.subarray([...WEEKDAYS], { minLength: 1 }),
  at: clock.map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
  windowMinutes: fc.integer({ min: 1, max: 1440 }),
});
const patterns = fc.array(pattern, { minLength: 1, maxLength: 3 });
const iso = (ms: number) => new Date(ms).toISOString();

/** A continuous order over a random stretch of 2026 (so spans cross DST changes), notified before it starts. */
const order = fc.tuple(patterns, instant, fc.integer({ min: 1, max: 120 })).map(([slots, start, days]): OrderState =>
  reportingOrder(
    {
      validity: { mode: 'CONTINUOUS', start: iso(start), end: iso(start + days * DAY) },
      procedure: { signatory: { role: 'MAYOR', name: 'B' }, notifiedAt: iso(start - DAY) },
    },
    slots,
  ),
);
const all = { start: Y_START - DAY, end: Y_END + 130 * DAY };

function wallClock(slot: DueSlot): { day: string; time: string } {
  const local = localAndUtc(slot.start, AMS).local;
  return { day: local.slice(0, 10), time: local.slice(11, 16) };
}

describe('reportingSlots properties (fast-check)', () => {
  it('every slot opens at its wall-clock time on its day (or at the jump in the spring gap) and lasts its window in elapsed minutes', () => {
    fc.assert(
      fc.property(order, (o) => {
        for (const slot of reportingSlots(o, AMS, all)) {
          const { day, time } = wallClock(slot);
          // Luxon moves a wall time in the spring gap forward by the gap; the register opens the slot at the jump.
          const inGap = DateTime.fromISO(`${slot.day}T${slot.at}`, { zone: AMS }).toFormat('HH:mm') !== slot.at;
          expect(day).toBe(slot.day);
          expect(time).toBe(inGap ? '03:00' : slot.at);
          expect(slot.end - slot.start).toBe(slot.windowMinutes * MIN);
          const weekday = WEEKDAYS[(new Date(`${slot.day}T00:00:00Z`).getUTCDay() + 6) % 7];
          expect(o.measures[0].slots!.some((p) => p.at === slot.at && p.days.includes(weekday))).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('slots are sorted, one per instant, and all start inside the validity', () => {
    fc.assert(
      fc.property(order, (o) => {
        const slots = reportingSlots(o, AMS, all);
        const v = o.validity as { start: string; end: string };
        for (let i = 1; i < slots.length; i++) expect(slots[i].start).toBeGreaterThan(slots[i - 1].start);
        for (const s of slots) expect(s.start >= Date.parse(v.start) && s.start < Date.parse(v.end)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('splitting the range anywhere gives the same slots (what lets the job work in increments)', () => {
    fc.assert(
      fc.property(order, instant, (o, cut) => {
        const whole = reportingSlots(o, AMS, all);
        const parts = [...reportingSlots(o, AMS, { start: all.start, end: cut }), ...reportingSlots(o, AMS, { start: cut, end: all.end })];
        expect(parts).toEqual(whole);
      }),
      { numRuns: 200 },
    );
  });

  it('an extension only adds slots, all after the old end', () => {
    fc.assert(
      fc.property(order, fc.integer({ min: 1, max: 90 }), (o, extraDays) => {
        const oldEnd = (o.validity as { end: string }).end;
        const newEnd = iso(Date.parse(oldEnd) + extraDays * DAY);
        const extended: OrderState = { ...o, status: 'EXTENDED', extensions: [{ decidedAt: iso(Date.parse(oldEnd) - DAY), previousEnd: oldEnd, newEnd }] };
        const before = reportingSlots(o, AMS, all);
        const after = reportingSlots(extended, AMS, all);
        expect(after.slice(0, before.length)).toEqual(before);
        for (const s of after.slice(before.length)) expect(s.start).toBeGreaterThanOrEqual(Date.parse(oldEnd));
      }),
      { numRuns: 200 },
    );
  });

  it('a withdrawal removes exactly the slots opening at or after it; earlier ones stay as they were', () => {
    fc.assert(
      fc.property(order, instant, (o, at) => {
        const withdrawn: OrderState = { ...o, status: 'WITHDRAWN', withdrawnAt: iso(at) };
        expect(reportingSlots(withdrawn, AMS, all)).toEqual(reportingSlots(o, AMS, all).filter((s) => s.start < at));
      }),
      { numRuns: 200 },
    );
  });

  it('a check-in is ON_TIME exactly when some window contains it, and then for a slot containing it', () => {
    fc.assert(
      fc.property(order, instant, (o, at) => {
        const slots = reportingSlots(o, AMS, all);
        const match = matchCheckIn(slots, at);
        const containing = slots.some((s) => s.start <= at && at < s.end);
        expect(match.timing === 'ON_TIME').toBe(containing);
        if (match.timing === 'ON_TIME') expect(match.slot!.start <= at && at < match.slot!.end).toBe(true);
        if (match.timing === 'EARLY') expect(at).toBeLessThan(match.slot!.start);
        if (match.timing === 'LATE') expect(at).toBeGreaterThanOrEqual(match.slot!.end);
      }),
      { numRuns: 200 },
    );
  });

  it('missed detection run at any sequence of moments finds each closed slot once, the same as one run at the end (catch-up)', () => {
    fc.assert(
      fc.property(order, fc.array(instant, { minLength: 1, maxLength: 6 }), (o, moments) => {
        const runs = [...moments].sort((a, b) => a - b);
        let cursor: number | null = null;
        const found: DueSlot[] = [];
        for (const now of runs) {
          const range = closingStarts(cursor, now, 0);
          found.push(...newlyMissed(reportingSlots(o, AMS, range), cursor, now, new Set()));
          cursor = now;
        }
        const last = runs[runs.length - 1];
        const once = newlyMissed(reportingSlots(o, AMS, closingStarts(null, last, 0)), null, last, new Set());
        expect(found.map((s) => s.start).sort((a, b) => a - b)).toEqual(once.map((s) => s.start));
        expect(new Set(found.map((s) => s.start)).size).toBe(found.length);
      }),
      { numRuns: 200 },
    );
  });
});
