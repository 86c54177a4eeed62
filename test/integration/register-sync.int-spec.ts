import request from 'supertest';
import { GeofenceService } from '../../src/modules/breach/geofence.service';
import { RegisterSyncService } from '../../src/modules/breach/register-sync.service';
import { SeedService } from '../../src/modules/seed/seed.service';
import { resetDatabase } from '../helpers/database';
import { BUDEL_SQUARE, INSIDE_BUDEL, ServiceClient } from '../helpers/service-client';
import { createTestApp, type TestApp } from '../helpers/test-app';

/**
 * The safety net behind LISTEN/NOTIFY: two app instances on the test database that do not listen, so instance B
 * hears nothing of A's changes; B's periodic check must notice them (and only them) and rebuild.
 */
describe(`register sync: the periodic check (${process.env.TEST_DATABASE_KIND ?? 'test database'})`, () => {
  const quiet = { SYNC_LISTEN: 'false', SYNC_RESYNC_INTERVAL_S: '0', RATE_LIMIT_ENABLED: 'false' };
  let a: TestApp;
  let b: TestApp;
  let sync: RegisterSyncService;
  const auth = async (t: TestApp, role: Parameters<TestApp['token']>[0]) => `Bearer ${await t.token(role, ['GM1706'])}`;
  const builder = new ServiceClient('unused');

  beforeAll(async () => {
    a = await createTestApp({ env: quiet });
    await resetDatabase(a.dataSource);
    await a.app.get(SeedService).loadOnce();
    await a.app.get(GeofenceService).rebuild();
    b = await createTestApp({ env: quiet });
    sync = b.app.get(RegisterSyncService);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  async function post(t: TestApp, path: string, role: Parameters<TestApp['token']>[0], body: object, status: number) {
    const res = await request(t.http).post(`/api/v1${path}`).set('Authorization', await auth(t, role)).send(body);
    if (res.status !== status) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  const verdict = async (t: TestApp, personId: string, at = new Date()) =>
    (await post(t, '/breach-checks', 'police', { personId, position: INSIDE_BUDEL, at: at.toISOString() }, 200)).verdict;

  it('rebuilds only when another instance changed orders or persons unheard, and then answers with them', async () => {
    expect(await sync.check()).toBe(false);

    const zone = await post(a, '/zones', 'mayor-office', { municipalityCode: 'GM1706', name: 'Testgebied', geometry: BUDEL_SQUARE }, 201);
    expect(await sync.check()).toBe(false); // zones are pinned by version: a new zone changes no order

    const person = await post(a, '/persons', 'mayor-office', { municipalityCode: 'GM1706', name: 'Elders Aangemaakt', dateOfBirth: '1990-01-01' }, 201);
    await request(b.http).post('/api/v1/breach-checks').set('Authorization', await auth(b, 'police'))
      .send({ personId: person.id, position: INSIDE_BUDEL, at: new Date().toISOString() }).expect(404);
    expect(await sync.check()).toBe(true);
    expect(await verdict(b, person.id)).toBe('NO_BREACH');

    const draft = await post(a, '/orders', 'mayor-office', builder.draftBody(person.id, zone.id), 201);
    await post(a, `/orders/${draft.id}/issue`, 'mayor', builder.issueBody(), 200);
    expect(await verdict(a, person.id)).toBe('BREACH');
    expect(await verdict(b, person.id)).toBe('NO_BREACH'); // B has not heard
    expect(await sync.check()).toBe(true);
    expect(await verdict(b, person.id)).toBe('BREACH');
    expect(await sync.check()).toBe(false);

    // B's own changes are counted as heard: no needless rebuild.
    await post(b, `/orders/${draft.id}/withdrawal`, 'mayor', { version: 2, reason: 'Niet meer nodig' }, 200);
    expect(await verdict(b, person.id, new Date(Date.now() + 1000))).toBe('NO_BREACH');
    expect(await sync.check()).toBe(false);
    expect(sync.status).toMatchObject({ resyncs: 2, listener: { state: 'disabled' } });
  });
});
