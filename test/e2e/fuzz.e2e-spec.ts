import fc from 'fast-check';
import request from 'supertest';
import type { Role } from '../../src/auth/principal';
import { SeedService } from '../../src/modules/seed/seed.service';
import { resetDatabase } from '../helpers/database';
import { createPerson, demoZoneId, FULL_MOTIVATION } from '../helpers/factories';
import { API_PREFIX } from '../../src/configure-app';
import { appRoutes, isWrite } from '../helpers/routes';
import { createTestApp, type TestApp } from '../helpers/test-app';

interface WriteRoute {
  name: string;
  method: 'post' | 'put' | 'patch' | 'delete';
  path: string;
  roles: Role[];
}

/** Every write route of the app, from Nest's route metadata (as the authorization test does): none can be forgotten. */
function writeRoutes(t: TestApp): WriteRoute[] {
  return appRoutes(t.app)
    .filter(isWrite)
    .map((r) => ({ name: r.name, method: r.method.toLowerCase() as WriteRoute['method'], path: r.path, roles: r.roles ?? [] }));
}

// ---- hostile material -------------------------------------------------------------------------------------------

const FRAGMENTS = [
  "'; DROP TABLE person; --", "' OR '1'='1", '1; SELECT pg_sleep(5)', '$1', '\\x00', '\u0000', '%00', '${7*7}', '{{7*7}}',
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)', '../../../../etc/passwd',
  'NaN', 'Infinity', '-Infinity', '1e309', '-0', '0x1F', '2026-02-30', '2026-02-30T10:00:00+01:00', '2026-13-01T00:00:00Z',
  '2026-12-01T25:00:00+01:00', '2026-12-01T10:00:00', '2026-12-01T10:00:00+25:00', 'Mars/Olympus', 'Europe/Atlantis',
  'GM99999', 'gm1706', '00000000-0000-0000-0000-00000000000G', '\u202e\u0635', 'A'.repeat(5000),
];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', '__defineGetter__', 'hasOwnProperty', 'toString'];
const FIELD_KEYS = [
  'municipalityCode', 'personId', 'basis', 'kind', 'ground', 'measures', 'type', 'zoneIds', 'zoneVersionIds', 'schedule', 'validity',
  'mode', 'start', 'end', 'days', 'incidents', 'procedure', 'signatory', 'version', 'reason', 'at', 'position', 'lon', 'lat',
  'accuracyM', 'positions', 'groupSize', 'geometry', 'coordinates', 'name', 'dateOfBirth', 'identifiers', 'timeZone', 'numbers',
  'newEnd', 'notifiedAt', 'reportRef', 'correctsViolationId', 'place', 'dryRun', 'onBehalfOf', 'description',
];

const hugeNumber = fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -Number.MAX_SAFE_INTEGER - 2, 2 ** 31, -(2 ** 31) - 1, 1e-320, -0);
const hostileString = fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }));
const leaf: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hugeNumber,
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.constant(null),
  fc.constantFrom('true', 'false', '1', '[]', '{}'),
);
/** Deeply nested arrays and objects (500 levels): parsers and validators must not recurse into trouble. */
const deep = fc.integer({ min: 50, max: 500 }).map((n) => {
  let v: unknown = 'x';
  for (let i = 0; i < n; i++) v = i % 2 ? [v] : { a: v };
  return v;
});
/** Big arrays that stay well within the body limit. */
const hugeArray = fc.constantFrom(Array.from({ length: 20_000 }, (_, i) => i), Array.from({ length: 5_000 }, () => 'x'), Array.from({ length: 3_000 }, () => ({ lon: 'NaN', lat: 1e308 })));
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof({ maxDepth: 3, depthIdentifier: 'v' }, leaf, leaf, fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(fc.constantFrom(...FIELD_KEYS), tie('v'), { maxKeys: 4 }), deep, hugeArray),
})).v;

/** A body that is malformed for every route: a non-object, or an object carrying hostile keys and wrongly typed values. */
const hostileBody: fc.Arbitrary<unknown> = fc.oneof(
  fc.dictionary(fc.constantFrom(...FIELD_KEYS, ...PROTO_KEYS, "' OR 1=1 --", '$where', '<b>'), value, { minKeys: 1, maxKeys: 6 }),
  fc.tuple(fc.constantFrom(...PROTO_KEYS), value).map(([k, v]) => JSON.parse(`{${JSON.stringify(k)}: ${JSON.stringify(v) ?? 'null'}}`)),
  fc.array(value, { maxLength: 3 }),
  leaf,
  deep,
);

/** Geometries that are wrong in every way a zone can be. */
const ring = (coords: unknown[]) => ({ type: 'Polygon', coordinates: [coords] });
const hostileGeometry: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(ring([[5.57, 51.27], [5.58, 51.27], [5.58, 51.28], [5.57, 51.28]])), // unclosed
  fc.constant(ring([[5.57, 51.27], [5.58, 51.28], [5.58, 51.27], [5.57, 51.28], [5.57, 51.27]])), // bow tie
  fc.constant(ring([[5.57, 51.27], [5.58, 51.27], [5.57, 51.27]])), // too few positions
  fc.constant(ring([['NaN', 51.27], [5.58, 'Infinity'], [5.58, 51.28], ['NaN', 51.27]])),
  fc.constant(ring([[1e308, 51.27], [5.58, -1e308], [5.58, 51.28], [1e308, 51.27]])),
  fc.constant(ring([[51.27, 5.57], [51.27, 5.58], [51.28, 5.58], [51.27, 5.57]])), // swapped axes
  fc.constant({ type: 'Polygon', coordinates: [[[5.57, 51.27], [5.6, 51.27], [5.6, 51.3], [5.57, 51.27]], [[4, 52], [4.1, 52], [4.1, 52.1], [4, 52]]] }), // hole outside
  fc.constant({ type: 'Point', coordinates: [5.57, 51.27] }),
  fc.constant({ type: 'GeometryCollection', geometries: [] }),
  fc.record({ type: fc.constantFrom('Polygon', 'MultiPolygon', 'Feature', 'polygon'), coordinates: value }),
  deep,
  value,
);
const badInstant = fc.constantFrom('2026-02-30T10:00:00+01:00', '2026-02-29T10:00:00+01:00', '2026-12-01T24:30:00+01:00', '2026-12-01', 'gisteren', '2026-12-01T10:00:00', '+275760-09-13T00:00:00Z', 1_700_000_000, null);

// ---- the test ---------------------------------------------------------------------------------------------------

describe(`fuzzing every write endpoint (e2e, ${process.env.TEST_DATABASE_KIND ?? 'test database'})`, () => {
  let t: TestApp;
  let routes: WriteRoute[];
  let ids: { order: string; zone: string; person: string };
  let counts: () => Promise<Record<string, number>>;

  beforeAll(async () => {
    t = await createTestApp();
    await resetDatabase(t.dataSource);
    await t.app.get(SeedService).loadOnce();
    routes = writeRoutes(t);
    const zone = await demoZoneId(t, 'GM1706');
    const person = await createPerson(t);
    const order = await request(t.http).post('/api/v1/orders').set('Authorization', `Bearer ${await t.token('mayor-office')}`).send({
      municipalityCode: 'GM1706', personId: person, basis: { kind: 'GEMW_172A', ground: 'REPEATED' }, measures: [{ type: 'AREA_BAN', zoneIds: [zone] }],
      validity: { mode: 'CONTINUOUS', start: '2030-12-05T00:00:00+01:00', end: '2031-03-05T00:00:00+01:00' },
      procedure: { signatory: { role: 'MAYOR', name: 'Burgemeester' }, motivation: FULL_MOTIVATION },
    }).expect(201);
    ids = { order: order.body.id, zone, person };
    const tables: { tablename: string }[] = await t.dataSource.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'typeorm_migrations' ORDER BY 1`,
    );
    counts = async () => {
      const rows: { t: string; n: string }[] = await t.dataSource.query(tables.map((x) => `SELECT '${x.tablename}' AS t, count(*) AS n FROM "${x.tablename}"`).join(' UNION ALL '));
      return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
    };
  });
  afterAll(() => t?.close());

  /** A real resource behind each path parameter, so that bodies get past the lookup to the code that reads them. */
  const concrete = (path: string) =>
    path.replace(/:(\w+)/g, (_, p: string) => (p === 'code' ? 'GM1706' : p === 'n' ? '1' : path.startsWith(`/${API_PREFIX}/zones`) ? ids.zone : ids.order));

  async function send(route: WriteRoute, body: unknown, headers: Record<string, string> = {}) {
    const role = route.roles[0];
    const req = request(t.http)[route.method](concrete(route.path));
    if (role) req.set('Authorization', `Bearer ${await t.token(role, role === 'admin' ? ['*'] : ['GM1706'])}`);
    const res = await req
      .set('Content-Type', 'application/json')
      .set(headers)
      .send(JSON.stringify(body) ?? 'null');
    return res;
  }

  function expectRefused(route: WriteRoute, body: unknown, res: request.Response) {
    const shown = () => `${route.name} ${route.method.toUpperCase()} ${route.path} with ${(JSON.stringify(body) ?? String(body)).slice(0, 300)}: ${res.status} ${res.text.slice(0, 300)}`;
    if (res.status < 400 || res.status >= 500) throw new Error(`expected a 4xx: ${shown()}`);
    if (!/^application\/problem\+json/.test(res.headers['content-type'] ?? '')) throw new Error(`expected problem+json: ${shown()}`);
    if (res.body.status !== res.status || typeof res.body.detail !== 'string') throw new Error(`malformed problem: ${shown()}`);
  }

  it('finds the write routes (a route without roles is public and is sent without a token)', () => {
    expect(routes.length).toBeGreaterThanOrEqual(20);
  });

  it('answers every hostile body on every write route with a 4xx problem+json and stores nothing', async () => {
    const before = await counts();
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(hostileBody, async (body) => expectRefused(route, body, await send(route, body))),
        { numRuns: 50, seed: 7 },
      );
    }
    expect(await counts()).toEqual(before);
  }, 240_000);

  it('refuses hostile zone geometries (NaN, out of range, unclosed, self-intersecting, wrong type, deep) in CRS84 and RD New', async () => {
    const create = routes.find((r) => r.name === 'ZonesController.create')!;
    const edit = routes.find((r) => r.name === 'ZonesController.edit')!;
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(hostileGeometry, fc.constantFrom(undefined, 'EPSG:28992', 'EPSG:4326'), fc.boolean(), async (geometry, crs, onEdit) => {
        const body = onEdit ? { name: 'Zone', geometry, version: 1 } : { municipalityCode: 'GM1706', name: 'Zone', geometry };
        const res = await send(onEdit ? edit : create, body, crs ? { 'Content-Crs': crs } : {});
        expectRefused(onEdit ? edit : create, body, res);
      }),
      { numRuns: 60, seed: 11 },
    );
    expect(await counts()).toEqual(before);
  }, 120_000);

  it('refuses impossible dates and instants in orders, and NaN/Infinity/out-of-range positions in breach checks', async () => {
    const create = routes.find((r) => r.name === 'OrdersController.create')!;
    const check = routes.find((r) => r.path.endsWith('/breach-checks'))!;
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(badInstant, fc.constantFrom('start', 'end'), async (instant, field) => {
        const body = {
          municipalityCode: 'GM1706', personId: ids.person, basis: { kind: 'GEMW_172A', ground: 'REPEATED' }, measures: [{ type: 'AREA_BAN', zoneIds: [ids.zone] }],
          validity: { mode: 'CONTINUOUS', start: '2030-12-05T00:00:00+01:00', end: '2031-03-05T00:00:00+01:00', [field]: instant },
          procedure: { signatory: { role: 'MAYOR', name: 'Burgemeester' } },
        };
        expectRefused(create, body, await send(create, body));
      }),
      { numRuns: 30, seed: 13 },
    );
    const coordinate = fc.oneof(fc.constantFrom('NaN', 'Infinity', '-Infinity', '5.5', null, 1e308, -1e308, 181, -91), hugeNumber);
    await fc.assert(
      fc.asyncProperty(coordinate, coordinate, fc.oneof(badInstant, fc.constant('2026-12-12T22:30:00+01:00')), async (lon, lat, at) => {
        fc.pre(!(typeof lon === 'number' && typeof lat === 'number' && Math.abs(lon) <= 180 && Math.abs(lat) <= 90 && at === '2026-12-12T22:30:00+01:00'));
        const body = { personId: ids.person, position: { lon, lat }, at };
        expectRefused(check, body, await send(check, body));
      }),
      { numRuns: 40, seed: 17 },
    );
    expect(await counts()).toEqual(before);
  }, 120_000);

  describe('limits', () => {
    it('refuses a body over the configured limit with 413 problem+json', async () => {
      const route = routes.find((r) => r.name === 'PersonsController.create')!;
      const big = { municipalityCode: 'GM1706', name: 'x'.repeat(t.config.bodyLimitBytes), dateOfBirth: '1990-01-01' };
      const res = await send(route, big);
      expect(res.status).toBe(413);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('refuses JSON nested hundreds of thousands deep (within the body limit) without a 5xx', async () => {
      const route = routes.find((r) => r.name === 'PersonsController.create')!;
      for (const raw of ['['.repeat(300_000) + ']'.repeat(300_000), '{"a":'.repeat(150_000) + '1' + '}'.repeat(150_000)]) {
        const res = await request(t.http).post(route.path).set('Authorization', `Bearer ${await t.token('mayor-office')}`).set('Content-Type', 'application/json').send(raw);
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    });

    it('refuses more than 20 zones in a measure and more than 10 measures in an order, naming the field', async () => {
      const create = routes.find((r) => r.name === 'OrdersController.create')!;
      const base = {
        municipalityCode: 'GM1706', personId: ids.person, basis: { kind: 'GEMW_172A', ground: 'REPEATED' },
        validity: { mode: 'CONTINUOUS', start: '2030-12-05T00:00:00+01:00', end: '2031-03-05T00:00:00+01:00' },
        procedure: { signatory: { role: 'MAYOR', name: 'Burgemeester' } },
      };
      const zones = Array.from({ length: 21 }, () => crypto.randomUUID());
      const tooManyZones = await send(create, { ...base, measures: [{ type: 'AREA_BAN', zoneIds: zones }] });
      expect(tooManyZones.status).toBe(400);
      expect(JSON.stringify(tooManyZones.body.errors)).toMatch(/zoneIds/);
      const tooManyMeasures = await send(create, { ...base, measures: Array.from({ length: 11 }, () => ({ type: 'AREA_BAN', zoneIds: [ids.zone] })) });
      expect(tooManyMeasures.status).toBe(400);
      expect(JSON.stringify(tooManyMeasures.body.errors)).toMatch(/measures/);
    });
  });
});
