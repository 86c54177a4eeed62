import type { Polygon, Position } from 'geojson';
import { rdNewToCrs84 } from '../geometry/rd-new';
import { roundLength, ZONE_FILL, zoneMapSvg } from './zone-map-svg';

/** A square of `side` metres in RD New with its south-west corner at (x, y), as CRS84 GeoJSON. */
function rdSquare(x: number, y: number, side: number, hole?: { x: number; y: number; side: number }): Polygon {
  const ring = (a: number, b: number, s: number): Position[] => [[a, b], [a + s, b], [a + s, b + s], [a, b + s], [a, b]];
  const rings = [ring(x, y, side), ...(hole ? [ring(hole.x, hole.y, hole.side).reverse()] : [])];
  return rdNewToCrs84({ type: 'Polygon', coordinates: rings });
}

/** The subpaths of the zone path: one array of [x, y] drawing points per ring. */
function zoneRings(svg: string): number[][][] {
  const d = /<path id="zone" d="([^"]+)"/.exec(svg)![1];
  return d.split('Z').filter(Boolean).map((sub) => sub.slice(1).split('L').map((p) => p.split(' ').map(Number)));
}

function spanX(ring: number[][]): number {
  const xs = ring.map((p) => p[0]);
  return Math.max(...xs) - Math.min(...xs);
}

describe('zoneMapSvg', () => {
  const BOX = { width: 480, height: 330 };

  it('draws a scale bar whose drawn length is its round length in metres at the map scale', () => {
    const square = rdSquare(170_000, 370_000, 1000); // Budel area, 1 km
    const map = zoneMapSvg(square, BOX);
    const drawnPerMetre = spanX(zoneRings(map.svg)[0]) / 1000; // measured from the drawn square, not taken from the code
    expect(map.unitsPerMetre).toBeCloseTo(drawnPerMetre, 2);
    expect([1, 2, 5].map((s) => s * 10 ** Math.floor(Math.log10(map.scaleBar.metres)))).toContain(map.scaleBar.metres);
    expect(map.scaleBar.length / drawnPerMetre).toBeCloseTo(map.scaleBar.metres, 0);
    // the box is 448 units wide inside the margins: a 1 km square fits 264 units high, so ~0.264 units/m; a quarter
    // of the width is ~424 m, so the bar is 200 m
    expect(map.scaleBar).toMatchObject({ metres: 200, label: '200 m' });
    expect(map.svg).toContain(`data-metres="200"`);
    const bars = [...map.svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="6"/g)].map((m) => Number(m[1]));
    expect(bars[0] + bars[1]).toBeCloseTo(200 * drawnPerMetre, 1);
    expect(map.svg).toContain('>200 m</text>');
  });

  it('labels long bars in kilometres', () => {
    const map = zoneMapSvg(rdSquare(170_000, 370_000, 20_000), BOX);
    expect(map.scaleBar).toMatchObject({ metres: 5000, label: '5 km' });
  });

  it('draws a hole as a second ring of the same path with fill-rule evenodd, inside the shell', () => {
    const map = zoneMapSvg(rdSquare(170_000, 370_000, 1000, { x: 170_250, y: 370_250, side: 500 }), BOX);
    const [shell, hole] = zoneRings(map.svg);
    expect(zoneRings(map.svg)).toHaveLength(2);
    expect(map.svg).toMatch(/<path id="zone" [^>]*fill="#d6336c" fill-rule="evenodd"/);
    expect(spanX(hole) / spanX(shell)).toBeCloseTo(0.5, 3);
    const xs = (r: number[][]) => r.map((p) => p[0]);
    expect(Math.min(...xs(hole))).toBeGreaterThan(Math.min(...xs(shell)));
    expect(Math.max(...xs(hole))).toBeLessThan(Math.max(...xs(shell)));
    expect(ZONE_FILL).toBe('#d6336c');
  });

  it('draws every polygon of a MultiPolygon, north up (a northern square is drawn higher)', () => {
    const south = rdSquare(170_000, 370_000, 200);
    const north = rdSquare(170_000, 371_000, 200);
    const map = zoneMapSvg({ type: 'MultiPolygon', coordinates: [south.coordinates, north.coordinates] }, BOX);
    const [s, n] = zoneRings(map.svg);
    expect(zoneRings(map.svg)).toHaveLength(2);
    expect(Math.max(...n.map((p) => p[1]))).toBeLessThan(Math.min(...s.map((p) => p[1])));
    expect(map.svg).toContain('<g id="north-arrow">');
    expect(map.svg).toContain('>N</text>');
  });

  it('keeps the drawing inside the box for any aspect ratio', () => {
    for (const [w, h] of [[5000, 100], [100, 5000], [1, 1]]) {
      const x = 170_000;
      const y = 370_000;
      const geometry = rdNewToCrs84<Polygon>({ type: 'Polygon', coordinates: [[[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]]] });
      for (const ring of zoneRings(zoneMapSvg(geometry, BOX).svg)) {
        for (const [px, py] of ring) {
          expect(px).toBeGreaterThanOrEqual(0);
          expect(px).toBeLessThanOrEqual(BOX.width);
          expect(py).toBeGreaterThanOrEqual(0);
          expect(py).toBeLessThanOrEqual(BOX.height);
        }
      }
    }
  });
});

describe('roundLength', () => {
  it.each([
    [0.3, 1],
    [1, 1],
    [4.9, 2],
    [9.99, 5],
    [10, 10],
    [424, 200],
    [999, 500],
    [1500, 1000],
    [2600, 2000],
  ])('%p m → %p m', (target, expected) => {
    expect(roundLength(target)).toBe(expected);
  });
});
