import type { Polygon } from 'geojson';
import { canonicalJson, geometryHash } from './geometry-hash';
import { geometryBbox, vertexCount } from './zone-geometry';

const zone: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [5.1, 52.1],
      [5.2, 52.1],
      [5.2, 52.2],
      [5.1, 52.1],
    ],
  ],
};

describe('geometryHash', () => {
  it('serialises type and coordinates canonically', () => {
    expect(canonicalJson(zone)).toBe('["Polygon",[[[5.1,52.1],[5.2,52.1],[5.2,52.2],[5.1,52.1]]]]');
  });

  it('is a stable sha256 (this value must never change: it is stored with every zone version)', () => {
    expect(geometryHash(zone)).toBe('01f5de3305e5c6820cdcd36fb8b1c59fd24ed1d48e320ddb7c938e3561c2826f');
  });

  it('ignores key order, bbox and altitude; treats -0 as 0', () => {
    const reordered = {
      bbox: [5.1, 52.1, 5.2, 52.2],
      coordinates: zone.coordinates.map((ring) => ring.map(([x, y]) => [x, y, 12.5])),
      type: 'Polygon',
    } as Polygon;
    expect(geometryHash(reordered)).toBe(geometryHash(zone));
    const withNegZero: Polygon = { type: 'Polygon', coordinates: [[[0, 52], [1, 52], [1, 53], [-0, 52]]] };
    const withZero: Polygon = { type: 'Polygon', coordinates: [[[0, 52], [1, 52], [1, 53], [0, 52]]] };
    expect(geometryHash(withNegZero)).toBe(geometryHash(withZero));
  });

  it('changes when a vertex moves, and between a Polygon and the same MultiPolygon', () => {
    const moved: Polygon = { type: 'Polygon', coordinates: [[[5.1, 52.1], [5.2, 52.1], [5.2, 52.2000001], [5.1, 52.1]]] };
    expect(geometryHash(moved)).not.toBe(geometryHash(zone));
    expect(geometryHash({ type: 'MultiPolygon', coordinates: [zone.coordinates] })).not.toBe(geometryHash(zone));
  });

  it('refuses non-finite numbers', () => {
    const bad: Polygon = { type: 'Polygon', coordinates: [[[5.1, NaN], [5.2, 52.1], [5.2, 52.2], [5.1, NaN]]] };
    expect(() => geometryHash(bad)).toThrow(RangeError);
  });
});

describe('geometryBbox and vertexCount', () => {
  it('covers every ring of every polygon', () => {
    const multi = { type: 'MultiPolygon' as const, coordinates: [zone.coordinates, [[[6, 51], [6.5, 51], [6.5, 53], [6, 51]]]] };
    expect(geometryBbox(multi)).toEqual([5.1, 51, 6.5, 53]);
    expect(vertexCount(multi)).toBe(8);
  });
});
