import request from 'supertest';
import { FixedClock } from '../../src/common/clock';
import { GeofenceService } from '../../src/modules/breach/geofence.service';
import { ProcessingLogBuffer } from '../../src/modules/processing-log/processing-log.buffer';
import { SeedService } from '../../src/modules/seed/seed.service';
import { resetDatabase } from '../helpers/database';
import { createPerson, FULL_MOTIVATION } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';

/** A 1 km × ~700 m square in Budel (Cranendonck), and a point in its middle. */
const SQUARE = { type: 'Polygon', coordinates: [[[5.565, 51.268], [5.58, 51.268], [5.58, 51.278], [5.565, 51.278], [5.565, 51.268]]] };
const INSIDE = { lon: 5.5725, lat: 51.273 };
const OUTSIDE = { lon: 5.59, lat: 51.273 };
const NEAR_EDGE = { lon: 5.5801, lat: 51.273 }; // about 7 m east of the east edge

describe('breach checks (e2e)', () => {
  const clock = new FixedClock(new Date('2026-12-01T09:00:00+01:00'));
  let t: TestApp;
  let zoneId: string;
  let mayor: string;
  let office: string;
  let police: string;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    await resetDatabase(t.dataSource);
    await t.app.get(SeedService).loadOnce();
    await t.app.get(GeofenceService).rebuild();
    [mayor, office, police] = await Promise.all(['mayor', 'mayor-office', 'police'].map(async (r) => `Bearer ${await t.token(r as never, ['GM1706'])}`));
    const zone = await request(t.http).post('/api/v1/zones').set('Authorization', office).send({ municipalityCode: 'GM1706', name: 'Testgebied Budel', geometry: SQUARE }).expect(201);
    zoneId = zone.body.id;
  });
  afterAll(() => t?.close());

  /** Drafts a 172a order (Dec 5 – Mar 5) and takes it as far as `until`. Returns its id and version. */
  async function order(personId: string, until: 'DRAFT' | 'ISSUED', measures?: object[]) {
    clock.set('2026-12-01T09:00:00+01:00');
    const draft = await request(t.http).post('/api/v1/orders').set('Authorization', office).send({
      municipalityCode: 'GM1706',
      personId,
      basis: { kind: 'GEMW_172A', ground: 'REPEATED' },
      measures: measures ?? [{ type: 'AREA_BAN', zoneIds: [zoneId] }],
      validity: { mode: 'CONTINUOUS', start: '2026-12-05T00:00:00+01:00', end: '2027-03-05T00:00:00+01:00' },
      incidents: [
        { at: '2026-10-03T22:10:00+02:00', description: 'Vechtpartij', reportRef: 'PV-1' },
        { at: '2026-11-14T23:40:00+01:00', description: 'Intimidatie', reportRef: 'PV-2' },
      ],
      procedure: { signatory: { role: 'MAYOR', name: 'Burgemeester' }, motivation: FULL_MOTIVATION, hearingSkippedGround: 'URGENCY' },
    }).expect(201);
    if (until === 'DRAFT') return { id: draft.body.id as string, version: 1 };
    const issued = await request(t.http).post(`/api/v1/orders/${draft.body.id}/issue`).set('Authorization', mayor)
      .send({ version: 1, notifiedAt: '2026-12-01T08:30:00+01:00', notificationMethod: 'HANDED' });
    if (issued.status !== 200) throw new Error(JSON.stringify(issued.body));
    return { id: draft.body.id as string, version: 2 };
  }

  function check(personId: string, position: object, at: string, extra: object = {}, auth = police) {
    return request(t.http).post('/api/v1/breach-checks').set('Authorization', auth).send({ personId, position, at, ...extra });
  }

  it('finds an issued order in force: BREACH inside, with evidence; NO_BREACH outside; UNCERTAIN across the edge', async () => {
    const personId = await createPerson(t);
    const { id } = await order(personId, 'ISSUED');
    const res = await check(personId, INSIDE, '2026-12-12T22:30:00+01:00').expect(200);
    expect(res.body.verdict).toBe('BREACH');
    expect(res.body.evidence[0]).toMatchObject({ orderId: id, orderVersion: 2, measureType: 'AREA_BAN', zoneId, verdict: 'BREACH', inside: true });
    expect(res.body.evidence[0].signedDistanceM).toBeGreaterThan(300);
    expect(res.body.evidence[0].ruleIds).toContain('BREACH-IN-FORCE');
    expect((await check(personId, OUTSIDE, '2026-12-12T22:30:00+01:00').expect(200)).body).toMatchObject({ verdict: 'NO_BREACH', evidence: [] });
    const edge = await check(personId, { ...NEAR_EDGE, accuracyM: 25 }, '2026-12-12T22:30:00+01:00').expect(200);
    expect(edge.body.verdict).toBe('UNCERTAIN');
    // Before the start and after the end the order is not in force.
    expect((await check(personId, INSIDE, '2026-12-04T23:59:00+01:00').expect(200)).body.verdict).toBe('NO_BREACH');
    expect((await check(personId, INSIDE, '2027-03-05T00:00:00+01:00').expect(200)).body.verdict).toBe('NO_BREACH');
  });

  it('does not find a draft, a withdrawn or a suspended order', async () => {
    const drafted = await createPerson(t);
    await order(drafted, 'DRAFT');
    expect((await check(drafted, INSIDE, '2026-12-12T22:30:00+01:00').expect(200)).body.verdict).toBe('NO_BREACH');

    const withdrawn = await createPerson(t);
    const w = await order(withdrawn, 'ISSUED');
    clock.set('2026-12-10T10:00:00+01:00');
    await request(t.http).post(`/api/v1/orders/${w.id}/withdrawal`).set('Authorization', mayor).send({ version: 2, reason: 'Niet meer nodig' }).expect(200);
    expect((await check(withdrawn, INSIDE, '2026-12-09T22:30:00+01:00').expect(200)).body.verdict).toBe('BREACH');
    expect((await check(withdrawn, INSIDE, '2026-12-12T22:30:00+01:00').expect(200)).body.verdict).toBe('NO_BREACH');

    const suspended = await createPerson(t);
    const s = await order(suspended, 'ISSUED');
    await request(t.http).post(`/api/v1/orders/${s.id}/suspensions`).set('Authorization', office)
      .send({ version: 2, from: '2026-12-10T00:00:00+01:00', until: '2026-12-20T00:00:00+01:00', court: 'Rechtbank Oost-Brabant' }).expect(200);
    expect((await check(suspended, INSIDE, '2026-12-12T22:30:00+01:00').expect(200)).body.verdict).toBe('NO_BREACH');
    expect((await check(suspended, INSIDE, '2026-12-08T22:30:00+01:00').expect(200)).body.verdict).toBe('BREACH');
  });

  it('does not find an order before it was notified', async () => {
    const personId = await createPerson(t);
    const { id } = await order(personId, 'DRAFT');
    clock.set('2026-12-06T12:00:00+01:00');
    await request(t.http).post(`/api/v1/orders/${id}/issue`).set('Authorization', mayor)
      .send({ version: 1, notifiedAt: '2026-12-06T11:00:00+01:00', notificationMethod: 'HANDED' }).expect(200);
    expect((await check(personId, INSIDE, '2026-12-06T10:59:00+01:00').expect(200)).body.verdict).toBe('NO_BREACH');
    expect((await check(personId, INSIDE, '2026-12-06T11:00:00+01:00').expect(200)).body.verdict).toBe('BREACH');
  });

  it('honours an exemption window', async () => {
    const personId = await createPerson(t);
    const { id } = await order(personId, 'ISSUED');
    await request(t.http).post(`/api/v1/orders/${id}/exemptions`).set('Authorization', mayor)
      .send({ version: 2, from: '2026-12-15T09:00:00+01:00', until: '2026-12-15T12:00:00+01:00', conditions: 'Zitting' }).expect(200);
    const during = await check(personId, INSIDE, '2026-12-15T10:00:00+01:00').expect(200);
    expect(during.body.verdict).toBe('NO_BREACH');
    expect(during.body.evidence[0].exemption).toMatchObject({ from: '2026-12-15T09:00:00+01:00' });
    expect((await check(personId, INSIDE, '2026-12-15T12:00:00+01:00').expect(200)).body.verdict).toBe('BREACH');
  });

  it('keeps the zone version an order was issued with when the zone is edited', async () => {
    const zone = await request(t.http).post('/api/v1/zones').set('Authorization', office).send({ municipalityCode: 'GM1706', name: 'Te verschuiven', geometry: SQUARE }).expect(201);
    const personId = await createPerson(t);
    await order(personId, 'ISSUED', [{ type: 'AREA_BAN', zoneIds: [zone.body.id] }]);
    const moved = { type: 'Polygon', coordinates: [[[5.585, 51.268], [5.595, 51.268], [5.595, 51.278], [5.585, 51.278], [5.585, 51.268]]] };
    await request(t.http).put(`/api/v1/zones/${zone.body.id}`).set('Authorization', office).set('If-Match', '"1"').send({ name: 'Verschoven', geometry: moved }).expect(200);
    expect((await check(personId, INSIDE, '2026-12-12T22:30:00+01:00').expect(200)).body.verdict).toBe('BREACH');
    expect((await check(personId, OUTSIDE, '2026-12-12T22:30:00+01:00').expect(200)).body.verdict).toBe('NO_BREACH');
  });

  it('answers POTENTIAL_BREACH for a group ban only with a group of 5 or more', async () => {
    const personId = await createPerson(t);
    await order(personId, 'ISSUED', [{ type: 'GROUP_BAN', zoneIds: [zoneId] }]);
    expect((await check(personId, INSIDE, '2026-12-12T22:30:00+01:00', { groupSize: 4 }).expect(200)).body.verdict).toBe('NO_BREACH');
    expect((await check(personId, INSIDE, '2026-12-12T22:30:00+01:00', { groupSize: 5 }).expect(200)).body.verdict).toBe('POTENTIAL_BREACH');
  });

  it('applies schedules in local wall-clock time, across midnight', async () => {
    const personId = await createPerson(t);
    await order(personId, 'ISSUED', [{ type: 'AREA_BAN', zoneIds: [zoneId], schedule: [{ days: ['SAT'], from: '20:00', to: '06:00' }] }]);
    expect((await check(personId, INSIDE, '2026-12-12T21:00:00+01:00').expect(200)).body.verdict).toBe('BREACH'); // Sat 21:00
    expect((await check(personId, INSIDE, '2026-12-13T05:59:00+01:00').expect(200)).body.verdict).toBe('BREACH'); // Sun 05:59
    expect((await check(personId, INSIDE, '2026-12-13T06:00:00+01:00').expect(200)).body.verdict).toBe('NO_BREACH');
    expect((await check(personId, INSIDE, '2026-12-12T19:59:00+01:00').expect(200)).body.verdict).toBe('NO_BREACH');
  });

  it('checks a track in one batch and lists what applies at a point', async () => {
    const personId = await createPerson(t);
    const { id } = await order(personId, 'ISSUED');
    const batch = await request(t.http).post('/api/v1/breach-checks/batch').set('Authorization', police).send({
      personId,
      positions: [
        { ...OUTSIDE, at: '2026-12-12T22:00:00+01:00' },
        { ...INSIDE, at: '2026-12-12T22:05:00+01:00' },
      ],
    }).expect(200);
    expect(batch.body.results.map((r: { verdict: string }) => r.verdict)).toEqual(['NO_BREACH', 'BREACH']);
    const here = await request(t.http).get(`/api/v1/active-orders?lon=${INSIDE.lon}&lat=${INSIDE.lat}&at=2026-12-12T22:30:00%2B01:00`).set('Authorization', police).expect(200);
    expect(here.body.orders.map((o: { orderId: string }) => o.orderId)).toContain(id);
    expect(here.body.orders.find((o: { orderId: string }) => o.orderId === id)).toMatchObject({ personId, zoneId });
  });

  it('gives the police of another municipality nothing, and refuses the mayor\'s office', async () => {
    const personId = await createPerson(t);
    await order(personId, 'ISSUED');
    const other = `Bearer ${await t.token('police', ['GM0243'])}`;
    const res = await check(personId, INSIDE, '2026-12-12T22:30:00+01:00', {}, other).expect(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    const here = await request(t.http).get(`/api/v1/active-orders?lon=${INSIDE.lon}&lat=${INSIDE.lat}&at=2026-12-12T22:30:00%2B01:00`).set('Authorization', other).expect(200);
    expect(here.body.orders).toEqual([]);
    await check(personId, INSIDE, '2026-12-12T22:30:00+01:00', {}, office).expect(403);
    await check(personId, INSIDE, '2026-12-12T22:30:00+01:00', {}, mayor).expect(403);
  });

  it('writes a processing-log row per check (who, about whom, why) and never the position', async () => {
    const personId = await createPerson(t);
    await check(personId, INSIDE, '2026-12-12T22:30:00+01:00', { purpose: 'controle Markt' }).expect(200);
    await t.app.get(ProcessingLogBuffer).flush();
    const rows = await t.dataSource.query(`SELECT * FROM processing_log WHERE person_id = $1 AND action = 'breach-check'`, [personId]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ purpose: 'controle Markt', municipality_code: 'GM1706', actor_roles: ['police'] });
    expect(JSON.stringify(rows[0])).not.toContain(String(INSIDE.lon));
  });

  it('stores the row of a check whose purpose holds a lone surrogate (as U+FFFD), and the rows batched with it', async () => {
    const personId = await createPerson(t);
    await check(personId, INSIDE, '2026-12-12T22:30:00+01:00', { purpose: 'zaak \ud83d' }).expect(200);
    await check(personId, INSIDE, '2026-12-12T22:31:00+01:00', { purpose: 'zaak 2' }).expect(200);
    await t.app.get(ProcessingLogBuffer).flush();
    const rows = await t.dataSource.query(`SELECT purpose FROM processing_log WHERE person_id = $1 ORDER BY occurred_at, purpose`, [personId]);
    expect(rows.map((r: { purpose: string }) => r.purpose).sort()).toEqual(['zaak 2', 'zaak \ufffd']);
    expect(t.app.get(ProcessingLogBuffer).size).toBe(0);
  });

  it('logs each person that "what applies here" names (with the stated purpose), and no one when it names no one', async () => {
    const personId = await createPerson(t);
    await order(personId, 'ISSUED');
    const url = `/api/v1/active-orders?lon=${INSIDE.lon}&lat=${INSIDE.lat}&at=2026-12-12T22:30:00%2B01:00`;
    const here = await request(t.http).get(url).set('Authorization', police).set('X-Purpose', 'surveillance Markt').expect(200);
    expect(here.body.orders.map((o: { personId: string }) => o.personId)).toContain(personId);
    await t.app.get(ProcessingLogBuffer).flush();
    const rows = await t.dataSource.query(`SELECT * FROM processing_log WHERE person_id = $1 AND action = 'active-orders.read'`, [personId]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ purpose: 'surveillance Markt', municipality_code: 'GM1706', actor_roles: ['police'] });
    expect(JSON.stringify(rows[0])).not.toContain(String(INSIDE.lon));

    const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM processing_log WHERE action = 'active-orders.read'`);
    const other = `Bearer ${await t.token('police', ['GM0243'])}`;
    expect((await request(t.http).get(url).set('Authorization', other).expect(200)).body.orders).toEqual([]);
    await t.app.get(ProcessingLogBuffer).flush();
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM processing_log WHERE action = 'active-orders.read'`)).toEqual(before);
  });

  it('refuses malformed checks with a 400 problem naming the field, and stores nothing', async () => {
    const personId = await createPerson(t);
    const res = await check(personId, { lon: 'five', lat: 95 }, '2026-02-30T10:00:00+01:00', { colour: 'red' }).expect(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body.type).toBe('urn:ordreg:problem:validation-error');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['position.lon', 'position.lat', 'at', 'colour']));
    const noOffset = await check(personId, INSIDE, '2026-12-12T22:30:00').expect(400);
    expect([...new Set(noOffset.body.errors.map((e: { field: string }) => e.field))]).toEqual(['at']);
    const missing = await request(t.http).post('/api/v1/breach-checks').set('Authorization', police).send({ position: INSIDE }).expect(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['personId', 'at']));
    const tooMany = await request(t.http).post('/api/v1/breach-checks/batch').set('Authorization', police)
      .send({ personId, positions: Array.from({ length: 1001 }, () => ({ ...INSIDE, at: '2026-12-12T22:30:00+01:00' })) }).expect(400);
    expect(tooMany.body.errors[0].field).toBe('positions');
    const controlCharacter = await check(personId, INSIDE, '2026-12-12T22:30:00+01:00', { purpose: 'zaak\u00001' }).expect(400);
    expect(controlCharacter.body.errors.map((e: { field: string }) => e.field)).toEqual(['purpose']);
    await t.app.get(ProcessingLogBuffer).flush();
    expect(await t.dataSource.query(`SELECT 1 FROM processing_log WHERE person_id = $1`, [personId])).toEqual([]);
  });
});
