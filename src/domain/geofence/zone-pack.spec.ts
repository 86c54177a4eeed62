import { booleanPointInPolygon } from '@turf/turf';
import fc from 'fast-check';
import type { Polygon } from 'geojson';
import { metresPerDegreeLat, metresPerDegreeLon } from '../geometry/local-metric';
import { GeofenceIndex } from './geofence-index';
import { NaiveGeofence } from './naive-geofence';
import { seededRandom, starRing, syntheticZones } from './synthetic-zones';
import { ZonePack, axisEncoding, ulpOf } from './zone-pack';

describe('axisEncoding (exact 48-bit storage of coordinates)', () => {
  it('gives back every coordinate bit for bit (fast-check over zones in the Netherlands)', () => {
    const coordinate = fc.double({ min: 3.2, max: 7.3, noNaN: true });
    fc.assert(
      fc.property(fc.array(coordinate, { minLength: 1, maxLength: 50 }).chain((xs) => fc.constant(xs.map((x) => xs[0] + (x - 5.25) / 40))), (values) => {
        const e = axisEncoding(values);
        expect(e).not.toBeNull();
        for (const v of values) {
          const k = (v - e!.origin) / e!.unit;
          expect(Number.isInteger(k) && Math.abs(k) < 2 ** 47).toBe(true);
          expect(e!.origin + k * e!.unit).toBe(v);
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('refuses a span too wide for 48 bits (the zone is then kept as float64)', () => {
    expect(axisEncoding([3.3, 7.2])).toBeNull(); // 3.9 degrees at the spacing of 3.3
    expect(axisEncoding([52.0, 52.9])).not.toBeNull(); // latitude: coarser spacing, wider reach
  });

  it('ulpOf is the float64 spacing', () => {
    expect(ulpOf(1)).toBe(Number.EPSILON);
    expect(ulpOf(5.5)).toBe(2 ** -50);
    expect(5.5 + ulpOf(5.5)).toBeGreaterThan(5.5);
    expect(5.5 + ulpOf(5.5) / 2).toBe(5.5);
  });
});

describe('ZonePack', () => {
  const zones = syntheticZones(60, { seed: 21, vertices: 300, extent: [5.0, 52.0, 5.3, 52.2], radiusM: [100, 1500] });
  const pack = ZonePack.from(zones.map((z) => z.geometry));
  const rand = seededRandom(99);
  const points = Array.from({ length: 1500 }, () => [5.0 + rand() * 0.3, 52.0 + rand() * 0.2] as const);

  it('covers() agrees with evaluate(), and a bounded evaluate() with the unbounded one within its bound', () => {
    let inside = 0;
    let near = 0;
    const disagreements: string[] = [];
    for (const [lon, lat] of points) {
      const mx = metresPerDegreeLon(lat);
      const my = metresPerDegreeLat(lat);
      for (let z = 0; z < pack.size; z++) {
        const d = pack.evaluate(z, lon, lat, mx, my);
        const covered = pack.lastInside;
        const covers = pack.covers(z, lon, lat);
        const bounded = pack.evaluate(z, lon, lat, mx, my, 200);
        const expected = covered || -d <= 200 ? d : -Infinity;
        if (covers !== covered || pack.lastInside !== covered || bounded !== expected) disagreements.push(`${z} ${lon} ${lat}`);
        if (covered) inside++;
        else if (-d <= 200) near++;
      }
    }
    expect(disagreements).toEqual([]);
    expect(inside).toBeGreaterThan(100);
    expect(near).toBeGreaterThan(100);
  });

  it('a copy of packed zones (a rebuild) answers exactly as the original', () => {
    const copy = ZonePack.from(zones.map((_, zone) => ({ pack, zone })).reverse());
    const differ: number[] = [];
    for (const [lon, lat] of points.slice(0, 500)) {
      const mx = metresPerDegreeLon(lat);
      const my = metresPerDegreeLat(lat);
      for (let z = 0; z < pack.size; z++) {
        if (copy.evaluate(pack.size - 1 - z, lon, lat, mx, my) !== pack.evaluate(z, lon, lat, mx, my)) differ.push(z);
      }
    }
    expect(differ).toEqual([]);
  });

  it('a zone too wide for compact storage is kept as float64 and still agrees with turf', () => {
    const rand2 = seededRandom(5);
    const wide: Polygon = { type: 'Polygon', coordinates: [starRing(rand2, 5.3, 52.2, 150_000, 400)] };
    const entries = [{ key: 'wide', orderId: 'o', zoneId: 'z', zoneVersionId: 'zv', geometry: wide }];
    expect(ZonePack.from([wide]).wide.length).toBe(2 * 401);
    const index = GeofenceIndex.build(entries);
    const naive = new NaiveGeofence(entries);
    for (let i = 0; i < 150; i++) {
      const lon = 3.5 + rand2() * 3.6;
      const lat = 50.8 + rand2() * 2.8;
      expect(index.query(lon, lat).map((h) => h.inside)).toEqual(naive.query(lon, lat).map((h) => h.inside));
    }
  });

  it('the crossing test agrees with turf near each side of a ring box (rays towards east, west, north and south)', () => {
    // Points in strips along the four sides of the box, where the ray towards the nearest side is taken; a zone
    // of 40 positions has no raster, so every point gets the crossing test; vertices are covered (on the boundary).
    const rand2 = seededRandom(17);
    const shells = [starRing(rand2, 5.1, 52.1, 800, 40), starRing(rand2, 5.2, 52.1, 800, 400)];
    const holed: Polygon = { type: 'Polygon', coordinates: [shells[1], starRing(rand2, 5.2, 52.1, 300, 40, true)] };
    const geometries: Polygon[] = [{ type: 'Polygon', coordinates: [shells[0]] }, holed];
    const sides = ZonePack.from(geometries);
    const differ: string[] = [];
    let inside = 0;
    for (let z = 0; z < geometries.length; z++) {
      const [minX, minY, maxX, maxY] = sides.zoneBoxes.subarray(z * 4, z * 4 + 4);
      for (let i = 0; i < 800; i++) {
        const along = rand2();
        const across = 0.15 * rand2();
        const [lon, lat] = [
          [maxX - across * (maxX - minX), minY + along * (maxY - minY)], // east strip
          [minX + across * (maxX - minX), minY + along * (maxY - minY)], // west strip
          [minX + along * (maxX - minX), maxY - across * (maxY - minY)], // north strip
          [minX + along * (maxX - minX), minY + across * (maxY - minY)], // south strip
        ][i % 4];
        const expected = booleanPointInPolygon([lon, lat], geometries[z]);
        if (sides.covers(z, lon, lat) !== expected) differ.push(`${z} ${lon} ${lat}`);
        if (expected) inside++;
      }
      for (const [lon, lat] of geometries[z].coordinates.flat()) {
        if (!sides.covers(z, lon, lat)) differ.push(`vertex ${z} ${lon} ${lat}`);
      }
    }
    expect(differ).toEqual([]);
    expect(inside).toBeGreaterThan(200);
  });

  it('refuses non-finite coordinates', () => {
    const bad: Polygon = { type: 'Polygon', coordinates: [[[5, 52], [5.1, 52], [Number.NaN, 52.1], [5, 52]]] };
    expect(() => ZonePack.from([bad])).toThrow(/finite/);
  });
});
