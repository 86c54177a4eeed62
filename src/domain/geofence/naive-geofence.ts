import { booleanPointInPolygon, feature, point, pointToPolygonDistance } from '@turf/turf';
import type { Feature } from 'geojson';
import { metresPerDegreeLat, metresPerDegreeLon } from '../geometry/local-metric';
import { Bbox, ZoneGeometry, geometryBbox } from '../geometry/zone-geometry';
import { CoveringVisitor, GeofenceEntry, GeofenceHit, GeofenceQueryable, GeofenceZoneRef } from './geofence-index';

/**
 * The reference the index is checked and benchmarked against: a linear scan over all zones with turf
 * (`booleanPointInPolygon`, boundary inclusive; `pointToPolygonDistance`, great-circle on a sphere of radius
 * 6371008.8 m). Only a bounding-box test (widened by the radius) is done before calling turf; for "what applies
 * here" ({@link forEachCovering}) turf's distance is computed only when asked, as the index does.
 */
export class NaiveGeofence implements GeofenceQueryable {
  private readonly zones: { ref: GeofenceZoneRef; feature: Feature<ZoneGeometry>; box: Bbox }[];

  constructor(entries: readonly GeofenceEntry[]) {
    this.zones = entries.map((e) => ({
      ref: { key: e.key, orderId: e.orderId, zoneId: e.zoneId, zoneVersionId: e.zoneVersionId },
      feature: feature(e.geometry),
      box: geometryBbox(e.geometry),
    }));
  }

  query(lon: number, lat: number, radiusM = 0): GeofenceHit[] {
    const dLon = radiusM / metresPerDegreeLon(lat) + 1e-9;
    const dLat = radiusM / metresPerDegreeLat(lat) + 1e-9;
    const pt = point([lon, lat]);
    const hits: GeofenceHit[] = [];
    for (const { ref, feature: f, box } of this.zones) {
      if (box[0] > lon + dLon || box[2] < lon - dLon || box[1] > lat + dLat || box[3] < lat - dLat) continue;
      const inside = booleanPointInPolygon(pt, f);
      const distance = Math.abs(pointToPolygonDistance(pt, f, { units: 'meters' }));
      if (inside || distance <= radiusM) hits.push({ ...ref, inside, distanceM: inside ? distance : -distance });
    }
    return hits;
  }

  /** Zones whose box holds the point and that turf finds it in; turf's distance only when the visitor asks. */
  forEachCovering(lon: number, lat: number, visit: CoveringVisitor): void {
    const pt = point([lon, lat]);
    for (const { ref, feature: f, box } of this.zones) {
      if (box[0] > lon + 1e-9 || box[2] < lon - 1e-9 || box[1] > lat + 1e-9 || box[3] < lat - 1e-9) continue;
      if (!booleanPointInPolygon(pt, f)) continue;
      let distance = NaN;
      const distanceM = () => (Number.isNaN(distance) ? (distance = Math.abs(pointToPolygonDistance(pt, f, { units: 'meters' }))) : distance);
      visit({ refs: [ref], distanceM });
    }
  }
}
