import type { Position } from 'geojson';
import { segmentDistance2 } from '../geometry/local-metric';
import { ZoneGeometry, polygonsOf } from '../geometry/zone-geometry';
import { DomainError } from '../shared/domain-error';

/** Where a zone's shape comes from when packing: GeoJSON, or a zone already packed (copied on a rebuild). */
export type ZoneSource = ZoneGeometry | { pack: ZonePack; zone: number };

/** Edges per chunk: each chunk of a ring has its own bounding box, so a check scans only the chunks near the point. */
const CHUNK_EDGES = 16;
/** Chunks per group: a box over 8 chunks (128 edges) lets a check of a large zone skip 8 chunk boxes at once. */
const GROUP_CHUNKS = 8;

/**
 * Zones of at least this many positions get a raster (see {@link ZonePack}); below it the exact test scans so few
 * edges that the raster saves little.
 */
const RASTER_MIN_POSITIONS = 64;
/** Cells per side of a zone's raster, over the zone's box. */
const RASTER_SIDE = 16;
/** Bytes of one raster: 2 bits a cell. */
const RASTER_BYTES = (RASTER_SIDE * RASTER_SIDE) / 4;
/** Directions of the crossing test's ray (see {@link ZonePack.crossRing}): towards +lon, -lon, +lat, -lat. */
const EAST = 0;
const WEST = 1;
const NORTH = 2;
const SOUTH = 3;
const RADIANS_PER_DEGREE = Math.PI / 180;

/** Raster cell classes. */
const OUTSIDE = 0;
const INSIDE = 1;
const BOUNDARY = 2;

/** Relative and absolute (m²) slack of the nearest-edge search's box pruning (see `beyond`). */
const NEAR_SLACK = 1 + 1e-6;
const NEAR_SLACK_M2 = 1e-12;

/** 2^32, for splitting a 48-bit offset into an Int16 high and a Uint32 low part. */
const TWO_32 = 4294967296;
const INV_TWO_32 = 1 / TWO_32;
/** Offsets must fit 48 signed bits. */
const MAX_OFFSET = 2 ** 47;

function chunksOf(positions: number): number {
  return Math.ceil((positions - 1) / CHUNK_EDGES);
}

function groupsOf(positions: number): number {
  return Math.ceil(chunksOf(positions) / GROUP_CHUNKS);
}

/** The spacing of float64 numbers at |v| (2^(exponent - 52)); 0 for 0. */
export function ulpOf(v: number): number {
  const a = Math.abs(v);
  if (a === 0) return 0;
  return 2 ** (Math.floor(Math.log2(a)) - 52);
}

/**
 * How one axis of a zone is stored: as whole multiples of `unit` (the float64 spacing at the axis's smallest
 * magnitude, so every coordinate is such a multiple) from `origin`, when all offsets fit 48 signed bits; null when
 * they do not (a zone wider than about ±0.12° of longitude or ±1° of latitude in the Netherlands), and the zone is
 * stored as float64. Decoding `origin + offset * unit` gives back the very same float64.
 */
export function axisEncoding(values: readonly number[]): { origin: number; unit: number } | null {
  return encodingOf(values.length, (i) => values[i]);
}

/** {@link axisEncoding} of `count` values read by `at`. */
function encodingOf(count: number, at: (i: number) => number): { origin: number; unit: number } | null {
  let min = Infinity;
  let max = -Infinity;
  let smallest = Infinity; // the smallest magnitude has the finest spacing
  for (let i = 0; i < count; i++) {
    const v = at(i);
    if (v < min) min = v;
    if (v > max) max = v;
    const a = Math.abs(v);
    if (a > 0 && a < smallest) smallest = a;
  }
  const unit = ulpOf(smallest);
  if (!Number.isFinite(unit) || unit < Number.MIN_VALUE * 2 ** 60) return null;
  const perUnit = 1 / unit; // exact: a power of two
  const origin = Math.round((min + max) / 2 * perUnit) * unit;
  for (let i = 0; i < count; i++) {
    const v = at(i);
    const k = (v - origin) * perUnit;
    if (!Number.isInteger(k) || k >= MAX_OFFSET || k < -MAX_OFFSET || origin + k * unit !== v) return null;
  }
  return { origin, unit };
}

/** Raster cells per degree over [min, max]: the one expression the build and the checks use. */
function cellsPerDegree(min: number, max: number): number {
  return RASTER_SIDE / (max - min);
}

/**
 * The raster row or column of coordinate v (min <= v <= max). Monotonic in v (each step rounds monotonically), so a
 * point between two coordinates lands between their cells: what the raster's BOUNDARY marks rely on.
 */
function cellOf(v: number, min: number, perDegree: number): number {
  return Math.min(RASTER_SIDE - 1, Math.floor((v - min) * perDegree));
}

/**
 * Zones packed into flat typed arrays for the breach check's hot path. Positions are stored exactly but compactly
 * (12 bytes a position instead of 16): per zone and axis as 48-bit whole-number offsets (an Int16 high and a Uint32
 * low part) in units of the float64 spacing, from an origin (see {@link axisEncoding}); a zone too wide for that is
 * kept as float64. Decoding gives back the very same float64 numbers, so all tests run on the original coordinates.
 * CSR-style offsets lead zone → polygons → rings → positions (rings stored closed as given); each zone, ring and
 * chunk of 16 edges (and each group of 8 chunks) has a bounding box. A check allocates nothing.
 *
 * A zone of at least 64 positions also has a raster: 16 × 16 cells over its box, 2 bits a cell. A cell that the
 * bounding box of some edge overlaps is BOUNDARY; every other cell is INSIDE or OUTSIDE as a whole. Why that is
 * exact: a point of such a cell lies, for every edge, wholly beside, above or below the edge's box, where the
 * floating-point crossing test only compares signs (the two products it subtracts have opposite signs) and so
 * answers as exact arithmetic would; the crossing count is then the true containment, which is the same all over
 * the cell, since no edge meets it (cells are found with the same monotonic expression for edges and points). The
 * build finds it at each cell's centre by crossing counts along each row's centre line, per ring, combined as
 * {@link covers} combines rings. A check in an INSIDE or OUTSIDE cell therefore skips the crossing test; in a
 * BOUNDARY cell it runs it as before.
 */
export class ZonePack {
  /** Result of the last {@link evaluate}: whether the point is covered by the zone (boundary included). */
  lastInside = false;
  // Per-call state (the pack is not re-entrant): the point, metres per degree, the zone's decoding and the results.
  private lon = 0;
  private lat = 0;
  private mx = 0;
  private my = 0;
  private ox = 0;
  private oy = 0;
  private ux = 0;
  private uy = 0;
  private shift = 0;
  private wideZone = false;
  private best2 = Infinity;
  private onEdge = false;
  /** The ray of the ring being tested (EAST, WEST, NORTH or SOUTH), see {@link rayFor}. */
  private ray = EAST;
  /** The last {@link covers} answered by the crossing test, for {@link evaluate} to reuse (see {@link coveredAt}). */
  private coveredZone = -1;
  private coveredLon = NaN;
  private coveredLat = NaN;
  private coveredOnEdge = false;
  /** Scratch of {@link nearest}: the groups of a ring and the chunks of a group, nearest box first. */
  private readonly groupOrder: Uint32Array;
  private readonly groupDistance: Float64Array;
  private readonly chunkOrder = new Uint32Array(GROUP_CHUNKS);
  private readonly chunkDistance = new Float64Array(GROUP_CHUNKS);

  private constructor(
    /** Low 32 bits of the x, y offsets per position of the compact zones. */
    readonly low: Uint32Array,
    /** High 16 bits (signed) of the same offsets. */
    readonly high: Int16Array,
    /** lon, lat per position of the zones too wide for offsets. */
    readonly wide: Float64Array,
    /** Position offsets per ring (length rings + 1). */
    readonly ringOffsets: Uint32Array,
    /** Ring offsets per polygon (length polygons + 1); the first ring of a polygon is its shell. */
    readonly polygonOffsets: Uint32Array,
    /** Polygon offsets per zone (length zones + 1). */
    readonly zoneOffsets: Uint32Array,
    /** Chunk offsets per ring (length rings + 1). */
    readonly chunkOffsets: Uint32Array,
    /** Group offsets per ring (length rings + 1); group g of ring r holds its chunks from (g - first group) * 8 on. */
    readonly groupOffsets: Uint32Array,
    /** minLon, minLat, maxLon, maxLat per chunk, per group, per ring and per zone. */
    readonly chunkBoxes: Float64Array,
    readonly groupBoxes: Float64Array,
    readonly ringBoxes: Float64Array,
    readonly zoneBoxes: Float64Array,
    /** Per zone: originLon, originLat, unitLon, unitLat (units 0: a wide zone). */
    readonly frames: Float64Array,
    /** Per zone: added to a position index to find it in `low`/`high` or, for a wide zone, in `wide`. */
    readonly shifts: Int32Array,
    /** The rasters' cells, row by row from the zone box's south-west corner, 4 cells a byte (lowest bits first). */
    readonly raster: Uint8Array,
    /** Per zone: where its raster starts in `raster` (bytes); -1 when it has none. */
    readonly rasterOffsets: Int32Array,
    maxRingGroups: number,
  ) {
    this.groupOrder = new Uint32Array(maxRingGroups);
    this.groupDistance = new Float64Array(maxRingGroups);
  }

  get size(): number {
    return this.zoneOffsets.length - 1;
  }

  /** Packs zones in order (zone i of the pack is sources[i]); throws `INVALID_INPUT` on a malformed geometry. */
  static from(sources: readonly ZoneSource[]): ZonePack {
    const counts: Counts = { polygons: 0, rings: 0, compact: 0, wide: 0, chunks: 0, groups: 0, maxRingGroups: 0, positions: 0 };
    const frames: number[] = [];
    const rasterOffsets = new Int32Array(sources.length);
    let rasterBytes = 0;
    sources.forEach((source, i) => {
      frames.push(...countSource(source, i, counts));
      rasterOffsets[i] = counts.positions >= RASTER_MIN_POSITIONS ? rasterBytes : -1;
      if (rasterOffsets[i] >= 0) rasterBytes += RASTER_BYTES;
    });
    const pack = new ZonePack(
      new Uint32Array(counts.compact * 2),
      new Int16Array(counts.compact * 2),
      new Float64Array(counts.wide * 2),
      new Uint32Array(counts.rings + 1),
      new Uint32Array(counts.polygons + 1),
      new Uint32Array(sources.length + 1),
      new Uint32Array(counts.rings + 1),
      new Uint32Array(counts.rings + 1),
      new Float64Array(counts.chunks * 4),
      new Float64Array(counts.groups * 4),
      new Float64Array(counts.rings * 4),
      new Float64Array(sources.length * 4),
      new Float64Array(frames),
      new Int32Array(sources.length),
      new Uint8Array(rasterBytes),
      rasterOffsets,
      counts.maxRingGroups,
    );
    const cursor: Cursor = { polygon: 0, ring: 0, position: 0, compact: 0, wide: 0, chunk: 0, group: 0 };
    const scratch = new RasterScratch();
    sources.forEach((source, z) => pack.fill(source, z, cursor, scratch));
    return pack;
  }

  private fill(source: ZoneSource, z: number, cursor: Cursor, scratch: RasterScratch): void {
    const wide = this.frames[z * 4 + 2] === 0;
    const before = cursor.position;
    this.shifts[z] = (wide ? cursor.wide : cursor.compact) - before;
    this.useZone(z);
    if ('pack' in source) this.copyZone(source.pack, source.zone, cursor);
    else for (const rings of polygonsOf(source)) this.addPolygon(rings, cursor);
    cursor[wide ? 'wide' : 'compact'] += cursor.position - before;
    this.zoneOffsets[z + 1] = cursor.polygon;
    this.computeZoneBox(z);
    if (this.rasterOffsets[z] < 0) return;
    if ('pack' in source) this.copyRaster(source.pack, source.zone, z);
    else if (!this.rasterize(z, scratch)) this.rasterOffsets[z] = -1;
  }

  private addPolygon(rings: Position[][], cursor: Cursor): void {
    for (const ring of rings) {
      for (const [lon, lat] of ring) this.put(cursor.position++, lon, lat);
      this.finishRing(cursor);
    }
    this.polygonOffsets[++cursor.polygon] = cursor.ring;
  }

  /** Stores position `v` of the zone in use (exactly: see {@link axisEncoding}). */
  private put(v: number, lon: number, lat: number): void {
    const i = (v + this.shift) * 2;
    if (this.wideZone) {
      this.wide[i] = lon;
      this.wide[i + 1] = lat;
      return;
    }
    const kx = (lon - this.ox) / this.ux;
    const ky = (lat - this.oy) / this.uy;
    const hx = Math.floor(kx * INV_TWO_32);
    const hy = Math.floor(ky * INV_TWO_32);
    this.high[i] = hx;
    this.low[i] = kx - hx * TWO_32;
    this.high[i + 1] = hy;
    this.low[i + 1] = ky - hy * TWO_32;
  }

  private copyZone(from: ZonePack, zone: number, cursor: Cursor): void {
    from.useZone(zone);
    for (let p = from.zoneOffsets[zone]; p < from.zoneOffsets[zone + 1]; p++) {
      for (let r = from.polygonOffsets[p]; r < from.polygonOffsets[p + 1]; r++) {
        for (let v = from.ringOffsets[r]; v < from.ringOffsets[r + 1]; v++) this.put(cursor.position++, from.x(v), from.y(v));
        this.finishRing(cursor);
      }
      this.polygonOffsets[++cursor.polygon] = cursor.ring;
    }
  }

  /** Copies the raster of a zone packed before (same positions, so the same box and the same cells), if it has one. */
  private copyRaster(from: ZonePack, zone: number, z: number): void {
    const start = from.rasterOffsets[zone];
    if (start < 0) this.rasterOffsets[z] = -1;
    else this.raster.set(from.raster.subarray(start, start + RASTER_BYTES), this.rasterOffsets[z]);
  }

  /** Longitude of position v of the zone in use. */
  private x(v: number): number {
    const i = (v + this.shift) * 2;
    return this.wideZone ? this.wide[i] : this.ox + (this.high[i] * TWO_32 + this.low[i]) * this.ux;
  }

  /** Latitude of position v of the zone in use. */
  private y(v: number): number {
    const i = (v + this.shift) * 2 + 1;
    return this.wideZone ? this.wide[i] : this.oy + (this.high[i] * TWO_32 + this.low[i]) * this.uy;
  }

  /** Sets the decoding of zone z for the position accessors and scans that follow. */
  private useZone(z: number): void {
    const f = z * 4;
    this.ox = this.frames[f];
    this.oy = this.frames[f + 1];
    this.ux = this.frames[f + 2];
    this.uy = this.frames[f + 3];
    this.wideZone = this.ux === 0;
    this.shift = this.shifts[z];
  }

  /** Closes the ring whose positions were just written: its offsets, chunk and group boxes, and box. */
  private finishRing(cursor: Cursor): void {
    const r = cursor.ring++;
    this.ringOffsets[r + 1] = cursor.position;
    const last = cursor.position - 1;
    const firstChunk = cursor.chunk;
    for (let first = this.ringOffsets[r]; first < last; first += CHUNK_EDGES) {
      this.boxOf(first, Math.min(first + CHUNK_EDGES, last), this.chunkBoxes, cursor.chunk++ * 4);
    }
    this.chunkOffsets[r + 1] = cursor.chunk;
    for (let k = firstChunk; k < cursor.chunk; k += GROUP_CHUNKS) {
      unionOf(this.chunkBoxes, k, Math.min(k + GROUP_CHUNKS, cursor.chunk), this.groupBoxes, cursor.group++ * 4);
    }
    this.groupOffsets[r + 1] = cursor.group;
    unionOf(this.groupBoxes, this.groupOffsets[r], cursor.group, this.ringBoxes, r * 4);
  }

  /** Writes the box of positions first..last (inclusive) of the zone in use into `out` at `at`. */
  private boxOf(first: number, last: number, out: Float64Array, at: number): void {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity; // prettier-ignore
    for (let v = first; v <= last; v++) {
      const x = this.x(v);
      const y = this.y(v);
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    out[at] = minX;
    out[at + 1] = minY;
    out[at + 2] = maxX;
    out[at + 3] = maxY;
  }

  private computeZoneBox(z: number): void {
    const box = [Infinity, Infinity, -Infinity, -Infinity];
    for (let p = this.zoneOffsets[z]; p < this.zoneOffsets[z + 1]; p++) {
      const shell = this.polygonOffsets[p] * 4;
      box[0] = Math.min(box[0], this.ringBoxes[shell]);
      box[1] = Math.min(box[1], this.ringBoxes[shell + 1]);
      box[2] = Math.max(box[2], this.ringBoxes[shell + 2]);
      box[3] = Math.max(box[3], this.ringBoxes[shell + 3]);
    }
    this.zoneBoxes.set(box, z * 4);
  }

  /**
   * Fills the raster of zone z (in use) and returns true; false when the zone cannot have one: a box without width
   * or height, a ring (an invalid hole) reaching outside the box of the shells, or a row centre line that rounds
   * into another row.
   */
  private rasterize(z: number, scratch: RasterScratch): boolean {
    const box = this.zoneBoxes;
    if (!this.ringsWithinBox(z) || !scratch.start(box[z * 4], box[z * 4 + 1], box[z * 4 + 2], box[z * 4 + 3])) return false;
    for (let p = this.zoneOffsets[z]; p < this.zoneOffsets[z + 1]; p++) {
      for (let r = this.polygonOffsets[p]; r < this.polygonOffsets[p + 1]; r++) {
        const count = this.ringOffsets[r + 1] - this.ringOffsets[r];
        const { xs, ys } = scratch.room(count);
        this.decode(this.ringOffsets[r], count, xs, ys);
        scratch.addRing(count, r === this.polygonOffsets[p]);
      }
      scratch.finishPolygon();
    }
    scratch.writeCells(this.raster, this.rasterOffsets[z]);
    return true;
  }

  /** Writes positions first..first+count-1 of the zone in use into xs, ys. */
  private decode(first: number, count: number, xs: Float64Array, ys: Float64Array): void {
    const { low, high, wide, ox, oy, ux, uy } = this;
    let i = (first + this.shift) * 2;
    for (let k = 0; k < count; k++, i += 2) {
      xs[k] = this.wideZone ? wide[i] : ox + (high[i] * TWO_32 + low[i]) * ux;
      ys[k] = this.wideZone ? wide[i + 1] : oy + (high[i + 1] * TWO_32 + low[i + 1]) * uy;
    }
  }

  /** Whether every ring of zone z lies within the zone's box (the box of its shells). */
  private ringsWithinBox(z: number): boolean {
    const zb = z * 4;
    const boxes = this.ringBoxes;
    const zone = this.zoneBoxes;
    for (let r = this.polygonOffsets[this.zoneOffsets[z]]; r < this.polygonOffsets[this.zoneOffsets[z + 1]]; r++) {
      const b = r * 4;
      if (boxes[b] < zone[zb] || boxes[b + 1] < zone[zb + 1] || boxes[b + 2] > zone[zb + 2] || boxes[b + 3] > zone[zb + 3]) return false;
    }
    return true;
  }

  /** The raster class of the point's cell in zone z: INSIDE, OUTSIDE (also outside the box), or BOUNDARY (or no raster). */
  private cellClass(z: number, lon: number, lat: number): number {
    const at = this.rasterOffsets[z];
    if (at < 0) return BOUNDARY;
    const boxes = this.zoneBoxes;
    const b = z * 4;
    const minX = boxes[b];
    const minY = boxes[b + 1];
    const maxX = boxes[b + 2];
    const maxY = boxes[b + 3];
    if (!(lon >= minX && lon <= maxX && lat >= minY && lat <= maxY)) return OUTSIDE;
    const cell = cellOf(lat, minY, cellsPerDegree(minY, maxY)) * RASTER_SIDE + cellOf(lon, minX, cellsPerDegree(minX, maxX));
    return (this.raster[at + (cell >> 2)] >> ((cell & 3) << 1)) & 3;
  }

  private start(z: number, lon: number, lat: number, mx: number, my: number): void {
    this.useZone(z);
    this.lon = lon;
    this.lat = lat;
    this.mx = mx;
    this.my = my;
    this.best2 = Infinity;
    this.onEdge = false;
  }

  /** Whether zone `z` covers (lon, lat), the boundary included (like PostGIS ST_Covers); no distance is computed. */
  covers(z: number, lon: number, lat: number): boolean {
    const cell = this.cellClass(z, lon, lat);
    if (cell !== BOUNDARY) return cell === INSIDE;
    this.start(z, lon, lat, 0, 0);
    const inside = this.locate(z, false);
    if (inside && this.zoneOffsets[z + 1] === this.zoneOffsets[z] + 1) {
      // One polygon found covering: every ring whose box holds the point was tested, as evaluate() tests them.
      this.coveredZone = z;
      this.coveredLon = lon;
      this.coveredLat = lat;
      this.coveredOnEdge = this.onEdge;
    }
    return inside;
  }

  /**
   * Signed distance in metres from (lon, lat) to the nearest edge of zone `z` (any ring, holes included): positive
   * inside, negative outside, 0 on the boundary. `lastInside` tells whether the point is covered (a point exactly on
   * an edge or vertex is, like PostGIS ST_Covers). `mx`/`my` are metres per degree at the point's latitude.
   *
   * Containment comes first: from the raster, or from the crossing test (which seeds the nearest edge with the edges
   * it meets), or, when the last {@link covers} that ran the crossing test found this very point covered by this
   * one-polygon zone (as "what applies here" asks for the distance of a covering zone), from that test. The nearest
   * edge is then looked for nearest box first. Outside the zone, edges farther than `maxOutsideM` are
   * not looked for: when none is within it, the result is -Infinity.
   */
  evaluate(z: number, lon: number, lat: number, mx: number, my: number, maxOutsideM = Infinity): number {
    this.start(z, lon, lat, mx, my);
    const cell = this.cellClass(z, lon, lat);
    const reused = cell === BOUNDARY && this.coveredAt(z, lon, lat);
    const inside = cell === BOUNDARY && !reused ? this.locate(z, true) : cell !== OUTSIDE;
    this.lastInside = inside;
    if (this.onEdge) return 0;
    if (!inside && !(maxOutsideM > 0)) return -Infinity;
    const limit2 = inside ? Infinity : maxOutsideM * maxOutsideM;
    this.nearest(z, limit2, cell === BOUNDARY && !reused);
    if (this.best2 > limit2) return -Infinity;
    const d = Math.sqrt(this.best2);
    return inside ? d : -d;
  }

  /** Whether the last {@link covers} that ran the crossing test found this point covered by zone z; sets `onEdge`. */
  private coveredAt(z: number, lon: number, lat: number): boolean {
    if (z !== this.coveredZone || lon !== this.coveredLon || lat !== this.coveredLat) return false;
    this.onEdge = this.coveredOnEdge;
    return true;
  }

  /**
   * Crossing-number test over the zone's polygons: inside when a ray from the point (per ring, see {@link rayFor})
   * crosses a shell an odd number of times and none of its holes. Scans only the chunks the ray can meet; with
   * `withDistance`, every ring whose box holds the point is scanned and the distances of its scanned edges seed
   * `best2`.
   */
  private locate(z: number, withDistance: boolean): boolean {
    let inside = false;
    for (let p = this.zoneOffsets[z]; p < this.zoneOffsets[z + 1]; p++) {
      const shell = this.polygonOffsets[p];
      let inShell = false;
      let inHole = false;
      for (let r = shell; r < this.polygonOffsets[p + 1]; r++) {
        if (!this.ringBoxHolds(r)) {
          if (r === shell && !withDistance) break; // outside the shell's box: outside the polygon
          continue;
        }
        const odd = this.crossRing(r, withDistance);
        if (this.onEdge) return true;
        if (r === shell) inShell = odd;
        else if (odd) inHole = true;
        if (!withDistance && (!inShell || inHole)) break;
      }
      if (inShell && !inHole) {
        inside = true;
        if (!withDistance) return true;
      }
    }
    return inside;
  }

  private ringBoxHolds(r: number): boolean {
    const b = r * 4;
    const boxes = this.ringBoxes;
    return this.lon >= boxes[b] && this.lon <= boxes[b + 2] && this.lat >= boxes[b + 1] && this.lat <= boxes[b + 3];
  }

  /** Whether box k can meet the ray from the point (in the direction `ray`). */
  private rayMeets(boxes: Float64Array, k: number): boolean {
    const b = k * 4;
    switch (this.ray) {
      case EAST:
        return this.lat >= boxes[b + 1] && this.lat <= boxes[b + 3] && this.lon <= boxes[b + 2];
      case WEST:
        return this.lat >= boxes[b + 1] && this.lat <= boxes[b + 3] && this.lon >= boxes[b];
      case NORTH:
        return this.lon >= boxes[b] && this.lon <= boxes[b + 2] && this.lat <= boxes[b + 3];
      default:
        return this.lon >= boxes[b] && this.lon <= boxes[b + 2] && this.lat >= boxes[b + 1];
    }
  }

  /**
   * The ray for ring r (whose box holds the point): towards the nearest side of the ring's box, in metres (one
   * degree of longitude taken as cos(lat) degrees of latitude). Any ray gives the same parity; the shortest one meets
   * the fewest chunks. Near the north side of a ring, a ray towards +lon would run along the boundary, meeting
   * every chunk of that stretch; one towards +lat leaves the box after crossing the boundary once or a few times.
   */
  private rayFor(r: number): number {
    const b = r * 4;
    const boxes = this.ringBoxes;
    const k = Math.cos(this.lat * RADIANS_PER_DEGREE);
    const east = (boxes[b + 2] - this.lon) * k;
    const west = (this.lon - boxes[b]) * k;
    const north = boxes[b + 3] - this.lat;
    const south = this.lat - boxes[b + 1];
    const ns = Math.min(north, south);
    if (Math.min(east, west) <= ns) return east <= west ? EAST : WEST;
    return north <= south ? NORTH : SOUTH;
  }

  /**
   * Parity of the crossings of the ray towards the nearest side of the ring's box ({@link rayFor}) with ring r,
   * scanning only the groups and chunks the ray can meet.
   */
  private crossRing(r: number, withDistance: boolean): boolean {
    this.ray = this.rayFor(r);
    const firstChunk = this.chunkOffsets[r];
    const endChunk = this.chunkOffsets[r + 1];
    const firstGroup = this.groupOffsets[r];
    const endGroup = this.groupOffsets[r + 1];
    const last = this.ringOffsets[r + 1] - 1;
    let odd = false;
    for (let g = firstGroup; g < endGroup; g++) {
      // The box of a ring's only group is the ring's box, which holds the point: not worth a load.
      if (endGroup - firstGroup > 1 && !this.rayMeets(this.groupBoxes, g)) continue;
      const from = firstChunk + (g - firstGroup) * GROUP_CHUNKS;
      for (let k = from; k < from + GROUP_CHUNKS && k < endChunk; k++) {
        if (!this.rayMeets(this.chunkBoxes, k)) continue;
        const first = this.ringOffsets[r] + (k - firstChunk) * CHUNK_EDGES;
        if (this.scan(first, Math.min(first + CHUNK_EDGES, last), withDistance)) odd = !odd;
      }
    }
    return odd;
  }

  /**
   * Lowers `best2` to the squared distance of the zone's nearest edge within `limit2`. Per ring whose box is near
   * enough, its groups and then each group's chunks are visited nearest box first, until the next box is farther
   * than the best edge so far (see {@link beyond}): the same minimum as a scan of every edge, found in a few chunks.
   * With `located`, the chunks {@link locate} scanned (those the ray meets, in rings whose box holds the point) are
   * skipped.
   */
  private nearest(z: number, limit2: number, located: boolean): void {
    for (let r = this.polygonOffsets[this.zoneOffsets[z]]; r < this.polygonOffsets[this.zoneOffsets[z + 1]]; r++) {
      const d2 = this.boxDistance2(this.ringBoxes, r * 4);
      if (this.beyond(d2, limit2)) continue;
      const skipRay = located && this.ringBoxHolds(r);
      if (skipRay) this.ray = this.rayFor(r); // the ray locate used for this ring
      const groups = this.nearGroups(r, d2, limit2);
      for (let i = 0; i < groups && !this.beyond(this.groupDistance[i], limit2); i++) this.nearestInGroup(r, this.groupOrder[i], limit2, skipRay);
    }
  }

  /**
   * Puts the groups of ring r (whose box lies `ringD2` away) that can hold a nearer edge into the group scratch,
   * nearest first; returns how many. A ring's only group has the ring's box, so its box is not loaded again.
   */
  private nearGroups(r: number, ringD2: number, limit2: number): number {
    if (this.groupOffsets[r + 1] - this.groupOffsets[r] === 1) {
      this.groupDistance[0] = ringD2;
      this.groupOrder[0] = this.groupOffsets[r];
      return 1;
    }
    let n = 0;
    for (let g = this.groupOffsets[r]; g < this.groupOffsets[r + 1]; g++) {
      const d2 = this.boxDistance2(this.groupBoxes, g * 4);
      if (!this.beyond(d2, limit2)) n = insertSorted(this.groupDistance, this.groupOrder, n, d2, g);
    }
    return n;
  }

  /** Scans the chunks of group g of ring r nearest box first, while a chunk can hold a nearer edge. */
  private nearestInGroup(r: number, g: number, limit2: number, skipRay: boolean): void {
    const firstChunk = this.chunkOffsets[r];
    const from = firstChunk + (g - this.groupOffsets[r]) * GROUP_CHUNKS;
    const to = Math.min(from + GROUP_CHUNKS, this.chunkOffsets[r + 1]);
    let n = 0;
    for (let k = from; k < to; k++) {
      if (skipRay && this.rayMeets(this.chunkBoxes, k)) continue; // scanned by locate
      const d2 = this.boxDistance2(this.chunkBoxes, k * 4);
      if (!this.beyond(d2, limit2)) n = insertSorted(this.chunkDistance, this.chunkOrder, n, d2, k);
    }
    const last = this.ringOffsets[r + 1] - 1;
    for (let i = 0; i < n && !this.beyond(this.chunkDistance[i], limit2); i++) {
      const first = this.ringOffsets[r] + (this.chunkOrder[i] - firstChunk) * CHUNK_EDGES;
      this.distanceScan(first, Math.min(first + CHUNK_EDGES, last));
    }
  }

  /**
   * Whether a box at squared distance `d2` can hold no edge as near as the best so far, or within the limit. An
   * edge's distance, rounded, can come out a hair below its box's (a vertex's distance from its two edges can differ
   * in the last bit); the slack (a millionth, and a micrometre squared) lies far above that rounding, so no edge that
   * could win is skipped, and the minimum is that of all edges.
   */
  private beyond(d2: number, limit2: number): boolean {
    return d2 > this.best2 * NEAR_SLACK + NEAR_SLACK_M2 || d2 > limit2 * NEAR_SLACK + NEAR_SLACK_M2;
  }

  /** Squared distance in metres from the point to the box at `b` (0 inside it). */
  private boxDistance2(boxes: Float64Array, b: number): number {
    const lon = this.lon;
    const lat = this.lat;
    const dx = lon < boxes[b] ? boxes[b] - lon : lon > boxes[b + 2] ? lon - boxes[b + 2] : 0;
    const dy = lat < boxes[b + 1] ? boxes[b + 1] - lat : lat > boxes[b + 3] ? lat - boxes[b + 3] : 0;
    return (dx * this.mx) ** 2 + (dy * this.my) ** 2;
  }

  private scan(first: number, last: number, withDistance: boolean): boolean {
    if (!withDistance) return this.crossings(first, last);
    return this.wideZone ? this.scanWide(first, last, withDistance) : this.scanCompact(first, last, withDistance);
  }

  /**
   * {@link scan} without distances: an edge wholly to one side of the ray's line (above or below the point's
   * latitude for a ray along it, east or west of its longitude for one along the meridian) can neither be crossed
   * nor hold the point, so only that coordinate is decoded for it; the others get {@link edge}'s test on the same
   * numbers. Two loops, one per axis, rather than one reading the coordinate by its index: that branch per position
   * made `covers()` on a 10,000-vertex zone 1.2–2.6 times slower (6.2–9.8 against 3.2–5.0 µs a point).
   */
  private crossings(first: number, last: number): boolean {
    return this.ray === EAST || this.ray === WEST ? this.crossingsAlongLat(first, last) : this.crossingsAlongLon(first, last);
  }

  private crossingsAlongLat(first: number, last: number): boolean {
    const lat = this.lat;
    let i = (first + this.shift) * 2;
    let ay = this.yAt(i + 1) - lat;
    let odd = false;
    for (let v = first + 1; v <= last; v++) {
      i += 2;
      const by = this.yAt(i + 1) - lat;
      if ((ay <= 0 || by <= 0) && (ay >= 0 || by >= 0)) {
        if (this.edge(this.xAt(i - 2) - this.lon, ay, this.xAt(i) - this.lon, by, false)) odd = !odd;
      }
      ay = by;
    }
    return odd;
  }

  private crossingsAlongLon(first: number, last: number): boolean {
    const lon = this.lon;
    let i = (first + this.shift) * 2;
    let ax = this.xAt(i) - lon;
    let odd = false;
    for (let v = first + 1; v <= last; v++) {
      i += 2;
      const bx = this.xAt(i) - lon;
      if ((ax <= 0 || bx <= 0) && (ax >= 0 || bx >= 0)) {
        if (this.edge(ax, this.yAt(i - 1) - this.lat, bx, this.yAt(i + 1) - this.lat, false)) odd = !odd;
      }
      ax = bx;
    }
    return odd;
  }

  /**
   * The edges between positions first..last of a compact zone: the parity of their crossings with the ray,
   * `onEdge` when the point lies on one, and (with `withDistance`) `best2` lowered to their nearest.
   */
  private scanCompact(first: number, last: number, withDistance: boolean): boolean {
    const { low, high, ox, oy, ux, uy, lon, lat } = this;
    let i = (first + this.shift) * 2;
    let ax = ox + (high[i] * TWO_32 + low[i]) * ux - lon;
    let ay = oy + (high[i + 1] * TWO_32 + low[i + 1]) * uy - lat;
    let odd = false;
    for (let v = first + 1; v <= last; v++) {
      i += 2;
      const bx = ox + (high[i] * TWO_32 + low[i]) * ux - lon;
      const by = oy + (high[i + 1] * TWO_32 + low[i + 1]) * uy - lat;
      if (this.edge(ax, ay, bx, by, withDistance)) odd = !odd;
      ax = bx;
      ay = by;
    }
    return odd;
  }

  /** {@link scanCompact} for a zone stored as float64. */
  private scanWide(first: number, last: number, withDistance: boolean): boolean {
    const { wide, lon, lat } = this;
    let i = (first + this.shift) * 2;
    let ax = wide[i] - lon;
    let ay = wide[i + 1] - lat;
    let odd = false;
    for (let v = first + 1; v <= last; v++) {
      i += 2;
      const bx = wide[i] - lon;
      const by = wide[i + 1] - lat;
      if (this.edge(ax, ay, bx, by, withDistance)) odd = !odd;
      ax = bx;
      ay = by;
    }
    return odd;
  }

  /**
   * Lowers `best2` to the nearest of the edges between positions first..last (no crossing test: the nearest-edge
   * search runs after containment is known). Each position is scaled to metres once, giving the very same products
   * as {@link edge}.
   */
  private distanceScan(first: number, last: number): void {
    const { mx, my } = this;
    let best2 = this.best2;
    let i = (first + this.shift) * 2;
    let ax = (this.xAt(i) - this.lon) * mx;
    let ay = (this.yAt(i + 1) - this.lat) * my;
    for (let v = first + 1; v <= last; v++) {
      i += 2;
      const bx = (this.xAt(i) - this.lon) * mx;
      const by = (this.yAt(i + 1) - this.lat) * my;
      const d2 = segmentDistance2(ax, ay, bx, by);
      if (d2 < best2) best2 = d2;
      ax = bx;
      ay = by;
    }
    this.best2 = best2;
  }

  /** Longitude stored at index i of `low`/`high` (or `wide`) of the zone in use. */
  private xAt(i: number): number {
    return this.wideZone ? this.wide[i] : this.ox + (this.high[i] * TWO_32 + this.low[i]) * this.ux;
  }

  /** Latitude stored at index i of `low`/`high` (or `wide`) of the zone in use. */
  private yAt(i: number): number {
    return this.wideZone ? this.wide[i] : this.oy + (this.high[i] * TWO_32 + this.low[i]) * this.uy;
  }

  /**
   * One edge a→b (relative to the point): whether the ray crosses it; sets `onEdge`, lowers `best2`.
   *
   * For the ray towards +lon the edge crosses it when it passes from one side of the point's latitude to the other
   * (a position exactly on that latitude counts as below, so a vertex on the ray is crossed once) and meets it east
   * of the point: cross > 0 when going north. The other rays are the same test in coordinates turned or mirrored
   * onto it, (-x, y) for west, (y, x) for north, (-y, x) for south: exact negations and swaps, which flip the
   * sign of `cross` for the two mirrors.
   */
  private edge(ax: number, ay: number, bx: number, by: number, withDistance: boolean): boolean {
    // cross = orientation of the point against the edge a→b; its sign says on which side the edge passes.
    const cross = ax * by - bx * ay;
    let crosses = false;
    if (cross === 0 && (ax <= 0 ? bx >= 0 : bx <= 0) && (ay <= 0 ? by >= 0 : by <= 0)) this.onEdge = true;
    else {
      switch (this.ray) {
        case EAST:
          crosses = ay > 0 !== by > 0 && cross > 0 === by > ay;
          break;
        case WEST:
          crosses = ay > 0 !== by > 0 && cross < 0 === by > ay;
          break;
        case NORTH:
          crosses = ax > 0 !== bx > 0 && cross < 0 === bx > ax;
          break;
        default:
          crosses = ax > 0 !== bx > 0 && cross > 0 === bx > ax;
      }
    }
    if (withDistance) {
      const d2 = segmentDistance2(ax * this.mx, ay * this.my, bx * this.mx, by * this.my);
      if (d2 < this.best2) this.best2 = d2;
    }
    return crosses;
  }
}

/** Inserts (d2, item) into the first n entries of `distances`/`items`, kept in increasing distance; returns n + 1. */
function insertSorted(distances: Float64Array, items: Uint32Array, n: number, d2: number, item: number): number {
  let i = n;
  while (i > 0 && distances[i - 1] > d2) {
    distances[i] = distances[i - 1];
    items[i] = items[i - 1];
    i--;
  }
  distances[i] = d2;
  items[i] = item;
  return n + 1;
}

/**
 * Working memory of one zone's rasterization, reused from zone to zone. Per ring, `flips` records along each row's
 * centre line where the ring crosses it (as the number of cell centres west of the crossing); the parity of the
 * crossings east of a cell's centre is the ring's containment of that centre. A crossing this close to a centre
 * that rounding could misplace it lies in a cell the edge's box overlaps, a BOUNDARY cell anyway. Shells and holes
 * combine per polygon (in the shell, in no hole) and polygons by union, as {@link ZonePack.covers} does.
 */
class RasterScratch {
  // Doubles from the start, so that the fields keep one representation.
  private minX = 0.5;
  private minY = 0.5;
  private perX = 0.5;
  private perY = 0.5;
  /** Per row: the latitude of its centre line. */
  private readonly rowY = new Float64Array(RASTER_SIDE);
  private readonly flips = new Uint8Array(RASTER_SIDE * (RASTER_SIDE + 1));
  private readonly polygon = new Uint8Array(RASTER_SIDE * RASTER_SIDE);
  private readonly zone = new Uint8Array(RASTER_SIDE * RASTER_SIDE);
  private readonly boundary = new Uint8Array(RASTER_SIDE * RASTER_SIDE);
  /** The decoded positions of the ring being added. */
  xs = new Float64Array(64);
  ys = new Float64Array(64);

  /** Starts a zone of this box; false when it has no width or height, or a row's centre line rounds into another row. */
  start(minX: number, minY: number, maxX: number, maxY: number): boolean {
    const perX = cellsPerDegree(minX, maxX);
    const perY = cellsPerDegree(minY, maxY);
    if (!(maxX > minX && maxY > minY && Number.isFinite(perX) && Number.isFinite(perY))) return false;
    for (let j = 0; j < RASTER_SIDE; j++) {
      const y = minY + (j + 0.5) / perY;
      if (cellOf(y, minY, perY) !== j) return false;
      this.rowY[j] = y;
    }
    this.minX = minX;
    this.minY = minY;
    this.perX = perX;
    this.perY = perY;
    this.zone.fill(0);
    this.boundary.fill(0);
    return true;
  }

  /** Room in `xs`/`ys` for a ring of `count` positions. */
  room(count: number): { readonly xs: Float64Array; readonly ys: Float64Array } {
    if (this.xs.length < count) {
      this.xs = new Float64Array(count);
      this.ys = new Float64Array(count);
    }
    return this;
  }

  /** Adds the ring whose `count` positions are in `xs`/`ys`: its edges' BOUNDARY cells and its containment. */
  addRing(count: number, shell: boolean): void {
    this.flips.fill(0);
    const { xs, ys, minX, minY, perX, perY, boundary } = this;
    let column = cellOf(xs[0], minX, perX);
    let row = cellOf(ys[0], minY, perY);
    for (let v = 1; v < count; v++) {
      const nextColumn = cellOf(xs[v], minX, perX);
      const nextRow = cellOf(ys[v], minY, perY);
      const west = Math.min(column, nextColumn);
      const east = Math.max(column, nextColumn);
      const lastRow = Math.max(row, nextRow);
      for (let j = Math.min(row, nextRow); j <= lastRow; j++) {
        for (let c = west; c <= east; c++) boundary[j * RASTER_SIDE + c] = 1;
        this.cross(j, xs[v - 1], ys[v - 1], xs[v], ys[v]);
      }
      column = nextColumn;
      row = nextRow;
    }
    this.finishRing(shell);
  }

  /** Records where the edge (a, b) crosses row j's centre line, if it does. */
  private cross(j: number, ax: number, ay: number, bx: number, by: number): void {
    const y = this.rowY[j];
    if (ay > y === by > y) return;
    const x = ax + ((y - ay) * (bx - ax)) / (by - ay);
    const west = Math.min(RASTER_SIDE, Math.max(0, Math.ceil((x - this.minX) * this.perX - 0.5)));
    this.flips[j * (RASTER_SIDE + 1) + west] ^= 1;
  }

  /** The ring's containment of each cell centre; a shell starts its polygon, a hole cuts it. */
  private finishRing(shell: boolean): void {
    for (let j = 0; j < RASTER_SIDE; j++) {
      let odd = 0;
      for (let c = RASTER_SIDE - 1; c >= 0; c--) {
        odd ^= this.flips[j * (RASTER_SIDE + 1) + c + 1];
        const cell = j * RASTER_SIDE + c;
        this.polygon[cell] = shell ? odd : this.polygon[cell] & (odd ^ 1);
      }
    }
  }

  finishPolygon(): void {
    for (let cell = 0; cell < RASTER_SIDE * RASTER_SIDE; cell++) this.zone[cell] |= this.polygon[cell];
  }

  /** Writes the cells' classes, 2 bits each, into `raster` from byte `at`. */
  writeCells(raster: Uint8Array, at: number): void {
    for (let cell = 0; cell < RASTER_SIDE * RASTER_SIDE; cell++) {
      const cls = this.boundary[cell] ? BOUNDARY : this.zone[cell] ? INSIDE : OUTSIDE;
      raster[at + (cell >> 2)] |= cls << ((cell & 3) << 1);
    }
  }
}

interface Cursor {
  polygon: number;
  ring: number;
  group: number;
  /** Positions so far (all zones), and of compact and of wide zones. */
  position: number;
  compact: number;
  wide: number;
  chunk: number;
}

interface Counts {
  polygons: number;
  rings: number;
  groups: number;
  compact: number;
  wide: number;
  chunks: number;
  /** The most groups of one ring (the size of the nearest-edge scratch). */
  maxRingGroups: number;
  /** Positions of the source counted last. */
  positions: number;
}

type Frame = [number, number, number, number];

/** Writes the union of boxes from..to-1 of `boxes` into `out` at `at`. */
function unionOf(boxes: Float64Array, from: number, to: number, out: Float64Array, at: number): void {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity; // prettier-ignore
  for (let k = from; k < to; k++) {
    minX = Math.min(minX, boxes[k * 4]);
    minY = Math.min(minY, boxes[k * 4 + 1]);
    maxX = Math.max(maxX, boxes[k * 4 + 2]);
    maxY = Math.max(maxY, boxes[k * 4 + 3]);
  }
  out[at] = minX;
  out[at + 1] = minY;
  out[at + 2] = maxX;
  out[at + 3] = maxY;
}

/** Counts a source's parts (its positions in `counts.positions`) and returns its frame (units 0: a wide zone). */
function countSource(source: ZoneSource, index: number, counts: Counts): Frame {
  if ('pack' in source) return countPacked(source.pack, source.zone, counts);
  if (source?.type !== 'Polygon' && source?.type !== 'MultiPolygon') {
    throw new DomainError('INVALID_INPUT', `zone ${index} is not a Polygon or MultiPolygon`);
  }
  const all: Position[] = [];
  for (const rings of polygonsOf(source)) {
    if (!Array.isArray(rings) || rings.length === 0) throw new DomainError('INVALID_INPUT', `zone ${index} has a polygon without rings`);
    counts.polygons++;
    for (const ring of rings) {
      if (!Array.isArray(ring) || ring.length < 4) {
        throw new DomainError('INVALID_INPUT', `zone ${index} has a ring of fewer than 4 positions`);
      }
      for (const p of ring) {
        if (!Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
          throw new DomainError('INVALID_INPUT', `zone ${index} has a position that is not two finite numbers`);
        }
        all.push(p);
      }
      counts.rings++;
      counts.chunks += chunksOf(ring.length);
      counts.groups += groupsOf(ring.length);
      counts.maxRingGroups = Math.max(counts.maxRingGroups, groupsOf(ring.length));
    }
  }
  const x = encodingOf(all.length, (i) => all[i][0]);
  const y = x && encodingOf(all.length, (i) => all[i][1]);
  counts[x && y ? 'compact' : 'wide'] += all.length;
  counts.positions = all.length;
  return x && y ? [x.origin, y.origin, x.unit, y.unit] : [0, 0, 0, 0];
}

/** {@link countSource} of a zone packed before. */
function countPacked(pack: ZonePack, zone: number, counts: Counts): Frame {
  const frame = [...pack.frames.subarray(zone * 4, zone * 4 + 4)] as Frame;
  let positions = 0;
  for (let p = pack.zoneOffsets[zone]; p < pack.zoneOffsets[zone + 1]; p++) {
    counts.polygons++;
    for (let r = pack.polygonOffsets[p]; r < pack.polygonOffsets[p + 1]; r++) {
      counts.rings++;
      positions += pack.ringOffsets[r + 1] - pack.ringOffsets[r];
      counts.chunks += pack.chunkOffsets[r + 1] - pack.chunkOffsets[r];
      const groups = pack.groupOffsets[r + 1] - pack.groupOffsets[r];
      counts.groups += groups;
      counts.maxRingGroups = Math.max(counts.maxRingGroups, groups);
    }
  }
  counts[frame[2] === 0 ? 'wide' : 'compact'] += positions;
  counts.positions = positions;
  return frame;
}
