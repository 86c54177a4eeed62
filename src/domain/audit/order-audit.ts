import type { DateTime } from 'luxon';
import type { HearingSkippedGround, Motivation, OrderState, Procedure } from '../order/order';
import { missingMotivationParts } from '../rules/awb-hearing-motivation';
import type { RuleContext } from '../rules/rule-context';
import { currentEnd, hasText, initialEnd } from '../rules/rule-helpers';
import { distinctCalendarDays, parseInstant, startOfLocalDay, toRfc3339 } from '../time/durations';

/**
 * What the lawyers' audit report computes about one stored order, apart from the rule findings: its durations
 * (legal-rules.md "Durations: how to count"), its extensions, its separate days, its hearing record and how complete
 * its motivation is. Pure functions over the order as stored; the rules themselves stay in `src/domain/rules`.
 */

/** The length of a half-open period [start, end): calendar days and months in the zone, and elapsed hours. */
export interface PeriodLength {
  /** Calendar days in the municipality's zone (a day across a clock change is one day), to 2 decimals. */
  days: number;
  /** Calendar months in the zone (30 November + 3 months = 28 February is exactly 3), to 2 decimals. */
  months: number;
  /** Elapsed hours ("24 hours" is 24 elapsed hours), to 2 decimals. */
  hours: number;
}

export interface ExtensionLength extends PeriodLength {
  decidedAt: string;
  previousEnd: string;
  newEnd: string;
}

export interface SeparateDaysSummary {
  /** Distinct calendar days (a day listed twice counts once). */
  count: number;
  firstDay: string;
  lastDay: string;
  /** The window from the start of the first day to the end of the last day. */
  window: PeriodLength;
}

export interface OrderDurations {
  mode: 'CONTINUOUS' | 'SEPARATE_DAYS';
  /** First instant of the order (RFC 3339 in the municipality's zone). */
  start: string | null;
  /** End of the order after its extensions (half-open), or the end of the last separate day. */
  end: string | null;
  /** End of the initial period before any extension (continuous orders). */
  initialEnd: string | null;
  /** The initial period (continuous orders). */
  initial: PeriodLength | null;
  /** The whole period, extensions included (continuous orders; for separate days see `separateDays`). */
  total: PeriodLength | null;
  /** Total duration in days: the whole continuous period, or the number of separate days. */
  totalDays: number;
  extensions: { count: number; lengths: ExtensionLength[] };
  separateDays: SeparateDaysSummary | null;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The wall-clock reading of an instant in its zone, as milliseconds: calendar days are differences of these. */
function wallClockMillis(instant: DateTime): number {
  return instant.toMillis() + instant.offset * 60_000;
}

function lengthBetween(start: DateTime, end: DateTime): PeriodLength {
  return {
    days: round2((wallClockMillis(end) - wallClockMillis(start)) / 86_400_000),
    months: round2(end.diff(start, 'months').months),
    hours: round2((end.toMillis() - start.toMillis()) / 3_600_000),
  };
}

/** The length of [start, end) for two RFC 3339 instants, counted in `timeZone` (see `PeriodLength`). */
export function periodLength(start: string, end: string, timeZone: string): PeriodLength {
  return lengthBetween(parseInstant(start, timeZone), parseInstant(end, timeZone));
}

/** Each extension's length, from the end it extends to its new end (GW172A-EXTENSIONS: each at most 3 months). */
export function extensionLengths(order: OrderState, timeZone: string): ExtensionLength[] {
  return order.extensions.map((e) => ({
    decidedAt: e.decidedAt,
    previousEnd: e.previousEnd,
    newEnd: e.newEnd,
    ...periodLength(e.previousEnd, e.newEnd, timeZone),
  }));
}

/** Count and window of a separate-days order (GW172A-SEPARATE-DAYS: at most 90 days within 24 months). */
export function separateDaysSummary(days: readonly string[], timeZone: string): SeparateDaysSummary | null {
  const distinct = distinctCalendarDays(days, timeZone);
  if (distinct.length === 0) return null;
  const firstDay = distinct[0];
  const lastDay = distinct[distinct.length - 1];
  const window = lengthBetween(startOfLocalDay(firstDay, timeZone), startOfLocalDay(lastDay, timeZone).plus({ days: 1 }));
  return { count: distinct.length, firstDay, lastDay, window };
}

/**
 * The durations of a stored order: start, end after extensions, the initial and total period (continuous), each
 * extension's length, and the separate days' count and window. Totals include the extensions.
 */
export function orderDurations(order: OrderState, timeZone: string): OrderDurations {
  const extensions = { count: order.extensions.length, lengths: extensionLengths(order, timeZone) };
  const v = order.validity;
  if (v.mode === 'CONTINUOUS') {
    const start = parseInstant(v.start, timeZone);
    const end = parseInstant(currentEnd(order) as string, timeZone);
    const initialUntil = order.extensions.length ? parseInstant(initialEnd(order) as string, timeZone) : end;
    const total = lengthBetween(start, end);
    const initial = order.extensions.length ? lengthBetween(start, initialUntil) : total;
    return {
      mode: v.mode,
      start: toRfc3339(start),
      end: toRfc3339(end),
      initialEnd: toRfc3339(initialUntil),
      initial,
      total,
      totalDays: total.days,
      extensions,
      separateDays: null,
    };
  }
  const separateDays = separateDaysSummary(v.days, timeZone);
  const start = separateDays ? toRfc3339(startOfLocalDay(separateDays.firstDay, timeZone)) : null;
  const end = separateDays ? toRfc3339(startOfLocalDay(separateDays.lastDay, timeZone).plus({ days: 1 })) : null;
  return { mode: v.mode, start, end, initialEnd: null, initial: null, total: null, totalDays: separateDays?.count ?? 0, extensions, separateDays };
}

/** How the person was heard before the decision (AWB-4-8-HEARING). */
export type HearingStatus = 'VIEW_RECEIVED' | 'NO_VIEW_RECEIVED' | 'SKIPPED' | 'AWAITING_VIEW' | 'NOT_HEARD';

export interface HearingRecord {
  status: HearingStatus;
  intentSentAt: string | null;
  viewDeadline: string | null;
  viewReceivedAt: string | null;
  noViewReceived: boolean;
  skippedGround: HearingSkippedGround | null;
}

/** The hearing as recorded: view received, none came, skipped on an art. 4:11 ground, still awaited, or never asked. */
export function hearingRecord(procedure: Procedure): HearingRecord {
  const status: HearingStatus = procedure.hearingSkippedGround
    ? 'SKIPPED'
    : hasText(procedure.viewReceivedAt)
      ? 'VIEW_RECEIVED'
      : procedure.noViewReceived
        ? 'NO_VIEW_RECEIVED'
        : hasText(procedure.intentSentAt)
          ? 'AWAITING_VIEW'
          : 'NOT_HEARD';
  return {
    status,
    intentSentAt: procedure.intentSentAt ?? null,
    viewDeadline: procedure.viewDeadline ?? null,
    viewReceivedAt: procedure.viewReceivedAt ?? null,
    noViewReceived: procedure.noViewReceived === true,
    skippedGround: procedure.hearingSkippedGround ?? null,
  };
}

export type MotivationPart = keyof Motivation;
const PARTS: readonly MotivationPart[] = ['fear', 'suitability', 'necessity', 'balance'];

export interface MotivationCompleteness {
  /** True when nothing the rules require is missing (GW172A-FEAR and AWB-3-46-MOTIVATION). */
  complete: boolean;
  /** The parts that have text. */
  present: MotivationPart[];
  /** The parts the rules require and the order lacks (the proportionality test, the fear of a 172a order). */
  missing: string[];
  /** Set when the motivation was deferred for urgency (AWB-3-47-DEFERRED). */
  deferredUntil: string | null;
}

/**
 * How complete the motivation is: a 172a order states the fear (GW172A-FEAR); 172a orders and APV orders above the
 * first ladder step record the proportionality test, other orders at least one part (AWB-3-46-MOTIVATION).
 */
export function motivationCompleteness(ctx: RuleContext): MotivationCompleteness {
  const motivation = ctx.order.procedure.motivation;
  const present = PARTS.filter((part) => hasText(motivation?.[part]));
  const fear = ctx.order.basis.kind === 'GEMW_172A' && !present.includes('fear') ? ['fear'] : [];
  const missing = [...new Set([...fear, ...missingMotivationParts(ctx)])];
  return { complete: missing.length === 0, present, missing, deferredUntil: ctx.order.procedure.motivationDeferredUntil ?? null };
}
