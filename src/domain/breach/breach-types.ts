import type { GeofenceQueryable } from '../geofence/geofence-index';
import type { ZoneGeometry } from '../geometry/zone-geometry';
import type { BasisKind, OrderState } from '../order/order';
import type { ScheduleMatch } from '../time/windows';
import type { OrderInstants } from './order-instants';

/** The answer of a breach check, from most to least severe: BREACH > POTENTIAL_BREACH > UNCERTAIN > NO_BREACH. */
export type Verdict = 'BREACH' | 'POTENTIAL_BREACH' | 'UNCERTAIN' | 'NO_BREACH';

export const VERDICT_SEVERITY: Readonly<Record<Verdict, number>> = {
  NO_BREACH: 0,
  UNCERTAIN: 1,
  POTENTIAL_BREACH: 2,
  BREACH: 3,
};

/** A zone version an order holds, with its geometry (CRS84). */
export interface OrderZone {
  zoneId: string;
  zoneVersionId: string;
  geometry: ZoneGeometry;
}

/**
 * An order version as the breach evaluation needs it: the register's order state with its id, and optionally the
 * geometries of its zones (used when neither an index nor zone hits are passed) and its municipality's IANA zone.
 */
export interface BreachOrder extends OrderState {
  id: string;
  zones?: OrderZone[];
  /** Overrides the check's `timeZone` for this order (the municipality's zone). */
  timeZone?: string;
  /** The order's dates parsed once (`prepareBreachOrder`); parsed per check when absent. */
  instants?: OrderInstants;
}

/** Where the person is: CRS84 degrees, with the accuracy radius of the fix in metres if known. */
export interface BreachPosition {
  lon: number;
  lat: number;
  accuracyM?: number;
}

/** A zone of an order near the position: `distanceM` is signed (positive inside, negative outside, 0 on the edge). */
export interface ZoneHit {
  orderId: string;
  zoneId: string;
  zoneVersionId: string;
  inside: boolean;
  distanceM: number;
}

/** Where the zone hits come from: precomputed hits, the geofence index, or else the orders' own zone geometries. */
export interface ZoneHitSource {
  zoneHits?: readonly ZoneHit[];
  index?: GeofenceQueryable;
}

export interface BreachInput extends ZoneHitSource {
  /** The person's orders (any status: the evaluation decides which are in force), or a map by order id. */
  orders: readonly BreachOrder[] | ReadonlyMap<string, BreachOrder>;
  position: BreachPosition;
  /** RFC 3339 instant of the check. */
  at: string;
  /** Number of persons in the group including the person, when the officer reports one. */
  groupSize?: number;
  /** The municipality's IANA zone for schedules and separate days, normally Europe/Amsterdam. */
  timeZone: string;
}

/** The validity that made the order in force at the instant. */
export type ValidityInForce =
  | { mode: 'CONTINUOUS'; start: string; end: string }
  | { mode: 'SEPARATE_DAYS'; day: string; start: string; end: string };

/** The exemption that cleared presence (art. 172a lid 8). */
export interface AppliedExemption {
  id: string;
  from: string;
  until: string;
  zoneIds?: string[];
}

/** One order measure and zone that the position touches, with what decided it. */
export interface BreachEvidence {
  orderId: string;
  orderVersion?: number;
  basis: BasisKind;
  measureType: 'AREA_BAN' | 'GROUP_BAN';
  measureIndex: number;
  zoneId: string;
  zoneVersionId: string;
  verdict: Verdict;
  inside: boolean;
  signedDistanceM: number;
  validity: ValidityInForce;
  /** The schedule window the instant falls in; null when the measure has no schedule or no window matched. */
  window: ScheduleMatch | null;
  exemption: AppliedExemption | null;
  /** Rule ids in the order they were applied; for a NO_BREACH the last one is the rule that cleared it. */
  ruleIds: string[];
  reason: string;
}

export interface BreachResult {
  verdict: Verdict;
  evidence: BreachEvidence[];
}
