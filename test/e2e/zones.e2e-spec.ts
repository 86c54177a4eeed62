import request from 'supertest';
import type { Polygon, Position } from 'geojson';
import { DomainError } from '../../src/domain/shared/domain-error';
import { AuditService } from '../../src/modules/audit/audit.service';
import { SeedService } from '../../src/modules/seed/seed.service';
import { ZonesService } from '../../src/modules/zones/zones.service';
import { resetDatabase } from '../helpers/database';
import { createTestApp, type TestApp } from '../helpers/test-app';

const PROBLEM = /^application\/problem\+json/;
const ZONE_IN_MUNICIPALITY = 'GW172A-ZONE-IN-MUNICIPALITY';
const MISSING_ID = '00000000-0000-4000-8000-000000000000';

function square(west: number, south: number, east: number, north: number): Polygon {
  return { type: 'Polygon', coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]] };
}

/** Shops in the centre of Budel, Cranendonck (GM1706). */
const BUDEL = square(5.5715, 51.2717, 5.5775, 51.2753);
/** A smaller block inside BUDEL: the edited zone. */
const BUDEL_SMALLER = square(5.5725, 51.2725, 5.5765, 51.2745);
/** In the centre of Weert (GM0988), Cranendonck's neighbour: outside Cranendonck by kilometres. */
const WEERT = square(5.7, 51.245, 5.706, 51.249);
/** On Cranendonck's eastern boundary, about 65 m of it beyond the (simplified) line. */
const ON_THE_BOUNDARY = square(5.6185, 51.25, 5.6232, 51.253);

/** A closed ring of `n` positions (closing one included) around Budel. */
function circle(n: number): Polygon {
  const ring: Position[] = [];
  for (let i = 0; i < n - 1; i++) {
    const a = (2 * Math.PI * i) / (n - 1);
    ring.push([5.5745 + 0.002 * Math.cos(a), 51.2735 + 0.0012 * Math.sin(a)]);
  }
  return { type: 'Polygon', coordinates: [[...ring, ring[0]]] };
}

describe('zones (e2e)', () => {
  let t: TestApp;
  let office: string;

  beforeAll(async () => {
    t = await createTestApp();
    await resetDatabase(t.dataSource);
    await t.app.get(SeedService).loadOnce();
    office = await t.token('mayor-office', ['GM1706']);
  });
  afterAll(() => t?.close());

  const post = (body: object, token = office) =>
    request(t.http).post('/api/v1/zones').set('Authorization', `Bearer ${token}`).send(body);
  const put = (id: string, body: object, token = office) =>
    request(t.http).put(`/api/v1/zones/${id}`).set('Authorization', `Bearer ${token}`).send(body);
  const get = (path: string, token = office) =>
    request(t.http).get(`/api/v1/zones${path}`).set('Authorization', `Bearer ${token}`);

  async function createZone(name = 'Centrum Budel', geometry: Polygon = BUDEL): Promise<{ id: string; geometryHash: string }> {
    const res = await post({ municipalityCode: 'GM1706', name, geometry }).expect(201);
    return res.body;
  }

  async function count(table: 'zone' | 'zone_version' | 'audit_event'): Promise<number> {
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
    return n;
  }

  describe('create and read', () => {
    it('creates version 1 with bbox, vertex count, hash, ETag and Location, and reads it back', async () => {
      const res = await post({ municipalityCode: 'GM1706', name: ' Winkelgebied Budel ', description: 'Markt en Kerkstraat', geometry: BUDEL }).expect(201);
      expect(res.body).toMatchObject({
        version: 1,
        municipalityCode: 'GM1706',
        name: 'Winkelgebied Budel',
        description: 'Markt en Kerkstraat',
        geometry: BUDEL,
        bbox: [5.5715, 51.2717, 5.5775, 51.2753],
        vertexCount: 5,
        findings: [],
        isDemo: false,
      });
      expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.body.geometryHash).toMatch(/^[0-9a-f]{64}$/);
      expect(res.body.createdBy).toEqual(expect.any(String));
      expect(Date.parse(res.body.createdAt)).not.toBeNaN();
      expect(res.headers.etag).toBe('"1"');
      expect(res.headers.location).toBe(`/api/v1/zones/${res.body.id}`);
      expect(res.headers['content-crs']).toBe('OGC:CRS84');

      const read = await get(`/${res.body.id}`, await t.token('police', ['GM1706'])).expect(200);
      expect(read.body).toMatchObject({ id: res.body.id, version: 1, geometry: BUDEL, geometryHash: res.body.geometryHash });
      expect(read.body.findings).toBeUndefined();
      expect(read.headers.etag).toBe('"1"');
    });

    it('writes an audit event with the geometry hash, not the geometry, in the same transaction', async () => {
      const zone = await createZone();
      const events = await t.dataSource.query(
        `SELECT action, municipality_code, before, after FROM audit_event WHERE entity_type = 'zone' AND entity_id = $1`,
        [zone.id],
      );
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ action: 'zone.created', municipality_code: 'GM1706', before: null });
      expect(events[0].after).toMatchObject({ version: 1, geometryHash: zone.geometryHash, vertexCount: 5 });
      expect(JSON.stringify(events[0].after)).not.toContain('coordinates');
    });

    it('stores nothing when the transaction fails halfway (the audit write)', async () => {
      const before = [await count('zone'), await count('zone_version')];
      const spy = jest.spyOn(t.app.get(AuditService), 'record').mockRejectedValueOnce(new Error('disk full'));
      try {
        const res = await post({ municipalityCode: 'GM1706', name: 'Half', geometry: BUDEL }).expect(500);
        expect(res.headers['content-type']).toMatch(PROBLEM);
      } finally {
        spy.mockRestore();
      }
      expect([await count('zone'), await count('zone_version')]).toEqual(before);
    });

    it('lists zones of a municipality as summaries without geometry', async () => {
      const zone = await createZone('Lijstzone');
      const res = await get('?municipality=GM1706').expect(200);
      const listed = res.body.find((z: { id: string }) => z.id === zone.id);
      expect(listed).toMatchObject({ id: zone.id, name: 'Lijstzone', version: 1, municipalityCode: 'GM1706' });
      expect(listed.geometry).toBeUndefined();
      expect(res.body.some((z: { isDemo: boolean }) => z.isDemo)).toBe(true);
      const all = await get('').expect(200);
      expect(new Set(all.body.map((z: { municipalityCode: string }) => z.municipalityCode))).toEqual(new Set(['GM1706']));
    });
  });

  describe('editing makes a new immutable version', () => {
    it('edits to version 2 while version 1 stays unchanged and readable', async () => {
      const v1 = await createZone('Centrum');
      const res = await put(v1.id, { name: 'Centrum (kleiner)', geometry: BUDEL_SMALLER, reason: 'Besluit verkleind' })
        .set('If-Match', '"1"')
        .expect(200);
      expect(res.body).toMatchObject({ id: v1.id, version: 2, name: 'Centrum (kleiner)', geometry: BUDEL_SMALLER, reason: 'Besluit verkleind' });
      expect(res.body.geometryHash).not.toBe(v1.geometryHash);
      expect(res.headers.etag).toBe('"2"');

      const old = await get(`/${v1.id}/versions/1`).expect(200);
      expect(old.body).toMatchObject({ version: 1, name: 'Centrum', geometry: BUDEL, geometryHash: v1.geometryHash });
      expect((await get(`/${v1.id}`).expect(200)).body.version).toBe(2);
      const list = await get(`/${v1.id}/versions`).expect(200);
      expect(list.body.map((v: { version: number }) => v.version)).toEqual([1, 2]);
      expect(list.body[0].geometry).toBeUndefined();
    });

    it('audits the edit with before and after hashes and the reason', async () => {
      const v1 = await createZone();
      const v2 = (await put(v1.id, { name: 'Centrum', geometry: BUDEL_SMALLER, reason: 'kleiner', version: 1 }).expect(200)).body;
      const [event] = await t.dataSource.query(
        `SELECT before, after, reason FROM audit_event WHERE entity_id = $1 AND action = 'zone.edited'`,
        [v1.id],
      );
      expect(event.before).toMatchObject({ version: 1, geometryHash: v1.geometryHash });
      expect(event.after).toMatchObject({ version: 2, geometryHash: v2.geometryHash });
      expect(event.reason).toBe('kleiner');
    });

    it('refuses a stale edit (412) and stores nothing', async () => {
      const zone = await createZone();
      await put(zone.id, { name: 'Eerste', geometry: BUDEL_SMALLER }).set('If-Match', '"1"').expect(200);
      const stale = await put(zone.id, { name: 'Tweede', geometry: BUDEL }).set('If-Match', '"1"').expect(412);
      expect(stale.headers['content-type']).toMatch(PROBLEM);
      expect(stale.body.currentVersion).toBe(2);
      await put(zone.id, { name: 'Tweede', geometry: BUDEL, version: 1 }).expect(412);
      const list = await get(`/${zone.id}/versions`).expect(200);
      expect(list.body.map((v: { name: string }) => v.name)).toEqual(['Centrum Budel', 'Eerste']);
    });

    it('lets only one of two concurrent edits of the same version through', async () => {
      const zone = await createZone();
      // Hold the first edit's transaction open (at its audit write) while the second edit starts.
      const audit = t.app.get(AuditService);
      const record = audit.record.bind(audit);
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const spy = jest.spyOn(audit, 'record').mockImplementationOnce(async (...args) => {
        await gate;
        return record(...args);
      });
      try {
        const first = put(zone.id, { name: 'A', geometry: BUDEL_SMALLER }).set('If-Match', '"1"').then((r) => r);
        while (spy.mock.calls.length === 0) await new Promise((r) => setTimeout(r, 5));
        const second = put(zone.id, { name: 'B', geometry: BUDEL_SMALLER }).set('If-Match', '"1"').then((r) => r);
        await new Promise((r) => setTimeout(r, 200));
        release();
        const [a, b] = await Promise.all([first, second]);
        expect([a.status, b.status]).toEqual([200, 412]);
      } finally {
        spy.mockRestore();
      }
      const versions = (await get(`/${zone.id}/versions`).expect(200)).body;
      expect(versions.map((v: { name: string }) => v.name)).toEqual(['Centrum Budel', 'A']);
    });

    it('requires the version edited (428)', async () => {
      const zone = await createZone();
      const res = await put(zone.id, { name: 'Zonder versie', geometry: BUDEL }).expect(428);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    });
  });

  describe('geometry validation (400 naming the field)', () => {
    const ring = (...positions: unknown[]) => ({ type: 'Polygon', coordinates: [positions] });
    const cases: [string, unknown, string, string][] = [
      ['an unclosed ring', ring([5.571, 51.271], [5.577, 51.271], [5.577, 51.275], [5.571, 51.275]), 'geometry.coordinates[0]', 'RING_NOT_CLOSED'],
      ['a bow-tie', ring([5.571, 51.271], [5.577, 51.275], [5.577, 51.271], [5.571, 51.2735], [5.571, 51.271]), 'geometry.coordinates[0]', 'SELF_INTERSECTION'],
      [
        'a hole outside its shell',
        { type: 'Polygon', coordinates: [BUDEL.coordinates[0], square(5.58, 51.28, 5.581, 51.281).coordinates[0]] },
        'geometry.coordinates[1]',
        'HOLE_OUTSIDE_SHELL',
      ],
      ['a zone in Paris', square(2.35, 48.85, 2.36, 48.86), 'geometry.coordinates[0][0]', 'OUTSIDE_NETHERLANDS'],
      ['too few positions', ring([5.571, 51.271], [5.577, 51.271], [5.571, 51.271]), 'geometry.coordinates[0]', 'RING_TOO_SHORT'],
      ['a LineString', { type: 'LineString', coordinates: [[5.571, 51.271], [5.577, 51.271]] }, 'geometry.type', 'INVALID_TYPE'],
      ['strings as coordinates', ring([5.571, 51.271], ['5.577', '51.271'], [5.577, 51.275], [5.571, 51.271]), 'geometry.coordinates[0][1]', 'NOT_A_NUMBER'],
      ['NaN (null in JSON) as a coordinate', ring([5.571, 51.271], [5.577, 51.271], [null, 51.275], [5.571, 51.271]), 'geometry.coordinates[0][2]', 'NOT_A_NUMBER'],
      ['10,001 positions', circle(10_001), 'geometry.coordinates', 'TOO_MANY_VERTICES'],
    ];

    it.each(cases)('refuses %s', async (_what, geometry, field, code) => {
      const zonesBefore = await count('zone');
      const res = await post({ municipalityCode: 'GM1706', name: 'Ongeldig', geometry }).expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
      expect(await count('zone')).toBe(zonesBefore);
    });

    it('accepts the vertex limit itself (10,000 positions)', async () => {
      const res = await post({ municipalityCode: 'GM1706', name: 'Veel hoeken', geometry: circle(10_000) }).expect(201);
      expect(res.body.vertexCount).toBe(10_000);
    });

    it('refuses an invalid geometry on edit too, keeping version 1', async () => {
      const zone = await createZone();
      const res = await put(zone.id, { name: 'x', geometry: square(2.35, 48.85, 2.36, 48.86) }).set('If-Match', '"1"').expect(400);
      expect(res.body.errors[0].field).toBe('geometry.coordinates[0][0]');
      expect((await get(`/${zone.id}`).expect(200)).body.version).toBe(1);
    });

    it('names missing and unknown body fields', async () => {
      const res = await post({ municipalityCode: 'GM1706', name: '  ', colour: 'red' }).expect(400);
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['name', 'geometry', 'colour']));
    });
  });

  describe('Content-Crs', () => {
    /** A 200 m square around Budel's centre in RD New metres. */
    const RD_BUDEL = square(167_900, 364_800, 168_100, 365_000);

    it('converts an RD New body (EPSG:28992) to CRS84', async () => {
      const res = await post({ municipalityCode: 'GM1706', name: 'RD', geometry: RD_BUDEL }).set('Content-Crs', 'EPSG:28992').expect(201);
      const [sw, se, ne] = res.body.geometry.coordinates[0];
      // Expected values from the RD-to-WGS84 polynomial approximation (Schreutelkamp & Strang van Hees), good to ~1 m.
      expect(sw[0]).toBeCloseTo(5.57206, 4);
      expect(sw[1]).toBeCloseTo(51.27236, 4);
      expect(se[0]).toBeCloseTo(5.57493, 4);
      expect(ne[1]).toBeCloseTo(51.27416, 4);
      expect(res.headers['content-crs']).toBe('OGC:CRS84');
      expect((await get(`/${res.body.id}`).expect(200)).body.geometry).toEqual(res.body.geometry);
    });

    it('refuses longitude/latitude numbers sent as RD New', async () => {
      const res = await post({ municipalityCode: 'GM1706', name: 'RD?', geometry: BUDEL }).set('Content-Crs', 'EPSG:28992').expect(400);
      expect(res.body.errors[0]).toMatchObject({ field: 'geometry.coordinates[0][0]', code: 'NOT_RD_NEW' });
    });

    it('accepts OGC:CRS84 and EPSG:4326 as CRS84, and refuses any other CRS naming the header', async () => {
      await post({ municipalityCode: 'GM1706', name: 'CRS84', geometry: BUDEL }).set('Content-Crs', 'OGC:CRS84').expect(201);
      await post({ municipalityCode: 'GM1706', name: '4326', geometry: BUDEL }).set('Content-Crs', '<http://www.opengis.net/def/crs/EPSG/0/4326>').expect(201);
      const res = await post({ municipalityCode: 'GM1706', name: 'Web Mercator', geometry: BUDEL }).set('Content-Crs', 'EPSG:3857').expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.errors[0].field).toBe('Content-Crs');
    });
  });

  describe(`${ZONE_IN_MUNICIPALITY}`, () => {
    it('refuses a zone outside its municipality with 422 and the finding, storing nothing', async () => {
      const before = [await count('zone'), await count('zone_version'), await count('audit_event')];
      const res = await post({ municipalityCode: 'GM1706', name: 'Weert', geometry: WEERT }).expect(422);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.findings).toEqual([expect.objectContaining({ ruleId: ZONE_IN_MUNICIPALITY, severity: 'error' })]);
      expect([await count('zone'), await count('zone_version'), await count('audit_event')]).toEqual(before);
    });

    it('accepts that zone on behalf of the mayor of the municipality it lies in (lid 3)', async () => {
      const res = await post({ municipalityCode: 'GM1706', name: 'Weert', geometry: WEERT, onBehalfOf: 'GM0988' }).expect(201);
      expect(res.body).toMatchObject({ municipalityCode: 'GM1706', findings: [] });
      const [event] = await t.dataSource.query(`SELECT after FROM audit_event WHERE entity_id = $1`, [res.body.id]);
      expect(event.after.onBehalfOf).toBe('GM0988');
    });

    it('checks an edit against the boundary too', async () => {
      const zone = await createZone();
      const res = await put(zone.id, { name: 'Weert', geometry: WEERT }).set('If-Match', '"1"').expect(422);
      expect(res.body.findings[0].ruleId).toBe(ZONE_IN_MUNICIPALITY);
      await put(zone.id, { name: 'Weert', geometry: WEERT, onBehalfOf: 'GM0988' }).set('If-Match', '"1"').expect(200);
    });

    it('refuses an onBehalfOf municipality that does not exist, or is the zone\'s own', async () => {
      const unknown = await post({ municipalityCode: 'GM1706', name: 'x', geometry: WEERT, onBehalfOf: 'GM9999' }).expect(400);
      expect(unknown.body.errors[0]).toMatchObject({ field: 'onBehalfOf', code: 'unknownMunicipality' });
      const own = await post({ municipalityCode: 'GM1706', name: 'x', geometry: BUDEL, onBehalfOf: 'GM1706' }).expect(400);
      expect(own.body.errors[0].field).toBe('onBehalfOf');
    });

    it('stores a zone a little over the simplified boundary, returning the warning', async () => {
      const res = await post({ municipalityCode: 'GM1706', name: 'Grens', geometry: ON_THE_BOUNDARY }).expect(201);
      expect(res.body.findings).toEqual([expect.objectContaining({ ruleId: ZONE_IN_MUNICIPALITY, severity: 'warning' })]);
      await get(`/${res.body.id}`).expect(200);
    });
  });

  describe('access', () => {
    it('refuses police and lawyers on writes (403)', async () => {
      const police = await t.token('police', ['GM1706']);
      const res = await post({ municipalityCode: 'GM1706', name: 'Politie', geometry: BUDEL }, police).expect(403);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      const zone = await createZone();
      await put(zone.id, { name: 'Jurist', geometry: BUDEL, version: 1 }, await t.token('lawyer', ['GM1706'])).expect(403);
    });

    it('lets the mayor create zones', async () => {
      await post({ municipalityCode: 'GM1706', name: 'Burgemeester', geometry: BUDEL }, await t.token('mayor', ['GM1706'])).expect(201);
    });

    it('hides a zone from another municipality (404 on every route)', async () => {
      const zone = await createZone();
      const other = await t.token('mayor-office', ['GM0243']);
      for (const path of [`/${zone.id}`, `/${zone.id}/versions`, `/${zone.id}/versions/1`, '?municipality=GM1706']) {
        const res = await get(path, other).expect(404);
        expect(res.headers['content-type']).toMatch(PROBLEM);
      }
      await put(zone.id, { name: 'Overname', geometry: BUDEL, version: 1 }, other).expect(404);
      await post({ municipalityCode: 'GM1706', name: 'Overname', geometry: BUDEL }, other).expect(404);
      expect((await get(`/${zone.id}`).expect(200)).body.name).toBe('Centrum Budel');
    });

    it('answers a missing zone or version with 404, and malformed path parameters with 400 naming them', async () => {
      await get(`/${MISSING_ID}`).expect(404);
      const zone = await createZone();
      await get(`/${zone.id}/versions/2`).expect(404);
      const badId = await get('/not-a-uuid').expect(400);
      expect(badId.body.errors[0].field).toBe('id');
      const badN = await get(`/${zone.id}/versions/0`).expect(400);
      expect(badN.body.errors[0].field).toBe('n');
      const badPut = await put('42', { name: 'x', geometry: BUDEL, version: 1 }).expect(400);
      expect(badPut.body.errors[0].field).toBe('id');
    });
  });

  describe('ZonesService for the orders module', () => {
    it('resolves the current versions of a municipality\'s zones', async () => {
      const zone = await createZone();
      const v2 = (await put(zone.id, { name: 'Nieuw', geometry: BUDEL_SMALLER, version: 1 }).expect(200)).body;
      const zones = t.app.get(ZonesService);
      const map = await zones.resolveCurrentVersions(t.dataSource.manager, 'GM1706', [zone.id]);
      expect(map.get(zone.id)).toEqual({ zoneId: zone.id, zoneVersionId: v2.zoneVersionId, version: 2, geometry: BUDEL_SMALLER });
    });

    it('refuses unknown zones and zones of another municipality as INVALID_INPUT naming zoneIds', async () => {
      const zone = await createZone();
      const zones = t.app.get(ZonesService);
      for (const [code, ids] of [['GM1706', [zone.id, MISSING_ID]], ['GM0243', [zone.id]], ['GM1706', ['nonsense']]] as const) {
        const error = await zones.resolveCurrentVersions(t.dataSource.manager, code, [...ids]).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DomainError);
        expect(error).toMatchObject({ code: 'INVALID_INPUT', details: { errors: [expect.objectContaining({ field: 'zoneIds' })] } });
      }
    });

    it('reads versions back by id, old ones included', async () => {
      const v1 = (await post({ municipalityCode: 'GM1706', name: 'Oud', geometry: BUDEL }).expect(201)).body;
      const v2 = (await put(v1.id, { name: 'Nieuw', geometry: BUDEL_SMALLER, version: 1 }).expect(200)).body;
      const map = await t.app.get(ZonesService).getVersionsByIds(undefined, [v1.zoneVersionId, v2.zoneVersionId, MISSING_ID]);
      expect(map.size).toBe(2);
      expect(map.get(v1.zoneVersionId)).toMatchObject({ zoneId: v1.id, version: 1, name: 'Oud', geometry: BUDEL, geometryHash: v1.geometryHash });
      expect(map.get(v2.zoneVersionId)).toMatchObject({ version: 2, name: 'Nieuw', geometry: BUDEL_SMALLER });
    });
  });
});
