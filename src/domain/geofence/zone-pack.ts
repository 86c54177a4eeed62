import type { Position } from 'geojson';
import { segmentDistance2 } from '../geometry/local-metric';
import { ZoneGeometry, polygonsOf } from '../geometry/zone-geometry';
import { DomainError } from '../shared/domain-error';

/** Where a zone's shape comes from when packing: GeoJSON, or a zone already packed (copied on a rebuild). */
export type ZoneSource = ZoneGeometry | { pack: ZonePack; zone: number };

/** Edges per chunk: each chunk of a ring has its own bounding box, so a check scans only the chunks near the point. */
const CHUNK_EDGES = 16;

function chunksOf(positions: number): number {
  return Math.ceil((positions - 1) / CHUNK_EDGES);
}

/**
 * Zones packed into flat typed arrays for the breach check's hot path: all positions in one Float64Array
 * (lon, lat interleaved; rings stored closed as given), with CSR-style offsets zone → polygons → rings → positions,
 * a bounding box per zone and per ring, and one per chunk of 16 edges. A check scans a chunk only when the ray of
 * the crossing test can meet it or it may hold a nearer edge than found so far, and allocates nothing.
 */
export class ZonePack {
  /** Result of the last {@link evaluate}: whether the point is covered by the zone (boundary included). */
  lastInside = false;
  private best2 = Infinity;
  private onEdge = false;

  private constructor(
    readonly coords: Float64Array,
    /** Position offsets per ring (length rings + 1). */
    readonly ringOffsets: Uint32Array,
    /** Ring offsets per polygon (length polygons + 1); the first ring of a polygon is its shell. */
    readonly polygonOffsets: Uint32Array,
    /** Polygon offsets per zone (length zones + 1). */
    readonly zoneOffsets: Uint32Array,
    /** Chunk offsets per ring (length rings + 1). */
    readonly chunkOffsets: Uint32Array,
    /** minLon, minLat, maxLon, maxLat per chunk, per ring and per zone. */
    readonly chunkBoxes: Float64Array,
    readonly ringBoxes: Float64Array,
    readonly zoneBoxes: Float64Array,
  ) {}

  get size(): number {
    return this.zoneOffsets.length - 1;
  }

  /** Packs zones in order (zone i of the pack is sources[i]); throws `INVALID_INPUT` on a malformed geometry. */
  static from(sources: readonly ZoneSource[]): ZonePack {
    const counts: Counts = { polygons: 0, rings: 0, positions: 0, chunks: 0 };
    sources.forEach((source, i) => countSource(source, i, counts));
    const pack = new ZonePack(
      new Float64Array(counts.positions * 2),
      new Uint32Array(counts.rings + 1),
      new Uint32Array(counts.polygons + 1),
      new Uint32Array(sources.length + 1),
      new Uint32Array(counts.rings + 1),
      new Float64Array(counts.chunks * 4),
      new Float64Array(counts.rings * 4),
      new Float64Array(sources.length * 4),
    );
    const cursor: Cursor = { polygon: 0, ring: 0, position: 0, chunk: 0 };
    sources.forEach((source, z) => pack.fill(source, z, cursor));
    return pack;
  }

  private fill(source: ZoneSource, z: number, cursor: Cursor): void {
    if ('pack' in source) this.copyZone(source.pack, source.zone, cursor);
    else for (const rings of polygonsOf(source)) this.addPolygon(rings, cursor);
    this.zoneOffsets[z + 1] = cursor.polygon;
    this.computeZoneBox(z);
  }

  private addPolygon(rings: Position[][], cursor: Cursor): void {
    for (let r = 0; r < rings.length; r++) {
      const ring = rings[r];
      let at = cursor.position * 2;
      for (let v = 0; v < ring.length; v++) {
        this.coords[at++] = ring[v][0];
        this.coords[at++] = ring[v][1];
      }
      cursor.position += ring.length;
      this.finishRing(cursor);
    }
    this.polygonOffsets[++cursor.polygon] = cursor.ring;
  }

  private copyZone(from: ZonePack, zone: number, cursor: Cursor): void {
    for (let p = from.zoneOffsets[zone]; p < from.zoneOffsets[zone + 1]; p++) {
      for (let r = from.polygonOffsets[p]; r < from.polygonOffsets[p + 1]; r++) {
        const start = from.ringOffsets[r];
        const end = from.ringOffsets[r + 1];
        this.coords.set(from.coords.subarray(start * 2, end * 2), cursor.position * 2);
        cursor.position += end - start;
        this.finishRing(cursor);
      }
      this.polygonOffsets[++cursor.polygon] = cursor.ring;
    }
  }

  /** Closes the ring whose positions were just written: its offsets, chunk boxes and box. */
  private finishRing(cursor: Cursor): void {
    const r = cursor.ring++;
    this.ringOffsets[r + 1] = cursor.position;
    const last = cursor.position - 1;
    const ringBox = [Infinity, Infinity, -Infinity, -Infinity];
    for (let first = this.ringOffsets[r]; first < last; first += CHUNK_EDGES) {
      const b = cursor.chunk++ * 4;
      this.boxOf(first, Math.min(first + CHUNK_EDGES, last), this.chunkBoxes, b);
      ringBox[0] = Math.min(ringBox[0], this.chunkBoxes[b]);
      ringBox[1] = Math.min(ringBox[1], this.chunkBoxes[b + 1]);
      ringBox[2] = Math.max(ringBox[2], this.chunkBoxes[b + 2]);
      ringBox[3] = Math.max(ringBox[3], this.chunkBoxes[b + 3]);
    }
    this.chunkOffsets[r + 1] = cursor.chunk;
    this.ringBoxes.set(ringBox, r * 4);
  }

  /** Writes the box of positions first..last (inclusive) into `out` at `at`. */
  private boxOf(first: number, last: number, out: Float64Array, at: number): void {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity; // prettier-ignore
    for (let v = first; v <= last; v++) {
      const x = this.coords[v * 2];
      const y = this.coords[v * 2 + 1];
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
   * Signed distance in metres from (lon, lat) to the nearest edge of zone `z` (any ring, holes included): positive
   * inside, negative outside, 0 on the boundary. `lastInside` tells whether the point is covered (a point exactly on
   * an edge or vertex is, like PostGIS ST_Covers). `mx`/`my` are metres per degree at the point's latitude.
   */
  evaluate(z: number, lon: number, lat: number, mx: number, my: number): number {
    this.best2 = Infinity;
    this.onEdge = false;
    let inside = false;
    for (let p = this.zoneOffsets[z]; p < this.zoneOffsets[z + 1]; p++) {
      if (this.evaluatePolygon(p, lon, lat, mx, my)) inside = true;
    }
    inside = inside || this.onEdge;
    this.lastInside = inside;
    const d = this.onEdge ? 0 : Math.sqrt(this.best2);
    return inside ? d : -d;
  }

  private evaluatePolygon(p: number, lon: number, lat: number, mx: number, my: number): boolean {
    let inShell = false;
    let inHole = false;
    const shell = this.polygonOffsets[p];
    for (let r = shell; r < this.polygonOffsets[p + 1]; r++) {
      const b = r * 4;
      const boxes = this.ringBoxes;
      const dx = lon < boxes[b] ? boxes[b] - lon : lon > boxes[b + 2] ? lon - boxes[b + 2] : 0;
      const dy = lat < boxes[b + 1] ? boxes[b + 1] - lat : lat > boxes[b + 3] ? lat - boxes[b + 3] : 0;
      if (dx !== 0 || dy !== 0) {
        // Outside the ring's box: the ring cannot contain the point; scan it only if it may hold the nearest edge.
        if ((dx * mx) ** 2 + (dy * my) ** 2 < this.best2) this.scanRing(r, lon, lat, mx, my);
        continue;
      }
      const odd = this.scanRing(r, lon, lat, mx, my);
      if (r === shell) inShell = odd;
      else if (odd) inHole = true;
    }
    return inShell && !inHole;
  }

  /**
   * Crossing-number test (ray towards +lon) and nearest-edge distance over one ring, in one pass. A chunk is skipped
   * when the ray cannot meet it (the point's latitude outside its box, or its box wholly west of the point) and its
   * box is no nearer than the nearest edge found so far.
   */
  private scanRing(r: number, lon: number, lat: number, mx: number, my: number): boolean {
    const boxes = this.chunkBoxes;
    const firstChunk = this.chunkOffsets[r];
    const last = this.ringOffsets[r + 1] - 1;
    let odd = false;
    for (let k = firstChunk; k < this.chunkOffsets[r + 1]; k++) {
      const b = k * 4;
      if (lat < boxes[b + 1] || lat > boxes[b + 3] || lon > boxes[b + 2]) {
        const dx = lon < boxes[b] ? boxes[b] - lon : lon > boxes[b + 2] ? lon - boxes[b + 2] : 0;
        const dy = lat < boxes[b + 1] ? boxes[b + 1] - lat : lat > boxes[b + 3] ? lat - boxes[b + 3] : 0;
        if ((dx * mx) ** 2 + (dy * my) ** 2 >= this.best2) continue;
      }
      const first = this.ringOffsets[r] + (k - firstChunk) * CHUNK_EDGES;
      if (this.scanEdges(first, Math.min(first + CHUNK_EDGES, last), lon, lat, mx, my)) odd = !odd;
    }
    return odd;
  }

  /** The edges between positions first..last: updates `best2` and `onEdge`; returns the parity of ray crossings. */
  private scanEdges(first: number, last: number, lon: number, lat: number, mx: number, my: number): boolean {
    const c = this.coords;
    let odd = false;
    let best2 = this.best2;
    let ax = c[first * 2] - lon;
    let ay = c[first * 2 + 1] - lat;
    for (let v = first + 1; v <= last; v++) {
      const bx = c[v * 2] - lon;
      const by = c[v * 2 + 1] - lat;
      // cross = orientation of the point against the edge a→b; its sign says on which side the edge passes.
      const cross = ax * by - bx * ay;
      if (cross === 0 && (ax <= 0 ? bx >= 0 : bx <= 0) && (ay <= 0 ? by >= 0 : by <= 0)) this.onEdge = true;
      else if (ay > 0 !== by > 0 && cross > 0 === by > ay) odd = !odd;
      const d2 = segmentDistance2(ax * mx, ay * my, bx * mx, by * my);
      if (d2 < best2) best2 = d2;
      ax = bx;
      ay = by;
    }
    this.best2 = best2;
    return odd;
  }
}

interface Cursor {
  polygon: number;
  ring: number;
  position: number;
  chunk: number;
}

interface Counts {
  polygons: number;
  rings: number;
  positions: number;
  chunks: number;
}

function countSource(source: ZoneSource, index: number, counts: Counts): void {
  if ('pack' in source) {
    const { pack, zone } = source;
    for (let p = pack.zoneOffsets[zone]; p < pack.zoneOffsets[zone + 1]; p++) {
      counts.polygons++;
      for (let r = pack.polygonOffsets[p]; r < pack.polygonOffsets[p + 1]; r++) {
        counts.rings++;
        counts.positions += pack.ringOffsets[r + 1] - pack.ringOffsets[r];
        counts.chunks += pack.chunkOffsets[r + 1] - pack.chunkOffsets[r];
      }
    }
    return;
  }
  if (source?.type !== 'Polygon' && source?.type !== 'MultiPolygon') {
    throw new DomainError('INVALID_INPUT', `zone ${index} is not a Polygon or MultiPolygon`);
  }
  for (const rings of polygonsOf(source)) {
    counts.polygons++;
    for (const ring of rings) {
      if (!Array.isArray(ring) || ring.length < 4) {
        throw new DomainError('INVALID_INPUT', `zone ${index} has a ring of fewer than 4 positions`);
      }
      counts.rings++;
      counts.positions += ring.length;
      counts.chunks += chunksOf(ring.length);
    }
  }
}
