import type { Position } from 'geojson';
import { area, booleanPointInPolygon, difference, feature, featureCollection } from '@turf/turf';
import type { Finding } from '../shared/finding';
import { metresPerDegreeLat, metresPerDegreeLon, segmentDistance2 } from './local-metric';
import { Bbox, ZoneGeometry, geometryBbox, polygonsOf } from './zone-geometry';

export const ZONE_IN_MUNICIPALITY = 'GW172A-ZONE-IN-MUNICIPALITY';

export interface ZoneWithinBoundaryOptions {
  /** CBS code of the municipality the boundary belongs to, for the message. */
  municipalityCode?: string;
  /** Set when the order is given on behalf of another mayor (lid 3): `boundary` is then that municipality's. */
  onBehalfOf?: string;
  /** Where the finding points in the order payload, e.g. `measures[0].zoneIds[1]`. */
  path?: string;
  /** An overlap below this fraction of the zone's area is only a warning (default 0.02). */
  warnAreaFraction?: number;
  /** An overlap lying entirely within this distance of the boundary is only a warning (default 150 m). */
  warnDistanceM?: number;
}

/** Outside parts below this area are floating-point slivers of a zone drawn along the boundary itself. */
const SLIVER_M2 = 1;

/**
 * `GW172A-ZONE-IN-MUNICIPALITY` (art. 172a lid 1 and 3 Gemeentewet): an area-ban or group-ban zone lies within the
 * municipality (or, for an order on behalf of another mayor, within that mayor's municipality, whose boundary the
 * caller passes). The boundaries are simplified (vertices ~100 m apart), so an overlap that is small in area or stays
 * close to the line is a warning; a larger one is an error. Returns null when the zone lies within the boundary.
 */
export function zoneWithinBoundary(
  zone: ZoneGeometry,
  boundary: ZoneGeometry,
  options: ZoneWithinBoundaryOptions = {},
): Finding | null {
  const outside = difference(featureCollection([feature(zone), feature(boundary)]));
  const outsideM2 = outside ? area(outside) : 0;
  if (outsideM2 < SLIVER_M2) return null;
  const fraction = outsideM2 / area(feature(zone));
  const reachM = outside ? maxDistanceBeyond(outside.geometry, boundary) : 0;
  const small = fraction < (options.warnAreaFraction ?? 0.02) || reachM <= (options.warnDistanceM ?? 150);
  return {
    ruleId: ZONE_IN_MUNICIPALITY,
    severity: small ? 'warning' : 'error',
    message: outsideMessage(fraction, outsideM2, reachM, small, options),
    citation: options.onBehalfOf ? 'art. 172a lid 3 Gemeentewet' : 'art. 172a lid 1 Gemeentewet',
    ...(options.path ? { path: options.path } : {}),
  };
}

function outsideMessage(
  fraction: number,
  outsideM2: number,
  reachM: number,
  small: boolean,
  options: ZoneWithinBoundaryOptions,
): string {
  const whose = options.onBehalfOf
    ? `the municipality ${options.onBehalfOf} on whose behalf the order is given`
    : `the municipality${options.municipalityCode ? ` ${options.municipalityCode}` : ''}`;
  const pct = (fraction * 100).toFixed(1);
  const size = `${pct}% of the zone (${Math.round(outsideM2)} m²)`;
  const head = `${size}, reaching ${Math.round(reachM)} m beyond the boundary, lies outside ${whose}`;
  return small
    ? `${head}; the boundary is simplified, so check the zone against the exact boundary`
    : `${head}; a zone must lie within ${whose}`;
}

/**
 * How far the part of the zone outside the boundary reaches beyond it: the largest distance from a sample of that
 * part (its vertices, its edges every ~10 m and a grid over its interior, which catches enclaves) to the boundary.
 */
function maxDistanceBeyond(outside: ZoneGeometry, boundary: ZoneGeometry): number {
  const rings = polygonsOf(boundary).flat();
  let max = 0;
  for (const [lon, lat] of samplePoints(outside)) {
    const d = distanceToRingsM(lon, lat, rings);
    if (d > max) max = d;
  }
  return max;
}

function samplePoints(geometry: ZoneGeometry): Position[] {
  const points: Position[] = [];
  const [minLon, minLat, maxLon, maxLat] = geometryBbox(geometry);
  const mx = metresPerDegreeLon((minLat + maxLat) / 2);
  const my = metresPerDegreeLat((minLat + maxLat) / 2);
  for (const ring of polygonsOf(geometry).flat()) {
    for (let i = 0; i + 1 < ring.length; i++) densify(ring[i], ring[i + 1], mx, my, points);
  }
  gridInside(geometry, [minLon, minLat, maxLon, maxLat], points);
  return points;
}

function densify(a: Position, b: Position, mx: number, my: number, out: Position[]): void {
  const lengthM = Math.hypot((b[0] - a[0]) * mx, (b[1] - a[1]) * my);
  const steps = Math.min(1000, Math.max(1, Math.ceil(lengthM / 10)));
  for (let s = 0; s < steps; s++) {
    const t = s / steps;
    out.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
  }
}

function gridInside(geometry: ZoneGeometry, box: Bbox, out: Position[]): void {
  const n = 40;
  const target = feature(geometry);
  for (let i = 1; i < n; i++) {
    for (let j = 1; j < n; j++) {
      const p = [box[0] + ((box[2] - box[0]) * i) / n, box[1] + ((box[3] - box[1]) * j) / n];
      if (booleanPointInPolygon(p, target)) out.push(p);
    }
  }
}

function distanceToRingsM(lon: number, lat: number, rings: Position[][]): number {
  const mx = metresPerDegreeLon(lat);
  const my = metresPerDegreeLat(lat);
  let best = Infinity;
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const ax = (ring[i][0] - lon) * mx;
      const ay = (ring[i][1] - lat) * my;
      const bx = (ring[i + 1][0] - lon) * mx;
      const by = (ring[i + 1][1] - lat) * my;
      const d2 = segmentDistance2(ax, ay, bx, by);
      if (d2 < best) best = d2;
    }
  }
  return Math.sqrt(best);
}
