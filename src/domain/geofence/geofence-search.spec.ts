import { metresPerDegreeLat, metresPerDegreeLon } from '../geometry/local-metric';
import { GeofenceEntry, GeofenceIndex } from './geofence-index';
import { seededRandom, squareAround, syntheticZones } from './synthetic-zones';
import { ZonePack } from './zone-pack';

/**
 * The index finds its candidates in an R-tree over the zone boxes. Whatever the spread and sizes of the zones, it must
 * report exactly the zones a check of every zone reports: nothing missed at a box edge, nothing twice.
 */

/** Each zone packed on its own: the reference checks every one of them. */
type Alone = { key: string; pack: ZonePack }[];

/** What a check of every zone on its own reports for (lon, lat, radiusM): `key:inside:distance`, sorted. */
function everyZone(zones: Alone, lon: number, lat: number, radiusM: number): string[] {
  const mx = metresPerDegreeLon(lat);
  const my = metresPerDegreeLat(lat);
  return zones
    .flatMap(({ key, pack }) => {
      const d = pack.evaluate(0, lon, lat, mx, my, radiusM);
      return pack.lastInside || -d <= radiusM ? [`${key}:${pack.lastInside}:${d}`] : [];
    })
    .sort();
}

function fromIndex(index: GeofenceIndex, lon: number, lat: number, radiusM: number): string[] {
  return index.query(lon, lat, radiusM).map((h) => `${h.key}:${h.inside}:${h.distanceM}`).sort();
}

function covering(index: GeofenceIndex, lon: number, lat: number): string[] {
  const keys: string[] = [];
  index.forEachCovering(lon, lat, (zone) => keys.push(...zone.refs.map((r) => r.key)));
  return keys.sort();
}

const entry = (key: string, geometry: GeofenceEntry['geometry']): GeofenceEntry => ({
  key,
  orderId: `o-${key}`,
  zoneId: `z-${key}`,
  zoneVersionId: `zv-${key}`,
  geometry,
});

describe('GeofenceIndex candidate search', () => {
  const rand = seededRandom(77);
  const cluster = syntheticZones(150, { seed: 5, vertices: 80, extent: [5.0, 52.0, 5.1, 52.06], radiusM: [50, 400] });
  const layouts: Record<string, GeofenceEntry[]> = {
    'a dense cluster': cluster,
    'a cluster, a zone over the whole country and zones on other continents': [
      ...cluster,
      entry('country', squareAround(5.3, 52.2, 150_000)),
      entry('sydney', squareAround(151.2, -33.9, 2_000)),
      entry('anchorage', squareAround(-149.9, 61.2, 2_000)),
    ],
    'many zones with the very same box': Array.from({ length: 40 }, (_, i) => entry(`same${i}`, squareAround(5.05, 52.03, 300))),
    'a single zone': [entry('one', squareAround(5.05, 52.03, 300))],
  };

  describe.each(Object.entries(layouts))('%s', (_name, entries) => {
    const index = GeofenceIndex.build(entries);
    const alone: Alone = entries.map((e) => ({ key: e.key, pack: ZonePack.from([e.geometry]) }));

    it('reports what a check of every zone reports, at random points and radii', () => {
      for (let i = 0; i < 300; i++) {
        const [lon, lat] = i % 10 === 9 ? [151.2 + (rand() - 0.5) * 0.05, -33.9 + (rand() - 0.5) * 0.05] : [4.98 + rand() * 0.14, 51.98 + rand() * 0.1];
        const radiusM = [0, 25, 300, 5_000][i % 4];
        expect(fromIndex(index, lon, lat, radiusM)).toEqual(everyZone(alone, lon, lat, radiusM));
      }
    });

    it('finds a zone from exactly on the edge of its box (its corner vertices), with forEachCovering too', () => {
      for (const e of entries.slice(0, 30)) {
        const ring = e.geometry.type === 'Polygon' ? e.geometry.coordinates[0] : e.geometry.coordinates[0][0];
        const [lon, lat] = ring.reduce((a, p) => (p[0] < a[0] ? p : a)); // the westmost vertex: on the box edge
        expect(fromIndex(index, lon, lat, 0)).toContain(`${e.key}:true:0`);
        expect(covering(index, lon, lat)).toContain(e.key);
        expect(covering(index, lon, lat)).toEqual(everyZone(alone, lon, lat, 0).map((hit) => hit.split(':')[0]).sort());
      }
    });
  });
});
