import type { MultiPolygon, Polygon, Position } from 'geojson';

/** A zone's geometry: GeoJSON Polygon or MultiPolygon in CRS84 (longitude, latitude). */
export type ZoneGeometry = Polygon | MultiPolygon;

/** Bounding box `[minLon, minLat, maxLon, maxLat]` in degrees. */
export type Bbox = [number, number, number, number];

/** One problem with a field of the request, for the `errors` member of a problem+json response. */
export interface FieldProblem {
  /** Path into the payload, e.g. `geometry.coordinates[0][3]`. */
  field: string;
  code: string;
  message: string;
}

/** The polygons of a zone as a list of ring lists (a Polygon is a MultiPolygon of one). */
export function polygonsOf(geometry: ZoneGeometry): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Bounding box of a zone geometry (all rings; holes lie inside their shell, so shells would do for valid zones). */
export function geometryBbox(geometry: ZoneGeometry): Bbox {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      for (const [lon, lat] of ring) {
        if (lon < minLon) minLon = lon;
        if (lon > maxLon) maxLon = lon;
        if (lat < minLat) minLat = lat;
        if (lat > maxLat) maxLat = lat;
      }
    }
  }
  return [minLon, minLat, maxLon, maxLat];
}

/** Number of positions of a zone geometry, closing positions included (what the vertex limit counts). */
export function vertexCount(geometry: ZoneGeometry): number {
  let n = 0;
  for (const polygon of polygonsOf(geometry)) for (const ring of polygon) n += ring.length;
  return n;
}
