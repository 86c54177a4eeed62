import { Client } from 'pg';
import type { ZoneHit } from '../../src/domain/breach/breach-types';
import { activeAt } from '../../src/domain/breach/evaluate-breach';
import { ZoneGeometry, polygonsOf } from '../../src/domain/geometry/zone-geometry';
import { Backend, judgePerson } from './backends';
import { Dataset, TIME_ZONE } from './dataset';

/**
 * (c) The same questions answered by PostgreSQL + PostGIS over one connection with prepared statements, timed as
 * the full round trip from Node (and the same rule evaluation on the returned hits). Zone versions are stored once
 * (`zone`, GiST on the geometry) and linked to orders and persons (`order_zone`), as the index shares one packed
 * geometry per zone version: a city-centre zone held by 500 orders is one row to test, not 500.
 */

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/ordreg_bench';

export type Postgis = { client: Client; version: string } | { skipped: string };

const connect = async (url: string): Promise<Client> => {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
};

/** Connects (creating the database if missing) and enables PostGIS; says why it is skipped when it cannot. */
export async function openPostgis(url: string): Promise<Postgis> {
  let client: Client;
  try {
    client = await connect(url).catch(async (error: { code?: string }) => {
      if (error.code !== '3D000') throw error; // 3D000: the database does not exist
      await createDatabase(url);
      return connect(url);
    });
  } catch (error) {
    return { skipped: `PostgreSQL not reachable at ${redacted(url)}: ${(error as Error).message}` };
  }
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS postgis');
  } catch (error) {
    await client.end();
    return { skipped: `not installed: ${(error as Error).message}` };
  }
  const { rows } = await client.query(`SELECT postgis_lib_version() AS postgis, current_setting('server_version') AS pg`);
  return { client, version: `PostGIS ${rows[0].postgis} on PostgreSQL ${rows[0].pg} (${redacted(url)})` };
}

async function createDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  target.pathname = '/postgres';
  const admin = await connect(target.toString());
  try {
    await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
}

function redacted(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/** A checksum of the data a schema is loaded from, so a schema loaded by an earlier run is reused only if equal. */
function fingerprint(ds: Dataset): string {
  let sum = 0;
  for (const g of ds.geometries.values()) {
    for (const rings of polygonsOf(g)) for (const ring of rings) for (const p of ring) sum = (sum * 31 + p[0] * 1e7 + p[1]) % 1e12;
  }
  return `v3:${ds.orders.length}:${ds.entries.length}:${ds.geometries.size}:${sum.toFixed(3)}`;
}

/** Loads the data set into schema `bench_<orders>` unless an earlier run left the same data there. */
export async function loadDataset(client: Client, ds: Dataset): Promise<{ schema: string; seconds: number; cached: boolean }> {
  const started = process.hrtime.bigint();
  const schema = `bench_${ds.orders.length}`;
  const print = fingerprint(ds);
  const loaded = await client.query(`SELECT fingerprint FROM ${schema}.meta`).then((r) => r.rows[0]?.fingerprint, () => null);
  if (loaded !== print) {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.query(`CREATE SCHEMA ${schema}`);
    // edge: the zone's rings in RD New (EPSG:28992, the Dutch grid), for a planar distance in metres to the edge.
    await client.query(
      `CREATE TABLE ${schema}.zone (zone_version_id text PRIMARY KEY, geom geometry(Geometry, 4326) NOT NULL, edge geometry(Geometry, 28992) NOT NULL)`,
    );
    await client.query(
      `CREATE TABLE ${schema}.order_zone (order_id text NOT NULL, person_id text NOT NULL, zone_id text NOT NULL, zone_version_id text NOT NULL)`,
    );
    await insertZones(client, schema, ds);
    await insertOrderZones(client, schema, ds);
    await client.query(`CREATE INDEX ON ${schema}.zone USING gist (geom)`);
    await client.query(`CREATE INDEX ON ${schema}.order_zone (person_id)`);
    await client.query(`CREATE INDEX ON ${schema}.order_zone (zone_version_id)`);
    await client.query(`ANALYZE ${schema}.zone`);
    await client.query(`ANALYZE ${schema}.order_zone`);
    await client.query(`CREATE TABLE ${schema}.meta (fingerprint text NOT NULL)`);
    await client.query(`INSERT INTO ${schema}.meta VALUES ($1)`, [print]);
  }
  return { schema, seconds: Number(process.hrtime.bigint() - started) / 1e9, cached: loaded === print };
}

/** The referenced zone versions as WKB (sent as binary parameters), in statements of up to ~8 MB. */
async function insertZones(client: Client, schema: string, ds: Dataset): Promise<void> {
  const versions = [...new Set(ds.entries.map((e) => e.zoneVersionId))];
  let values: (string | Buffer)[] = [];
  let bytes = 0;
  const flush = async () => {
    if (values.length === 0) return;
    const rows = Array.from({ length: values.length / 2 }, (_, i) => `($${2 * i + 1}, ST_GeomFromWKB($${2 * i + 2}, 4326))`);
    await client.query(
      `INSERT INTO ${schema}.zone (zone_version_id, geom, edge) SELECT id, g, ST_Transform(ST_Boundary(g), 28992) FROM (VALUES ${rows.join(', ')}) AS v (id, g)`,
      values,
    );
    values = [];
    bytes = 0;
  };
  for (const v of versions) {
    const wkb = wkbOf(ds.geometries.get(v) as ZoneGeometry);
    values.push(v, wkb);
    bytes += wkb.length;
    if (bytes > 8e6 || values.length >= 2000) await flush();
  }
  await flush();
}

async function insertOrderZones(client: Client, schema: string, ds: Dataset): Promise<void> {
  const batch = 20_000;
  for (let i = 0; i < ds.entries.length; i += batch) {
    const rows = ds.entries.slice(i, i + batch);
    const person = (orderId: string) => (ds.ordersById.get(orderId) as { personId: string }).personId;
    await client.query(`INSERT INTO ${schema}.order_zone SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])`, [
      rows.map((e) => e.orderId),
      rows.map((e) => person(e.orderId)),
      rows.map((e) => e.zoneId),
      rows.map((e) => e.zoneVersionId),
    ]);
  }
}

/** Little-endian WKB of a Polygon or MultiPolygon. */
export function wkbOf(geometry: ZoneGeometry): Buffer {
  const polygons = polygonsOf(geometry);
  const multi = geometry.type === 'MultiPolygon';
  let size = multi ? 9 : 0;
  for (const rings of polygons) size += 9 + rings.reduce((n, ring) => n + 4 + 16 * ring.length, 0);
  const buf = Buffer.allocUnsafe(size);
  let at = 0;
  const header = (type: number, count: number) => {
    buf.writeUInt8(1, at);
    buf.writeUInt32LE(type, at + 1);
    buf.writeUInt32LE(count, at + 5);
    at += 9;
  };
  if (multi) header(6, polygons.length);
  for (const rings of polygons) {
    header(3, rings.length);
    for (const ring of rings) {
      buf.writeUInt32LE(ring.length, at);
      at += 4;
      for (const [lon, lat] of ring) {
        buf.writeDoubleLE(lon, at);
        buf.writeDoubleLE(lat, at + 8);
        at += 16;
      }
    }
  }
  return buf;
}

/**
 * A person's check: the person's zones (the order_zone.person_id index finds the rows) that cover the point
 * (`ST_Covers`) or whose edge lies within the accuracy radius (metres in RD New), with the distance to the edge, as the
 * index gives them.
 */
const personSql = (s: string) => `
  SELECT oz.order_id, oz.zone_id, oz.zone_version_id, q.inside, q.distance_m
  FROM ${s}.order_zone oz
  JOIN ${s}.zone z ON z.zone_version_id = oz.zone_version_id
  CROSS JOIN LATERAL (
    SELECT ST_Covers(z.geom, ST_SetSRID(ST_MakePoint($2, $3), 4326)) AS inside,
           ST_Distance(z.edge, ST_Transform(ST_SetSRID(ST_MakePoint($2, $3), 4326), 28992)) AS distance_m) q
  WHERE oz.person_id = $1 AND (q.inside OR q.distance_m <= $4)`;

/** What applies at a point: zones covering it (`ST_Covers`, GiST), each with its edge distance once, then their orders. */
const pointSql = (s: string) => `
  WITH hit AS (
    SELECT z.zone_version_id,
           ST_Distance(z.edge, ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), 28992)) AS distance_m
    FROM ${s}.zone z
    WHERE ST_Covers(z.geom, ST_SetSRID(ST_MakePoint($1, $2), 4326)))
  SELECT oz.order_id, oz.zone_id, oz.zone_version_id, hit.distance_m
  FROM hit JOIN ${s}.order_zone oz ON oz.zone_version_id = hit.zone_version_id`;

interface HitRow {
  order_id: string;
  zone_id: string;
  zone_version_id: string;
  inside?: boolean;
  distance_m: number;
}

function hitOf(row: HitRow): ZoneHit {
  const inside = row.inside ?? true;
  return { orderId: row.order_id, zoneId: row.zone_id, zoneVersionId: row.zone_version_id, inside, distanceM: inside ? row.distance_m : -row.distance_m };
}

export function postgisBackend(client: Client, schema: string, ds: Dataset): Backend {
  const person = { name: `${schema}_person`, text: personSql(schema) };
  const point = { name: `${schema}_point`, text: pointSql(schema) };
  return {
    name: 'PostGIS',
    async person(q) {
      const { rows } = await client.query<HitRow>({ ...person, values: [q.personId, q.lon, q.lat, q.accuracyM] });
      return judgePerson(ds, q, rows.map(hitOf));
    },
    async point(q) {
      const { rows } = await client.query<HitRow>({ ...point, values: [q.lon, q.lat] });
      return activeAt({ orders: ds.ordersById, timeZone: TIME_ZONE, zoneHits: rows.map(hitOf) }, q, q.at);
    },
  };
}

/** The plans of both queries (for a look at whether the indexes are used). */
export async function explain(client: Client, schema: string, ds: Dataset): Promise<string> {
  const e = ds.entries[0];
  const person = (ds.ordersById.get(e.orderId) as { personId: string }).personId;
  const plan = async (sql: string, values: unknown[]) =>
    (await client.query(`EXPLAIN ${sql}`, values)).rows.map((r) => r['QUERY PLAN']).join('\n');
  return `${await plan(personSql(schema), [person, 5.1, 52.1, 10])}\n\n${await plan(pointSql(schema), [5.1, 52.1])}`;
}
