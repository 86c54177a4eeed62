import type { Position } from 'geojson';
import { DEFAULT_MAX_VERTICES, validateZoneGeometry } from './zone-validation';

const ring: Position[] = [
  [5.1, 52.1],
  [5.2, 52.1],
  [5.2, 52.2],
  [5.1, 52.2],
  [5.1, 52.1],
];
const hole: Position[] = [
  [5.13, 52.13],
  [5.13, 52.17],
  [5.17, 52.17],
  [5.17, 52.13],
  [5.13, 52.13],
];
const polygon = (...rings: Position[][]) => ({ type: 'Polygon', coordinates: rings });
const shiftRing = (r: Position[], dLon: number, dLat = 0) => r.map(([x, y]) => [x + dLon, y + dLat]);

const codes = (input: unknown, options = {}) =>
  validateZoneGeometry(input, options).problems.map((p) => `${p.field} ${p.code}`);

describe('validateZoneGeometry: accepted shapes', () => {
  it.each([
    ['a Polygon', polygon(ring)],
    ['a Polygon with a hole', polygon(ring, hole)],
    ['a Feature wrapping a Polygon', { type: 'Feature', properties: {}, geometry: polygon(ring) }],
    ['a MultiPolygon of two parts', { type: 'MultiPolygon', coordinates: [[ring], [shiftRing(ring, 0.2)]] }],
    ['a MultiPolygon whose parts share an edge', { type: 'MultiPolygon', coordinates: [[ring], [shiftRing(ring, 0.1)]] }],
  ])('%s', (_what, input) => {
    const result = validateZoneGeometry(input);
    expect(result.problems).toEqual([]);
    expect(result.geometry?.type).toBe((input as { geometry?: { type: string }; type: string }).geometry?.type ?? (input as { type: string }).type);
  });

  it('drops altitude and repeated consecutive positions from the returned geometry', () => {
    const noisy = polygon([[5.1, 52.1, 3], [5.2, 52.1, 3], [5.2, 52.1, 3], [5.2, 52.2, 3], [5.1, 52.2, 3], [5.1, 52.1, 3]]);
    expect(validateZoneGeometry(noisy).geometry).toEqual(polygon(ring));
  });

  it(`accepts ${DEFAULT_MAX_VERTICES} positions by default and refuses one more`, () => {
    const circle = (n: number): Position[] => {
      const pts = Array.from({ length: n - 1 }, (_, i): Position => {
        const a = (2 * Math.PI * i) / (n - 1);
        return [5.3 + 0.05 * Math.cos(a), 52.3 + 0.03 * Math.sin(a)];
      });
      return [...pts, pts[0]];
    };
    expect(codes(polygon(circle(DEFAULT_MAX_VERTICES)))).toEqual([]);
    expect(codes(polygon(circle(DEFAULT_MAX_VERTICES + 1)))).toEqual(['geometry.coordinates TOO_MANY_VERTICES']);
  });
});

describe('validateZoneGeometry: field problems', () => {
  it.each([
    ['a Point', { type: 'Point', coordinates: [5, 52] }, ['geometry.type INVALID_TYPE']],
    ['a Feature without geometry', { type: 'Feature', properties: {} }, ['geometry INVALID_TYPE']],
    ['coordinates that are not an array', { type: 'Polygon', coordinates: 'x' }, ['geometry.coordinates INVALID_NESTING']],
    ['a ring that is not an array', { type: 'Polygon', coordinates: [5] }, ['geometry.coordinates[0] INVALID_NESTING']],
    [
      'a position of one number',
      polygon([...ring.slice(0, 3), [5.1] as Position, ring[4]]),
      ['geometry.coordinates[0][3] INVALID_NESTING'],
    ],
    [
      'a non-finite number',
      polygon([...ring.slice(0, 3), [5.1, Infinity], ring[4]]),
      ['geometry.coordinates[0][3] NOT_A_NUMBER'],
    ],
    [
      'a string coordinate',
      polygon([...ring.slice(0, 3), ['5.1', 52.2] as unknown as Position, ring[4]]),
      ['geometry.coordinates[0][3] NOT_A_NUMBER'],
    ],
    [
      'a longitude out of range',
      polygon([...ring.slice(0, 3), [200, 52.2], ring[4]]),
      ['geometry.coordinates[0][3] OUT_OF_RANGE'],
    ],
    [
      'a position in Paris',
      polygon([...ring.slice(0, 3), [2.35, 48.85], ring[4]]),
      ['geometry.coordinates[0][3] OUTSIDE_NETHERLANDS'],
    ],
    ['an open ring', polygon(ring.slice(0, 4)), ['geometry.coordinates[0] RING_NOT_CLOSED']],
    ['a ring of three positions', polygon([ring[0], ring[1], ring[0]]), ['geometry.coordinates[0] RING_TOO_SHORT']],
    [
      'a ring without area',
      polygon([[5.1, 52.1], [5.2, 52.1], [5.3, 52.1], [5.1, 52.1]]),
      ['geometry.coordinates[0] DEGENERATE_RING'],
    ],
    [
      'a bow-tie',
      polygon([[5.1, 52.1], [5.2, 52.2], [5.2, 52.1], [5.1, 52.25], [5.1, 52.1]]),
      ['geometry.coordinates[0] SELF_INTERSECTION'],
    ],
    [
      'a figure eight through one vertex',
      polygon([[5.0, 52.0], [5.1, 52.1], [5.2, 52.0], [5.2, 52.2], [5.1, 52.1], [5.0, 52.2], [5.0, 52.0]]),
      ['geometry.coordinates[0] SELF_INTERSECTION'],
    ],
    [
      'a vertex touching another edge of its ring',
      polygon([[5.0, 52.0], [5.2, 52.0], [5.2, 52.2], [5.1, 52.0], [5.0, 52.2], [5.0, 52.0]]),
      ['geometry.coordinates[0] SELF_INTERSECTION'],
    ],
    ['a hole touching the shell at a vertex', polygon(ring, [[5.1, 52.1], [5.15, 52.12], [5.12, 52.15], [5.1, 52.1]]), ['geometry.coordinates RINGS_INTERSECT']],
    ['a hole crossing the shell', polygon(ring, shiftRing(hole, 0.06)), ['geometry.coordinates RINGS_INTERSECT']],
    ['a hole outside the shell', polygon(ring, shiftRing(hole, 0.3)), ['geometry.coordinates[1] HOLE_OUTSIDE_SHELL']],
    [
      'a hole inside another hole',
      polygon(ring, hole, [[5.14, 52.14], [5.14, 52.16], [5.16, 52.16], [5.16, 52.14], [5.14, 52.14]]),
      ['geometry.coordinates[2] HOLE_INSIDE_HOLE'],
    ],
    [
      'overlapping parts of a MultiPolygon',
      { type: 'MultiPolygon', coordinates: [[ring], [shiftRing(ring, 0.05)]] },
      ['geometry.coordinates[1] POLYGONS_OVERLAP'],
    ],
    [
      'a self-intersecting second part of a MultiPolygon',
      { type: 'MultiPolygon', coordinates: [[ring], [[[5.5, 52.1], [5.6, 52.2], [5.6, 52.1], [5.5, 52.25], [5.5, 52.1]]]] },
      ['geometry.coordinates[1][0] SELF_INTERSECTION'],
    ],
  ])('%s', (_what, input, expected) => {
    expect(codes(input)).toEqual(expected);
  });

  it('hints at RD New metres and at swapped axes', () => {
    const rd = validateZoneGeometry(polygon([[155000, 463000], [155100, 463000], [155100, 463100], [155000, 463000]]));
    expect(rd.problems[0].message).toMatch(/EPSG:28992/);
    const swapped = validateZoneGeometry(polygon(ring.map(([x, y]) => [y, x])));
    expect(swapped.problems[0].message).toMatch(/swapped/);
  });

  it('honours a custom vertex limit, extent and field prefix', () => {
    expect(codes(polygon(ring), { maxVertices: 4 })).toEqual(['geometry.coordinates TOO_MANY_VERTICES']);
    expect(codes(polygon(ring), { extent: [5.15, 52, 6, 53] })[0]).toBe('geometry.coordinates[0][0] OUTSIDE_NETHERLANDS');
    expect(codes(polygon(ring.slice(0, 4)), { field: 'zones[2].geometry' })).toEqual([
      'zones[2].geometry.coordinates[0] RING_NOT_CLOSED',
    ]);
  });

  it('returns no geometry when there are problems, and caps the list', () => {
    const many = polygon(Array.from({ length: 200 }, () => [0, 0] as Position));
    const result = validateZoneGeometry({ type: 'MultiPolygon', coordinates: Array.from({ length: 80 }, () => many.coordinates) });
    expect(result.geometry).toBeUndefined();
    expect(result.problems.length).toBe(50);
  });
});
