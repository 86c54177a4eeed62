import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { FixedClock } from '../../src/common/clock';
import { MissedSlotsJob } from '../../src/modules/reporting/missed-slots.job';
import { SeedService } from '../../src/modules/seed/seed.service';
import { resetDatabase } from '../helpers/database';
import { createPerson, demoZoneId, FULL_MOTIVATION } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';

const PROBLEM = /^application\/problem\+json/;
type Roles = Parameters<TestApp['token']>[0];

describe(`reporting duties, violations and dossier (e2e, ${process.env.TEST_DATABASE_KIND ?? 'test database'})`, () => {
  const clock = new FixedClock(new Date('2026-12-01T09:00:00+01:00'));
  let t: TestApp;
  let job: MissedSlotsJob;
  let budel: string;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    await resetDatabase(t.dataSource);
    await t.app.get(SeedService).loadOnce();
    job = t.app.get(MissedSlotsJob);
    budel = await demoZoneId(t, 'GM1706');
  });
  afterAll(() => t?.close());

  const auth = async (roles: Roles, m = ['GM1706']) => `Bearer ${await t.token(roles, m)}`;

  async function call(method: 'get' | 'post', path: string, roles: Roles, body?: object, status?: number, headers: Record<string, string> = {}) {
    const req = request(t.http)[method](`/api/v1${path}`).set('Authorization', await auth(roles)).set(headers);
    const res = body ? await req.send(body) : await req;
    if (status !== undefined && res.status !== status) throw new Error(`${method} ${path}: expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res;
  }

  const SATURDAYS = [{ days: ['SAT'], at: '13:00', windowMinutes: 30 }];

  /** A 172a order (area ban + reporting duty), drafted by the mayor's office and issued by the mayor at the clock's time. */
  async function issued172a(personId: string, opts: { validity?: object; slots?: object[]; notifiedAt?: string } = {}) {
    const draft = await call('post', '/orders', 'mayor-office', {
      municipalityCode: 'GM1706',
      personId,
      basis: { kind: 'GEMW_172A', ground: 'REPEATED' },
      measures: [
        { type: 'AREA_BAN', zoneIds: [budel] },
        { type: 'REPORTING_DUTY', place: { name: 'Politiebureau Budel', municipalityCode: 'GM1706' }, slots: opts.slots ?? SATURDAYS },
      ],
      validity: opts.validity ?? { mode: 'CONTINUOUS', start: '2026-12-05T00:00:00+01:00', end: '2027-03-05T00:00:00+01:00' },
      incidents: [
        { at: '2026-09-03T22:10:00+02:00', description: 'Vechtpartij op de Markt', reportRef: 'PL2100-2026-101' },
        { at: '2026-09-14T23:40:00+02:00', description: 'Intimidatie van winkelpersoneel', reportRef: 'PL2100-2026-187' },
      ],
      procedure: { signatory: { role: 'MAYOR', name: 'Burgemeester' }, motivation: FULL_MOTIVATION, hearingSkippedGround: 'URGENCY' },
    }, 201);
    const notifiedAt = opts.notifiedAt ?? clock.now().toISOString();
    const res = await call('post', `/orders/${draft.body.id}/issue`, 'mayor', { version: 1, notifiedAt, notificationMethod: 'HANDED' }, 200);
    return res.body as { id: string; version: number; reference: string };
  }

  const slotsOf = async (orderId: string, from: string, to: string, roles: Roles = 'police') =>
    (await call('get', `/orders/${orderId}/reporting-slots?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, roles, undefined, 200)).body;
  const missedList = async (roles: Roles = 'police') => (await call('get', '/reporting-slots?status=MISSED&municipality=GM1706&limit=200', roles, undefined, 200)).body;
  const count = async (sql: string, params: unknown[]) => (await t.dataSource.query(sql, params))[0].n as number;

  it('records a slot as MISSED only once its window closed, and a check-in inside the window meets its slot', async () => {
    clock.set('2026-12-04T10:00:00+01:00');
    const personId = await createPerson(t);
    const order = await issued172a(personId);
    const listed = await slotsOf(order.id, '2026-12-05T00:00:00+01:00', '2026-12-20T00:00:00+01:00');
    expect(listed.timeZone).toBe('Europe/Amsterdam');
    expect(listed.slots.map((s: { startsAt: string; endsAt: string; status: string }) => [s.startsAt, s.endsAt, s.status])).toEqual([
      ['2026-12-05T13:00:00+01:00', '2026-12-05T13:30:00+01:00', 'UPCOMING'],
      ['2026-12-12T13:00:00+01:00', '2026-12-12T13:30:00+01:00', 'UPCOMING'],
      ['2026-12-19T13:00:00+01:00', '2026-12-19T13:30:00+01:00', 'UPCOMING'],
    ]);

    clock.set('2026-12-05T13:29:59+01:00');
    await job.detectMissed();
    expect((await missedList()).items.filter((s: { orderId: string }) => s.orderId === order.id)).toEqual([]);

    clock.set('2026-12-05T13:30:00+01:00');
    await job.detectMissed();
    await job.detectMissed(); // idempotent
    const missed = (await missedList()).items.filter((s: { orderId: string }) => s.orderId === order.id);
    expect(missed).toEqual([expect.objectContaining({ startsAt: '2026-12-05T13:00:00+01:00', status: 'MISSED', personId, personName: 'Test Persoon', orderReference: order.reference })]);
    expect(await count(`SELECT count(*)::int AS n FROM reporting_slot WHERE order_id = $1`, [order.id])).toBe(1);

    clock.set('2026-12-12T13:11:00+01:00');
    const checkIn = await call('post', `/orders/${order.id}/check-ins`, 'police', { at: '2026-12-12T13:10:00+01:00' }, 201);
    expect(checkIn.body).toMatchObject({ timing: 'ON_TIME', meetsSlot: true, placeMatches: true, slot: { startsAt: '2026-12-12T13:00:00+01:00' } });
    clock.set('2026-12-12T14:00:00+01:00');
    await job.detectMissed();
    const after = await slotsOf(order.id, '2026-12-05T00:00:00+01:00', '2026-12-13T00:00:00+01:00');
    expect(after.slots.map((s: { status: string; recorded: boolean; checkInAt?: string }) => [s.status, s.recorded, s.checkInAt])).toEqual([
      ['MISSED', true, undefined],
      ['MET', true, '2026-12-12T13:10:00+01:00'],
    ]);
    expect(await count(`SELECT count(*)::int AS n FROM audit_event WHERE entity_type = 'check-in' AND entity_id = $1`, [checkIn.body.id])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM processing_log WHERE person_id = $1 AND action = 'reporting.read'`, [personId])).toBeGreaterThan(0);
  });

  it('records early, late and wrong-place check-ins as such; they meet nothing', async () => {
    clock.set('2026-12-04T10:00:00+01:00');
    const order = await issued172a(await createPerson(t));
    clock.set('2026-12-05T15:00:00+01:00');
    const early = await call('post', `/orders/${order.id}/check-ins`, 'police', { at: '2026-12-05T12:45:00+01:00' }, 201);
    const late = await call('post', `/orders/${order.id}/check-ins`, 'police', { at: '2026-12-05T13:30:00+01:00' }, 201);
    const elsewhere = await call('post', `/orders/${order.id}/check-ins`, 'police', { at: '2026-12-05T13:05:00+01:00', place: { name: 'Politiebureau Weert', municipalityCode: 'GM0988' } }, 201);
    expect([early.body, late.body, elsewhere.body].map((c) => [c.timing, c.meetsSlot, c.placeMatches])).toEqual([
      ['EARLY', false, true],
      ['LATE', false, true],
      ['ON_TIME', false, false],
    ]);
    await job.detectMissed();
    const slots = await slotsOf(order.id, '2026-12-05T00:00:00+01:00', '2026-12-06T00:00:00+01:00');
    expect(slots.slots.map((s: { status: string }) => s.status)).toEqual(['MISSED']);
    await call('post', `/orders/${order.id}/check-ins`, 'mayor-office', { at: '2026-12-05T13:05:00+01:00' }, 403);
  });

  it('catches up after downtime: every window that closed meanwhile is recorded on the next run, once, across the DST change', async () => {
    clock.set('2026-10-09T10:00:00+02:00');
    const order = await issued172a(await createPerson(t), {
      validity: { mode: 'CONTINUOUS', start: '2026-10-10T00:00:00+02:00', end: '2026-11-10T00:00:00+01:00' },
      slots: [{ days: ['SUN'], at: '13:00', windowMinutes: 30 }],
    });
    clock.set('2026-10-12T09:00:00+02:00');
    expect((await job.detectMissed()).missed).toBeGreaterThanOrEqual(1);
    clock.set('2026-11-02T08:00:00+01:00'); // the service was down from 12 October until now
    await job.detectMissed();
    await job.detectMissed();
    const rows = await t.dataSource.query(`SELECT starts_at FROM reporting_slot WHERE order_id = $1 ORDER BY starts_at`, [order.id]);
    expect(rows.map((r: { starts_at: Date }) => new Date(r.starts_at).toISOString())).toEqual([
      '2026-10-11T11:00:00.000Z',
      '2026-10-18T11:00:00.000Z',
      '2026-10-25T12:00:00.000Z', // 13:00 CET on the day the clocks went back
      '2026-11-01T12:00:00.000Z',
    ]);
  });

  it('stores a check-in and a violation sent twice with the same Idempotency-Key once, answering the first result', async () => {
    clock.set('2026-12-04T10:00:00+01:00');
    const order = await issued172a(await createPerson(t));
    clock.set('2026-12-05T13:20:00+01:00');
    // One officer's app retrying (the key is scoped to the caller's subject).
    const officer = { Authorization: `Bearer ${await t.token('police', ['GM1706'], { sub: 'officer-4711' })}` };
    const key = { ...officer, 'Idempotency-Key': 'c0ffee00-0000-4000-8000-000000000001' };
    const body = { at: '2026-12-05T13:05:00+01:00' };
    const [a, b] = await Promise.all([
      call('post', `/orders/${order.id}/check-ins`, 'police', body, undefined, key),
      call('post', `/orders/${order.id}/check-ins`, 'police', body, undefined, key),
    ]);
    const c = await call('post', `/orders/${order.id}/check-ins`, 'police', body, undefined, key);
    expect([a.status, b.status, c.status]).toEqual([201, 201, 201]);
    expect(b.body).toEqual(a.body);
    expect(c.body).toEqual(a.body);
    expect(c.headers['idempotent-replayed']).toBe('true');
    expect(await count(`SELECT count(*)::int AS n FROM check_in WHERE order_id = $1`, [order.id])).toBe(1);
    const reused = await call('post', `/orders/${order.id}/check-ins`, 'police', { at: '2026-12-05T13:06:00+01:00' }, 422, key);
    expect(reused.headers['content-type']).toMatch(PROBLEM);

    const violation = { at: '2026-12-05T13:15:00+01:00', position: { lon: 5.58, lat: 51.27 }, reportRef: 'PL2100-2026-500', kind: 'AREA_BAN' };
    const vKey = { ...officer, 'Idempotency-Key': 'violation-retry-1' };
    const first = await call('post', `/orders/${order.id}/violations`, 'police', violation, 201, vKey);
    const again = await call('post', `/orders/${order.id}/violations`, 'police', violation, 201, vKey);
    expect(again.body).toEqual(first.body);
    expect(await count(`SELECT count(*)::int AS n FROM violation WHERE order_id = $1`, [order.id])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM audit_event WHERE entity_type = 'violation' AND entity_id = $1`, [first.body.id])).toBe(1);
    // Another officer's key is another key.
    await call('post', `/orders/${order.id}/violations`, 'police', violation, 201, { 'Idempotency-Key': 'violation-retry-1' });
    expect(await count(`SELECT count(*)::int AS n FROM violation WHERE order_id = $1`, [order.id])).toBe(2);
  });

  it('registers a violation with its statutory label, keeps it immutable, and takes corrections as new entries', async () => {
    clock.set('2026-12-04T10:00:00+01:00');
    const order = await issued172a(await createPerson(t));
    clock.set('2026-12-06T23:00:00+01:00');
    const v = { at: '2026-12-06T22:15:00+01:00', position: { lon: 5.58, lat: 51.27 }, reportRef: 'PL2100-2026-412', kind: 'AREA_BAN', description: 'Aangetroffen op de Markt' };
    const first = await call('post', `/orders/${order.id}/violations`, 'police', v, 201);
    expect(first.body).toMatchObject({ statutoryLabel: 'art. 184 Sr', basisKind: 'GEMW_172A', at: '2026-12-06T22:15:00+01:00', orderVersion: order.version });
    await expect(t.dataSource.query(`UPDATE violation SET report_ref = 'x' WHERE id = $1`, [first.body.id])).rejects.toThrow(/immutable/);
    const fix = await call('post', `/orders/${order.id}/violations`, 'police', { ...v, reportRef: 'PL2100-2026-413', correctsViolationId: first.body.id }, 201);
    const twice = await call('post', `/orders/${order.id}/violations`, 'police', { ...v, correctsViolationId: first.body.id }, 409);
    expect(twice.body.detail).toMatch(/already corrected/);
    const groupBan = await call('post', `/orders/${order.id}/violations`, 'police', { ...v, kind: 'GROUP_BAN' }, 422);
    expect(groupBan.body.errors[0].field).toBe('kind');

    const list = await call('get', `/violations?municipality=GM1706&orderId=${order.id}`, 'mayor-office', undefined, 200);
    expect(list.body).toMatchObject({ total: 2, limit: 50, offset: 0 });
    expect(list.body.items.find((x: { id: string }) => x.id === first.body.id).correctedByViolationId).toBe(fix.body.id);
    await call('get', '/violations?municipality=GM0243', 'police', undefined, 404);
    await call('get', '/violations', 'lawyer', undefined, 403);
  });

  it('refuses a violation on a withdrawn order with a problem saying why', async () => {
    clock.set('2026-12-04T10:00:00+01:00');
    const order = await issued172a(await createPerson(t));
    clock.set('2026-12-10T09:00:00+01:00');
    await call('post', `/orders/${order.id}/withdrawal`, 'mayor', { version: order.version, reason: 'Niet langer nodig' }, 200);
    clock.set('2026-12-12T23:00:00+01:00');
    const res = await call('post', `/orders/${order.id}/violations`, 'police', { at: '2026-12-12T22:00:00+01:00', position: { lon: 5.58, lat: 51.27 }, reportRef: 'PL2100-2026-999', kind: 'AREA_BAN' }, 409);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ status: 409, notInForce: 'WITHDRAWN' });
    expect(res.body.detail).toMatch(/not in force at 2026-12-12T22:00:00\+01:00: it was withdrawn at 2026-12-10T08:00:00/);
    expect(await count(`SELECT count(*)::int AS n FROM violation WHERE order_id = $1`, [order.id])).toBe(0);
    const slots = await slotsOf(order.id, '2026-12-05T00:00:00+01:00', '2026-12-27T00:00:00+01:00');
    expect(slots.slots.map((s: { startsAt: string }) => s.startsAt)).toEqual(['2026-12-05T13:00:00+01:00']); // future slots gone, the past one stays
  });

  it('gives the dossier (JSON and CSV) to police and mayor\'s office in scope, logs it, and 404s another municipality', async () => {
    clock.set('2026-12-04T10:00:00+01:00');
    const personId = await createPerson(t, 'GM1706', { identifiers: { vNumber: '1234567890' } });
    const order = await issued172a(personId);
    clock.set('2026-12-06T23:00:00+01:00');
    await job.detectMissed();
    await call('post', `/orders/${order.id}/violations`, 'police', { at: '2026-12-06T22:15:00+01:00', position: { lon: 5.58, lat: 51.27 }, reportRef: 'PL2100-2026-777', kind: 'AREA_BAN' }, 201);

    const police = await call('get', `/persons/${personId}/dossier`, 'police', undefined, 200, { 'X-Purpose': 'casusoverleg 2026-49' });
    expect(police.body.person).toEqual({ id: personId, municipalityCode: 'GM1706', name: 'Test Persoon', dateOfBirth: '1995-03-14' });
    expect(police.body.orders).toEqual([expect.objectContaining({ id: order.id, status: 'ISSUED', measures: ['AREA_BAN', 'REPORTING_DUTY'] })]);
    expect(police.body.orders[0].versions.map((v: { changeKind: string; changedBy?: string }) => [v.changeKind, v.changedBy])).toEqual([['CREATE', undefined], ['ISSUE', undefined]]);
    expect(police.body.violations).toEqual([expect.objectContaining({ reportRef: 'PL2100-2026-777', statutoryLabel: 'art. 184 Sr' })]);
    expect(police.body.missedReports).toEqual([expect.objectContaining({ orderId: order.id, startsAt: '2026-12-05T13:00:00+01:00', status: 'MISSED' })]);
    expect(police.body.apvEscalation).toMatchObject({ article: '2:79', step: 1, priors: [] });
    const logged = await t.dataSource.query(`SELECT purpose FROM processing_log WHERE person_id = $1 AND action = 'dossier.read'`, [personId]);
    expect(logged).toEqual([{ purpose: 'casusoverleg 2026-49' }]);

    const office = await call('get', `/persons/${personId}/dossier`, 'mayor-office', undefined, 200);
    expect(office.body.person.identifiers).toEqual({ vNumber: '1234567890' });
    const csv = await call('get', `/persons/${personId}/dossier`, 'mayor-office', undefined, 200, { Accept: 'text/csv' });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parse(csv.text, { columns: true }) as { section: string; reference: string }[];
    expect(rows.map((r) => r.section)).toEqual(['PERSON', 'ORDER', 'VERSION', 'VERSION', 'VIOLATION', 'MISSED_REPORT', 'APV_STEP']);
    expect(rows.find((r) => r.section === 'VIOLATION')!.reference).toBe('PL2100-2026-777');

    const other = await request(t.http).get(`/api/v1/persons/${personId}/dossier`).set('Authorization', await auth('police', ['GM0243'])).expect(404);
    expect(other.headers['content-type']).toMatch(PROBLEM);
    await request(t.http).get(`/api/v1/orders/${order.id}/reporting-slots`).set('Authorization', await auth('police', ['GM0243'])).expect(404);
    await request(t.http).post(`/api/v1/orders/${order.id}/check-ins`).set('Authorization', await auth('police', ['GM0243'])).send({ at: '2026-12-05T13:05:00+01:00' }).expect(404);
  });

  describe('APV-ESCALATION-STEP fed by registered violations (Cranendonck art. 2:79: step 1 ≤ 24 hours, step 2 ≤ 4 weeks, look-back 6 months)', () => {
    function apvBan(personId: string, start: string, end: string, step: number) {
      return {
        municipalityCode: 'GM1706',
        personId,
        basis: { kind: 'APV', apvArticle: '2:79', apvStep: step },
        measures: [{ type: 'AREA_BAN', zoneIds: [budel] }],
        validity: { mode: 'CONTINUOUS', start, end },
        incidents: [{ at: start, description: 'Winkeldiefstal', reportRef: 'PL2100-2026-301' }],
        procedure: { signatory: { role: 'MAYOR', name: 'Burgemeester' }, hearingSkippedGround: 'URGENCY', motivation: FULL_MOTIVATION },
      };
    }

    async function issueApv(personId: string, start: string, end: string, step: number, status: number) {
      clock.set(start);
      const draft = await call('post', '/orders', 'mayor-office', apvBan(personId, start, end, step), 201);
      return call('post', `/orders/${draft.body.id}/issue`, 'mayor', { version: 1, notifiedAt: start, notificationMethod: 'HANDED' }, status);
    }

    /** A step-1 ban in January and a step-2 ban from 20 January: both start outside the look-back of a ban on 25 July. */
    async function history(withViolation: boolean): Promise<string> {
      const personId = await createPerson(t);
      await issueApv(personId, '2026-01-05T10:00:00+01:00', '2026-01-06T10:00:00+01:00', 1, 200);
      const second = await issueApv(personId, '2026-01-20T10:00:00+01:00', '2026-02-17T10:00:00+01:00', 2, 200);
      if (withViolation) {
        clock.set('2026-02-10T18:00:00+01:00');
        await call('post', `/orders/${second.body.id}/violations`, 'police', { at: '2026-02-10T17:30:00+01:00', position: { lon: 5.58, lat: 51.27 }, reportRef: 'PL2100-2026-044', kind: 'AREA_BAN' }, 201);
      }
      return personId;
    }

    it('allows a step-2 ban after an earlier ban within the look-back', async () => {
      const personId = await createPerson(t);
      await issueApv(personId, '2026-03-02T10:00:00+01:00', '2026-03-03T10:00:00+01:00', 1, 200);
      await issueApv(personId, '2026-03-20T10:00:00+01:00', '2026-04-17T10:00:00+02:00', 2, 200);
    });

    it('allows a step-2 ban when only a registered violation lies within the look-back, and says so in the dossier', async () => {
      const personId = await history(true);
      clock.set('2026-07-25T10:00:00+02:00');
      const dossier = await call('get', `/persons/${personId}/dossier`, 'mayor-office', undefined, 200);
      expect(dossier.body.apvEscalation).toMatchObject({ step: 2, maxDuration: 'P4W', priors: [expect.objectContaining({ via: 'VIOLATION', step: 2 })] });
      const july = await issueApv(personId, '2026-07-25T10:00:00+02:00', '2026-08-22T10:00:00+02:00', 2, 200);
      // The lawyers' audit re-runs the rules with the same history, violations included: no escalation finding.
      const audit = await call('get', '/audit/orders?municipality=GM1706', 'lawyer', undefined, 200);
      const row = audit.body.orders.find((o: { orderId: string }) => o.orderId === july.body.id);
      expect(row.findings.map((f: { ruleId: string }) => f.ruleId)).not.toContain('APV-ESCALATION-STEP');
    });

    it('refuses the same step-2 ban without the violation (422 APV-ESCALATION-STEP)', async () => {
      const personId = await history(false);
      const refused = await issueApv(personId, '2026-07-25T10:00:00+02:00', '2026-08-22T10:00:00+02:00', 2, 422);
      expect(refused.body.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('APV-ESCALATION-STEP');
      const dossier = await call('get', `/persons/${personId}/dossier`, 'police', undefined, 200);
      expect(dossier.body.apvEscalation).toMatchObject({ step: 1, priors: [] });
    });
  });

  it('lets the incidents of a 172a REPEATED ground be picked from registered violations of the same person', async () => {
    clock.set('2026-12-04T10:00:00+01:00');
    const personId = await createPerson(t);
    const order = await issued172a(personId);
    clock.set('2026-12-13T10:00:00+01:00');
    const register = (at: string, ref: string) =>
      call('post', `/orders/${order.id}/violations`, 'police', { at, position: { lon: 5.58, lat: 51.27 }, reportRef: ref, kind: 'AREA_BAN' }, 201);
    const v1 = (await register('2026-12-06T22:00:00+01:00', 'PL-1')).body;
    const v2 = (await register('2026-12-12T22:00:00+01:00', 'PL-2')).body;
    const draft = (incidents: object[]) => ({
      municipalityCode: 'GM1706', personId, basis: { kind: 'GEMW_172A', ground: 'REPEATED' }, measures: [{ type: 'AREA_BAN', zoneIds: [budel] }],
      validity: { mode: 'CONTINUOUS', start: '2027-03-05T00:00:00+01:00', end: '2027-06-05T00:00:00+02:00' }, incidents,
      procedure: { signatory: { role: 'MAYOR', name: 'B' }, motivation: FULL_MOTIVATION },
    });
    const picked = [v1, v2].map((v) => ({ at: v.at, description: `Overtreding ${v.reportRef}`, reportRef: v.reportRef, violationId: v.id }));
    const ok = await call('post', '/order-checks', 'mayor-office', draft(picked), 200);
    expect(ok.body.findings.map((f: { ruleId: string }) => f.ruleId)).not.toContain('GW172A-GROUND');
    const otherPerson = await createPerson(t);
    const wrong = await call('post', '/order-checks', 'mayor-office', { ...draft(picked), personId: otherPerson }, 400);
    expect(wrong.body.errors.map((e: { field: string }) => e.field)).toEqual(['incidents[0].violationId', 'incidents[1].violationId']);
  });
});
