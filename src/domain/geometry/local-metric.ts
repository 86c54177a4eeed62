/**
 * Metres per degree around a latitude on the WGS84 ellipsoid: the scales of a local equirectangular projection
 * (x = Δlon · metresPerDegreeLon, y = Δlat · metresPerDegreeLat) centred near the points measured.
 *
 * Why this is enough here: the Netherlands spans about 3 degrees of latitude, and the distances that matter for a
 * breach check (to the nearest zone edge, within an accuracy radius) are short. Centred on the query point, the
 * projection is exact at the point; the error of a distance d grows as about tan(lat) · d² / (4 R), at most
 * 5.5e-8 · d² in metres over the Netherlands: 0.5 mm at 100 m, 5 mm at 300 m, 5.5 cm at 1 km (measured against
 * Vincenty geodesics in local-metric.spec.ts).
 */
const WGS84_A = 6378137;
const WGS84_F = 1 / 298.257223563;
const WGS84_E2 = WGS84_F * (2 - WGS84_F);
const DEG = Math.PI / 180;

/** Metres per degree of latitude (meridian radius of curvature) at `latDeg`. */
export function metresPerDegreeLat(latDeg: number): number {
  const s = Math.sin(latDeg * DEG);
  const w = Math.sqrt(1 - WGS84_E2 * s * s);
  return ((WGS84_A * (1 - WGS84_E2)) / (w * w * w)) * DEG;
}

/** Metres per degree of longitude (prime-vertical radius times cos(lat)) at `latDeg`. */
export function metresPerDegreeLon(latDeg: number): number {
  const s = Math.sin(latDeg * DEG);
  const w = Math.sqrt(1 - WGS84_E2 * s * s);
  return (WGS84_A / w) * Math.cos(latDeg * DEG) * DEG;
}

/** Approximate distance in metres between two nearby positions (local equirectangular around the first). */
export function localDistanceM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dx = (lon2 - lon1) * metresPerDegreeLon(lat1);
  const dy = (lat2 - lat1) * metresPerDegreeLat(lat1);
  return Math.sqrt(dx * dx + dy * dy);
}

/** Squared distance from the origin to the segment a–b. */
export function segmentDistance2(ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? -(ax * dx + ay * dy) / len2 : 0;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  const cx = ax + t * dx;
  const cy = ay + t * dy;
  return cx * cx + cy * cy;
}
