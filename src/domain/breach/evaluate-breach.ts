import type { CoveringZone, GeofenceZoneRef } from '../geofence/geofence-index';
import { ZonePack } from '../geofence/zone-pack';
import { metresPerDegreeLat, metresPerDegreeLon } from '../geometry/local-metric';
import type { Measure } from '../order/order';
import { DomainError } from '../shared/domain-error';
import { CompiledWindow, parseInstant } from '../time/windows';
import {
  BREACH_BOUNDARY,
  BREACH_GROUP,
  BREACH_IN_FORCE,
  BREACH_SCHEDULE,
  GW172A_EXEMPTION,
  exemptionFor,
  groupBanCanApply,
  orderInForce,
  scheduleApplies,
  spatialStatus,
} from './breach-rules';
import {
  BreachEvidence,
  BreachInput,
  BreachOrder,
  BreachResult,
  VERDICT_SEVERITY,
  ValidityInForce,
  Verdict,
  ZoneHit,
  ZoneHitSource,
} from './breach-types';

/**
 * Is the person at `position` at `at` in breach of one of their orders? Evaluates every area-ban and group-ban
 * measure of every order in force (`BREACH-IN-FORCE`) whose zone covers the position or lies within its accuracy
 * radius, applying `BREACH-SCHEDULE`, `GW172A-EXEMPTION`, `BREACH-GROUP` and `BREACH-BOUNDARY` in that order. The
 * verdict is the most severe of the evidence (NO_BREACH when nothing applies). Reporting duties are not evaluated
 * here (`BREACH-REPORTING` is about missed slots, not positions).
 */
export function evaluateBreach(input: BreachInput): BreachResult {
  const { position } = input;
  assertPosition(position.lon, position.lat, position.accuracyM);
  assertGroupSize(input.groupSize);
  const at = parseInstant(input.at);
  const radius = position.accuracyM ?? 0;
  const lookup = orderLookup(input.orders);
  const hits = zoneHits(input, lookup, position.lon, position.lat, radius);
  const evidence: BreachEvidence[] = [];
  for (const hit of hits) {
    const order = lookup.get(hit.orderId);
    const spatial = spatialStatus(hit.inside, hit.distanceM, radius);
    if (!order || spatial === 'OUTSIDE') continue;
    const timeZone = order.timeZone ?? input.timeZone;
    const force = orderInForce(order, at, timeZone);
    if (!force.inForce) continue;
    for (let measureIndex = 0; measureIndex < order.measures.length; measureIndex++) {
      const measure = order.measures[measureIndex];
      if (!holdsZone(measure, hit.zoneId, hit.zoneVersionId)) continue;
      const ctx = { order, hit, measure, measureIndex, validity: force.validity, at, timeZone };
      evidence.push(judge(ctx, spatial === 'UNCERTAIN', input.groupSize));
    }
  }
  evidence.sort(byOrderMeasureZone);
  return { verdict: mostSevere(evidence), evidence };
}

interface JudgeContext {
  order: BreachOrder;
  hit: ZoneHit;
  measure: Measure;
  measureIndex: number;
  validity: ValidityInForce;
  at: number;
  timeZone: string;
}

const UNCERTAIN_REASON = 'the accuracy radius reaches across the zone boundary';
const POTENTIAL_REASON = 'in the zone with a group of 5 or more: the officer judges public place and purpose';

/** One measure in one zone: the rules in order, the first that clears the person decides NO_BREACH. */
function judge(ctx: JudgeContext, uncertain: boolean, groupSize: number | undefined): BreachEvidence {
  const ruleIds = [BREACH_IN_FORCE];
  const { applies, window } = scheduleApplies(ctx.measure, ctx.at, ctx.timeZone, compiledSchedule(ctx.order, ctx.measureIndex));
  if (ctx.measure.schedule?.length) ruleIds.push(BREACH_SCHEDULE);
  if (!applies) return evidenceOf(ctx, 'NO_BREACH', ruleIds, 'outside the times of the order', window);
  const exemption = exemptionFor(ctx.order, ctx.hit.zoneId, ctx.at);
  if (exemption) {
    ruleIds.push(GW172A_EXEMPTION);
    const applied = { id: exemption.id, from: exemption.from, until: exemption.until, zoneIds: exemption.zoneIds };
    const cleared = evidenceOf(ctx, 'NO_BREACH', ruleIds, `exemption ${exemption.id} applies`, window);
    return { ...cleared, exemption: applied };
  }
  const groupBan = ctx.measure.type === 'GROUP_BAN';
  if (groupBan) {
    ruleIds.push(BREACH_GROUP);
    if (!groupBanCanApply(groupSize)) {
      const reason = `a group ban needs a group of at least 5; reported: ${groupSize ?? 'none'}`;
      return evidenceOf(ctx, 'NO_BREACH', ruleIds, reason, window);
    }
  }
  ruleIds.push(BREACH_BOUNDARY);
  if (uncertain) return evidenceOf(ctx, 'UNCERTAIN', ruleIds, UNCERTAIN_REASON, window);
  if (groupBan) return evidenceOf(ctx, 'POTENTIAL_BREACH', ruleIds, POTENTIAL_REASON, window);
  return evidenceOf(ctx, 'BREACH', ruleIds, 'in the zone while the ban applies', window);
}

function evidenceOf(
  ctx: JudgeContext,
  verdict: Verdict,
  ruleIds: string[],
  reason: string,
  window: BreachEvidence['window'],
): BreachEvidence {
  return {
    orderId: ctx.order.id,
    orderVersion: ctx.order.version,
    basis: ctx.order.basis.kind,
    measureType: ctx.measure.type as 'AREA_BAN' | 'GROUP_BAN',
    measureIndex: ctx.measureIndex,
    zoneId: ctx.hit.zoneId,
    zoneVersionId: ctx.hit.zoneVersionId,
    verdict,
    inside: ctx.hit.inside,
    signedDistanceM: Math.round(ctx.hit.distanceM * 100) / 100,
    validity: ctx.validity,
    window,
    exemption: null,
    ruleIds,
    reason,
  };
}

/** Whether an area-ban or group-ban measure holds the zone (and that version of it). */
function holdsZone(measure: Measure, zoneId: string, zoneVersionId: string): boolean {
  if (measure.type === 'REPORTING_DUTY' || !measure.zoneIds) return false;
  const z = measure.zoneIds.indexOf(zoneId);
  if (z < 0) return false;
  const version = measure.zoneVersionIds?.[z];
  return version === undefined || version === zoneVersionId; // else a hit for another version of the zone
}

/** The measure's parsed schedule when the order was prepared (`prepareBreachOrder`). */
function compiledSchedule(order: BreachOrder, measureIndex: number): CompiledWindow[] | null | undefined {
  return order.instants?.schedules[measureIndex];
}

function mostSevere(evidence: readonly BreachEvidence[]): Verdict {
  let verdict: Verdict = 'NO_BREACH';
  for (const e of evidence) if (VERDICT_SEVERITY[e.verdict] > VERDICT_SEVERITY[verdict]) verdict = e.verdict;
  return verdict;
}

function byOrderMeasureZone(a: BreachEvidence, b: BreachEvidence): number {
  return (
    (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0) ||
    a.measureIndex - b.measureIndex ||
    (a.zoneId < b.zoneId ? -1 : a.zoneId > b.zoneId ? 1 : 0)
  );
}

/** An order measure whose zone and schedule cover a point at an instant (`GET /active-orders`). */
export interface ActiveMeasure {
  orderId: string;
  orderVersion?: number;
  basis: BreachOrder['basis']['kind'];
  measureType: 'AREA_BAN' | 'GROUP_BAN';
  measureIndex: number;
  zoneId: string;
  zoneVersionId: string;
  signedDistanceM: number;
  validity: ValidityInForce;
  window: BreachEvidence['window'];
  /** An exemption the person holds at that instant for this zone, if any (the order still applies to the place). */
  exemptionId: string | null;
}

export interface ActiveAtInput extends ZoneHitSource {
  orders: readonly BreachOrder[] | ReadonlyMap<string, BreachOrder>;
  timeZone: string;
}

/**
 * All orders in force (`BREACH-IN-FORCE`) with an area-ban or group-ban measure whose zone covers the point
 * (`BREACH-BOUNDARY`: the boundary counts) and whose schedule applies (`BREACH-SCHEDULE`) at `at`. Group size and
 * exemptions do not filter: they concern a person, not the place.
 */
export function activeAt(source: ActiveAtInput, point: { lon: number; lat: number }, at: string): ActiveMeasure[] {
  assertPosition(point.lon, point.lat, 0);
  const ctx: ActiveContext = { t: parseInstant(at), timeZone: source.timeZone, lookup: orderLookup(source.orders), active: [] };
  const index = source.zoneHits ? undefined : source.index;
  if (index?.forEachCovering) {
    // Containment only; the distance to the edge is computed for a zone only once an order in force needs it.
    index.forEachCovering(point.lon, point.lat, (zone) => {
      for (const ref of zone.refs) collectActive(ctx, ref, zone);
    });
    return ctx.active;
  }
  for (const hit of zoneHits(source, ctx.lookup, point.lon, point.lat, 0)) {
    if (hit.inside) collectActive(ctx, hit, { distanceM: () => hit.distanceM });
  }
  return ctx.active;
}

interface ActiveContext {
  t: number;
  timeZone: string;
  lookup: OrderLookup;
  active: ActiveMeasure[];
}

/** The measures of the order of `ref` that apply in its zone at `ctx.t`, appended to `ctx.active`. */
function collectActive(ctx: ActiveContext, ref: GeofenceZoneRef | ZoneHit, zone: Pick<CoveringZone, 'distanceM'>): void {
  const order = ctx.lookup.get(ref.orderId);
  if (!order) return;
  const timeZone = order.timeZone ?? ctx.timeZone;
  const force = orderInForce(order, ctx.t, timeZone);
  if (!force.inForce) return;
  for (let measureIndex = 0; measureIndex < order.measures.length; measureIndex++) {
    const measure = order.measures[measureIndex];
    if (!holdsZone(measure, ref.zoneId, ref.zoneVersionId)) continue;
    const { applies, window } = scheduleApplies(measure, ctx.t, timeZone, compiledSchedule(order, measureIndex));
    if (!applies) continue;
    const exemption = exemptionFor(order, ref.zoneId, ctx.t);
    ctx.active.push({
      orderId: order.id,
      orderVersion: order.version,
      basis: order.basis.kind,
      measureType: measure.type as 'AREA_BAN' | 'GROUP_BAN',
      measureIndex,
      zoneId: ref.zoneId,
      zoneVersionId: ref.zoneVersionId,
      signedDistanceM: Math.round(zone.distanceM() * 100) / 100,
      validity: force.validity,
      window,
      exemptionId: exemption ? exemption.id : null,
    });
  }
}

interface OrderLookup {
  get(id: string): BreachOrder | undefined;
  all(): readonly BreachOrder[];
}

/** Few orders (a person's): a linear search beats building a map; many: a map. */
function orderLookup(orders: readonly BreachOrder[] | ReadonlyMap<string, BreachOrder>): OrderLookup {
  if (!Array.isArray(orders)) {
    const map = orders as ReadonlyMap<string, BreachOrder>;
    return { get: (id) => map.get(id), all: () => [...map.values()] };
  }
  const list = orders as readonly BreachOrder[];
  if (list.length <= 16) return { get: (id) => list.find((o) => o.id === id), all: () => list };
  const map = new Map(list.map((o) => [o.id, o]));
  return { get: (id) => map.get(id), all: () => list };
}

/** The zone hits: as given, from the index, or computed from the orders' own zone geometries. */
function zoneHits(source: ZoneHitSource, lookup: OrderLookup, lon: number, lat: number, radiusM: number) {
  if (source.zoneHits) return source.zoneHits;
  if (source.index) return source.index.query(lon, lat, radiusM);
  return hitsFromOrderZones(lookup.all(), lon, lat, radiusM);
}

/** Exact hits against the geometries carried by the orders, without an index (for a person's few orders). */
export function hitsFromOrderZones(
  orders: readonly BreachOrder[],
  lon: number,
  lat: number,
  radiusM: number,
): ZoneHit[] {
  const zones = orders.flatMap((o) => (o.zones ?? []).map((z) => ({ orderId: o.id, zone: z })));
  if (zones.length === 0) return [];
  const pack = ZonePack.from(zones.map((z) => z.zone.geometry));
  const mx = metresPerDegreeLon(lat);
  const my = metresPerDegreeLat(lat);
  const hits: ZoneHit[] = [];
  zones.forEach(({ orderId, zone }, i) => {
    const distanceM = pack.evaluate(i, lon, lat, mx, my, radiusM);
    const inside = pack.lastInside;
    if (inside || -distanceM <= radiusM) {
      hits.push({ orderId, zoneId: zone.zoneId, zoneVersionId: zone.zoneVersionId, inside, distanceM });
    }
  });
  return hits;
}

function assertPosition(lon: number, lat: number, accuracyM: number | undefined): void {
  const finite = Number.isFinite(lon) && Number.isFinite(lat);
  if (!finite || lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    throw new DomainError('INVALID_INPUT', 'position must be a longitude/latitude pair in degrees (CRS84)');
  }
  if (accuracyM !== undefined && !(Number.isFinite(accuracyM) && accuracyM >= 0)) {
    throw new DomainError('INVALID_INPUT', 'accuracyM must be a finite number of metres >= 0');
  }
}

function assertGroupSize(groupSize: number | undefined): void {
  if (groupSize !== undefined && !(Number.isInteger(groupSize) && groupSize >= 1)) {
    throw new DomainError('INVALID_INPUT', 'groupSize must be a whole number >= 1 (the person included)');
  }
}
