import proj4 from 'proj4';

/**
 * EPSG:28992 Amersfoort / RD New: oblique stereographic on the Bessel 1841 ellipsoid, with the seven-parameter datum
 * shift to WGS84 of the EPSG definition (tx, ty, tz in m; rx, ry, rz in arc seconds; scale in ppm). The datum shift
 * is accurate to about a metre (RDNAPTRANS with its correction grid is better, but is not needed for zones).
 */
export const RD_NEW_PROJ4 =
  '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 ' +
  '+ellps=bessel +towgs84=565.4171,50.3319,465.5524,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs';

/** Coordinates are rounded to 1e-8 degree (about 1 mm) so a converted zone hashes the same on every run. */
const DECIMALS = 1e8;

const converter = proj4(RD_NEW_PROJ4, 'WGS84');

/**
 * Converts a GeoJSON geometry (or a Feature of one) from RD New metres to CRS84 longitude/latitude. Positions are
 * converted wherever they are found; anything that is not a pair of numbers is passed through unchanged, so that
 * `validateZoneGeometry` afterwards reports it with its field path.
 */
export function rdNewToCrs84<T>(geometry: T): T {
  return mapPositions(geometry, (x, y) => {
    const [lon, lat] = converter.forward([x, y]);
    return [Math.round(lon * DECIMALS) / DECIMALS, Math.round(lat * DECIMALS) / DECIMALS];
  });
}

/** Converts a geometry from CRS84 to RD New metres (rounded to millimetres), e.g. for maps in decision letters. */
export function crs84ToRdNew<T>(geometry: T): T {
  return mapPositions(geometry, (lon, lat) => {
    const [x, y] = converter.inverse([lon, lat]);
    return [Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000];
  });
}

function mapPositions<T>(value: T, fn: (x: number, y: number) => number[]): T {
  return walk(value, fn) as T;
}

function walk(value: unknown, fn: (x: number, y: number) => number[]): unknown {
  if (Array.isArray(value)) {
    if (value.length >= 2 && isFiniteNumber(value[0]) && isFiniteNumber(value[1])) return fn(value[0], value[1]);
    return value.map((v) => walk(v, fn));
  }
  if (typeof value !== 'object' || value === null) return value;
  const obj = value as Record<string, unknown>;
  if (obj.type === 'Feature') return { ...obj, geometry: walk(obj.geometry, fn) };
  if (obj.type === 'FeatureCollection' && Array.isArray(obj.features)) {
    return { ...obj, features: obj.features.map((f) => walk(f, fn)) };
  }
  if (obj.type === 'GeometryCollection' && Array.isArray(obj.geometries)) {
    return { ...obj, geometries: obj.geometries.map((g) => walk(g, fn)) };
  }
  if ('coordinates' in obj) {
    const { bbox: _dropped, ...rest } = obj; // a bbox in metres would be wrong after conversion
    return { ...rest, coordinates: walk(obj.coordinates, fn) };
  }
  return value;
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}
