import type { LineString, Position } from 'geojson';
import {
  area,
  booleanPointInPolygon,
  featureCollection,
  intersect,
  lineIntersect,
  lineString,
  polygon,
} from '@turf/turf';
import { Bbox, FieldProblem, ZoneGeometry, geometryBbox, polygonsOf } from './zone-geometry';

/**
 * The extent a zone must lie in: the Netherlands including the territorial sea (12 nautical miles) and the Wadden
 * islands, rounded outwards. The EPSG area of use of RD New is lon 3.2–7.22, lat 50.75–53.7; this box is a little
 * wider so that a zone drawn on the coast or the border is never refused by the box alone.
 */
export const NETHERLANDS_EXTENT: Bbox = [3.0, 50.7, 7.3, 53.7];

export const DEFAULT_MAX_VERTICES = 10_000;

export type ZoneProblemCode =
  | 'INVALID_TYPE'
  | 'INVALID_NESTING'
  | 'NOT_A_NUMBER'
  | 'OUT_OF_RANGE'
  | 'OUTSIDE_NETHERLANDS'
  | 'RING_TOO_SHORT'
  | 'RING_NOT_CLOSED'
  | 'DEGENERATE_RING'
  | 'TOO_MANY_VERTICES'
  | 'SELF_INTERSECTION'
  | 'RINGS_INTERSECT'
  | 'HOLE_OUTSIDE_SHELL'
  | 'HOLE_INSIDE_HOLE'
  | 'POLYGONS_OVERLAP';

export interface ZoneValidationOptions {
  /** Maximum number of positions (closing positions included); default 10,000. */
  maxVertices?: number;
  /** Extent every position must lie in; default {@link NETHERLANDS_EXTENT}. */
  extent?: Bbox;
  /** Path of the geometry in the payload, prefixed to every field; default `geometry`. */
  field?: string;
}

export interface ZoneValidationResult {
  problems: FieldProblem[];
  /**
   * The zone, unwrapped from a Feature, reduced to 2D and without repeated consecutive positions; set only when
   * there are no problems.
   */
  geometry?: ZoneGeometry;
}

/** Stop collecting after this many problems: a broken import should not produce a response of megabytes. */
const MAX_PROBLEMS = 50;

/**
 * Validates a zone drawn or imported as GeoJSON (Polygon, MultiPolygon, or a Feature wrapping one) in CRS84: structure,
 * finite numbers, closed rings of at least 4 positions, coordinates inside the Netherlands, a vertex limit, and
 * topology (no self-intersection, rings do not touch or cross, holes inside their shell, polygons do not overlap).
 * Topology is checked only when the structure is sound.
 */
export function validateZoneGeometry(input: unknown, options: ZoneValidationOptions = {}): ZoneValidationResult {
  const ctx: Ctx = {
    problems: [],
    count: 0,
    extent: options.extent ?? NETHERLANDS_EXTENT,
    maxVertices: options.maxVertices ?? DEFAULT_MAX_VERTICES,
  };
  const field = options.field ?? 'geometry';
  const geometry = readGeometry(unwrapFeature(input, field, ctx), field, ctx);
  if (!geometry || ctx.count > 0) return { problems: ctx.problems };
  checkTopology(geometry, `${field}.coordinates`, ctx);
  return ctx.count > 0 ? { problems: ctx.problems } : { problems: [], geometry };
}

interface Ctx {
  problems: FieldProblem[];
  /** Problems found, including those past the cap. */
  count: number;
  extent: Bbox;
  maxVertices: number;
}

function report(ctx: Ctx, field: string, code: ZoneProblemCode, message: string): void {
  ctx.count++;
  if (ctx.problems.length < MAX_PROBLEMS) ctx.problems.push({ field, code, message });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unwrapFeature(input: unknown, field: string, ctx: Ctx): unknown {
  if (!isObject(input) || input.type !== 'Feature') return input;
  if (!isObject(input.geometry)) {
    report(ctx, field, 'INVALID_TYPE', 'the Feature has no geometry');
    return undefined;
  }
  return input.geometry;
}

function readGeometry(input: unknown, field: string, ctx: Ctx): ZoneGeometry | undefined {
  if (input === undefined) return undefined;
  if (!isObject(input) || (input.type !== 'Polygon' && input.type !== 'MultiPolygon')) {
    report(ctx, `${field}.type`, 'INVALID_TYPE', 'a zone is a GeoJSON Polygon or MultiPolygon (or a Feature of one)');
    return undefined;
  }
  const path = `${field}.coordinates`;
  const coords = input.coordinates;
  if (!Array.isArray(coords) || coords.length === 0) {
    report(ctx, path, 'INVALID_NESTING', `${input.type} coordinates must be a non-empty array`);
    return undefined;
  }
  if (input.type === 'Polygon') {
    const rings = readPolygon(coords, path, ctx);
    return rings && checkVertexLimit({ type: 'Polygon', coordinates: rings }, path, ctx);
  }
  const polygons = coords.map((p, i) => readPolygon(p, `${path}[${i}]`, ctx));
  if (polygons.some((p) => p === undefined)) return undefined;
  return checkVertexLimit({ type: 'MultiPolygon', coordinates: polygons as Position[][][] }, path, ctx);
}

function checkVertexLimit(geometry: ZoneGeometry, path: string, ctx: Ctx): ZoneGeometry | undefined {
  let n = 0;
  for (const p of polygonsOf(geometry)) for (const r of p) n += r.length;
  if (n <= ctx.maxVertices) return geometry;
  report(ctx, path, 'TOO_MANY_VERTICES', `the zone has ${n} positions; at most ${ctx.maxVertices} are allowed`);
  return undefined;
}

function readPolygon(value: unknown, path: string, ctx: Ctx): Position[][] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    report(ctx, path, 'INVALID_NESTING', 'a polygon is a non-empty array of linear rings');
    return undefined;
  }
  const rings = value.map((r, i) => readRing(r, `${path}[${i}]`, ctx));
  return rings.some((r) => r === undefined) ? undefined : (rings as Position[][]);
}

function readRing(value: unknown, path: string, ctx: Ctx): Position[] | undefined {
  if (!Array.isArray(value)) {
    report(ctx, path, 'INVALID_NESTING', 'a linear ring is an array of positions');
    return undefined;
  }
  const before = ctx.count;
  const positions = value.map((p, i) => readPosition(p, `${path}[${i}]`, ctx));
  if (ctx.count > before) return undefined;
  const ring = dropRepeats(positions as Position[]);
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (ring.length > 0 && (first[0] !== last[0] || first[1] !== last[1])) {
    report(ctx, path, 'RING_NOT_CLOSED', 'the last position of a ring must equal the first');
    return undefined;
  }
  if (ring.length < 4) {
    report(ctx, path, 'RING_TOO_SHORT', 'a ring needs at least 4 distinct-in-sequence positions (3 corners + closing)');
    return undefined;
  }
  if (Math.abs(shoelace(ring)) < 1e-14) {
    report(ctx, path, 'DEGENERATE_RING', 'the ring encloses no area');
    return undefined;
  }
  return ring;
}

function readPosition(value: unknown, path: string, ctx: Ctx): Position | undefined {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3) {
    report(ctx, path, 'INVALID_NESTING', 'a position is [longitude, latitude] (an optional altitude is ignored)');
    return undefined;
  }
  const [lon, lat] = value as unknown[];
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) {
    report(ctx, path, 'NOT_A_NUMBER', 'longitude and latitude must be finite numbers');
    return undefined;
  }
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    const hint = Math.abs(lon) > 1000 ? ' (these look like RD New metres: send them with Content-Crs: EPSG:28992)' : '';
    report(ctx, path, 'OUT_OF_RANGE', `[${lon}, ${lat}] is not a longitude/latitude pair${hint}`);
    return undefined;
  }
  return checkExtent(lon, lat, path, ctx);
}

function checkExtent(lon: number, lat: number, path: string, ctx: Ctx): Position | undefined {
  const [minLon, minLat, maxLon, maxLat] = ctx.extent;
  if (lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat) return [lon, lat];
  const swapped = lat >= minLon && lat <= maxLon && lon >= minLat && lon <= maxLat;
  const hint = swapped ? ' (longitude and latitude look swapped: GeoJSON is [lon, lat])' : '';
  report(ctx, path, 'OUTSIDE_NETHERLANDS', `[${lon}, ${lat}] lies outside the Netherlands${hint}`);
  return undefined;
}

/** Repeated consecutive positions are harmless for the zone but would read as self-touching to the kink test. */
function dropRepeats(ring: Position[]): Position[] {
  const out: Position[] = [];
  for (const p of ring) {
    const prev = out[out.length - 1];
    if (!prev || prev[0] !== p[0] || prev[1] !== p[1]) out.push(p);
  }
  return out;
}

function shoelace(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum / 2;
}

function checkTopology(geometry: ZoneGeometry, path: string, ctx: Ctx): void {
  const polygons = polygonsOf(geometry);
  polygons.forEach((rings, p) => checkPolygon(rings, geometry.type === 'Polygon' ? path : `${path}[${p}]`, ctx));
  if (ctx.count === 0 && polygons.length > 1) checkPolygonsDisjoint(polygons, path, ctx);
}

function checkPolygon(rings: Position[][], path: string, ctx: Ctx): void {
  let clean = true;
  rings.forEach((ring, r) => {
    const at = selfIntersection(ring);
    if (!at) return;
    clean = false;
    const message = `the ring intersects or touches itself near [${at[0]}, ${at[1]}]`;
    report(ctx, `${path}[${r}]`, 'SELF_INTERSECTION', message);
  });
  if (!clean || rings.length === 1) return;
  const contact = ringContact(rings);
  if (contact) {
    report(ctx, path, 'RINGS_INTERSECT', `the shell and holes touch or cross near [${contact[0]}, ${contact[1]}]`);
    return;
  }
  checkHoles(rings, path, ctx);
}

/**
 * Where a ring crosses or touches itself, if anywhere. turf's sweep-line `lineIntersect` finds crossings in
 * O(n log n) (turf `kinks` is O(n²): seconds at the 10,000-vertex limit) but, within one ring, ignores segments that
 * share a vertex; a ring passing twice through the same vertex (a figure eight) is caught by the repeat check.
 */
function selfIntersection(ring: Position[]): Position | undefined {
  const seen = new Set<string>();
  for (let i = 0; i + 1 < ring.length; i++) {
    const key = `${ring[i][0]},${ring[i][1]}`;
    if (seen.has(key)) return ring[i];
    seen.add(key);
  }
  const crossings = lineIntersect(featureCollection([lineString(ring)]), featureCollection<LineString>([]), {
    ignoreSelfIntersections: false,
  });
  return crossings.features[0]?.geometry.coordinates;
}

/** Where two rings of a polygon touch or cross, if anywhere (pairs within one ring are not compared here). */
function ringContact(rings: Position[][]): Position | undefined {
  const lines = featureCollection(rings.map((ring) => lineString(ring)));
  const contacts = lineIntersect(lines, featureCollection<LineString>([]), { ignoreSelfIntersections: true });
  return contacts.features[0]?.geometry.coordinates;
}

/** Rings no longer touch or cross here, so one position per hole decides where the whole hole lies. */
function checkHoles(rings: Position[][], path: string, ctx: Ctx): void {
  const shell = polygon([rings[0]]);
  for (let h = 1; h < rings.length; h++) {
    const probe = rings[h][0];
    if (!booleanPointInPolygon(probe, shell)) {
      report(ctx, `${path}[${h}]`, 'HOLE_OUTSIDE_SHELL', 'a hole must lie inside the shell of its polygon');
      continue;
    }
    const host = rings.findIndex((ring, o) => o > 0 && o !== h && booleanPointInPolygon(probe, polygon([ring])));
    if (host > 0) report(ctx, `${path}[${h}]`, 'HOLE_INSIDE_HOLE', `the hole lies inside hole ${host} of the polygon`);
  }
}

/** The polygons of a MultiPolygon may touch but not overlap (their interiors are disjoint). */
function checkPolygonsDisjoint(polygons: Position[][][], path: string, ctx: Ctx): void {
  const boxes = polygons.map((rings) => geometryBbox({ type: 'Polygon', coordinates: rings }));
  for (let i = 0; i < polygons.length; i++) {
    for (let j = i + 1; j < polygons.length; j++) {
      if (!boxesOverlap(boxes[i], boxes[j])) continue;
      const common = intersect(featureCollection([polygon(polygons[i]), polygon(polygons[j])]));
      if (common && area(common) > 0.01) {
        report(ctx, `${path}[${j}]`, 'POLYGONS_OVERLAP', `polygon ${j} overlaps polygon ${i}`);
      }
    }
  }
}

function boxesOverlap(a: Bbox, b: Bbox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}
