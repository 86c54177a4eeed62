import { createHash } from 'node:crypto';
import type { Position } from 'geojson';
import { ZoneGeometry } from './zone-geometry';

/**
 * A stable SHA-256 (hex) of a zone geometry, for the `zone_version` hash column and for detecting an unchanged
 * re-upload. It covers the type and the coordinates only, serialised canonically: `["Polygon",[[[lon,lat],...]]]`
 * with numbers in JavaScript's shortest round-trip form, -0 written as 0 and any altitude dropped. Members such as
 * `bbox` or properties, and key order, do not matter. It is a hash of the coordinates as given, not of the point
 * set: the same shape with a different start vertex or ring orientation hashes differently.
 */
export function geometryHash(geometry: ZoneGeometry): string {
  return createHash('sha256').update(canonicalJson(geometry)).digest('hex');
}

/** The canonical serialisation hashed by {@link geometryHash}. */
export function canonicalJson(geometry: ZoneGeometry): string {
  const coords = geometry.type === 'Polygon' ? polygonJson(geometry.coordinates) : multiJson(geometry.coordinates);
  return `["${geometry.type}",${coords}]`;
}

function multiJson(polygons: Position[][][]): string {
  return `[${polygons.map(polygonJson).join(',')}]`;
}

function polygonJson(rings: Position[][]): string {
  return `[${rings.map((ring) => `[${ring.map(positionJson).join(',')}]`).join(',')}]`;
}

function positionJson(p: Position): string {
  return `[${numberJson(p[0])},${numberJson(p[1])}]`;
}

function numberJson(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError('geometry coordinates must be finite numbers');
  return Object.is(n, -0) ? '0' : JSON.stringify(n);
}
