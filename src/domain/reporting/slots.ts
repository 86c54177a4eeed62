import { orderInForce } from '../breach/breach-rules';
import type { BreachOrder } from '../breach/breach-types';
import { WEEKDAYS, type Measure, type OrderState, type ReportingPlace, type ReportingSlotPattern, type Weekday } from '../order/order';
import { orderSpan } from '../rules/rule-helpers';
import { dayInterval, ianaZone, localAndUtc, localDay, parseCalendarDay, parseClockTime, parseInstant, wallToInstant } from '../time/windows';

/**
 * Due slots of a reporting duty (meldplicht, art. 172a lid 1 Gemeentewet; `BREACH-REPORTING`).
 *
 * - Continuous orders: every local day whose weekday a slot pattern names gets a slot at the pattern's `at` wall-clock
 *   time in the municipality's zone, open for `windowMinutes` elapsed minutes.
 * - Separate-days orders: exactly one slot per order day, at the first pattern naming that weekday, else the first
 *   pattern, else `SEPARATE_DAY_DEFAULT` (12:00, a 60-minute window).
 * - A wall-clock time that does not exist (spring-forward gap) becomes the moment the clock jumps; one that occurs
 *   twice (autumn) is its first occurrence (see `time/windows.ts`). The window is elapsed time from there.
 * - A slot is due only when the order is in force at the slot's start (`BREACH-IN-FORCE`): issued and notified, inside
 *   its validity (with extensions), not withdrawn, revoked or suspended. So suspended, withdrawn and revoked periods
 *   have no slots, an extension adds slots, and a withdrawal removes only the slots from its moment on.
 * - An exemption without zones (art. 172a lid 8) that overlaps a slot's window exempts that slot: it is listed, but can
 *   never be missed. An exemption limited to zones concerns the area and group bans only.
 *
 * Instants are epoch milliseconds; ranges are half-open [start, end) over slot starts.
 */

/** The time and window of a separate-days slot when the reporting duty names no pattern. */
export const SEPARATE_DAY_DEFAULT: Readonly<Pick<ReportingSlotPattern, 'at' | 'windowMinutes'>> = { at: '12:00', windowMinutes: 60 };

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** One due slot of an order's reporting duty. */
export interface DueSlot {
  /** Opening of the window (epoch ms). */
  start: number;
  /** Closing of the window, exclusive (epoch ms): start + windowMinutes elapsed. */
  end: number;
  /** The local calendar day ("YYYY-MM-DD") the slot belongs to. */
  day: string;
  /** The wall-clock time the order sets ("HH:mm"). */
  at: string;
  windowMinutes: number;
  place: ReportingPlace;
  /** Index of the reporting-duty measure in the order's measures. */
  measureIndex: number;
  /** Id of the zone-less exemption overlapping the window: the slot is then not due. */
  exemptionId?: string;
}

export interface InstantRange {
  start: number;
  end: number;
}

interface Duty {
  measure: Measure & { place: ReportingPlace };
  index: number;
}

/** The reporting-duty measures of an order that name a place. */
export function reportingDuties(order: OrderState): Duty[] {
  return order.measures.flatMap((measure, index) =>
    measure.type === 'REPORTING_DUTY' && measure.place ? [{ measure: measure as Duty['measure'], index }] : [],
  );
}

/**
 * `BREACH-REPORTING`: the due slots of `order` whose window opens in `range`, sorted by start, one per instant
 * (when two patterns give the same moment, the first measure's place counts).
 */
export function reportingSlots(order: OrderState, timeZone: string, range: InstantRange): DueSlot[] {
  const duties = reportingDuties(order);
  if (duties.length === 0 || range.end <= range.start) return [];
  const inForce = { ...order, id: order.id ?? '' } as BreachOrder;
  const byStart = new Map<number, DueSlot>();
  for (const day of candidateDays(order, timeZone, range)) {
    for (const slot of slotsOnDay(order, duties, day, timeZone)) {
      if (slot.start < range.start || slot.start >= range.end || byStart.has(slot.start)) continue;
      if (orderInForce(inForce, slot.start, timeZone).inForce) byStart.set(slot.start, withExemption(order, slot));
    }
  }
  return [...byStart.values()].sort((a, b) => a.start - b.start);
}

/** Local days (day numbers since 1970-01-01) on which a slot of the order could open inside `range`. */
function candidateDays(order: OrderState, timeZone: string, range: InstantRange): number[] {
  if (order.validity.mode === 'SEPARATE_DAYS') {
    return [...new Set(order.validity.days)]
      .filter((day) => overlaps(dayInterval(day, timeZone), range))
      .map(parseCalendarDay)
      .sort((a, b) => a - b);
  }
  const span = orderSpan(order, timeZone);
  if (!span) return [];
  const lo = Math.max(range.start, span.start.toMillis());
  const hi = Math.min(range.end, span.end.toMillis());
  if (hi <= lo) return [];
  const first = parseCalendarDay(localDay(lo, timeZone));
  const last = parseCalendarDay(localDay(hi - 1, timeZone));
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

function slotsOnDay(order: OrderState, duties: Duty[], dayNumber: number, timeZone: string): DueSlot[] {
  const weekday = weekdayOf(dayNumber);
  return duties.flatMap(({ measure, index }) => {
    const patterns = patternsOn(order, measure, weekday);
    return patterns.map((p) => slotAt(dayNumber, p, measure.place, index, timeZone));
  });
}

/** The patterns that give a slot on a day with this weekday (separate days: exactly one). */
function patternsOn(order: OrderState, measure: Measure, weekday: Weekday): Pick<ReportingSlotPattern, 'at' | 'windowMinutes'>[] {
  const patterns = measure.slots ?? [];
  const matching = patterns.filter((p) => p.days.includes(weekday));
  if (order.validity.mode === 'CONTINUOUS') return matching;
  return [matching[0] ?? patterns[0] ?? SEPARATE_DAY_DEFAULT];
}

function slotAt(dayNumber: number, pattern: Pick<ReportingSlotPattern, 'at' | 'windowMinutes'>, place: ReportingPlace, measureIndex: number, timeZone: string): DueSlot {
  const start = wallToInstant(dayNumber * DAY_MS + parseClockTime(pattern.at) * MINUTE_MS, ianaZone(timeZone));
  return {
    start,
    end: start + pattern.windowMinutes * MINUTE_MS,
    day: new Date(dayNumber * DAY_MS).toISOString().slice(0, 10),
    at: pattern.at,
    windowMinutes: pattern.windowMinutes,
    place,
    measureIndex,
  };
}

function withExemption(order: OrderState, slot: DueSlot): DueSlot {
  const exemption = order.exemptions.find(
    (e) => (!e.zoneIds || e.zoneIds.length === 0) && overlaps({ start: parseInstant(e.from), end: parseInstant(e.until) }, slot),
  );
  return exemption ? { ...slot, exemptionId: exemption.id } : slot;
}

function overlaps(a: InstantRange, b: InstantRange): boolean {
  return a.start < b.end && b.start < a.end;
}

function weekdayOf(dayNumber: number): Weekday {
  return WEEKDAYS[(((dayNumber + 3) % 7) + 7) % 7]; // 1970-01-01 was a Thursday
}

/** A slot instant as RFC 3339 local time with the zone's offset ("2026-03-28T13:00:00+01:00"). */
export function localInstant(instant: number, timeZone: string): string {
  return localAndUtc(instant, timeZone).local;
}
