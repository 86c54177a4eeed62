import request from 'supertest';
import { FixedClock } from '../../src/common/clock';
import { SeedService } from '../../src/modules/seed/seed.service';
import { resetDatabase } from '../helpers/database';
import { createPerson, demoZoneId, FULL_MOTIVATION, order172aBody } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';

const PROBLEM = /^application\/problem\+json/;

describe('orders (e2e)', () => {
  const clock = new FixedClock(new Date('2026-12-01T09:00:00+01:00'));
  let t: TestApp;
  let budel: string;
  let auth: (roles: Parameters<TestApp['token']>[0], m?: string[]) => Promise<string>;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    await resetDatabase(t.dataSource);
    await t.app.get(SeedService).loadOnce();
    budel = await demoZoneId(t, 'GM1706');
    auth = async (roles, m = ['GM1706']) => `Bearer ${await t.token(roles, m)}`;
  });
  afterAll(() => t?.close());

  const order172a = (personId: string, overrides: Record<string, unknown> = {}) => order172aBody(personId, budel, overrides);

  async function post(path: string, roles: Parameters<TestApp['token']>[0], body: object, status: number) {
    const res = await request(t.http).post(`/api/v1${path}`).set('Authorization', await auth(roles)).send(body);
    if (res.status !== status) throw new Error(`${path}: expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res;
  }

  it('runs a full 172a lifecycle: draft, intent, view, issue, three extensions, a refused fourth, exemption, withdrawal', async () => {
    const personId = await createPerson(t);
    const draft = await post('/orders', 'mayor-office', order172a(personId), 201);
    expect(draft.body).toMatchObject({ status: 'DRAFT', version: 1, municipalityCode: 'GM1706' });
    expect(draft.body.measures[0].zoneVersionIds).toHaveLength(1);
    expect(draft.body.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('AWB-4-8-HEARING');
    const id = draft.body.id;

    await post(`/orders/${id}/intent`, 'mayor-office', { version: 1, intentSentAt: '2026-12-01T10:00:00+01:00', viewDeadline: '2026-12-03T17:00:00+01:00' }, 200);
    const viewed = await post(`/orders/${id}/view`, 'mayor-office', { version: 2, viewReceivedAt: '2026-12-02T15:00:00+01:00' }, 200);
    expect(viewed.body.findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);

    clock.set('2026-12-04T11:00:00+01:00');
    await post(`/orders/${id}/issue`, 'mayor-office', { version: 3, notifiedAt: '2026-12-04T10:00:00+01:00', notificationMethod: 'HANDED' }, 403);
    const issued = await post(`/orders/${id}/issue`, 'mayor', { version: 3, notifiedAt: '2026-12-04T10:00:00+01:00', notificationMethod: 'HANDED' }, 200);
    expect(issued.body).toMatchObject({ status: 'ISSUED', version: 4, objectionDeadline: '2027-01-15' });
    expect(issued.headers.etag).toBe('"4"');

    let version = 4;
    const ends = ['2027-06-05T00:00:00+02:00', '2027-09-05T00:00:00+02:00', '2027-12-05T00:00:00+01:00'];
    const decided = ['2027-03-01T10:00:00+01:00', '2027-06-01T10:00:00+02:00', '2027-09-01T10:00:00+02:00'];
    for (let i = 0; i < 3; i++) {
      clock.set(decided[i]);
      await post(`/orders/${id}/reviews`, 'mayor-office', { version: version++, conclusion: 'Vrees bestaat nog: nieuwe meldingen van overlast.' }, 200);
      const ext = await post(`/orders/${id}/extensions`, 'mayor', { version: version++, newEnd: ends[i], motivation: FULL_MOTIVATION }, 200);
      expect(ext.body).toMatchObject({ status: 'EXTENDED', extensions: expect.any(Array) });
      expect(ext.body.extensions).toHaveLength(i + 1);
    }

    clock.set('2027-12-01T10:00:00+01:00');
    await post(`/orders/${id}/reviews`, 'mayor-office', { version: version++, conclusion: 'Nog steeds nodig.' }, 200);
    const fourth = await post(`/orders/${id}/extensions`, 'mayor', { version, newEnd: '2028-03-05T00:00:00+01:00', motivation: FULL_MOTIVATION }, 422);
    expect(fourth.headers['content-type']).toMatch(PROBLEM);
    expect(fourth.body.findings).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: 'GW172A-EXTENSIONS', severity: 'error' })]));
    const unchanged = await request(t.http).get(`/api/v1/orders/${id}`).set('Authorization', await auth('lawyer')).expect(200);
    expect(unchanged.body.version).toBe(version);
    expect(unchanged.body.extensions).toHaveLength(3);

    const exempt = await post(`/orders/${id}/exemptions`, 'mayor', { version, from: '2027-12-02T09:00:00+01:00', until: '2027-12-02T12:00:00+01:00', conditions: 'Rechtszitting; directe route' }, 200);
    expect(exempt.body.exemptions).toHaveLength(1);
    const withdrawn = await post(`/orders/${id}/withdrawal`, 'mayor', { version: version + 1, reason: 'Niet langer nodig' }, 200);
    expect(withdrawn.body).toMatchObject({ status: 'WITHDRAWN' });
    await post(`/orders/${id}/extensions`, 'mayor', { version: version + 2, newEnd: '2028-03-05T00:00:00+01:00', motivation: FULL_MOTIVATION }, 409);

    const history = await request(t.http).get(`/api/v1/orders/${id}/versions`).set('Authorization', await auth('lawyer')).expect(200);
    expect(history.body.map((v: { changeKind: string }) => v.changeKind)).toEqual([
      'CREATE', 'SEND_INTENT', 'RECORD_VIEW', 'ISSUE',
      'RECORD_REVIEW', 'EXTEND', 'RECORD_REVIEW', 'EXTEND', 'RECORD_REVIEW', 'EXTEND', 'RECORD_REVIEW',
      'GRANT_EXEMPTION', 'WITHDRAW',
    ]);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE entity_type = 'order' AND entity_id = $1`, [id]);
    expect(n).toBe(13);
  });

  it('issues an APV 24-hour shop-theft ban by a mandated police officer, and refuses one without a mandate', async () => {
    clock.set('2026-12-10T14:40:00+01:00');
    const police = await t.token('police', ['GM1706']);
    const personId = await createPerson(t, 'GM1706', {}, police);
    const ban = {
      municipalityCode: 'GM1706',
      personId,
      basis: { kind: 'APV', apvArticle: '2:79' },
      measures: [{ type: 'AREA_BAN', zoneIds: [budel] }],
      validity: { mode: 'CONTINUOUS', start: '2026-12-10T14:30:00+01:00', end: '2026-12-11T14:30:00+01:00' },
      incidents: [{ at: '2026-12-10T13:45:00+01:00', description: 'Winkeldiefstal', reportRef: 'PL2100-2026-301' }],
      procedure: { signatory: { role: 'POLICE', name: 'Agent De Vries' }, hearingSkippedGround: 'URGENCY', motivation: { fear: 'Herhaling te vrezen.' } },
    };
    const draft = await request(t.http).post('/api/v1/orders').set('Authorization', `Bearer ${police}`).send(ban).expect(201);
    const issued = await request(t.http)
      .post(`/api/v1/orders/${draft.body.id}/issue`)
      .set('Authorization', `Bearer ${police}`)
      .set('If-Match', draft.headers.etag)
      .send({ notifiedAt: '2026-12-10T14:30:00+01:00', notificationMethod: 'HANDED' });
    expect([issued.status, issued.body.findings]).toEqual([200, []]);
    expect(issued.body).toMatchObject({ status: 'ISSUED', basis: { kind: 'APV' } });
    expect(issued.body.incidents).toBeUndefined(); // the police see no case file

    // Westerwolde recorded no mandate: the same order there is refused by APV-MANDATE.
    const ww = await t.token('police', ['GM1950']);
    const wwPerson = await createPerson(t, 'GM1950', {}, ww);
    const wwZone = await demoZoneId(t, 'GM1950');
    const wwDraft = await request(t.http)
      .post('/api/v1/orders')
      .set('Authorization', `Bearer ${ww}`)
      .send({ ...ban, municipalityCode: 'GM1950', personId: wwPerson, basis: { kind: 'APV', apvArticle: '2:78' }, measures: [{ type: 'AREA_BAN', zoneIds: [wwZone] }] })
      .expect(201);
    const refused = await request(t.http)
      .post(`/api/v1/orders/${wwDraft.body.id}/issue`)
      .set('Authorization', `Bearer ${ww}`)
      .send({ version: 1, notifiedAt: '2026-12-10T14:30:00+01:00', notificationMethod: 'HANDED' })
      .expect(422);
    expect(refused.headers['content-type']).toMatch(PROBLEM);
    expect(refused.body.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('APV-MANDATE');

    // Police cannot make 172a orders at all.
    await request(t.http).post('/api/v1/orders').set('Authorization', `Bearer ${police}`).send(order172a(personId)).expect(403);
  });

  it('refuses to issue a 172a order of 3 months and 1 minute (422 GW172A-CONTINUOUS), and issues 3 months exactly', async () => {
    clock.set('2026-12-01T09:00:00+01:00');
    const personId = await createPerson(t);
    const procedure = { signatory: { role: 'MAYOR', name: 'Burgemeester' }, motivation: FULL_MOTIVATION, hearingSkippedGround: 'URGENCY' };
    const tooLong = await post('/orders', 'mayor-office', order172a(personId, { procedure, validity: { mode: 'CONTINUOUS', start: '2026-12-05T00:00:00+01:00', end: '2027-03-05T00:01:00+01:00' } }), 201);
    expect(tooLong.body.findings).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: 'GW172A-CONTINUOUS', severity: 'error' })]));
    const refused = await post(`/orders/${tooLong.body.id}/issue`, 'mayor', { version: 1, notifiedAt: '2026-12-01T10:00:00+01:00', notificationMethod: 'MAIL' }, 422);
    expect(refused.body.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('GW172A-CONTINUOUS');
    expect(refused.body.findings[0]).toEqual(expect.objectContaining({ citation: expect.stringContaining('172a') }));
    const stored = await request(t.http).get(`/api/v1/orders/${tooLong.body.id}`).set('Authorization', await auth('mayor')).expect(200);
    expect(stored.body).toMatchObject({ status: 'DRAFT', version: 1 });

    const exact = await post('/orders', 'mayor-office', order172a(personId, { procedure }), 201);
    expect(exact.body.findings.filter((f: { ruleId: string }) => f.ruleId === 'GW172A-CONTINUOUS')).toEqual([]);
  });

  it('answers a dry run with findings and the objection deadline, storing nothing', async () => {
    const personId = await createPerson(t);
    const [{ n: before }] = await t.dataSource.query('SELECT count(*)::int AS n FROM order_version');
    const body = order172a(personId, { procedure: { signatory: { role: 'MAYOR', name: 'B' }, notifiedAt: '2027-04-20T10:00:00+02:00', notificationMethod: 'HANDED' } });
    const res = await post('/order-checks', 'lawyer', body, 200);
    // 20 April 2027 + 6 weeks = 1 June 2027 (a Tuesday)
    expect(res.body.objectionDeadline).toBe('2027-06-01');
    expect(res.body.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(expect.arrayContaining(['GW172A-FEAR', 'AWB-3-46-MOTIVATION']));
    const [{ n: after }] = await t.dataSource.query('SELECT count(*)::int AS n FROM order_version');
    expect(after).toBe(before);
  });

  it('loses nothing in a concurrent edit: one of two edits of the same version wins, the other gets 412', async () => {
    const personId = await createPerson(t);
    const draft = await post('/orders', 'mayor-office', order172a(personId), 201);
    const token = await auth('mayor-office');
    const edit = (description: string) =>
      request(t.http)
        .put(`/api/v1/orders/${draft.body.id}`)
        .set('Authorization', token)
        .set('If-Match', '"1"')
        .send({ ...order172a(personId), incidents: [{ at: '2026-11-20T20:00:00+01:00', description }] });
    const results = await Promise.all([edit('Eerste versie van de feiten'), edit('Tweede versie van de feiten')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    const loser = results.find((r) => r.status === 412)!;
    expect(loser.headers['content-type']).toMatch(PROBLEM);
    expect(loser.body.currentVersion).toBe(2);
    const versions = await request(t.http).get(`/api/v1/orders/${draft.body.id}/versions`).set('Authorization', token).expect(200);
    expect(versions.body).toHaveLength(2);
    const current = await request(t.http).get(`/api/v1/orders/${draft.body.id}`).set('Authorization', token).expect(200);
    const winner = results.find((r) => r.status === 200)!;
    expect(current.body.incidents).toEqual(winner.body.incidents);
    const v1 = await request(t.http).get(`/api/v1/orders/${draft.body.id}/versions/1`).set('Authorization', token).expect(200);
    expect(v1.body.incidents).toHaveLength(2);
  });

  it('names the bad fields of a malformed order (400) and hides other municipalities (404)', async () => {
    const personId = await createPerson(t);
    const res = await request(t.http)
      .post('/api/v1/orders')
      .set('Authorization', await auth('mayor-office'))
      .send({ ...order172a(personId), basis: { kind: 'GEMW_999' }, validity: { mode: 'CONTINUOUS', start: '2026-02-30T00:00:00+01:00', end: 'tomorrow' }, extra: 1 })
      .expect(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['basis.kind', 'validity.start', 'validity.end', 'extra']));
    const draft = await post('/orders', 'mayor-office', order172a(personId), 201);
    const other = `Bearer ${await t.token('mayor', ['GM0243'])}`;
    await request(t.http).get(`/api/v1/orders/${draft.body.id}`).set('Authorization', other).expect(404);
    await request(t.http).post(`/api/v1/orders/${draft.body.id}/withdrawal`).set('Authorization', other).send({ version: 1, reason: 'x' }).expect(404);
    await request(t.http).get(`/api/v1/persons/${personId}`).set('Authorization', other).expect(404);
  });

  it('logs every read of an order and a person in the processing log, with the stated purpose', async () => {
    const personId = await createPerson(t);
    const draft = await post('/orders', 'mayor-office', order172a(personId), 201);
    await request(t.http).get(`/api/v1/orders/${draft.body.id}`).set('Authorization', await auth('lawyer')).set('X-Purpose', 'bezwaar 2026-17').expect(200);
    const police = await request(t.http).get(`/api/v1/persons/${personId}`).set('Authorization', await auth('police')).expect(200);
    expect(police.body.identifiers).toBeUndefined();
    const rows = await t.dataSource.query(`SELECT action, purpose FROM processing_log WHERE person_id = $1 ORDER BY id`, [personId]);
    expect(rows).toEqual(expect.arrayContaining([{ action: 'order.read', purpose: 'bezwaar 2026-17' }, { action: 'person.read', purpose: null }]));
  });
});
