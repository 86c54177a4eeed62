import { createHash, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { seededRandom, starRing } from '../../src/domain/geofence/synthetic-zones';
import { geometryHash } from '../../src/domain/geometry/geometry-hash';
import { geometryBbox, vertexCount, type ZoneGeometry } from '../../src/domain/geometry/zone-geometry';
import type { OrderState } from '../../src/domain/order/order';

export const BENCH_MUNICIPALITIES = ['GM1706', 'GM1950', 'GM0243', 'GM0363', 'GM0599'];

export interface SeededOrder {
  personId: string;
  /** A point inside the order's zone (near its centre). */
  inside: { lon: number; lat: number };
}

interface Zone {
  id: string;
  versionId: string;
  municipalityCode: string;
  geometry: ZoneGeometry;
  centre: { lon: number; lat: number };
}

/** Zones of 20–2,000 vertices (log-uniform), 150 m – 2 km, spread over the Dutch mainland. */
function zones(count: number, rand: () => number): Zone[] {
  return Array.from({ length: count }, (_, i) => {
    const lon = 3.7 + rand() * 3.2;
    const lat = 51.3 + rand() * 2.0;
    const vertices = Math.round(Math.exp(Math.log(20) + rand() * (Math.log(2000) - Math.log(20))));
    const geometry: ZoneGeometry = { type: 'Polygon', coordinates: [starRing(rand, lon, lat, 150 + rand() * 1850, vertices)] };
    return { id: randomUUID(), versionId: randomUUID(), municipalityCode: BENCH_MUNICIPALITIES[i % BENCH_MUNICIPALITIES.length], geometry, centre: { lon, lat } };
  });
}

function orderBody(personId: string, zone: Zone, i: number, now: Date): OrderState {
  const start = new Date(now.getTime() - 10 * 86_400_000).toISOString();
  const end = new Date(now.getTime() + 60 * 86_400_000).toISOString();
  const schedule = i % 5 === 0 ? [{ days: ['FRI', 'SAT'] as const, from: '20:00', to: '06:00' }] : undefined;
  return {
    municipalityCode: zone.municipalityCode,
    personId,
    basis: { kind: 'GEMW_172A', ground: 'REPEATED' },
    measures: [{ type: i % 20 === 0 ? 'GROUP_BAN' : 'AREA_BAN', zoneIds: [zone.id], zoneVersionIds: [zone.versionId], schedule: schedule as never }],
    validity: { mode: 'CONTINUOUS', start, end },
    incidents: [],
    procedure: { signatory: { role: 'MAYOR', name: 'Bench' }, notifiedAt: start, notificationMethod: 'HANDED' },
    status: 'ISSUED',
    extensions: [],
    exemptions: [],
    suspensions: [],
  };
}

async function insertZones(ds: DataSource, list: Zone[]): Promise<void> {
  await ds.query(
    `INSERT INTO zone (id, municipality_code, created_by) SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::text[])`,
    [list.map((z) => z.id), list.map((z) => z.municipalityCode), list.map(() => 'bench')],
  );
  const boxes = list.map((z) => geometryBbox(z.geometry));
  await ds.query(
    `INSERT INTO zone_version (id, zone_id, version, name, geometry, bbox_min_lon, bbox_min_lat, bbox_max_lon, bbox_max_lat, vertex_count, geometry_hash, created_by)
     SELECT u.id, u.zone_id, 1, u.name, u.geometry, u.a, u.b, u.c, u.d, u.n, u.h, 'bench'
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::jsonb[], $5::float8[], $6::float8[], $7::float8[], $8::float8[], $9::int[], $10::text[])
            AS u(id, zone_id, name, geometry, a, b, c, d, n, h)`,
    [
      list.map((z) => z.versionId), list.map((z) => z.id), list.map((_, i) => `Bench zone ${i}`), list.map((z) => JSON.stringify(z.geometry)),
      boxes.map((b) => b[0]), boxes.map((b) => b[1]), boxes.map((b) => b[2]), boxes.map((b) => b[3]),
      list.map((z) => vertexCount(z.geometry)), list.map((z) => geometryHash(z.geometry)),
    ],
  );
}

async function insertOrders(ds: DataSource, rows: { orderId: string; personId: string; body: OrderState }[]): Promise<void> {
  const codes = rows.map((r) => r.body.municipalityCode);
  await ds.query(
    `INSERT INTO person (id, municipality_code, name, date_of_birth, created_by)
     SELECT u.id, u.m, 'Bench Persoon', DATE '1990-01-01', 'bench' FROM unnest($1::uuid[], $2::varchar[]) AS u(id, m)`,
    [rows.map((r) => r.personId), codes],
  );
  await ds.query(
    `INSERT INTO "order" (id, municipality_code, person_id, reference, created_by)
     SELECT u.id, u.m, u.p, u.r, 'bench' FROM unnest($1::uuid[], $2::varchar[], $3::uuid[], $4::text[]) AS u(id, m, p, r)`,
    [rows.map((r) => r.orderId), codes, rows.map((r) => r.personId), rows.map((r) => `BENCH-${createHash('md5').update(r.orderId).digest('hex').slice(0, 12)}`)],
  );
  await ds.query(
    `INSERT INTO order_version (order_id, version, status, change_kind, basis_kind, ground, valid_from, valid_until, zone_version_ids, body, created_by)
     SELECT u.id, 1, 'ISSUED', 'ISSUE', 'GEMW_172A', 'REPEATED', (u.b->'validity'->>'start')::timestamptz, (u.b->'validity'->>'end')::timestamptz,
            ARRAY[(u.b->'measures'->0->'zoneVersionIds'->>0)::uuid], u.b, 'bench'
       FROM unnest($1::uuid[], $2::jsonb[]) AS u(id, b)`,
    [rows.map((r) => r.orderId), rows.map((r) => JSON.stringify(r.body))],
  );
}

/**
 * Writes `count` issued orders in force now (one person each; ~5 orders share a zone version) with bulk SQL, for
 * the HTTP benchmark. Deterministic shapes for a seed.
 */
export async function seedOrders(ds: DataSource, count: number, now: Date, seed = 7): Promise<SeededOrder[]> {
  const rand = seededRandom(seed);
  const zoneList = zones(Math.max(1, Math.ceil(count / 5)), rand);
  for (let i = 0; i < zoneList.length; i += 500) await insertZones(ds, zoneList.slice(i, i + 500));
  const seeded: SeededOrder[] = [];
  for (let start = 0; start < count; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, count - start) }, (_, k) => {
      const i = start + k;
      const zone = zoneList[i % zoneList.length];
      const personId = randomUUID();
      seeded.push({ personId, inside: zone.centre });
      return { orderId: randomUUID(), personId, body: orderBody(personId, zone, i, now) };
    });
    await insertOrders(ds, rows);
  }
  return seeded;
}
