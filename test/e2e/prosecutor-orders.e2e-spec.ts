import request from 'supertest';
import { FixedClock } from '../../src/common/clock';
import { SeedService } from '../../src/modules/seed/seed.service';
import { resetDatabase } from '../helpers/database';
import { createPerson, demoZoneId, FULL_MOTIVATION } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';

const PROBLEM = /^application\/problem\+json/;
const RULE = 'GW172A-OVJ-CONFLICT';

type Roles = Parameters<TestApp['token']>[0];
type Finding = { ruleId: string; severity: string; path?: string; message: string };
type Square = { type: 'Polygon'; coordinates: number[][][] };

function square(minLon: number, minLat: number, maxLon: number, maxLat: number): Square {
  return { type: 'Polygon', coordinates: [[[minLon, minLat], [maxLon, minLat], [maxLon, maxLat], [minLon, maxLat], [minLon, minLat]]] };
}

describe('prosecutor orders (e2e)', () => {
  const clock = new FixedClock(new Date('2026-12-01T09:00:00+01:00'));
  let t: TestApp;
  let budel: string;
  /** A square covering the south-west quarter of the demo zone's bounding box, and one 4 km east of the zone. */
  let overlapping: Square;
  let elsewhere: Square;

  const bearer = async (roles: Roles, m: string[] = ['GM1706']) => `Bearer ${await t.token(roles, m)}`;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    await resetDatabase(t.dataSource);
    await t.app.get(SeedService).loadOnce();
    budel = await demoZoneId(t, 'GM1706');
    const zone = await request(t.http).get(`/api/v1/zones/${budel}`).set('Authorization', await bearer('mayor-office')).expect(200);
    const positions: number[][] = (zone.body.geometry.type === 'Polygon' ? [zone.body.geometry.coordinates] : zone.body.geometry.coordinates).flat(2);
    const lons = positions.map((p) => p[0]);
    const lats = positions.map((p) => p[1]);
    const [minLon, maxLon, minLat, maxLat] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
    overlapping = square(minLon - 0.001, minLat - 0.001, (minLon + maxLon) / 2, (minLat + maxLat) / 2);
    elsewhere = square(maxLon + 0.05, minLat, maxLon + 0.06, maxLat);
  });
  afterAll(() => t?.close());
  beforeEach(() => clock.set('2026-12-01T09:00:00+01:00'));

  function areaBan172a(personId: string) {
    return {
      municipalityCode: 'GM1706',
      personId,
      basis: { kind: 'GEMW_172A', ground: 'REPEATED' },
      measures: [{ type: 'AREA_BAN', zoneIds: [budel], schedule: [{ days: ['FRI', 'SAT'], from: '20:00', to: '06:00' }] }],
      validity: { mode: 'CONTINUOUS', start: '2026-12-05T00:00:00+01:00', end: '2027-03-05T00:00:00+01:00' },
      incidents: [
        { at: '2026-10-03T22:10:00+02:00', description: 'Vechtpartij op de Markt', reportRef: 'PL2100-2026-101' },
        { at: '2026-11-14T23:40:00+01:00', description: 'Intimidatie van winkelpersoneel', reportRef: 'PL2100-2026-187' },
      ],
      procedure: { signatory: { role: 'MAYOR', name: 'Burgemeester van Cranendonck' }, motivation: FULL_MOTIVATION },
    };
  }

  async function recordOrder(personId: string, body: object, roles: Roles = 'mayor-office', m?: string[]) {
    return request(t.http).post(`/api/v1/persons/${personId}/prosecutor-orders`).set('Authorization', await bearer(roles, m)).send(body);
  }

  async function conflicts(personId: string): Promise<Finding[]> {
    const res = await request(t.http).post('/api/v1/order-checks').set('Authorization', await bearer('mayor-office')).send(areaBan172a(personId));
    if (res.status !== 200) throw new Error(`order-checks: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body.findings as Finding[]).filter((f) => f.ruleId === RULE);
  }

  it('records a behavioural order overlapping the zone, and a 172a area ban there for that person gets an error', async () => {
    const personId = await createPerson(t);
    const other = await createPerson(t, 'GM1706', { name: 'Andere Persoon' });
    expect(await conflicts(personId)).toEqual([]);

    const created = await recordOrder(personId, { from: '2026-11-20', until: '2027-02-20', geometry: overlapping, reference: 'OM-2026-0412' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ personId, municipalityCode: 'GM1706', from: '2026-11-20', until: '2027-02-20', reference: 'OM-2026-0412', geometry: overlapping });

    const found = await conflicts(personId);
    expect(found).toEqual([expect.objectContaining({ severity: 'error', path: 'measures[0].zoneIds[0]' })]);
    expect(found[0].message).toContain('OM-2026-0412');
    expect(await conflicts(other)).toEqual([]);

    const draft = await request(t.http).post('/api/v1/orders').set('Authorization', await bearer('mayor-office')).send(areaBan172a(personId)).expect(201);
    expect(draft.body.findings.map((f: Finding) => f.ruleId)).toContain(RULE);

    const [audit] = await t.dataSource.query(`SELECT action, entity_type AS "entityType", after FROM audit_event WHERE entity_id = $1 AND action LIKE '%prosecutor%'`, [personId]);
    expect(audit).toMatchObject({ entityType: 'person', after: { prosecutorOrderId: created.body.id } });
  });

  it('gives no conflict for an area that does not overlap, or for a period that ended before the ban starts', async () => {
    const personId = await createPerson(t);
    await recordOrder(personId, { from: '2026-11-20', geometry: elsewhere }).then((r) => expect(r.status).toBe(201));
    await recordOrder(personId, { from: '2026-06-01', until: '2026-12-04', geometry: overlapping }).then((r) => expect(r.status).toBe(201));
    expect(await conflicts(personId)).toEqual([]);
  });

  it('lists the orders for mayor-office, mayor and lawyer with each read in the processing log; police get 403', async () => {
    const personId = await createPerson(t);
    await recordOrder(personId, { from: '2026-11-20', geometry: overlapping }).then((r) => expect(r.status).toBe(201));
    for (const roles of ['mayor-office', 'mayor', 'lawyer'] as const) {
      const res = await request(t.http).get(`/api/v1/persons/${personId}/prosecutor-orders`).set('Authorization', await bearer(roles)).expect(200);
      expect(res.body).toEqual([expect.objectContaining({ personId, from: '2026-11-20', geometry: overlapping })]);
      expect(res.body[0].until).toBeUndefined();
    }
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM processing_log WHERE person_id = $1 AND action = 'person.read'`, [personId]);
    expect(n).toBe(3);

    await request(t.http).get(`/api/v1/persons/${personId}/prosecutor-orders`).set('Authorization', await bearer('police')).expect(403);
    expect((await recordOrder(personId, { from: '2026-11-20', geometry: overlapping }, 'police')).status).toBe(403);
    expect((await recordOrder(personId, { from: '2026-11-20', geometry: overlapping }, 'lawyer')).status).toBe(403);
  });

  it('answers 404 for a person of another municipality, and writes nothing', async () => {
    const personId = await createPerson(t);
    const res = await recordOrder(personId, { from: '2026-11-20', geometry: overlapping }, 'mayor-office', ['GM1950']);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    await request(t.http).get(`/api/v1/persons/${personId}/prosecutor-orders`).set('Authorization', await bearer('lawyer', ['GM1950'])).expect(404);
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM prosecutor_order WHERE person_id = $1', [personId]);
    expect(n).toBe(0);
  });

  it.each([
    ['an unclosed ring', { from: '2026-11-20', geometry: { type: 'Polygon', coordinates: [[[5.57, 51.27], [5.58, 51.27], [5.58, 51.28]]] } }, 'geometry.coordinates'],
    ['a point', { from: '2026-11-20', geometry: { type: 'Point', coordinates: [5.57, 51.27] } }, 'geometry'],
    ['no geometry', { from: '2026-11-20' }, 'geometry'],
    ['an impossible date', { from: '2026-02-30', geometry: { type: 'Polygon', coordinates: [[[5.57, 51.27], [5.58, 51.27], [5.58, 51.28], [5.57, 51.27]]] } }, 'from'],
    ['until before from', { from: '2026-11-20', until: '2026-11-19', geometry: { type: 'Polygon', coordinates: [[[5.57, 51.27], [5.58, 51.27], [5.58, 51.28], [5.57, 51.27]]] } }, 'until'],
    ['an unknown field', { from: '2026-11-20', geometry: { type: 'Polygon', coordinates: [[[5.57, 51.27], [5.58, 51.27], [5.58, 51.28], [5.57, 51.27]]] }, extra: 1 }, 'extra'],
  ])('refuses %s with a problem naming the field', async (_label, body, field) => {
    const personId = await createPerson(t);
    const res = await recordOrder(personId, body);
    expect([400, 422]).toContain(res.status);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(JSON.stringify(res.body.errors ?? res.body)).toContain(field);
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM prosecutor_order WHERE person_id = $1', [personId]);
    expect(n).toBe(0);
  });

  it('goes with the person when retention deletes them', async () => {
    const personId = await createPerson(t);
    await recordOrder(personId, { from: '2026-11-20', geometry: overlapping }).then((r) => expect(r.status).toBe(201));
    await t.dataSource.query('DELETE FROM person WHERE id = $1', [personId]);
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM prosecutor_order WHERE person_id = $1', [personId]);
    expect(n).toBe(0);
  });

  it('lets the audit report see a behavioural order only from the moment it was recorded', async () => {
    const personId = await createPerson(t);
    const draft = await request(t.http).post('/api/v1/orders').set('Authorization', await bearer('mayor-office')).send(areaBan172a(personId)).expect(201);
    clock.set('2026-12-02T09:00:00+01:00');
    await recordOrder(personId, { from: '2026-11-20', geometry: overlapping }).then((r) => expect(r.status).toBe(201));
    clock.set('2026-12-03T09:00:00+01:00');

    const report = async (query: Record<string, string>) => {
      const res = await request(t.http).get('/api/v1/audit/orders').query({ municipality: 'GM1706', ...query }).set('Authorization', await bearer('lawyer')).expect(200);
      const row = (res.body.orders as { orderId: string; findings: Finding[] }[]).find((o) => o.orderId === draft.body.id);
      if (!row) throw new Error('order not in the report');
      return row.findings.filter((f) => f.ruleId === RULE);
    };
    expect(await report({})).toHaveLength(1);
    expect(await report({ asOf: '2026-12-01T12:00:00+01:00' })).toEqual([]);
  });
});
