import { GeofenceHit, GeofenceIndex } from './geofence-index';
import { seededRandom, syntheticZones } from './synthetic-zones';

const zones = syntheticZones(300, { seed: 31, vertices: 80, extent: [5.0, 52.0, 5.4, 52.3] });
// Entries of several orders share zone versions, as city-centre zones do.
const entries = zones.flatMap((z, i) => [z, ...(i % 4 === 0 ? [{ ...z, key: `${z.key}-b`, orderId: `${z.orderId}-b` }] : [])]);
const rand = seededRandom(3);
const points = Array.from({ length: 1500 }, () => [5.0 + rand() * 0.4, 52.0 + rand() * 0.3] as const);
const answer = (hits: GeofenceHit[]) => hits.map((h) => `${h.key}:${h.inside}:${h.distanceM.toFixed(6)}`).sort();

describe('GeofenceIndexBuilder (the index built batch by batch)', () => {
  const built = GeofenceIndex.build(entries);
  const builder = GeofenceIndex.builder();
  for (let i = 0; i < entries.length; i += 37) {
    // A later batch leaves out the geometry of a zone version an earlier one brought.
    builder.add(entries.slice(i, i + 37).map((e) => (builder.has(e.zoneVersionId) ? { ...e, geometry: undefined } : e)));
  }
  const batched = builder.build();

  it('answers exactly as an index built at once', () => {
    expect(batched.size).toBe(built.size);
    for (const [lon, lat] of points) {
      expect(answer(batched.query(lon, lat, 40))).toEqual(answer(built.query(lon, lat, 40)));
    }
  });

  it('takes changes and compactions afterwards', () => {
    const idx = GeofenceIndex.builder();
    idx.add(entries.slice(0, 50));
    const index = idx.build();
    for (const e of entries.slice(50, 200)) index.upsert(e);
    for (const e of entries.slice(0, 25)) index.remove(e.key);
    const reference = GeofenceIndex.build(entries.slice(25, 200));
    for (const [lon, lat] of points.slice(0, 500)) expect(answer(index.query(lon, lat))).toEqual(answer(reference.query(lon, lat)));
  });

  it('refuses a duplicate key across batches and a new zone version without geometry, leaving itself unchanged', () => {
    const b = GeofenceIndex.builder();
    b.add(entries.slice(0, 2));
    expect(() => b.add([entries[1]])).toThrow(/duplicate/);
    expect(() => b.add([{ ...entries[5], geometry: undefined }])).toThrow(/no geometry/);
    expect(b.has(entries[5].zoneVersionId)).toBe(false);
    expect(b.build().size).toBe(2);
  });
});

describe('GeofenceIndex.forEachCovering', () => {
  const index = GeofenceIndex.build(entries);

  it('visits each covering zone version once with all its entries; its distance equals the query distance', () => {
    let covered = 0;
    for (const [lon, lat] of points) {
      const expected = answer(index.query(lon, lat).filter((h) => h.inside));
      const got: string[] = [];
      const versions = new Set<string>();
      index.forEachCovering(lon, lat, (zone) => {
        expect(versions.has(zone.refs[0].zoneVersionId)).toBe(false);
        versions.add(zone.refs[0].zoneVersionId);
        const d = zone.distanceM();
        for (const ref of zone.refs) got.push(`${ref.key}:true:${d.toFixed(6)}`);
      });
      expect(got.sort()).toEqual(expected);
      covered += got.length;
    }
    expect(covered).toBeGreaterThan(100);
  });
});
