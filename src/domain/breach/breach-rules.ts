import type { Exemption, Measure, OrderStatus } from '../order/order';
import {
  CompiledWindow,
  ScheduleMatch,
  compileSchedule,
  dayInterval,
  localAndUtc,
  matchCompiledSchedule,
  matchSeparateDay,
} from '../time/windows';
import type { BreachOrder, ValidityInForce } from './breach-types';
import { OrderInstants, effectiveEndOf, instantsOf } from './order-instants';

export const BREACH_IN_FORCE = 'BREACH-IN-FORCE';
export const BREACH_SCHEDULE = 'BREACH-SCHEDULE';
export const BREACH_BOUNDARY = 'BREACH-BOUNDARY';
export const BREACH_GROUP = 'BREACH-GROUP';
export const GW172A_EXEMPTION = 'GW172A-EXEMPTION';

/** Statuses an order can have once issued; whether it is in force at T then depends on the recorded dates. */
const ISSUED_STATUSES: ReadonlySet<OrderStatus> = new Set<OrderStatus>([
  'ISSUED',
  'EXTENDED',
  'AMENDED',
  'SUSPENDED',
  'WITHDRAWN',
  'EXPIRED',
  'REVOKED',
]);

export type NotInForceReason =
  | 'NOT_ISSUED'
  | 'NOT_NOTIFIED'
  | 'WITHDRAWN'
  | 'REVOKED'
  | 'SUSPENDED'
  | 'NOT_STARTED'
  | 'ENDED'
  | 'NOT_AN_ORDER_DAY';

export type InForce = { inForce: true; validity: ValidityInForce } | { inForce: false; reason: NotInForceReason };

/**
 * `BREACH-IN-FORCE` (art. 3:40 and 3:41 Awb; art. 172a lid 6 Gemeentewet; art. 8:81 Awb for suspension): whether the
 * order can be breached at `at` (epoch ms). It must have been issued (DRAFT and INTENT_SENT never are) and notified
 * at or before `at`; not withdrawn or revoked at or before `at` (a WITHDRAWN or REVOKED status without its date
 * counts as ended); not inside a suspension [from, until) (a SUSPENDED status without any recorded suspension counts
 * as suspended); and `at` must lie in the validity: [start, end) with the end of the latest extension, or one of the
 * separate days in the municipality's zone.
 */
export function orderInForce(order: BreachOrder, at: number, timeZone: string): InForce {
  const instants = instantsOf(order);
  const blocked = lifecycleBlock(order, instants, at);
  if (blocked) return { inForce: false, reason: blocked };
  return order.validity.mode === 'CONTINUOUS'
    ? continuousValidity(order, instants, at)
    : separateDayValidity(order, at, timeZone);
}

function lifecycleBlock(order: BreachOrder, t: OrderInstants, at: number): NotInForceReason | null {
  if (!ISSUED_STATUSES.has(order.status)) return 'NOT_ISSUED';
  if (!(t.notifiedAt <= at)) return 'NOT_NOTIFIED'; // also when never notified (NaN)
  if (endedBy(order.status === 'WITHDRAWN', t.withdrawnAt, at)) return 'WITHDRAWN';
  if (endedBy(order.status === 'REVOKED', t.revokedAt, at)) return 'REVOKED';
  if (order.status === 'SUSPENDED' && t.suspensions.length === 0) return 'SUSPENDED';
  for (let i = 0; i < t.suspensions.length; i += 2) {
    if (t.suspensions[i] <= at && at < t.suspensions[i + 1]) return 'SUSPENDED';
  }
  return null;
}

function endedBy(statusSaysSo: boolean, when: number, at: number): boolean {
  return Number.isNaN(when) ? statusSaysSo : when <= at;
}

function continuousValidity(order: BreachOrder, t: OrderInstants, at: number): InForce {
  if (order.validity.mode !== 'CONTINUOUS') throw new TypeError('continuous validity expected');
  if (at < t.start) return { inForce: false, reason: 'NOT_STARTED' };
  if (at >= t.end) return { inForce: false, reason: 'ENDED' };
  return { inForce: true, validity: { mode: 'CONTINUOUS', start: order.validity.start, end: t.endText } };
}

/**
 * `BREACH-IN-FORCE` with `GW172A-EXTENSIONS` (art. 172a lid 6 sub a Gemeentewet): the end of a continuous order is the
 * new end of its most recently decided extension, else `validity.end`.
 */
export function effectiveEnd(order: BreachOrder): string {
  return effectiveEndOf(order);
}

function separateDayValidity(order: BreachOrder, at: number, timeZone: string): InForce {
  if (order.validity.mode !== 'SEPARATE_DAYS') throw new TypeError('separate days expected');
  const day = matchSeparateDay(order.validity.days, at, timeZone);
  if (day === null) return { inForce: false, reason: 'NOT_AN_ORDER_DAY' };
  const { start, end } = dayInterval(day, timeZone);
  const local = (t: number) => localAndUtc(t, timeZone).local;
  return { inForce: true, validity: { mode: 'SEPARATE_DAYS', day, start: local(start), end: local(end) } };
}

/**
 * `BREACH-SCHEDULE` (art. 172a lid 1 Gemeentewet: the order sets when the ban applies): whether the measure applies
 * at `at`. Without a schedule it applies all day; with one, `at` must fall in a weekly wall-clock window in the
 * municipality's zone (DST-correct, midnight-crossing; see `time/windows.ts`).
 */
export function scheduleApplies(
  measure: Measure,
  at: number,
  timeZone: string,
  compiled?: readonly CompiledWindow[] | null,
): { applies: boolean; window: ScheduleMatch | null } {
  if (!measure.schedule || measure.schedule.length === 0) return ALWAYS;
  const window = matchCompiledSchedule(measure.schedule, compiled ?? compileSchedule(measure.schedule), at, timeZone);
  return window === null ? NEVER : { applies: true, window };
}

const ALWAYS = Object.freeze({ applies: true, window: null });
const NEVER = Object.freeze({ applies: false, window: null });

export type SpatialStatus = 'INSIDE' | 'OUTSIDE' | 'UNCERTAIN';

/**
 * `BREACH-BOUNDARY` (policy; like PostGIS ST_Covers): a position on the zone boundary counts as inside. With an
 * accuracy radius, the answer is UNCERTAIN when the circle reaches across the boundary: inside at distance d when
 * the radius exceeds d (a circle just touching the edge from inside stays covered), outside when the radius reaches
 * the edge (touching counts, as the boundary is inside).
 */
export function spatialStatus(inside: boolean, signedDistanceM: number, accuracyM = 0): SpatialStatus {
  const distance = Math.abs(signedDistanceM);
  if (inside) return accuracyM > distance ? 'UNCERTAIN' : 'INSIDE';
  return accuracyM > 0 && accuracyM >= distance ? 'UNCERTAIN' : 'OUTSIDE';
}

/** Smallest group, the person included, that a group ban forbids: "more than three other persons". */
export const GROUP_BAN_MIN_SIZE = 5;

/**
 * `BREACH-GROUP` (art. 172a lid 1 sub b Gemeentewet): a group ban can only be breached in a group of at least five
 * (the person and more than three others). Software cannot judge "public place" or "without reasonable purpose",
 * so a large enough group gives POTENTIAL_BREACH, never BREACH.
 */
export function groupBanCanApply(groupSize: number | undefined): boolean {
  return groupSize !== undefined && groupSize >= GROUP_BAN_MIN_SIZE;
}

/**
 * `GW172A-EXEMPTION` (art. 172a lid 8 Gemeentewet): the exemption of the order whose window [from, until) holds
 * `at` and which covers the zone (an exemption without zones covers them all), or null.
 */
export function exemptionFor(order: BreachOrder, zoneId: string, at: number): Exemption | null {
  const exemptions = order.exemptions ?? [];
  if (exemptions.length === 0) return null;
  const windows = instantsOf(order).exemptions;
  for (let i = 0; i < exemptions.length; i++) {
    const { zoneIds } = exemptions[i];
    const coversZone = !zoneIds || zoneIds.length === 0 || zoneIds.includes(zoneId);
    if (coversZone && windows[2 * i] <= at && at < windows[2 * i + 1]) return exemptions[i];
  }
  return null;
}
