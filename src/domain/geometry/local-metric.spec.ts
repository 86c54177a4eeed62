import fc from 'fast-check';
import proj4 from 'proj4';
import { localDistanceM, metresPerDegreeLat, metresPerDegreeLon, segmentDistance2 } from './local-metric';

/** Ellipsoidal geodesic distance from (lon0, lat0): proj4's azimuthal equidistant projection uses Vincenty. */
function geodesicM(lon0: number, lat0: number, lon: number, lat: number): number {
  const [x, y] = proj4('WGS84', `+proj=aeqd +lat_0=${lat0} +lon_0=${lon0} +ellps=WGS84 +units=m`).forward([lon, lat]);
  return Math.hypot(x, y);
}

describe('local metric (equirectangular on the WGS84 ellipsoid, centred on the first point)', () => {
  it('has the textbook scales at 52°N (1° lat ≈ 111.27 km, 1° lon ≈ 68.67 km)', () => {
    expect(metresPerDegreeLat(52)).toBeCloseTo(111_267, -1);
    expect(metresPerDegreeLon(52)).toBeCloseTo(68_677, -1);
  });

  it('errs by at most 6e-8 × d² + 1 mm against the geodesic, for d up to 3 km anywhere in the Netherlands', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 3.3, max: 7.2, noNaN: true }),
        fc.double({ min: 50.75, max: 53.6, noNaN: true }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        fc.double({ min: 1, max: 3000, noNaN: true }),
        (lon, lat, bearing, d) => {
          const lon2 = lon + (d * Math.sin(bearing)) / metresPerDegreeLon(lat);
          const lat2 = lat + (d * Math.cos(bearing)) / metresPerDegreeLat(lat);
          const truth = geodesicM(lon, lat, lon2, lat2);
          const error = Math.abs(localDistanceM(lon, lat, lon2, lat2) - truth);
          expect(error).toBeLessThanOrEqual(6e-8 * truth * truth + 0.001);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a spherical-earth scale would break that bound (the test can tell)', () => {
    const sphericalLon = 6_371_008.8 * Math.cos((52 * Math.PI) / 180) * (Math.PI / 180);
    const truth = geodesicM(5, 52, 5 + 1000 / sphericalLon, 52);
    expect(Math.abs(1000 - truth)).toBeGreaterThan(6e-8 * truth * truth + 0.001);
    expect(Math.abs(localDistanceM(5, 52, 5 + 1000 / sphericalLon, 52) - truth)).toBeLessThan(0.001);
  });

  it('segmentDistance2: perpendicular foot, or the nearer endpoint', () => {
    expect(segmentDistance2(-3, 4, 3, 4)).toBe(16);
    expect(segmentDistance2(3, 4, 6, 8)).toBe(25);
    expect(segmentDistance2(2, 0, 2, 0)).toBe(4);
  });
});
