import request from 'supertest';
import { SeedService } from '../../src/modules/seed/seed.service';
import { resetDatabase } from '../helpers/database';
import { createTestApp, type TestApp } from '../helpers/test-app';

const PROBLEM = /^application\/problem\+json/;

describe('service foundation (e2e, production pipeline)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await resetDatabase(t.dataSource);
    await t.app.get(SeedService).loadOnce();
  });
  afterAll(() => t?.close());

  describe('v1 conventions', () => {
    it('reports health with database readiness, without a token', async () => {
      const res = await request(t.http).get('/api/v1/health').expect(200);
      expect(res.body.details.database.status).toBe('up');
      expect(res.headers['api-version']).toBe('1.0.0');
    });

    it('serves the OpenAPI 3 document without a token, listing the v1 paths', async () => {
      const res = await request(t.http).get('/api/v1/openapi.json').expect(200);
      const doc = typeof res.body === 'object' && Object.keys(res.body).length ? res.body : JSON.parse(res.text);
      expect(doc.openapi).toMatch(/^3\./);
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(['/api/v1/health', '/api/v1/municipalities', '/api/v1/municipalities/{code}']),
      );
      expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    });

    it('serves the docs page', async () => {
      const res = await request(t.http).get('/api/v1/docs').redirects(1).expect(200);
      expect(res.text).toContain('swagger-ui');
    });

    it('answers an unknown route with a 404 problem', async () => {
      const res = await request(t.http).get('/api/v1/no-such-thing').expect(404);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body).toMatchObject({ type: 'about:blank', title: 'Not Found', status: 404, instance: '/api/v1/no-such-thing' });
      expect(typeof res.body.detail).toBe('string');
    });

    it('sends security headers, and no CORS permission to an origin that is not configured', async () => {
      const res = await request(t.http).get('/api/v1/health').set('Origin', 'https://evil.example').expect(200);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('has no trailing-slash aliases', async () => {
      await request(t.http).get('/api/v1/health/').expect(404);
    });

    it('echoes a well-formed X-Request-Id and makes one otherwise', async () => {
      const given = await request(t.http).get('/api/v1/health').set('X-Request-Id', 'test-request-0001').expect(200);
      expect(given.headers['x-request-id']).toBe('test-request-0001');
      const made = await request(t.http).get('/api/v1/health').set('X-Request-Id', 'bad id with spaces').expect(200);
      expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('answers malformed JSON with a 400 problem', async () => {
      const token = await t.token('admin', ['GM1706']);
      const res = await request(t.http)
        .put('/api/v1/municipalities/GM1706')
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', 'application/json')
        .send('{"name": ')
        .expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    });
  });

  describe('authentication and authorization', () => {
    it('refuses a request without a token (401 problem)', async () => {
      const res = await request(t.http).get('/api/v1/municipalities/GM1706').expect(401);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.headers['www-authenticate']).toBe('Bearer');
    });

    it('refuses an expired token and one with a wrong signature (401)', async () => {
      const expired = await t.token('admin', ['GM1706'], { expiresIn: -120 });
      await request(t.http).get('/api/v1/municipalities/GM1706').set('Authorization', `Bearer ${expired}`).expect(401);
      const forged = await t.token('admin', ['GM1706'], { secret: 'x'.repeat(48) });
      await request(t.http).get('/api/v1/municipalities/GM1706').set('Authorization', `Bearer ${forged}`).expect(401);
    });

    it('refuses the wrong role (403 problem)', async () => {
      const police = await t.token('police', ['GM1706']);
      const res = await request(t.http)
        .put('/api/v1/municipalities/GM1706')
        .set('Authorization', `Bearer ${police}`)
        .send({ name: 'Cranendonck', version: 1 })
        .expect(403);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    });

    it('hides another municipality: its configuration is a 404, and it is not listed', async () => {
      const other = await t.token('admin', ['GM0243']);
      const res = await request(t.http).get('/api/v1/municipalities/GM1706').set('Authorization', `Bearer ${other}`).expect(404);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      const list = await request(t.http).get('/api/v1/municipalities').set('Authorization', `Bearer ${other}`).expect(200);
      expect(list.body.map((m: { code: string }) => m.code)).toEqual(['GM0243']);
    });
  });

  describe('municipality configuration', () => {
    it('shows the demo configuration with its boundary and ETag', async () => {
      const token = await t.token('lawyer', ['GM1706']);
      const res = await request(t.http).get('/api/v1/municipalities/GM1706').set('Authorization', `Bearer ${token}`).expect(200);
      expect(res.body).toMatchObject({ code: 'GM1706', name: 'Cranendonck', isDemo: true, timeZone: 'Europe/Amsterdam' });
      expect(res.body.apv).toMatchObject({ article: '2:79', lookBackMonths: 6 });
      expect(res.body.boundary.type).toMatch(/Polygon/);
      expect(res.body.numbers['gw172a.maxExtensions']).toBe(3);
      expect(res.headers.etag).toBe(`"${res.body.version}"`);
    });

    it('lets the admin configure the APV ladder, writes an audit event, and refuses a stale edit (412)', async () => {
      const admin = await t.token('admin', ['GM0243']);
      const current = await request(t.http).get('/api/v1/municipalities/GM0243').set('Authorization', `Bearer ${admin}`).expect(200);
      const apv = { article: '2:78', lookBackMonths: 6, ladder: [{ step: 1, maxDuration: 'PT24H' }, { step: 2, maxDuration: 'P4W' }, { step: 3, maxDuration: 'P3M' }] };
      const saved = await request(t.http)
        .put('/api/v1/municipalities/GM0243')
        .set('Authorization', `Bearer ${admin}`)
        .set('If-Match', current.headers.etag)
        .send({ apv })
        .expect(200);
      expect(saved.body.apv.ladder).toHaveLength(3);
      expect(saved.body.version).toBe(current.body.version + 1);
      const events = await t.dataSource.query(
        `SELECT action, before, after FROM audit_event WHERE entity_type = 'municipality' AND entity_id = 'GM0243' AND action = 'municipality.configured'`,
      );
      expect(events).toHaveLength(1);
      expect(events[0].before.config.apv.ladder).toHaveLength(2);
      expect(events[0].after.config.apv.ladder).toHaveLength(3);
      const stale = await request(t.http)
        .put('/api/v1/municipalities/GM0243')
        .set('Authorization', `Bearer ${admin}`)
        .set('If-Match', current.headers.etag)
        .send({ name: 'Harderwijk (stale edit)' })
        .expect(412);
      expect(stale.headers['content-type']).toMatch(PROBLEM);
      const after = await request(t.http).get('/api/v1/municipalities/GM0243').set('Authorization', `Bearer ${admin}`).expect(200);
      expect(after.body.name).toBe('Harderwijk');
    });

    it('refuses an edit without a version (428) and names invalid fields (400)', async () => {
      const admin = await t.token('admin', ['GM1950']);
      await request(t.http).put('/api/v1/municipalities/GM1950').set('Authorization', `Bearer ${admin}`).send({ name: 'X' }).expect(428);
      const res = await request(t.http)
        .put('/api/v1/municipalities/GM1950')
        .set('Authorization', `Bearer ${admin}`)
        .send({ version: 2, timeZone: 'Mars/Olympus', apv: { article: 'two', ladder: [{ step: 1, maxDuration: '24 hours' }], lookBackMonths: 6 }, colour: 'red' })
        .expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.type).toBe('urn:ordreg:problem:validation-error');
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['timeZone', 'apv.article', 'apv.ladder[0].maxDuration', 'colour']));
    });

    it('rejects a malformed municipality code as a 400 naming the parameter', async () => {
      const admin = await t.token('admin', ['GM1950']);
      const res = await request(t.http).get('/api/v1/municipalities/1950').set('Authorization', `Bearer ${admin}`).expect(400);
      expect(res.body.errors[0].field).toBe('code');
    });
  });

  describe('reference and demo data', () => {
    it('loads all 342 municipalities once, and the demo data once', async () => {
      const again = await t.app.get(SeedService).loadOnce();
      expect(again).toEqual([]);
      const [{ count }] = await t.dataSource.query('SELECT count(*)::int AS count FROM municipality WHERE boundary IS NOT NULL');
      expect(count).toBe(342);
      const zones = await t.dataSource.query(
        `SELECT z.municipality_code, v.name FROM zone z JOIN zone_version v ON v.zone_id = z.id WHERE z.is_demo ORDER BY 1, 2`,
      );
      expect(zones.map((z: { municipality_code: string }) => z.municipality_code)).toEqual(
        expect.arrayContaining(['GM0243', 'GM1706', 'GM1950']),
      );
      expect(zones.every((z: { name: string }) => z.name.startsWith('[DEMO]'))).toBe(true);
    });
  });
});

describe('CORS for a configured origin', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { CORS_ORIGINS: 'https://register.cranendonck.nl' } });
  });
  afterAll(() => t?.close());

  it('allows the configured origin only, preflight included', async () => {
    const ok = await request(t.http).options('/api/v1/municipalities').set('Origin', 'https://register.cranendonck.nl').set('Access-Control-Request-Method', 'GET');
    expect(ok.headers['access-control-allow-origin']).toBe('https://register.cranendonck.nl');
    const other = await request(t.http).get('/api/v1/health').set('Origin', 'https://evil.example').expect(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
