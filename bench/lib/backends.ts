import type { BreachResult, ZoneHit } from '../../src/domain/breach/breach-types';
import { ActiveMeasure, activeAt, evaluateBreach } from '../../src/domain/breach/evaluate-breach';
import type { CoveringVisitor, GeofenceEntry, GeofenceHit, GeofenceIndex, GeofenceQueryable, GeofenceZoneRef } from '../../src/domain/geofence/geofence-index';
import { NaiveGeofence } from '../../src/domain/geofence/naive-geofence';
import { Dataset, TIME_ZONE } from './dataset';
import type { PersonCheck, PointQuestion } from './queries';

/**
 * One way of answering both questions. Only where the zone hits come from differs between backends; the rules
 * (evaluateBreach, activeAt) and the orders in memory are the same, as in the service.
 */
export interface Backend {
  name: string;
  person(q: PersonCheck): BreachResult | Promise<BreachResult>;
  point(q: PointQuestion): ActiveMeasure[] | Promise<ActiveMeasure[]>;
}

/** The person's check from zone hits of the person's orders, as `BreachChecksService.check` does it. */
export function judgePerson(ds: Dataset, q: PersonCheck, zoneHits: readonly ZoneHit[]): BreachResult {
  return evaluateBreach({
    orders: ds.ordersByPerson.get(q.personId) ?? [],
    position: { lon: q.lon, lat: q.lat, accuracyM: q.accuracyM },
    at: q.at,
    groupSize: q.groupSize,
    timeZone: TIME_ZONE,
    zoneHits,
  });
}

/** The ids of the person's orders (the naive scan filters its hits by them). */
function orderIdsOf(ds: Dataset, personId: string): Set<string> {
  return new Set((ds.ordersByPerson.get(personId) ?? []).map((o) => o.id));
}

/** The index keys of the person's orders (`orderId:zoneVersionId` of each area or group ban), as the service keeps them. */
function indexKeysOf(ds: Dataset, personId: string): string[] {
  return (ds.ordersByPerson.get(personId) ?? []).flatMap((o) => {
    const versions = new Set(o.measures.flatMap((m) => (m.type === 'REPORTING_DUTY' ? [] : (m.zoneVersionIds ?? []))));
    return [...versions].map((v) => `${o.id}:${v}`);
  });
}

/**
 * (a) The service's approach: `forEachOfHandles` over the person's own zones (the handles of their orders' index
 * entries, which the service keeps with each order); `activeAt` with the index.
 */
export function indexBackend(ds: Dataset, index: GeofenceIndex): Backend {
  const handlesByPerson = new Map(ds.persons.map((p) => [p, indexKeysOf(ds, p).map((key) => index.handle(key))]));
  return {
    name: 'index',
    person(q) {
      const hits: ZoneHit[] = [];
      index.forEachOfHandles(q.lon, q.lat, q.accuracyM, handlesByPerson.get(q.personId) ?? [], (ref, inside, distanceM) => {
        hits.push({ orderId: ref.orderId, zoneId: ref.zoneId, zoneVersionId: ref.zoneVersionId, inside, distanceM });
      });
      return judgePerson(ds, q, hits);
    },
    point: (q) => activeAt({ orders: ds.ordersById, timeZone: TIME_ZONE, index }, q, q.at),
  };
}

/**
 * `NaiveGeofence` (bounding box, then turf's `booleanPointInPolygon` and geodesic `pointToPolygonDistance`) over the
 * distinct zone versions, each hit then handed to every order that holds the zone. Scanning one entry per
 * (order, zone version) instead would repeat turf's distance (about 50 µs per edge) for each of the hundreds of
 * orders of a city-centre zone: tens of seconds for one check at 10,000 orders. So this naive scan is already
 * spared that, and its ratio to the index is a lower bound.
 */
export class NaiveOverZoneVersions implements GeofenceQueryable {
  private readonly naive: NaiveGeofence;
  private readonly refs = new Map<string, GeofenceZoneRef[]>();

  constructor(entries: readonly GeofenceEntry[]) {
    const firsts: GeofenceEntry[] = [];
    for (const e of entries) {
      const refs = this.refs.get(e.zoneVersionId);
      const ref = { key: e.key, orderId: e.orderId, zoneId: e.zoneId, zoneVersionId: e.zoneVersionId };
      if (refs) refs.push(ref);
      else {
        this.refs.set(e.zoneVersionId, [ref]);
        firsts.push({ ...e, key: e.zoneVersionId });
      }
    }
    this.naive = new NaiveGeofence(firsts);
  }

  forEachCovering(lon: number, lat: number, visit: CoveringVisitor): void {
    this.naive.forEachCovering(lon, lat, (zone) => visit({ refs: this.refs.get(zone.refs[0].zoneVersionId) as GeofenceZoneRef[], distanceM: zone.distanceM }));
  }

  query(lon: number, lat: number, radiusM = 0): GeofenceHit[] {
    return this.naive.query(lon, lat, radiusM).flatMap((hit) =>
      (this.refs.get(hit.zoneVersionId) as GeofenceZoneRef[]).map((ref) => ({ ...ref, inside: hit.inside, distanceM: hit.distanceM })),
    );
  }
}

/** (b) The naive scan: every zone tested for every check, then the same filter and rules as (a). */
export function naiveBackend(ds: Dataset, naive: GeofenceQueryable): Backend {
  return {
    name: 'naive',
    person(q) {
      const ids = orderIdsOf(ds, q.personId);
      return judgePerson(ds, q, naive.query(q.lon, q.lat, q.accuracyM).filter((h) => ids.has(h.orderId)));
    },
    point: (q) => activeAt({ orders: ds.ordersById, timeZone: TIME_ZONE, index: naive }, q, q.at),
  };
}
