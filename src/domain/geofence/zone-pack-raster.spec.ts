import type { MultiPolygon, Polygon, Position } from 'geojson';
import { metresPerDegreeLat, metresPerDegreeLon, segmentDistance2 } from '../geometry/local-metric';
import { ZoneGeometry, polygonsOf } from '../geometry/zone-geometry';
import { seededRandom, starRing } from './synthetic-zones';
import { ZonePack } from './zone-pack';

/**
 * The raster shortcut (INSIDE / OUTSIDE cells answered without the crossing test) and the nearest-box-first edge
 * search must give exactly what a plain scan of every edge gives. The references below scan every edge of the GeoJSON
 * with the same floating-point expressions as the pack (the pack decodes its positions to the very same numbers), so
 * answers are compared with `toBe`, not approximately.
 */

/** Containment by a plain crossing-number scan of every edge, boundary included (on an edge or vertex: covered). */
function coversByScan(geometry: ZoneGeometry, lon: number, lat: number): boolean {
  let covered = false;
  for (const rings of polygonsOf(geometry)) {
    const odd = rings.map((ring) => crossings(ring, lon, lat));
    if (odd.includes('edge')) return true;
    if (odd[0] === true && !odd.slice(1).includes(true)) covered = true;
  }
  return covered;
}

/** Parity of the crossings of the ray towards +lon with the ring, or 'edge' when the point lies on an edge. */
function crossings(ring: Position[], lon: number, lat: number): boolean | 'edge' {
  let odd = false;
  for (let i = 0; i + 1 < ring.length; i++) {
    const ax = ring[i][0] - lon;
    const ay = ring[i][1] - lat;
    const bx = ring[i + 1][0] - lon;
    const by = ring[i + 1][1] - lat;
    const cross = ax * by - bx * ay;
    if (cross === 0 && (ax <= 0 ? bx >= 0 : bx <= 0) && (ay <= 0 ? by >= 0 : by <= 0)) return 'edge';
    if (ay > 0 !== by > 0 && cross > 0 === by > ay) odd = !odd;
  }
  return odd;
}

/** Signed distance by a scan of every edge: the same squared distances as the pack, so the same minimum. */
function distanceByScan(geometry: ZoneGeometry, lon: number, lat: number): number {
  const mx = metresPerDegreeLon(lat);
  const my = metresPerDegreeLat(lat);
  let best2 = Infinity;
  for (const ring of polygonsOf(geometry).flat()) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const d2 = segmentDistance2(
        (ring[i][0] - lon) * mx,
        (ring[i][1] - lat) * my,
        (ring[i + 1][0] - lon) * mx,
        (ring[i + 1][1] - lat) * my,
      );
      if (d2 < best2) best2 = d2;
    }
  }
  if (polygonsOf(geometry).some((rings) => rings.some((ring) => crossings(ring, lon, lat) === 'edge'))) return 0;
  const d = Math.sqrt(best2);
  return coversByScan(geometry, lon, lat) ? d : -d;
}

/** A closed ring of `vertices` vertices at `radiusM` around (lon, lat): smooth, unlike the spiky {@link starRing}. */
function roundRing(lon: number, lat: number, radiusM: number, vertices: number, clockwise = false): Position[] {
  const ring: Position[] = [];
  for (let i = 0; i < vertices; i++) {
    const angle = ((clockwise ? -1 : 1) * 2 * Math.PI * i) / vertices;
    ring.push([lon + (radiusM * Math.cos(angle)) / metresPerDegreeLon(lat), lat + (radiusM * Math.sin(angle)) / metresPerDegreeLat(lat)]);
  }
  ring.push(ring[0]);
  return ring;
}

/**
 * A comb of exactly representable coordinates around a dyadic corner (lon, lat): the box is 16 × 16 units of
 * 2^-10 degree, so the raster's cells are one unit and its row centre lines fall on half units. Five notches come
 * down from the top edge with their bottoms on row centre lines; each straight side is split into `pieces`
 * collinear pieces, which puts the zone above (16 pieces: 70 positions) or below (1 piece: 25) the raster threshold.
 */
function comb(lon: number, lat: number, pieces: number): Polygon {
  const unit = 2 ** -10;
  const at = (x: number, y: number): Position => [lon + x * unit, lat + y * unit];
  const ring: Position[] = [];
  const side = (x0: number, y0: number, x1: number, y1: number) => {
    for (let k = 0; k < pieces; k++) ring.push(at(x0 + ((x1 - x0) * k) / pieces, y0 + ((y1 - y0) * k) / pieces));
  };
  side(0, 0, 16, 0);
  side(16, 0, 16, 16);
  ring.push(at(16, 16));
  for (const [x, bottom] of [[14, 3.5], [11, 8.5], [8, 2.5], [5, 12.5], [2, 5.5]]) {
    ring.push(at(x + 0.75, 16), at(x + 0.75, bottom), at(x - 1.25, bottom), at(x - 1.25, 16));
  }
  side(0, 16, 0, 0);
  ring.push(ring[0]);
  return { type: 'Polygon', coordinates: [ring] };
}

const rand = seededRandom(4711);
const [LON, LAT] = [5.1, 52.1];
const big: Record<string, ZoneGeometry> = {
  'smooth 200-gon': { type: 'Polygon', coordinates: [roundRing(LON, LAT, 800, 200)] },
  'spiky 300-gon': { type: 'Polygon', coordinates: [starRing(rand, LON, LAT, 600, 300)] },
  'smooth ring with two holes': {
    type: 'Polygon',
    coordinates: [roundRing(LON, LAT, 900, 120), roundRing(LON - 0.004, LAT, 250, 40, true), roundRing(LON + 0.005, LAT + 0.002, 150, 24, true)],
  },
  'MultiPolygon of a spiky and a smooth part': {
    type: 'MultiPolygon',
    coordinates: [[starRing(rand, LON, LAT, 500, 90)], [roundRing(LON + 0.012, LAT + 0.003, 300, 70), roundRing(LON + 0.012, LAT + 0.003, 100, 16, true)]],
  } as MultiPolygon,
  'comb of 70 positions': comb(5.125, 52.125, 16),
};
const small: Record<string, ZoneGeometry> = {
  'smooth 40-gon': { type: 'Polygon', coordinates: [roundRing(LON, LAT, 800, 40)] },
  'spiky 30-gon with a hole': { type: 'Polygon', coordinates: [starRing(rand, LON, LAT, 600, 30), roundRing(LON, LAT, 120, 8, true)] },
  'comb of 25 positions': comb(5.125, 52.125, 1),
};

/** Points that test the raster hardest: vertices, points on and just beside every edge, and points all over the box. */
function probePoints(geometry: ZoneGeometry, random: () => number): [number, number][] {
  const points: [number, number][] = [];
  const rings = polygonsOf(geometry).flat();
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [ax, ay] = ring[i];
      const [bx, by] = ring[i + 1];
      points.push([ax, ay], [ax + ulp(ax), ay], [ax, ay - ulp(ay)], [(ax + bx) / 2, (ay + by) / 2]);
      for (const offset of [1e-13, 1e-9, 1e-6, 2e-5]) {
        const t = random();
        const [x, y] = [ax + t * (bx - ax), ay + t * (by - ay)];
        const len = Math.hypot(bx - ax, by - ay) || 1;
        const [nx, ny] = [-(by - ay) / len, (bx - ax) / len];
        points.push([x + nx * offset, y + ny * offset], [x - nx * offset, y - ny * offset]);
      }
    }
  }
  const [minX, minY, maxX, maxY] = boxOf(rings.flat());
  for (let i = 0; i < 3000; i++) {
    points.push([minX + (random() * 1.1 - 0.05) * (maxX - minX), minY + (random() * 1.1 - 0.05) * (maxY - minY)]);
  }
  return points;
}

function ulp(v: number): number {
  return 2 ** (Math.floor(Math.log2(Math.abs(v))) - 52);
}

function boxOf(positions: Position[]): [number, number, number, number] {
  const xs = positions.map((p) => p[0]);
  const ys = positions.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** The points (of `points`) where `pack` zone 0 answers covers() differently from the full scan. */
function coverDisagreements(pack: ZonePack, geometry: ZoneGeometry, points: [number, number][]): string[] {
  return points.filter(([lon, lat]) => pack.covers(0, lon, lat) !== coversByScan(geometry, lon, lat)).map(([lon, lat]) => `${lon},${lat}`);
}

/** Counts of OUTSIDE, INSIDE and BOUNDARY cells (codes 0, 1, 2) in the pack's rasters. */
function cellCounts(pack: ZonePack): number[] {
  const counts = [0, 0, 0, 0];
  for (const byte of pack.raster) for (let k = 0; k < 4; k++) counts[(byte >> (2 * k)) & 3]++;
  return counts;
}

describe('ZonePack raster: exact containment, boundary included', () => {
  describe.each(Object.entries(big))('%s (above the raster threshold)', (_name, geometry) => {
    const pack = ZonePack.from([geometry]);
    const points = probePoints(geometry, seededRandom(1));

    it('has a raster with INSIDE, OUTSIDE and BOUNDARY cells', () => {
      const [outside, inside, boundary] = cellCounts(pack);
      expect(outside).toBeGreaterThan(0);
      expect(inside).toBeGreaterThan(0);
      expect(boundary).toBeGreaterThan(0);
    });

    it('covers() and evaluate() agree with a scan of every edge on vertices, on and beside edges, and all over the box', () => {
      expect(coverDisagreements(pack, geometry, points)).toEqual([]);
      const wrong = points.filter(([lon, lat]) => {
        const d = pack.evaluate(0, lon, lat, metresPerDegreeLon(lat), metresPerDegreeLat(lat));
        return d !== distanceByScan(geometry, lon, lat) || pack.lastInside !== coversByScan(geometry, lon, lat);
      });
      expect(wrong).toEqual([]);
    });

    it('the comparison can fail: with every BOUNDARY cell turned INSIDE, or OUTSIDE, it finds differences', () => {
      for (const code of [1, 0]) {
        const broken = ZonePack.from([geometry]);
        broken.raster.forEach((byte, i) => {
          let out = byte;
          for (let k = 0; k < 4; k++) if (((byte >> (2 * k)) & 3) === 2) out = (out & ~(3 << (2 * k))) | (code << (2 * k));
          broken.raster[i] = out;
        });
        expect(coverDisagreements(broken, geometry, points).length).toBeGreaterThan(0);
      }
    });

    it('a copy (a rebuild) carries the raster and answers the same', () => {
      const copy = ZonePack.from([{ pack, zone: 0 }]);
      expect(copy.raster).toEqual(pack.raster);
      expect(coverDisagreements(copy, geometry, points)).toEqual([]);
    });
  });

  describe.each(Object.entries(small))('%s (below the raster threshold)', (_name, geometry) => {
    const pack = ZonePack.from([geometry]);

    it('has no raster and agrees with a scan of every edge', () => {
      expect(pack.raster.length).toBe(0);
      expect(coverDisagreements(pack, geometry, probePoints(geometry, seededRandom(2)))).toEqual([]);
    });
  });

  it('the comb: exactly on its axis-parallel edges and vertices (also on row centre lines) the point is covered', () => {
    const geometry = big['comb of 70 positions'] as Polygon;
    const pack = ZonePack.from([geometry]);
    const ring = geometry.coordinates[0];
    for (let i = 0; i + 1 < ring.length; i++) {
      for (const [lon, lat] of [ring[i], [(ring[i][0] + ring[i + 1][0]) / 2, (ring[i][1] + ring[i + 1][1]) / 2]]) {
        expect({ lon, lat, covers: pack.covers(0, lon, lat) }).toEqual({ lon, lat, covers: true });
        expect(pack.evaluate(0, lon, lat, metresPerDegreeLon(lat), metresPerDegreeLat(lat))).toBe(0);
      }
    }
  });

  it('packs of several zones, some above and some below the threshold, answer as packs of one', () => {
    const all = [...Object.values(big), ...Object.values(small)];
    const together = ZonePack.from(all);
    const random = seededRandom(3);
    all.forEach((geometry, z) => {
      const alone = ZonePack.from([geometry]);
      for (const [lon, lat] of probePoints(geometry, random).filter((_, i) => i % 7 === 0)) {
        expect(together.covers(z, lon, lat)).toBe(alone.covers(0, lon, lat));
      }
    });
  });
});

describe('ZonePack nearest edge (nearest box first)', () => {
  const zones = [...Object.values(big), ...Object.values(small), { type: 'Polygon', coordinates: [starRing(rand, LON, LAT, 1500, 2000)] } as Polygon];
  const pack = ZonePack.from(zones);

  it('gives the same signed distance as a scan of every edge, inside, outside and in holes', () => {
    const random = seededRandom(8);
    const wrong: string[] = [];
    let inside = 0;
    zones.forEach((geometry, z) => {
      const [minX, minY, maxX, maxY] = boxOf(polygonsOf(geometry).flat(2));
      for (let i = 0; i < 400; i++) {
        const lon = minX + (random() * 1.4 - 0.2) * (maxX - minX);
        const lat = minY + (random() * 1.4 - 0.2) * (maxY - minY);
        const d = pack.evaluate(z, lon, lat, metresPerDegreeLon(lat), metresPerDegreeLat(lat));
        if (d !== distanceByScan(geometry, lon, lat)) wrong.push(`${z} ${lon} ${lat}: ${d} vs ${distanceByScan(geometry, lon, lat)}`);
        if (d > 0) inside++;
      }
    });
    expect(wrong).toEqual([]);
    expect(inside).toBeGreaterThan(500);
  });

  it('within a bound outside, gives the same distance or -Infinity when no edge is that near', () => {
    const random = seededRandom(9);
    zones.forEach((geometry, z) => {
      const [minX, minY, maxX, maxY] = boxOf(polygonsOf(geometry).flat(2));
      for (let i = 0; i < 200; i++) {
        const lon = minX + (random() * 1.4 - 0.2) * (maxX - minX);
        const lat = minY + (random() * 1.4 - 0.2) * (maxY - minY);
        const exact = distanceByScan(geometry, lon, lat);
        const bounded = pack.evaluate(z, lon, lat, metresPerDegreeLon(lat), metresPerDegreeLat(lat), 40);
        expect(bounded).toBe(exact >= 0 || -exact <= 40 ? exact : -Infinity);
      }
    });
  });

  it('after covers() of the same point (the distance of a covering zone) it gives what it gives alone', () => {
    const random = seededRandom(10);
    let covered = 0;
    zones.forEach((geometry, z) => {
      const alone = ZonePack.from([geometry]);
      for (const [lon, lat] of probePoints(geometry, random).filter((_, i) => i % 5 === 0)) {
        const [mx, my] = [metresPerDegreeLon(lat), metresPerDegreeLat(lat)];
        const expected = alone.evaluate(0, lon, lat, mx, my);
        if (pack.covers(z, lon, lat)) covered++;
        expect(pack.evaluate(z, lon, lat, mx, my)).toBe(expected);
        expect(pack.lastInside).toBe(alone.lastInside);
      }
    });
    expect(covered).toBeGreaterThan(1000);
  });
});
