import type { MultiPolygon, Polygon } from 'geojson';
import { metresPerDegreeLat, metresPerDegreeLon } from '../geometry/local-metric';
import { GeofenceEntry, GeofenceHandle, GeofenceHit, GeofenceIndex } from './geofence-index';
import { NaiveGeofence } from './naive-geofence';
import { squareAround, syntheticZones } from './synthetic-zones';

// Coordinates chosen to be exact binary fractions, so "exactly on an edge" is exactly representable.
const square: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [5.0, 52.0],
      [5.5, 52.0],
      [5.5, 52.5],
      [5.0, 52.5],
      [5.0, 52.0],
    ],
    [
      [5.125, 52.125],
      [5.125, 52.25],
      [5.25, 52.25],
      [5.25, 52.125],
      [5.125, 52.125],
    ],
  ],
};
const triangle: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [6.0, 52.0],
      [6.5, 52.5],
      [6.0, 52.5],
      [6.0, 52.0],
    ],
  ],
};
const twoParts: MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [4.0, 52.0],
        [4.25, 52.0],
        [4.25, 52.25],
        [4.0, 52.25],
        [4.0, 52.0],
      ],
    ],
    [
      [
        [4.5, 52.0],
        [4.75, 52.0],
        [4.75, 52.25],
        [4.5, 52.25],
        [4.5, 52.0],
      ],
    ],
  ],
};

const entry = (key: string, geometry: Polygon | MultiPolygon, zoneVersionId = `zv-${key}`): GeofenceEntry => ({
  key,
  orderId: `order-${key}`,
  zoneId: `zone-${key}`,
  zoneVersionId,
  geometry,
});

const entries = [entry('square', square), entry('triangle', triangle), entry('multi', twoParts)];
const index = GeofenceIndex.build(entries);
const naive = new NaiveGeofence(entries);

function only(hits: GeofenceHit[], key: string): GeofenceHit | undefined {
  return hits.find((h) => h.key === key);
}

describe('GeofenceIndex: boundary-inclusive containment (ST_Covers)', () => {
  it.each([
    ['a shell vertex', 5.0, 52.0, 'square'],
    ['a shell edge (horizontal)', 5.25, 52.0, 'square'],
    ['a shell edge (vertical)', 5.5, 52.375, 'square'],
    ['a hole vertex', 5.125, 52.125, 'square'],
    ['a hole edge', 5.1875, 52.25, 'square'],
    ['a diagonal edge', 6.25, 52.25, 'triangle'],
    ['the closing vertex of a triangle', 6.0, 52.0, 'triangle'],
    ['the edge of the second part of a MultiPolygon', 4.5, 52.125, 'multi'],
  ])('a point on %s is inside with distance 0', (_what, lon, lat, key) => {
    const hit = only(index.query(lon, lat), key);
    expect(hit).toMatchObject({ inside: true, distanceM: 0 });
    expect(only(naive.query(lon, lat), key)?.inside).toBe(true);
  });

  it('a point in a hole is outside, at minus the distance to the hole edge', () => {
    const hit = only(index.query(5.1875, 52.1875, 10_000), 'square');
    expect(hit?.inside).toBe(false);
    // The hole is 0.125 degree wide and high; at 52° a degree of longitude is the shorter: the west/east edges win.
    expect(hit?.distanceM).toBeCloseTo(-0.0625 * metresPerDegreeLon(52.1875), 0);
  });

  it('a point just outside a diagonal edge is outside', () => {
    expect(only(index.query(6.25 + 1e-9, 52.25), 'triangle')).toBeUndefined();
    expect(only(index.query(6.25 - 1e-9, 52.25), 'triangle')?.inside).toBe(true);
  });

  it('a point between the parts of a MultiPolygon is outside; inside the second part it is inside', () => {
    expect(only(index.query(4.375, 52.125), 'multi')).toBeUndefined();
    expect(only(index.query(4.625, 52.125), 'multi')?.inside).toBe(true);
  });

  it('returns every zone of overlapping zones', () => {
    const overlapping = GeofenceIndex.build([
      entry('a', squareAround(5.3, 52.3, 500)),
      entry('b', squareAround(5.303, 52.3, 500)),
      entry('c', squareAround(5.35, 52.3, 500)),
    ]);
    expect(overlapping.query(5.3015, 52.3).map((h) => h.key).sort()).toEqual(['a', 'b']);
  });
});

describe('GeofenceIndex: signed distance to the nearest edge', () => {
  const lat = 52.25;
  const my = metresPerDegreeLat(lat);
  const mx = metresPerDegreeLon(lat);

  it('is positive inside: 100 m from the west edge', () => {
    const hit = only(index.query(5.0 + 100 / mx, lat), 'square');
    expect(hit?.distanceM).toBeCloseTo(100, 1);
  });

  it('is negative outside, and the zone is returned only within the radius', () => {
    const lon = 5.5 + 30 / mx;
    expect(only(index.query(lon, lat, 20), 'square')).toBeUndefined();
    const hit = only(index.query(lon, lat, 40), 'square');
    expect(hit).toMatchObject({ inside: false });
    expect(hit?.distanceM).toBeCloseTo(-30, 1);
  });

  it('measures to a vertex when that is nearest (outside a corner)', () => {
    const hit = only(index.query(5.5 + 30 / metresPerDegreeLon(52.5), 52.5 + 40 / my, 60), 'square');
    expect(hit?.distanceM).toBeCloseTo(-50, 1);
  });

  it('carries the order and zone ids of the entry', () => {
    expect(only(index.query(5.3, 52.3), 'square')).toEqual({
      key: 'square',
      orderId: 'order-square',
      zoneId: 'zone-square',
      zoneVersionId: 'zv-square',
      inside: true,
      distanceM: expect.any(Number),
    });
  });
});

describe('GeofenceIndex: changes', () => {
  it('upsert replaces a zone, remove drops it, and the replaced shape no longer hits', () => {
    const idx = GeofenceIndex.build([entry('a', squareAround(5.3, 52.3, 100))]);
    idx.upsert(entry('a', squareAround(5.4, 52.3, 100), 'zv-a2'));
    expect(idx.query(5.3, 52.3)).toEqual([]);
    expect(idx.query(5.4, 52.3).map((h) => h.key)).toEqual(['a']);
    idx.upsert(entry('b', squareAround(5.4, 52.3, 50)));
    expect(idx.size).toBe(2);
    expect(idx.remove('a')).toBe(true);
    expect(idx.remove('a')).toBe(false);
    expect(idx.query(5.4, 52.3).map((h) => h.key)).toEqual(['b']);
    expect(idx.has('a')).toBe(false);
  });

  it('a malformed upsert throws and leaves the index as it was', () => {
    const idx = GeofenceIndex.build([entry('a', squareAround(5.3, 52.3, 100))]);
    const bad = { ...entry('a', squareAround(5.3, 52.3, 100), 'zv-a2'), geometry: { type: 'Point', coordinates: [5, 52] } };
    expect(() => idx.upsert(bad as unknown as GeofenceEntry)).toThrow(/not a Polygon/);
    expect(idx.query(5.3, 52.3).map((h) => h.key)).toEqual(['a']);
  });

  it('entries of several orders sharing a zone version share its geometry; each is reported and removable', () => {
    const shared = squareAround(5.3, 52.3, 100);
    const orderEntry = (key: string) => ({ ...entry(key, shared, 'zv-centre'), zoneId: 'centre' });
    const idx = GeofenceIndex.build([orderEntry('o1:centre'), orderEntry('o2:centre')]);
    expect(idx.query(5.3, 52.3).map((h) => [h.key, h.orderId])).toEqual([
      ['o1:centre', 'order-o1:centre'],
      ['o2:centre', 'order-o2:centre'],
    ]);
    idx.remove('o1:centre');
    idx.upsert(orderEntry('o3:centre'));
    expect(idx.query(5.3, 52.3).map((h) => h.key)).toEqual(['o2:centre', 'o3:centre']);
    idx.remove('o2:centre');
    idx.remove('o3:centre');
    expect(idx.query(5.3, 52.3)).toEqual([]);
    expect(idx.size).toBe(0);
  });

  it('rejects duplicate keys at build', () => {
    expect(() => GeofenceIndex.build([entries[0], entries[0]])).toThrow(/duplicate/);
  });

  it('after many upserts and removes (with compactions) it still agrees with the reference', () => {
    const initial = syntheticZones(200, { seed: 7, vertices: 24, extent: [5.0, 52.0, 5.2, 52.1] });
    const idx = GeofenceIndex.build(initial);
    const current = new Map(initial.map((e) => [e.key, e]));
    const replacements = syntheticZones(300, { seed: 8, vertices: 24, extent: [5.0, 52.0, 5.2, 52.1] });
    replacements.forEach((e, i) => {
      const key = `z${(i * 37) % 260}`; // replaces existing keys and adds new ones
      if (i % 5 === 4) {
        idx.remove(key);
        current.delete(key);
      } else {
        idx.upsert({ ...e, key });
        current.set(key, { ...e, key });
      }
    });
    expect(idx.size).toBe(current.size);
    const ref = new NaiveGeofence([...current.values()]);
    for (let i = 0; i < 300; i++) {
      const lon = 5.0 + (i % 20) * 0.01;
      const lat = 52.0 + Math.floor(i / 20) * 0.0066;
      const keys = (hits: GeofenceHit[]) => hits.map((h) => h.key).sort();
      expect(keys(idx.query(lon, lat))).toEqual(keys(ref.query(lon, lat)));
    }
  });
});

describe('GeofenceIndex.forEachOfHandles', () => {
  it('gives exactly the hits of forEachNear restricted to the given keys, on random points and radii', () => {
    const entries = syntheticZones(400, { seed: 11, extent: [5.0, 51.5, 5.6, 52.0], vertices: 40 });
    const index = GeofenceIndex.build(entries);
    let seed = 5;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    let compared = 0;
    for (let i = 0; i < 2000; i++) {
      const lon = 5.0 + rand() * 0.6;
      const lat = 51.5 + rand() * 0.5;
      const radius = rand() < 0.5 ? 0 : rand() * 300;
      const keys = new Set(entries.filter(() => rand() < 0.05).map((e) => e.key));
      const expected: string[] = [];
      index.forEachNear(lon, lat, radius, (ref, inside, d) => keys.has(ref.key) && expected.push(`${ref.key}:${inside}:${d.toFixed(6)}`));
      const got: string[] = [];
      const handles = [...keys].map((key) => index.handle(key));
      index.forEachOfHandles(lon, lat, radius, handles, (ref, inside, d) => got.push(`${ref.key}:${inside}:${d.toFixed(6)}`));
      expect(got.sort()).toEqual(expected.sort());
      compared += expected.length;
    }
    expect(compared).toBeGreaterThan(20); // the points do hit the chosen zones
  });

  it('ignores unknown keys and sees entries added after the build', () => {
    const index = GeofenceIndex.build([]);
    const square = squareAround(5.5, 52.0, 100);
    index.upsert({ key: 'o1:zv1', orderId: 'o1', zoneId: 'z1', zoneVersionId: 'zv1', geometry: square });
    const hits: string[] = [];
    index.forEachOfHandles(5.5, 52.0, 0, [index.handle('nope'), index.handle('o1:zv1')], (ref, inside) => hits.push(`${ref.key}:${inside}`));
    expect(hits).toEqual(['o1:zv1:true']);
  });
});

describe('GeofenceIndex handles', () => {
  const at = (index: GeofenceIndex, handles: (GeofenceHandle | undefined)[], lon = 5.5, lat = 52.0) => {
    const hits: string[] = [];
    index.forEachOfHandles(lon, lat, 0, handles, (ref, inside) => hits.push(`${ref.key}:${ref.zoneVersionId}:${inside}`));
    return hits;
  };
  const zone = (key: string, version: string, lon = 5.5) =>
    ({ key, orderId: key.split(':')[0], zoneId: 'z1', zoneVersionId: version, geometry: squareAround(lon, 52.0, 100) });

  it('stay valid through an upsert of the same key and through rebuilds, and find nothing once removed', () => {
    const index = GeofenceIndex.build([zone('o1:zv1', 'zv1'), zone('o2:zv1', 'zv1')]);
    const handle = index.handle('o1:zv1');
    expect(at(index, [handle])).toEqual(['o1:zv1:zv1:true']);
    // The same key with another zone version, elsewhere: the handle follows it.
    index.upsert(zone('o1:zv1', 'zv9', 5.6));
    expect(at(index, [handle])).toEqual([]);
    expect(at(index, [handle], 5.6)).toEqual(['o1:zv1:zv9:true']);
    // Enough other upserts to rebuild the tree (its overlay holds at most 64 new zone versions).
    for (let i = 0; i < 200; i++) index.upsert(zone(`x${i}:v${i}`, `v${i}`, 4.0 + i * 0.001));
    expect(at(index, [handle], 5.6)).toEqual(['o1:zv1:zv9:true']);
    expect(index.remove('o1:zv1')).toBe(true);
    expect(at(index, [handle], 5.6)).toEqual([]);
    expect(at(index, [index.handle('o2:zv1'), undefined])).toEqual(['o2:zv1:zv1:true']);
    // Upserted again after removal: a new handle; the old one stays empty.
    index.upsert(zone('o1:zv1', 'zv1'));
    expect(at(index, [handle])).toEqual([]);
    expect(at(index, [index.handle('o1:zv1')])).toEqual(['o1:zv1:zv1:true']);
  });
});
