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

/**
 * Zones packed into flat typed arrays for the breach check's hot path. Positions are stored exactly but compactly
 * (12 bytes a position instead of 16): per zone and axis as 48-bit whole-number offsets (an Int16 high and a Uint32
 * low part) in units of the float64 spacing, from an origin (see {@link axisEncoding}); a zone too wide for that is
 * kept as float64. Decoding gives back the very same float64 numbers, so all tests run on the original coordinates.
 * CSR-style offsets lead zone → polygons → rings → positions (rings stored closed as given); each zone, ring and
 * chunk of 16 edges (and each group of 8 chunks) has a bounding box. A check allocates nothing.
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
  ) {}

  get size(): number {
    return this.zoneOffsets.length - 1;
  }

  /** Packs zones in order (zone i of the pack is sources[i]); throws `INVALID_INPUT` on a malformed geometry. */
  static from(sources: readonly ZoneSource[]): ZonePack {
    const counts: Counts = { polygons: 0, rings: 0, compact: 0, wide: 0, chunks: 0, groups: 0 };
    const frames = sources.map((source, i) => countSource(source, i, counts));
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
      new Float64Array(frames.flat()),
      new Int32Array(sources.length),
    );
    const cursor: Cursor = { polygon: 0, ring: 0, position: 0, compact: 0, wide: 0, chunk: 0, group: 0 };
    sources.forEach((source, z) => pack.fill(source, z, cursor));
    return pack;
  }

  private fill(source: ZoneSource, z: number, cursor: Cursor): void {
    const wide = this.frames[z * 4 + 2] === 0;
    const before = cursor.position;
    this.shifts[z] = (wide ? cursor.wide : cursor.compact) - before;
    this.useZone(z);
    if ('pack' in source) this.copyZone(source.pack, source.zone, cursor);
    else for (const rings of polygonsOf(source)) this.addPolygon(rings, cursor);
    cursor[wide ? 'wide' : 'compact'] += cursor.position - before;
    this.zoneOffsets[z + 1] = cursor.polygon;
    this.computeZoneBox(z);
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
    this.start(z, lon, lat, 0, 0);
    return this.locate(z, false);
  }

  /**
   * Signed distance in metres from (lon, lat) to the nearest edge of zone `z` (any ring, holes included): positive
   * inside, negative outside, 0 on the boundary. `lastInside` tells whether the point is covered (a point exactly on
   * an edge or vertex is, like PostGIS ST_Covers). `mx`/`my` are metres per degree at the point's latitude.
   *
   * Containment comes first; the nearest edge is then looked for only in chunks that can beat the edges the crossing
   * test met. Outside the zone, edges farther than `maxOutsideM` are not looked for: when none is within it, the
   * result is -Infinity.
   */
  evaluate(z: number, lon: number, lat: number, mx: number, my: number, maxOutsideM = Infinity): number {
    this.start(z, lon, lat, mx, my);
    const inside = this.locate(z, true);
    this.lastInside = inside;
    if (this.onEdge) return 0;
    if (!inside && !(maxOutsideM > 0)) return -Infinity;
    const limit2 = inside ? Infinity : maxOutsideM * maxOutsideM;
    this.nearest(z, limit2);
    if (this.best2 > limit2) return -Infinity;
    const d = Math.sqrt(this.best2);
    return inside ? d : -d;
  }

  /**
   * Crossing-number test over the zone's polygons: inside when the ray towards +lon crosses a shell an odd number
   * of times and none of its holes. Scans only the chunks the ray can meet; with `withDistance`, every ring whose box
   * holds the point is scanned and the distances of its scanned edges seed `best2`.
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

  /** Whether box k can meet the ray from the point towards +lon. */
  private rayMeets(boxes: Float64Array, k: number): boolean {
    const b = k * 4;
    return this.lat >= boxes[b + 1] && this.lat <= boxes[b + 3] && this.lon <= boxes[b + 2];
  }

  /** Parity of the ray's crossings with ring r, scanning only the groups and chunks the ray can meet. */
  private crossRing(r: number, withDistance: boolean): boolean {
    const firstChunk = this.chunkOffsets[r];
    const endChunk = this.chunkOffsets[r + 1];
    const firstGroup = this.groupOffsets[r];
    const last = this.ringOffsets[r + 1] - 1;
    let odd = false;
    for (let g = firstGroup; g < this.groupOffsets[r + 1]; g++) {
      if (!this.rayMeets(this.groupBoxes, g)) continue;
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
   * Lowers `best2` to the squared distance of the zone's nearest edge, scanning only rings and chunks whose box is
   * nearer than `best2` and within `limit2`, and skipping the chunks {@link locate} scanned already.
   */
  private nearest(z: number, limit2: number): void {
    for (let r = this.polygonOffsets[this.zoneOffsets[z]]; r < this.polygonOffsets[this.zoneOffsets[z + 1]]; r++) {
      if (this.beyond(this.boxDistance2(this.ringBoxes, r * 4), limit2)) continue;
      const located = this.ringBoxHolds(r);
      const firstChunk = this.chunkOffsets[r];
      const endChunk = this.chunkOffsets[r + 1];
      const firstGroup = this.groupOffsets[r];
      const last = this.ringOffsets[r + 1] - 1;
      for (let g = firstGroup; g < this.groupOffsets[r + 1]; g++) {
        if (this.beyond(this.boxDistance2(this.groupBoxes, g * 4), limit2)) continue;
        const from = firstChunk + (g - firstGroup) * GROUP_CHUNKS;
        for (let k = from; k < from + GROUP_CHUNKS && k < endChunk; k++) {
          if (located && this.rayMeets(this.chunkBoxes, k)) continue; // scanned by locate
          if (this.beyond(this.boxDistance2(this.chunkBoxes, k * 4), limit2)) continue;
          const first = this.ringOffsets[r] + (k - firstChunk) * CHUNK_EDGES;
          this.scan(first, Math.min(first + CHUNK_EDGES, last), true);
        }
      }
    }
  }

  /** Whether a box at squared distance `d2` can hold no edge nearer than the best so far and within the limit. */
  private beyond(d2: number, limit2: number): boolean {
    return d2 >= this.best2 || d2 > limit2;
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
    return this.wideZone ? this.scanWide(first, last, withDistance) : this.scanCompact(first, last, withDistance);
  }

  /**
   * The edges between positions first..last of a compact zone: the parity of their crossings with the ray towards
   * +lon, `onEdge` when the point lies on one, and (with `withDistance`) `best2` lowered to their nearest.
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

  /** One edge a→b (relative to the point): whether the ray crosses it; sets `onEdge`, lowers `best2`. */
  private edge(ax: number, ay: number, bx: number, by: number, withDistance: boolean): boolean {
    // cross = orientation of the point against the edge a→b; its sign says on which side the edge passes.
    const cross = ax * by - bx * ay;
    let crosses = false;
    if (cross === 0 && (ax <= 0 ? bx >= 0 : bx <= 0) && (ay <= 0 ? by >= 0 : by <= 0)) this.onEdge = true;
    else crosses = ay > 0 !== by > 0 && cross > 0 === by > ay;
    if (withDistance) {
      const d2 = segmentDistance2(ax * this.mx, ay * this.my, bx * this.mx, by * this.my);
      if (d2 < this.best2) this.best2 = d2;
    }
    return crosses;
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

/** Counts a source's parts and returns its frame (origin and units; units 0 for a wide zone). */
function countSource(source: ZoneSource, index: number, counts: Counts): Frame {
  if ('pack' in source) {
    const { pack, zone } = source;
    const frame = [...pack.frames.subarray(zone * 4, zone * 4 + 4)] as Frame;
    for (let p = pack.zoneOffsets[zone]; p < pack.zoneOffsets[zone + 1]; p++) {
      counts.polygons++;
      for (let r = pack.polygonOffsets[p]; r < pack.polygonOffsets[p + 1]; r++) {
        counts.rings++;
        counts[frame[2] === 0 ? 'wide' : 'compact'] += pack.ringOffsets[r + 1] - pack.ringOffsets[r];
        counts.chunks += pack.chunkOffsets[r + 1] - pack.chunkOffsets[r];
        counts.groups += pack.groupOffsets[r + 1] - pack.groupOffsets[r];
      }
    }
    return frame;
  }
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
    }
  }
  const x = encodingOf(all.length, (i) => all[i][0]);
  const y = x && encodingOf(all.length, (i) => all[i][1]);
  counts[x && y ? 'compact' : 'wide'] += all.length;
  return x && y ? [x.origin, y.origin, x.unit, y.unit] : [0, 0, 0, 0];
}
