import { generateKeyPairSync } from 'node:crypto';
import request from 'supertest';
import { SeedService } from '../../src/modules/seed/seed.service';
import { resetDatabase } from '../helpers/database';
import { createPerson } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';

describe('web pages: static files, UI configuration, development sign-in, person search', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { OIDC_ISSUER: 'https://login.example.nl/realms/gemeente', OIDC_CLIENT_ID: 'ordreg-web', MAP_TILE_URL: 'https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png' } });
    await resetDatabase(t.dataSource);
    await t.app.get(SeedService).loadOnce();
  });
  afterAll(() => t?.close());

  it('serves the pages with a strict CSP that admits the tile host and the OIDC issuer, and only whitelisted vendor files', async () => {
    const res = await request(t.http).get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('lang="nl"');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toMatch(/img-src 'self' data: blob: https:\/\/service\.pdok\.nl/);
    expect(csp).toMatch(/connect-src 'self' https:\/\/login\.example\.nl/);
    for (const page of ['orders', 'order-new', 'order', 'zones', 'check', 'missed', 'audit', 'callback']) {
      const html = (await request(t.http).get(`/${page}.html`).expect(200)).text;
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline scripts
    }
    await request(t.http).get('/vendor/leaflet/leaflet.js').expect(200).expect('content-type', /javascript/);
    await request(t.http).get('/vendor/utrecht/component-library.css').expect(200).expect('content-type', /css/);
    await request(t.http).get('/vendor/leaflet/package.json').expect(404);
    await request(t.http).get('/vendor/..%2F..%2Fpackage.json').expect(404);
    await request(t.http).get('/package.json').expect(404);
    // The API keeps its own headers.
    const health = await request(t.http).get('/api/v1/health');
    expect(health.headers['x-request-id']).toBeDefined();
    expect(health.headers['api-version']).toBe('1.0.0');
  });

  it('GET /ui/config tells the page how to sign in and which base map to draw', async () => {
    const res = await request(t.http).get('/api/v1/ui/config').expect(200);
    expect(res.body).toEqual({
      oidc: { issuer: 'https://login.example.nl/realms/gemeente', clientId: 'ordreg-web', scopes: 'openid profile' },
      devSignIn: true,
      tileUrl: 'https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png',
      tileAttribution: 'Kaartgegevens © Kadaster (PDOK)',
    });
  });

  it('the development sign-in gives a working token for the role and municipality picked, and names bad fields', async () => {
    const res = await request(t.http).post('/api/v1/dev/sign-in').send({ role: 'police', municipalities: ['GM1706'] }).expect(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 28800 });
    await request(t.http).get('/api/v1/municipalities/GM1706').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    await request(t.http).get('/api/v1/municipalities/GM0243').set('Authorization', `Bearer ${res.body.accessToken}`).expect(404);
    const bad = await request(t.http).post('/api/v1/dev/sign-in').send({ role: 'root', municipalities: ['Budel'] }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['municipalities', 'role']);
    const star = await request(t.http).post('/api/v1/dev/sign-in').send({ role: 'mayor', municipalities: ['*'] }).expect(400);
    expect(star.body.detail).toMatch(/admin/);
  });

  it('searches persons by name within the caller\'s municipalities, police see the minimal view, every person returned is logged', async () => {
    const a = await createPerson(t, 'GM1706', { name: 'Zoekbaar Eén', identifiers: { bsn: '111222333' } });
    await createPerson(t, 'GM1706', { name: 'Zoekbaar Twee' });
    await createPerson(t, 'GM0243', { name: 'Zoekbaar Elders' });
    await createPerson(t, 'GM1706', { name: 'Iemand Anders' });
    const police = `Bearer ${await t.token('police', ['GM1706'])}`;
    const before = Number((await t.dataSource.query(`SELECT count(*) AS n FROM processing_log WHERE action = 'person.read'`))[0].n);
    const res = await request(t.http).get('/api/v1/persons?query=zoekBAAR').set('Authorization', police).set('X-Purpose', 'controle Markt').expect(200);
    expect(res.body.map((p: { name: string }) => p.name)).toEqual(['Zoekbaar Eén', 'Zoekbaar Twee']);
    expect(Object.keys(res.body[0]).sort()).toEqual(['dateOfBirth', 'id', 'municipalityCode', 'name']);
    const logged = await t.dataSource.query(`SELECT person_id, purpose FROM processing_log WHERE action = 'person.read' ORDER BY id DESC LIMIT 2`);
    expect(Number((await t.dataSource.query(`SELECT count(*) AS n FROM processing_log WHERE action = 'person.read'`))[0].n)).toBe(before + 2);
    expect(logged.map((r: { purpose: string }) => r.purpose)).toEqual(['controle Markt', 'controle Markt']);
    const office = `Bearer ${await t.token('mayor-office', ['GM1706'])}`;
    const full = await request(t.http).get('/api/v1/persons?query=Eén').set('Authorization', office).expect(200);
    expect(full.body).toEqual([expect.objectContaining({ id: a, identifiers: { bsn: '111222333' } })]);
    // LIKE wildcards are literal text; one character is too little.
    await request(t.http).get('/api/v1/persons?query=%25%25').set('Authorization', office).expect(200).expect([]);
    const short = await request(t.http).get('/api/v1/persons?query=Z').set('Authorization', office).expect(400);
    expect(short.body.errors[0].field).toBe('query');
    await request(t.http).get('/api/v1/persons').set('Authorization', office).expect(400);
  });
});

describe('web pages in production', () => {
  let t: TestApp;
  beforeAll(async () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    t = await createTestApp({ env: { NODE_ENV: 'production', JWT_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString() } });
  });
  afterAll(() => t?.close());

  it('has no development sign-in: the route does not exist and the UI config says so', async () => {
    await request(t.http).post('/api/v1/dev/sign-in').send({ role: 'admin', municipalities: ['*'] }).expect(404);
    const config = await request(t.http).get('/api/v1/ui/config').expect(200);
    expect(config.body).toMatchObject({ oidc: null, devSignIn: false, tileUrl: null });
    await request(t.http).get('/').expect(200);
  });
});
