import request from 'supertest';
import { FixedClock } from '../../src/common/clock';
import { MissedSlotsJob } from '../../src/modules/reporting/missed-slots.job';
import { RetentionJob } from '../../src/modules/retention/retention.job';
import { RetentionService } from '../../src/modules/retention/retention.service';
import { SeedService } from '../../src/modules/seed/seed.service';
import { resetDatabase } from '../helpers/database';
import { createPerson, demoZoneId, FULL_MOTIVATION } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';

type Roles = Parameters<TestApp['token']>[0];

describe(`retention purge (e2e, ${process.env.TEST_DATABASE_KIND ?? 'test database'})`, () => {
  const clock = new FixedClock(new Date('2019-03-01T09:00:00+01:00'));
  let t: TestApp;
  let budel: string;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    await resetDatabase(t.dataSource);
    await t.app.get(SeedService).loadOnce();
    budel = await demoZoneId(t, 'GM1706');
  });
  afterAll(() => t?.close());

  async function call(method: 'get' | 'post', path: string, roles: Roles, body?: object, status?: number, municipalities = ['GM1706']) {
    const req = request(t.http)[method](`/api/v1${path}`).set('Authorization', `Bearer ${await t.token(roles, municipalities)}`);
    const res = body ? await req.send(body) : await req;
    if (status !== undefined && res.status !== status) throw new Error(`${method} ${path}: expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res;
  }
  const count = async (sql: string, params: unknown[] = []) => Number((await t.dataSource.query(sql, params))[0].n);

  /** A three-month 172a area ban with a reporting duty from `start`, issued now. */
  async function issued(personId: string, start: string, end: string, incident = 'Vechtpartij op de Markt met J. Jansen') {
    const draft = await call('post', '/orders', 'mayor-office', {
      municipalityCode: 'GM1706',
      personId,
      basis: { kind: 'GEMW_172A', ground: 'REPEATED' },
      measures: [
        { type: 'AREA_BAN', zoneIds: [budel] },
        { type: 'REPORTING_DUTY', place: { name: 'Politiebureau Budel', municipalityCode: 'GM1706' }, slots: [{ days: ['SAT'], at: '13:00', windowMinutes: 30 }] },
      ],
      validity: { mode: 'CONTINUOUS', start, end },
      incidents: [
        { at: '2019-01-03T22:10:00+01:00', description: incident, reportRef: 'PL2100-2019-101' },
        { at: '2019-01-14T23:40:00+01:00', description: 'Intimidatie van winkelpersoneel', reportRef: 'PL2100-2019-187' },
      ],
      procedure: { signatory: { role: 'MAYOR', name: 'Burgemeester' }, motivation: FULL_MOTIVATION, hearingSkippedGround: 'URGENCY' },
    }, 201);
    const res = await call('post', `/orders/${draft.body.id}/issue`, 'mayor', { version: 1, notifiedAt: clock.now().toISOString(), notificationMethod: 'HANDED' }, 200);
    return res.body as { id: string; version: number };
  }

  async function verifyChain() {
    return (await call('get', '/audit/events/verify', 'lawyer', undefined, 200)).body as { intact: boolean; checked: number; brokenAt: unknown };
  }

  let both: string; // a person with an old order and a recent one
  let oldOnly: string;
  let idle: string; // registered in 2019, never given an order
  let oldOrder: string;
  let withdrawn: string;
  let recentOrder: string;

  it('seeds: old orders with check-ins, violations and missed slots; a recent order; persons with and without orders', async () => {
    both = await createPerson(t, 'GM1706', { name: 'Jan Jansen' });
    oldOnly = await createPerson(t, 'GM1706', { name: 'Piet Pietersen' });
    idle = await createPerson(t, 'GM1706', { name: 'Klaas Klaassen' });
    // person.created_at is the database's now(), not the injected clock: date the registration back to 2019.
    await t.dataSource.query(`UPDATE person SET created_at = '2019-03-01T09:00:00+01:00' WHERE id = $1`, [idle]);
    oldOrder = (await issued(both, '2019-03-02T00:00:00+01:00', '2019-06-01T00:00:00+02:00')).id;
    const w = await issued(oldOnly, '2019-03-02T00:00:00+01:00', '2019-06-01T00:00:00+02:00');
    clock.set('2019-03-09T13:10:00+01:00');
    await call('post', `/orders/${oldOrder}/check-ins`, 'police', { at: '2019-03-09T13:05:00+01:00' }, 201);
    const first = await call('post', `/orders/${oldOrder}/violations`, 'police',
      { at: '2019-03-09T12:15:00+01:00', position: { lon: 5.58, lat: 51.27 }, reportRef: 'PL2100-2019-412', kind: 'AREA_BAN', description: 'Aangetroffen op de Markt' }, 201);
    await call('post', `/orders/${oldOrder}/violations`, 'police',
      { at: '2019-03-09T12:15:00+01:00', position: { lon: 5.58, lat: 51.27 }, reportRef: 'PL2100-2019-413', kind: 'AREA_BAN', correctsViolationId: first.body.id }, 201);
    clock.set('2019-03-20T09:00:00+01:00');
    await t.app.get(MissedSlotsJob).detectMissed();
    withdrawn = (await call('post', `/orders/${w.id}/withdrawal`, 'mayor', { version: w.version, reason: 'Niet langer nodig voor P. Pietersen' }, 200)).body.id;

    clock.set('2024-06-01T09:00:00+02:00');
    recentOrder = (await issued(both, '2024-06-02T00:00:00+02:00', '2024-09-01T00:00:00+02:00', 'Bedreiging van een buschauffeur')).id;
    clock.set('2024-06-20T09:00:00+02:00');
    await t.app.get(MissedSlotsJob).detectMissed();

    expect(await count(`SELECT count(*) AS n FROM violation WHERE order_id = $1`, [oldOrder])).toBe(2);
    expect(await count(`SELECT count(*) AS n FROM reporting_slot WHERE order_id = $1`, [oldOrder])).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) AS n FROM check_in WHERE order_id = $1`, [oldOrder])).toBe(1);
    expect((await verifyChain()).intact).toBe(true);
  });

  it('a dry run reports what would go and changes nothing', async () => {
    clock.set('2026-01-01T04:00:00+01:00');
    const before = await count(`SELECT count(*) AS n FROM "order"`);
    const res = await call('post', '/retention/purge', 'admin', { dryRun: true }, 200, ['*']);
    expect(res.body).toMatchObject({ dryRun: true, deleted: { orders: 2, persons: 2 } });
    expect([...res.body.orderIds].sort()).toEqual([oldOrder, withdrawn].sort());
    expect(await count(`SELECT count(*) AS n FROM "order"`)).toBe(before);
  });

  it('deletes the old orders with everything under them, and the persons left without an order within retention', async () => {
    const report = await t.app.get(RetentionService).purge();
    expect(report).toMatchObject({ dryRun: false, deleted: { orders: 2, violations: 2, checkIns: 1, persons: 2 } });
    expect(report.deleted.reportingSlots).toBeGreaterThan(0);
    for (const table of ['order_version', 'violation', 'check_in', 'reporting_slot', 'reporting_cursor']) {
      expect(await count(`SELECT count(*) AS n FROM ${table} WHERE order_id = ANY($1::uuid[])`, [[oldOrder, withdrawn]])).toBe(0);
    }
    expect(await count(`SELECT count(*) AS n FROM "order" WHERE id = ANY($1::uuid[])`, [[oldOrder, withdrawn]])).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM person WHERE id = ANY($1::uuid[])`, [[oldOnly, idle]])).toBe(0);

    // What stays: the recent order with its versions and slots, and its person.
    await call('get', `/orders/${recentOrder}`, 'mayor-office', undefined, 200);
    expect((await call('get', `/persons/${both}`, 'mayor-office', undefined, 200)).body.name).toBe('Jan Jansen');
    expect(await count(`SELECT count(*) AS n FROM reporting_slot WHERE order_id = $1`, [recentOrder])).toBeGreaterThan(0);

    // The breach index forgets them too: a deleted person is unknown, and a check in the old order's time no longer
    // finds the deleted order (the recent one did not yet apply then).
    const inOldOrder = { position: { lon: 5.58, lat: 51.27 }, at: '2019-04-01T12:00:00+02:00' };
    await call('post', '/breach-checks', 'police', { personId: oldOnly, ...inOldOrder }, 404);
    const stillKnown = await call('post', '/breach-checks', 'police', { personId: both, ...inOldOrder }, 200);
    expect(stillKnown.body.verdict).toBe('NO_BREACH');
  });

  it('keeps an anonymised audit trail: the events stay, their content is erased, and the chain still verifies', async () => {
    const erased = await t.dataSource.query(
      `SELECT entity_type, action, before, after, reason, erased_at, erased_digests FROM audit_event WHERE entity_id = ANY($1::text[]) ORDER BY seq`,
      [[oldOrder, withdrawn, oldOnly, idle]],
    );
    expect(erased.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['order.create', 'order.issue', 'order.withdraw', 'person.created']));
    for (const e of erased) {
      expect([e.before, e.after, e.reason]).toEqual([null, null, null]);
      expect(e.erased_at).not.toBeNull();
      expect(Object.keys(e.erased_digests).sort()).toEqual(['after', 'before', 'reason']);
    }
    const text = JSON.stringify(await t.dataSource.query(`SELECT before, after, reason FROM audit_event`));
    expect(text).not.toMatch(/Pietersen|Vechtpartij op de Markt met J. Jansen|PL2100-2019-41[23]/);
    // The recent order's events keep their content.
    const kept = await t.dataSource.query(`SELECT after FROM audit_event WHERE entity_id = $1 AND action = 'order.create'`, [recentOrder]);
    expect(kept[0].after.incidents[0].description).toBe('Bedreiging van een buschauffeur');

    const purged = await t.dataSource.query(`SELECT actor, after FROM audit_event WHERE action = 'retention.purged'`);
    expect(purged).toHaveLength(1);
    expect(purged[0].actor).toBe('system:retention');
    expect([...purged[0].after.orderIds].sort()).toEqual([oldOrder, withdrawn].sort());
    expect(JSON.stringify(purged[0].after)).not.toMatch(/Jansen|Pietersen|Klaassen/);

    const verified = await verifyChain();
    expect(verified).toMatchObject({ intact: true, brokenAt: null });
  });

  it('detects content written back into an erased event', async () => {
    const [e] = await t.dataSource.query(`SELECT seq FROM audit_event WHERE entity_id = $1 AND action = 'order.create'`, [oldOrder]);
    await t.dataSource.query(`ALTER TABLE audit_event DROP CONSTRAINT ck_audit_event_erasure`);
    try {
      await t.dataSource.query(`UPDATE audit_event SET after = '{"forged": true}' WHERE seq = $1`, [e.seq]);
      expect((await verifyChain()).brokenAt).toMatchObject({ seq: Number(e.seq), reason: 'HASH_MISMATCH' });
    } finally {
      await t.dataSource.query(`UPDATE audit_event SET after = NULL WHERE seq = $1`, [e.seq]);
      await t.dataSource.query(`ALTER TABLE audit_event ADD CONSTRAINT ck_audit_event_erasure CHECK (
        (erased_at IS NULL AND erased_digests IS NULL) OR (erased_at IS NOT NULL AND erased_digests IS NOT NULL AND hash_scheme >= 2
         AND before IS NULL AND after IS NULL AND reason IS NULL))`);
    }
    expect((await verifyChain()).intact).toBe(true);
  });

  it('a second run finds nothing; a scoped administrator purges only their own municipalities', async () => {
    expect((await t.app.get(RetentionService).purge()).deleted).toMatchObject({ orders: 0, persons: 0 });
    clock.set('2030-01-01T04:00:00+01:00');
    const elsewhere = await call('post', '/retention/purge', 'admin', {}, 200, ['GM0243']);
    expect(elsewhere.body.deleted).toMatchObject({ orders: 0, persons: 0 });
    await call('get', `/orders/${recentOrder}`, 'mayor-office', undefined, 200);
    await call('post', '/retention/purge', 'admin', { dryRun: 'yes' }, 400, ['*']);
    await call('post', '/retention/purge', 'mayor', {}, 403);
    // The scheduled job runs the same purge: in 2030 the recent order (ended 2024-09) is past retention too.
    await t.app.get(RetentionJob).tick();
    expect(await count(`SELECT count(*) AS n FROM "order" WHERE id = $1`, [recentOrder])).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM person WHERE id = $1`, [both])).toBe(0);
    expect((await verifyChain()).intact).toBe(true);
  });
});
