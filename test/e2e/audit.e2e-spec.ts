import { parse } from 'csv-parse/sync';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { FixedClock } from '../../src/common/clock';
import { AUDIT_RULE_IDS } from '../../src/domain/audit/audit-rules';
import type { OrderState, Procedure } from '../../src/domain/order/order';
import { auditEventHash } from '../../src/modules/audit/audit-hash';
import { validityEnvelope } from '../../src/modules/orders/order.mapper';
import { OrdersRepository } from '../../src/modules/orders/orders.repository';
import { SeedService } from '../../src/modules/seed/seed.service';
import { resetDatabase } from '../helpers/database';
import { createPerson, FULL_MOTIVATION } from '../helpers/factories';
import { appRoutes } from '../helpers/routes';
import { spawnService } from '../helpers/spawn-service';
import { createTestApp, type TestApp } from '../helpers/test-app';

const PROBLEM = /^application\/problem\+json/;
const ROOT = join(__dirname, '..', '..');
/** The moment the seeded orders are audited at (unless a test moves the clock). */
const NOW = '2026-12-10T12:00:00+01:00';
const ALL = ['GM1706', 'GM1950', 'GM0363'];

type Roles = Parameters<TestApp['token']>[0];
type Finding = { ruleId: string; severity: string; message: string; citation: string; path?: string };
type AuditRow = {
  orderId: string;
  municipalityCode: string;
  personId: string;
  version: number;
  findings: Finding[];
  errors: number;
  extensions: { count: number; lengths: { months: number; days: number }[] };
  duration: { totalDays: number; total: { months: number; days: number } | null };
  end: string;
  status: string;
  [key: string]: unknown;
};
interface ZoneRef {
  zoneId: string;
  versionId: string;
}

describe('audit (e2e)', () => {
  const clock = new FixedClock(new Date(NOW));
  let t: TestApp;
  let budel: ZoneRef;
  let terApel: ZoneRef;

  async function demoZone(municipality: string): Promise<ZoneRef> {
    const rows = await t.dataSource.query(
      `SELECT z.id AS "zoneId", v.id AS "versionId" FROM zone z JOIN zone_version v ON v.zone_id = z.id
        WHERE z.municipality_code = $1 AND z.is_demo ORDER BY z.created_at, z.id, v.version DESC LIMIT 1`,
      [municipality],
    );
    return rows[0];
  }

  beforeAll(async () => {
    t = await createTestApp({ clock });
    await resetDatabase(t.dataSource);
    await t.app.get(SeedService).loadOnce();
    budel = await demoZone('GM1706');
    terApel = await demoZone('GM1950');
  });
  afterAll(() => t?.close());
  beforeEach(() => clock.set(NOW));

  const bearer = async (roles: Roles, m: string[] = ALL) => `Bearer ${await t.token(roles, m)}`;

  async function report(query: Record<string, string> = {}, roles: Roles = 'lawyer', m: string[] = ALL) {
    const res = await request(t.http).get('/api/v1/audit/orders').query(query).set('Authorization', await bearer(roles, m));
    if (res.status !== 200) throw new Error(`report: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { summary: { orders: number; perBasis: Record<string, number>; perRuleId: { ruleId: string; orders: number }[]; durations: { count: number } }; orders: AuditRow[] };
  }

  function rowOf(body: { orders: AuditRow[] }, orderId: string): AuditRow {
    const row = body.orders.find((o) => o.orderId === orderId);
    if (!row) throw new Error(`order ${orderId} not in the report`);
    return row;
  }

  async function post(path: string, roles: Roles, body: object, status: number) {
    const res = await request(t.http).post(`/api/v1${path}`).set('Authorization', await bearer(roles, ['GM1706'])).send(body);
    if (res.status !== status) throw new Error(`${path}: expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res;
  }

  /**
   * Stores an order directly through the repository, as an import of an older register would: version 1 is `body`
   * (recorded at `at`), each further version as given. Nothing is checked on the way in; that is the audit's job.
   */
  async function seedOrder(body: OrderState, more: { changeKind: 'AMEND' | 'EXTEND'; body: OrderState; at: string }[] = [], at = '2026-12-04T10:00:00+01:00') {
    const repo = t.app.get(OrdersRepository);
    return t.dataSource.transaction(async (m) => {
      const reference = `${body.municipalityCode}-2026-${randomUUID().slice(0, 8).toUpperCase()}`;
      const id = await repo.insertOrder(m, { municipalityCode: body.municipalityCode, personId: body.personId, reference, createdBy: 'test:import', createdAt: new Date(at) });
      const versions = [{ changeKind: 'CREATE' as const, body, at }, ...more];
      for (const [i, v] of versions.entries()) {
        const zoneVersionIds = v.body.measures.flatMap((x) => x.zoneVersionIds ?? []);
        const saved = await repo.insertVersion(m, { orderId: id, version: i + 1, changeKind: v.changeKind, body: v.body, findings: [], ...validityEnvelope(v.body), zoneVersionIds, createdAt: new Date(v.at), createdBy: 'test:import' });
        if (!saved) throw new Error('version not saved');
      }
      return id as string;
    });
  }

  /** A lawful issued continuous 172a order in Cranendonck (GM1706): no finding at NOW. */
  function order172a(personId: string, over: Partial<OrderState> = {}, procedure: Partial<Procedure> = {}): OrderState {
    return {
      municipalityCode: 'GM1706',
      personId,
      basis: { kind: 'GEMW_172A', ground: 'REPEATED' },
      measures: [
        { type: 'AREA_BAN', zoneIds: [budel.zoneId], zoneVersionIds: [budel.versionId] },
        { type: 'REPORTING_DUTY', place: { name: 'Politiebureau Budel', municipalityCode: 'GM1706' }, slots: [{ days: ['SAT'], at: '13:00', windowMinutes: 30 }] },
      ],
      validity: { mode: 'CONTINUOUS', start: '2026-12-05T00:00:00+01:00', end: '2027-03-05T00:00:00+01:00' },
      incidents: [
        { at: '2026-10-03T22:10:00+02:00', description: 'Vechtpartij op de Markt', reportRef: 'PL2100-2026-101' },
        { at: '2026-11-14T23:40:00+01:00', description: 'Intimidatie van winkelpersoneel', reportRef: 'PL2100-2026-187' },
      ],
      procedure: {
        intentSentAt: '2026-11-20T10:00:00+01:00',
        viewDeadline: '2026-11-27T17:00:00+01:00',
        viewReceivedAt: '2026-11-25T15:00:00+01:00',
        motivation: FULL_MOTIVATION,
        signatory: { role: 'MAYOR', name: 'Burgemeester van Cranendonck' },
        notifiedAt: '2026-12-04T10:00:00+01:00',
        notificationMethod: 'HANDED',
        ...procedure,
      },
      status: 'ISSUED',
      extensions: [],
      exemptions: [],
      suspensions: [],
      ...over,
    };
  }

  /** A lawful APV step-1 24-hour shop-theft ban in Cranendonck (APV 2:79), by a mandated police officer. */
  function apvOrder(personId: string, over: Partial<OrderState> = {}, procedure: Partial<Procedure> = {}): OrderState {
    return order172a(
      personId,
      {
        basis: { kind: 'APV', apvArticle: '2:79' },
        measures: [{ type: 'AREA_BAN', zoneIds: [budel.zoneId], zoneVersionIds: [budel.versionId] }],
        validity: { mode: 'CONTINUOUS', start: '2026-12-10T10:00:00+01:00', end: '2026-12-11T10:00:00+01:00' },
        incidents: [{ at: '2026-12-10T09:30:00+01:00', description: 'Winkeldiefstal', reportRef: 'PL2100-2026-301' }],
        ...over,
      },
      {
        intentSentAt: undefined,
        viewDeadline: undefined,
        viewReceivedAt: undefined,
        hearingSkippedGround: 'URGENCY',
        motivation: { fear: 'Herhaling in het winkelgebied is te vrezen.' },
        signatory: { role: 'POLICE', name: 'Agent De Vries' },
        notifiedAt: '2026-12-10T10:00:00+01:00',
        ...procedure,
      },
    );
  }

  /** A lawful 3-day 172(3) area ban in Amsterdam (GM0363), whose configuration has no APV area-ban provision. */
  function order1723(personId: string, over: Partial<OrderState> = {}, procedure: Partial<Procedure> = {}): OrderState {
    return order172a(
      personId,
      {
        municipalityCode: 'GM0363',
        basis: { kind: 'GEMW_172_3' },
        measures: [{ type: 'AREA_BAN', zoneIds: [randomUUID()] }],
        validity: { mode: 'CONTINUOUS', start: '2026-12-08T00:00:00+01:00', end: '2026-12-11T00:00:00+01:00' },
        ...over,
      },
      { motivation: { fear: 'Acute dreiging van een treffen tussen twee groepen bij het station.' }, ...procedure },
    );
  }

  function days(from: string, n: number): string[] {
    return Array.from({ length: n }, (_, i) => new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10));
  }

  const withMotivation = (m: Partial<typeof FULL_MOTIVATION>) => ({ motivation: { ...FULL_MOTIVATION, ...m } });

  /** Each rule id with an order built to break it: the lawful order of its basis, changed in one place. */
  const BREAKERS: [ruleId: string, municipality: string, build: (personId: string) => OrderState][] = [
    ['GW172A-GROUND', 'GM1706', (p) => order172a(p, { incidents: [{ at: '2026-11-14T23:40:00+01:00', description: 'Eenmalige ruzie' }] })],
    ['GW172A-FEAR', 'GM1706', (p) => order172a(p, {}, withMotivation({ fear: undefined }))],
    ['GW172A-CONTINUOUS', 'GM1706', (p) => order172a(p, { validity: { mode: 'CONTINUOUS', start: '2026-12-05T00:00:00+01:00', end: '2027-04-05T00:00:00+02:00' } })],
    ['GW172A-EXTENSIONS', 'GM1706', (p) =>
      order172a(p, { status: 'EXTENDED', extensions: [{ decidedAt: '2026-12-08T10:00:00+01:00', previousEnd: '2027-03-05T00:00:00+01:00', newEnd: '2027-07-05T00:00:00+02:00', motivation: FULL_MOTIVATION }] })],
    ['GW172A-SEPARATE-DAYS', 'GM1706', (p) => order172a(p, { validity: { mode: 'SEPARATE_DAYS', days: days('2026-12-05', 91) } })],
    ['GW172A-REPORT-ELSEWHERE', 'GM1706', (p) =>
      order172a(p, { measures: [{ type: 'REPORTING_DUTY', place: { name: 'Politiebureau Harderwijk', municipalityCode: 'GM0243' }, slots: [{ days: ['SAT'], at: '13:00', windowMinutes: 30 }] }] })],
    ['GW172A-EXEMPTION', 'GM1706', (p) =>
      order172a(p, { exemptions: [{ id: randomUUID(), from: '2026-12-12T09:00:00+01:00', until: '2026-12-12T12:00:00+01:00', zoneIds: [randomUUID()] }] })],
    ['GW172A-REVIEW', 'GM1706', (p) =>
      order172a(
        p,
        { validity: { mode: 'CONTINUOUS', start: '2026-11-05T00:00:00+01:00', end: '2027-02-05T00:00:00+01:00' }, incidents: [{ at: '2026-10-03T22:10:00+02:00', description: 'Vechtpartij' }, { at: '2026-10-14T23:40:00+02:00', description: 'Bedreiging' }] },
        { intentSentAt: '2026-10-20T10:00:00+02:00', viewDeadline: '2026-10-27T17:00:00+01:00', viewReceivedAt: '2026-10-25T15:00:00+01:00', notifiedAt: '2026-11-04T10:00:00+01:00' },
      )],
    ['GW172-3-APV-PRECEDENCE', 'GM1706', (p) => order1723(p, { municipalityCode: 'GM1706' })],
    ['GW172-3-ACUTE', 'GM0363', (p) => order1723(p, { validity: { mode: 'CONTINUOUS', start: '2026-12-08T00:00:00+01:00', end: '2026-12-28T00:00:00+01:00' } })],
    ['APV-AREA-BAN-ONLY', 'GM1706', (p) =>
      apvOrder(p, { measures: [{ type: 'AREA_BAN', zoneIds: [budel.zoneId], zoneVersionIds: [budel.versionId] }, { type: 'GROUP_BAN', zoneIds: [budel.zoneId], zoneVersionIds: [budel.versionId] }] })],
    ['APV-MAX-DURATION', 'GM1706', (p) => apvOrder(p, { validity: { mode: 'CONTINUOUS', start: '2026-12-10T10:00:00+01:00', end: '2027-01-14T10:00:00+01:00' } }, withMotivation({}))],
    ['APV-ESCALATION-STEP', 'GM1706', (p) =>
      apvOrder(p, { basis: { kind: 'APV', apvArticle: '2:79', apvStep: 2 }, validity: { mode: 'CONTINUOUS', start: '2026-12-10T10:00:00+01:00', end: '2026-12-24T10:00:00+01:00' } }, withMotivation({}))],
    ['APV-WITHIN-172A-CAP', 'GM1706', (p) => apvOrder(p, { validity: { mode: 'CONTINUOUS', start: '2026-12-10T10:00:00+01:00', end: '2028-01-10T10:00:00+01:00' } }, withMotivation({}))],
    ['GW177-NO-MANDATE', 'GM1706', (p) => order172a(p, {}, { signatory: { role: 'POLICE', name: 'Agent De Vries' } })],
    ['APV-MANDATE', 'GM1950', (p) =>
      apvOrder(p, { municipalityCode: 'GM1950', basis: { kind: 'APV', apvArticle: '2:78' }, measures: [{ type: 'AREA_BAN', zoneIds: [terApel.zoneId], zoneVersionIds: [terApel.versionId] }] })],
    ['AWB-4-8-HEARING', 'GM1706', (p) => order172a(p, {}, { intentSentAt: undefined, viewDeadline: undefined, viewReceivedAt: undefined })],
    ['AWB-3-46-MOTIVATION', 'GM1706', (p) => order172a(p, {}, withMotivation({ balance: undefined }))],
    ['AWB-3-47-DEFERRED', 'GM1706', (p) => order172a(p, {}, { motivationDeferredUntil: '2026-12-20' })],
    ['AWB-3-41-NOTIFICATION', 'GM1706', (p) => order172a(p, {}, { notifiedAt: undefined, notificationMethod: undefined })],
    ['AWB-6-7-OBJECTION-TERM', 'GM1706', (p) => order172a(p, {}, { objectionDeadline: '2027-01-08' })],
    ['AWB-SUSPENSION', 'GM1706', (p) => order172a(p, { suspensions: [{ from: '2026-12-08T00:00:00+01:00' }] })],
    ['GW172A-ZONE-IN-MUNICIPALITY', 'GM1706', (p) =>
      order172a(p, { measures: [{ type: 'AREA_BAN', zoneIds: [terApel.zoneId], zoneVersionIds: [terApel.versionId] }] })],
  ];

  it('flags each rule id on an order built to break it, and nothing on lawful orders of each basis', async () => {
    const clean = {
      GEMW_172A: await seedOrder(order172a(await createPerson(t, 'GM1706'))),
      APV: await seedOrder(apvOrder(await createPerson(t, 'GM1706'))),
      GEMW_172_3: await seedOrder(order1723(await createPerson(t, 'GM0363'))),
    };
    const broken = new Map<string, string>();
    for (const [ruleId, municipality, build] of BREAKERS) broken.set(ruleId, await seedOrder(build(await createPerson(t, municipality))));
    // A 172a order for a ten-year-old (GW172A-MINOR) and an amendment that repeats the motivation verbatim (GW172A-AMEND).
    broken.set('GW172A-MINOR', await seedOrder(order172a(await createPerson(t, 'GM1706', { dateOfBirth: '2016-06-01' }))));
    const amended = order172a(await createPerson(t, 'GM1706'));
    broken.set('GW172A-AMEND', await seedOrder(amended, [{ changeKind: 'AMEND', body: { ...amended, status: 'AMENDED' }, at: '2026-12-06T10:00:00+01:00' }]));

    // Not seedable: GW172A-OVJ-CONFLICT needs a recorded prosecutor order, which the register cannot store yet (the
    // municipality configuration maps none); APV-SHOPLIFTING-24H is a template with no check, so it never flags.
    const unseedable = ['GW172A-OVJ-CONFLICT', 'APV-SHOPLIFTING-24H'];
    expect([...broken.keys(), ...unseedable].sort()).toEqual([...AUDIT_RULE_IDS].sort());

    const body = await report();
    for (const [kind, id] of Object.entries(clean)) {
      expect([kind, rowOf(body, id).findings]).toEqual([kind, []]);
    }
    // Each order breaks its rule and nothing else (a 13-month APV ban also exceeds the APV ladder).
    const alsoBroken: Record<string, string[]> = { 'APV-WITHIN-172A-CAP': ['APV-MAX-DURATION'] };
    for (const [ruleId, id] of broken) {
      const row = rowOf(body, id);
      const found = [...new Set(row.findings.map((f) => f.ruleId))].sort();
      expect([ruleId, found]).toEqual([ruleId, [ruleId, ...(alsoBroken[ruleId] ?? [])].sort()]);
      const finding = row.findings.find((f) => f.ruleId === ruleId)!;
      expect(finding.citation).toEqual(expect.any(String));
      expect(['error', 'warning']).toContain(finding.severity);
    }
    const counted = new Map(body.summary.perRuleId.map((r) => [r.ruleId, r.orders]));
    for (const ruleId of broken.keys()) expect([ruleId, counted.get(ruleId)]).toEqual([ruleId, expect.any(Number)]);
    for (const ruleId of broken.keys()) expect(counted.get(ruleId)).toBeGreaterThanOrEqual(1);

    // Filtering by rule id keeps exactly the orders with that finding.
    const fear = await report({ ruleId: 'GW172A-FEAR' });
    expect(fear.orders.map((o) => o.orderId)).toContain(broken.get('GW172A-FEAR'));
    expect(fear.orders.map((o) => o.orderId)).not.toContain(clean.GEMW_172A);
    expect(fear.orders.every((o) => o.findings.some((f) => f.ruleId === 'GW172A-FEAR'))).toBe(true);
  });

  it('filters by municipality, basis and period, and counts per basis and durations in the summary', async () => {
    const cranendonck = await seedOrder(order172a(await createPerson(t, 'GM1706')));
    const shopTheft = await seedOrder(apvOrder(await createPerson(t, 'GM1706')));
    const westerwolde = await seedOrder(apvOrder(await createPerson(t, 'GM1950'), { municipalityCode: 'GM1950', basis: { kind: 'APV', apvArticle: '2:78' }, measures: [] }, { signatory: { role: 'MAYOR', name: 'Burgemeester' } }));
    const later = await seedOrder(order172a(await createPerson(t, 'GM1706'), { validity: { mode: 'CONTINUOUS', start: '2027-06-01T00:00:00+02:00', end: '2027-09-01T00:00:00+02:00' } }));

    const apv = await report({ municipality: 'GM1706', basis: 'APV' });
    const ids = apv.orders.map((o) => o.orderId);
    expect(ids).toContain(shopTheft);
    expect(ids).not.toContain(cranendonck);
    expect(ids).not.toContain(westerwolde);
    expect(apv.orders.every((o) => o.municipalityCode === 'GM1706' && (o.basis as { kind: string }).kind === 'APV')).toBe(true);
    expect(apv.summary.perBasis).toEqual({ GEMW_172_3: 0, GEMW_172A: 0, APV: apv.orders.length });

    // The 172a order of December runs until March 2027; the one of June 2027 starts after the period asked.
    const december = await report({ municipality: 'GM1706', from: '2026-12-01', to: '2026-12-31' });
    expect(december.orders.map((o) => o.orderId)).toEqual(expect.arrayContaining([cranendonck, shopTheft]));
    expect(december.orders.map((o) => o.orderId)).not.toContain(later);
    const summer = await report({ municipality: 'GM1706', from: '2027-07-01T00:00:00+02:00', to: '2027-07-02' });
    expect(summer.orders.map((o) => o.orderId)).toContain(later);
    expect(summer.orders.map((o) => o.orderId)).not.toContain(cranendonck);
    expect(summer.orders.map((o) => o.orderId)).not.toContain(shopTheft);

    const all = await report();
    expect(all.summary.orders).toBe(all.orders.length);
    expect(Object.values(all.summary.perBasis).reduce((a, b) => a + b, 0)).toBe(all.orders.length);
    expect(all.summary.durations.count).toBe(all.orders.length);
    const shop = rowOf(all, shopTheft);
    expect(shop.duration).toEqual({ totalDays: 1, total: { days: 1, months: 0.03, hours: 24 }, initial: { days: 1, months: 0.03, hours: 24 } });
    expect(shop).toMatchObject({ personId: expect.any(String), hearing: { status: 'SKIPPED', skippedGround: 'URGENCY' }, motivation: { complete: true }, notifiedAt: '2026-12-10T10:00:00+01:00', objectionDeadline: '2027-01-21' });
    expect(JSON.stringify(all)).not.toContain('Test Persoon');
  });

  /** A 172a order (5 Dec – 5 Mar) drafted and issued through the API on 4 December 2026; returns its id (version 2). */
  async function issued172aThroughApi(): Promise<string> {
    clock.set('2026-12-01T09:00:00+01:00');
    const personId = await createPerson(t);
    const draft = await post('/orders', 'mayor-office', {
      municipalityCode: 'GM1706',
      personId,
      basis: { kind: 'GEMW_172A', ground: 'REPEATED' },
      measures: [{ type: 'AREA_BAN', zoneIds: [budel.zoneId] }],
      validity: { mode: 'CONTINUOUS', start: '2026-12-05T00:00:00+01:00', end: '2027-03-05T00:00:00+01:00' },
      incidents: order172a(personId).incidents,
      procedure: { signatory: { role: 'MAYOR', name: 'Burgemeester van Cranendonck' }, motivation: FULL_MOTIVATION, hearingSkippedGround: 'URGENCY' },
    }, 201);
    clock.set('2026-12-04T11:00:00+01:00');
    await post(`/orders/${draft.body.id}/issue`, 'mayor', { version: 1, notifiedAt: '2026-12-04T10:00:00+01:00', notificationMethod: 'HANDED' }, 200);
    return draft.body.id;
  }

  it('shows a 172a order with three extensions as 12 months without error; a fourth is refused and never appears', async () => {
    const id = await issued172aThroughApi();
    let version = 2;
    const ends = ['2027-06-05T00:00:00+02:00', '2027-09-05T00:00:00+02:00', '2027-12-05T00:00:00+01:00'];
    const decided = ['2027-03-01T10:00:00+01:00', '2027-06-01T10:00:00+02:00', '2027-09-01T10:00:00+02:00'];
    for (let i = 0; i < 3; i++) {
      clock.set(decided[i]);
      await post(`/orders/${id}/reviews`, 'mayor-office', { version: version++, conclusion: 'De vrees bestaat nog.' }, 200);
      await post(`/orders/${id}/extensions`, 'mayor', { version: version++, newEnd: ends[i], motivation: FULL_MOTIVATION }, 200);
    }
    clock.set('2027-12-01T10:00:00+01:00');
    await post(`/orders/${id}/reviews`, 'mayor-office', { version: version++, conclusion: 'Nog steeds nodig.' }, 200);
    const fourth = await post(`/orders/${id}/extensions`, 'mayor', { version, newEnd: '2028-03-05T00:00:00+01:00', motivation: FULL_MOTIVATION }, 422);
    expect(fourth.headers['content-type']).toMatch(PROBLEM);
    expect(fourth.body.findings.map((f: Finding) => f.ruleId)).toContain('GW172A-EXTENSIONS');

    clock.set('2027-12-01T11:00:00+01:00');
    const row = rowOf(await report({ municipality: 'GM1706' }), id);
    expect(row).toMatchObject({ status: 'EXTENDED', errors: 0, end: '2027-12-05T00:00:00+01:00', initialEnd: '2027-03-05T00:00:00+01:00' });
    expect(row.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(row.duration.total).toMatchObject({ months: 12, days: 365 });
    expect(row.duration.totalDays).toBe(365);
    expect(row.extensions.count).toBe(3);
    expect(row.extensions.lengths.map((l) => l.months)).toEqual([3, 3, 3]);
    // No version of the order, at any moment, ever held a fourth extension.
    const [{ most }] = await t.dataSource.query(`SELECT max(jsonb_array_length(body->'extensions'))::int AS most FROM order_version WHERE order_id = $1`, [id]);
    expect(most).toBe(3);
    for (const asOf of ['2027-09-01T10:00:00+02:00', '2027-12-01T10:30:00+01:00']) {
      expect(rowOf(await report({ asOf }), id).extensions.count).toBe(3);
    }
    const csv = await request(t.http).get('/api/v1/audit/orders').query({ municipality: 'GM1706' }).set('Accept', 'text/csv').set('Authorization', await bearer('lawyer'));
    const rows: Record<string, string>[] = parse(csv.text, { bom: true, columns: true });
    expect(rows.find((r) => r['Besluit-id'] === id)).toMatchObject({ 'Totale duur (maanden)': '12', 'Aantal verlengingen': '3', 'Verlengingen (maanden)': '3; 3; 3', Fouten: '0' });
  });

  it('shows each order as the register knew it at asOf: the version before an amendment, and no later orders', async () => {
    const id = await issued172aThroughApi();
    clock.set('2027-01-15T11:00:00+01:00');
    const amended = await post(`/orders/${id}/amendments`, 'mayor', {
      version: 2,
      direction: 'FAVOUR',
      validity: { mode: 'CONTINUOUS', start: '2026-12-05T00:00:00+01:00', end: '2027-02-05T00:00:00+01:00' },
      motivation: { ...FULL_MOTIVATION, necessity: 'Sinds de waarschuwing bleef het rustig: twee maanden volstaan.' },
      notifiedAt: '2027-01-15T10:00:00+01:00',
      notificationMethod: 'MAIL',
    }, 200);
    expect(amended.body).toMatchObject({ version: 3, status: 'AMENDED', lastAmendment: { direction: 'FAVOUR', decidedAt: '2027-01-15T10:00:00.000Z' } });
    clock.set('2027-01-20T11:00:00+01:00');
    const newer = await seedOrder(order172a(await createPerson(t)), [], '2027-01-20T10:00:00+01:00');

    const lawyer = await bearer('lawyer');
    const before = '2027-01-10T12:00:00+01:00';
    const then = await request(t.http).get(`/api/v1/orders/${id}`).query({ asOf: before }).set('Authorization', lawyer).expect(200);
    expect(then.body).toMatchObject({ version: 2, status: 'ISSUED', validity: { end: '2027-03-05T00:00:00+01:00' } });
    const now = await request(t.http).get(`/api/v1/orders/${id}`).set('Authorization', lawyer).expect(200);
    expect(now.body).toMatchObject({ version: 3, status: 'AMENDED', validity: { end: '2027-02-05T00:00:00+01:00' } });
    await request(t.http).get(`/api/v1/orders/${id}`).query({ asOf: '2026-11-30T12:00:00+01:00' }).set('Authorization', lawyer).expect(404);

    const past = await report({ asOf: before });
    expect(rowOf(past, id)).toMatchObject({ version: 2, end: '2027-03-05T00:00:00+01:00', recordedStatus: 'ISSUED', status: 'ISSUED' });
    expect(past.orders.map((o) => o.orderId)).not.toContain(newer);
    expect((past as unknown as { evaluatedAt: string }).evaluatedAt).toBe(new Date(before).toISOString());
    // An offset's "+" sent unencoded arrives as a space; the report takes it back.
    const raw = await request(t.http).get(`/api/v1/audit/orders?asOf=${before}`).set('Authorization', lawyer).expect(200);
    expect(rowOf(raw.body, id).version).toBe(2);
    const present = await report();
    expect(rowOf(present, id)).toMatchObject({ version: 3, end: '2027-02-05T00:00:00+01:00', recordedStatus: 'AMENDED' });
    expect(present.orders.map((o) => o.orderId)).toContain(newer);
    expect((await report({ asOf: '2026-11-30T12:00:00+01:00' })).orders.map((o) => o.orderId)).not.toContain(id);
  });

  it('gives a CSV with BOM, Dutch header row, one row per order, escaped commas and quotes, no names', async () => {
    const personId = await createPerson(t, 'GM1706', { name: 'Jan "de Vries", Budel' });
    const id = await seedOrder(order172a(personId, {}, withMotivation({ fear: undefined, necessity: undefined, balance: undefined })));
    const json = await report({ municipality: 'GM1706' });
    const res = await request(t.http).get('/api/v1/audit/orders').query({ municipality: 'GM1706' }).set('Accept', 'text/csv').set('Authorization', await bearer('lawyer'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-besluiten-\d{4}-\d{2}-\d{2}\.csv"$/);
    const raw = Buffer.from(res.text, 'utf8');
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(res.text).not.toContain('Jan');

    const records: string[][] = parse(res.text, { bom: true });
    const [header, ...rows] = records;
    expect(header.slice(0, 4)).toEqual(['Kenmerk', 'Besluit-id', 'Gemeente', 'Persoon-id']);
    expect(header).toEqual(expect.arrayContaining(['Grondslag', 'Totale duur (dagen)', 'Aantal verlengingen', 'Einde bezwaartermijn', 'Horen', 'Motivering volledig', 'Bevindingen']));
    expect(rows).toHaveLength(json.orders.length);
    expect(rows.every((r) => r.length === header.length)).toBe(true);
    const row = Object.fromEntries(header.map((h, i) => [h, rows.find((r) => r[1] === id)![i]]));
    const findings = rowOf(json, id).findings;
    expect(row['Persoon-id']).toBe(personId);
    expect(row['Bevindingen']).toContain('"ernstige vrees voor verdere verstoring"');
    expect(row['Bevindingen']).toContain('The motivation lacks: necessity, balance.');
    expect(row['Bevindingen'].split(' | ')).toHaveLength(findings.length);
    expect(row['Regel-ids']).toBe('GW172A-FEAR; AWB-3-46-MOTIVATION');
    expect(row['Motivering volledig']).toBe('nee');
    // Quotes are doubled inside a quoted field (RFC 4180).
    expect(res.text).toContain('""ernstige vrees voor verdere verstoring""');

    const preferJson = await request(t.http).get('/api/v1/audit/orders').query({ municipality: 'GM1706' }).set('Accept', 'application/json, text/csv;q=0.5').set('Authorization', await bearer('lawyer'));
    expect(preferJson.headers['content-type']).toMatch(/^application\/json/);
  });

  it('keeps to the caller\'s municipalities and roles, and logs every read of the report', async () => {
    const cranendonck = await seedOrder(order172a(await createPerson(t, 'GM1706')));
    const westerwolde = await seedOrder(apvOrder(await createPerson(t, 'GM1950'), { municipalityCode: 'GM1950', basis: { kind: 'APV', apvArticle: '2:78' }, measures: [] }, { signatory: { role: 'MAYOR', name: 'B' } }));
    const ww = await report({}, 'lawyer', ['GM1950']);
    expect(ww.orders.map((o) => o.orderId)).toContain(westerwolde);
    expect(ww.orders.map((o) => o.orderId)).not.toContain(cranendonck);
    expect(ww.orders.every((o) => o.municipalityCode === 'GM1950')).toBe(true);
    const other = await request(t.http).get('/api/v1/audit/orders').query({ municipality: 'GM1706' }).set('Authorization', await bearer('lawyer', ['GM1950']));
    expect(other.status).toBe(404);
    expect(other.headers['content-type']).toMatch(PROBLEM);
    // A national '*' scope is for administrators only; a lawyer with it sees nothing.
    expect((await report({}, 'lawyer', ['*'])).orders).toEqual([]);
    for (const role of ['police', 'mayor-office', 'admin'] as const) {
      await request(t.http).get('/api/v1/audit/orders').set('Authorization', await bearer(role, ['GM1706'])).expect(403);
    }
    expect(rowOf(await report({ municipality: 'GM1706' }, 'mayor', ['GM1706']), cranendonck)).toBeDefined();

    const personId = (await t.dataSource.query(`SELECT person_id AS "personId" FROM "order" WHERE id = $1`, [cranendonck]))[0].personId;
    await request(t.http).get('/api/v1/audit/orders').query({ municipality: 'GM1706' }).set('X-Purpose', 'audit Q4 2026').set('Authorization', await bearer('lawyer', ['GM1706'])).expect(200);
    const logged = await t.dataSource.query(`SELECT action, purpose, municipality_code AS m FROM processing_log WHERE person_id = $1 AND action = 'audit.read' ORDER BY id`, [personId]);
    expect(logged).toContainEqual({ action: 'audit.read', purpose: 'audit Q4 2026', m: 'GM1706' });
  });

  it('gives the history of an order, zone, person and municipality: who, when, what changed, why; scoped', async () => {
    clock.set('2026-12-01T09:00:00+01:00');
    const personId = await createPerson(t);
    const draft = await post('/orders', 'mayor-office', {
      municipalityCode: 'GM1706',
      personId,
      basis: { kind: 'GEMW_172A', ground: 'REPEATED' },
      measures: [{ type: 'AREA_BAN', zoneIds: [budel.zoneId] }],
      validity: { mode: 'CONTINUOUS', start: '2026-12-05T00:00:00+01:00', end: '2027-03-05T00:00:00+01:00' },
      incidents: order172a(personId).incidents,
      procedure: { signatory: { role: 'MAYOR', name: 'Burgemeester' }, motivation: FULL_MOTIVATION },
    }, 201);
    const id = draft.body.id;
    await post(`/orders/${id}/intent`, 'mayor-office', { version: 1, intentSentAt: '2026-12-01T10:00:00+01:00', viewDeadline: '2026-12-03T17:00:00+01:00', reason: 'Voornemen per post' }, 200);

    const lawyer = await bearer('lawyer', ['GM1706']);
    const res = await request(t.http).get('/api/v1/audit/events').query({ entity: 'order', id }).set('Authorization', lawyer).set('X-Purpose', 'bezwaar 2026-31').expect(200);
    expect(res.body).toMatchObject({ entity: 'order', id });
    expect(res.body.events.map((e: { action: string }) => e.action)).toEqual(['order.create', 'order.send-intent']);
    const [created, intent] = res.body.events;
    expect(created).toMatchObject({ actorRoles: ['mayor-office'], municipalityCode: 'GM1706', before: null, after: { version: 1, status: 'DRAFT' } });
    expect(intent).toMatchObject({ actor: expect.stringMatching(/^dev-mayor-office-/), reason: 'Voornemen per post', occurredAt: '2026-12-01T08:00:00.000Z' });
    expect(intent.changes).toEqual(expect.arrayContaining([
      { path: 'status', before: 'DRAFT', after: 'INTENT_SENT' },
      { path: 'version', before: 1, after: 2 },
      { path: 'procedure.intentSentAt', after: '2026-12-01T10:00:00+01:00' },
    ]));
    expect(intent.seq).toBeGreaterThan(created.seq);
    const logged = await t.dataSource.query(`SELECT purpose FROM processing_log WHERE person_id = $1 AND action = 'audit.read'`, [personId]);
    expect(logged).toEqual([{ purpose: 'bezwaar 2026-31' }]);

    const person = await request(t.http).get('/api/v1/audit/events').query({ entity: 'person', id: personId }).set('Authorization', lawyer).expect(200);
    expect(person.body.events.map((e: { action: string }) => e.action)).toEqual(['person.created']);
    const square = { type: 'Polygon', coordinates: [[[5.5725, 51.2725], [5.5765, 51.2725], [5.5765, 51.2745], [5.5725, 51.2745], [5.5725, 51.2725]]] };
    const zone = await request(t.http).post('/api/v1/zones').set('Authorization', await bearer('mayor-office', ['GM1706'])).send({ municipalityCode: 'GM1706', name: 'Kerkplein', geometry: square }).expect(201);
    const zoneHistory = await request(t.http).get('/api/v1/audit/events').query({ entity: 'zone', id: zone.body.id }).set('Authorization', lawyer).expect(200);
    expect(zoneHistory.body.events).toHaveLength(1);
    expect(zoneHistory.body.events[0]).toMatchObject({ entityType: 'zone', entityId: zone.body.id, municipalityCode: 'GM1706' });
    const municipality = await request(t.http).get('/api/v1/audit/events').query({ entity: 'municipality', id: 'GM1706' }).set('Authorization', lawyer).expect(200);
    expect(municipality.body.events[0]).toMatchObject({ action: 'demo-data.loaded', actor: 'system:seed', reason: 'demo data' });

    // Another municipality's lawyer, an unknown id, and the wrong roles learn nothing.
    await request(t.http).get('/api/v1/audit/events').query({ entity: 'order', id }).set('Authorization', await bearer('lawyer', ['GM1950'])).expect(404);
    await request(t.http).get('/api/v1/audit/events').query({ entity: 'municipality', id: 'GM1706' }).set('Authorization', await bearer('lawyer', ['GM1950'])).expect(404);
    await request(t.http).get('/api/v1/audit/events').query({ entity: 'order', id: randomUUID() }).set('Authorization', lawyer).expect(404);
    await request(t.http).get('/api/v1/audit/events').query({ entity: 'order', id }).set('Authorization', await bearer('mayor-office', ['GM1706'])).expect(403);
    const bad = await request(t.http).get('/api/v1/audit/events').query({ entity: 'invoice', id: 'GM1706' }).set('Authorization', lawyer).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('entity');
    await request(t.http).get('/api/v1/audit/events').query({ entity: 'order', id: 'GM1706' }).set('Authorization', lawyer).expect(400);
  });

  describe('tamper evidence', () => {
    type Verification = { intact: boolean; checked: number; head: { seq: number; hash: string } | null; brokenAt: { seq: number; reason: string; expected: string; found: string; detail: string } | null };
    type Row = { seq: string; hash: string; prev_hash: string; reason: string | null };

    async function verify(query: Record<string, string> = {}): Promise<Verification> {
      const res = await request(t.http).get('/api/v1/audit/events/verify').query(query).set('Authorization', await bearer('lawyer', ['GM1706']));
      if (res.status !== 200) throw new Error(`verify: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    }

    /** Writes a few events of every kind (person, order lifecycle) and returns the chain rows, oldest first. */
    async function chainWithEvents(): Promise<Row[]> {
      const personId = await createPerson(t);
      const draft = await post('/orders', 'mayor-office', {
        municipalityCode: 'GM1706',
        personId,
        basis: { kind: 'GEMW_172A', ground: 'REPEATED' },
        measures: [{ type: 'AREA_BAN', zoneIds: [budel.zoneId] }],
        validity: { mode: 'CONTINUOUS', start: '2026-12-12T00:00:00+01:00', end: '2027-03-12T00:00:00+01:00' },
        incidents: order172a(personId).incidents,
        procedure: { signatory: { role: 'MAYOR', name: 'Burgemeester' }, motivation: { ...FULL_MOTIVATION, fear: 'Vrees, "ernstig" — ook ’s nachts; 1.0e3 €' }, hearingSkippedGround: 'URGENCY' },
      }, 201);
      await post(`/orders/${draft.body.id}/issue`, 'mayor', { version: 1, notifiedAt: '2026-12-10T10:00:00+01:00', notificationMethod: 'HANDED', reason: 'Uitgereikt' }, 200);
      return t.dataSource.query('SELECT a.seq::text AS seq, a.hash, a.prev_hash, a.reason FROM audit_event a ORDER BY a.seq');
    }

    async function restoreEvent(original: Row & Record<string, unknown>): Promise<void> {
      await t.dataSource.query('UPDATE audit_event SET reason = $2, hash = $3 WHERE seq = $1', [original.seq, original.reason, original.hash]);
    }

    it('verifies an untouched chain', async () => {
      const rows = await chainWithEvents();
      const result = await verify();
      expect(result).toMatchObject({ intact: true, checked: rows.length, brokenAt: null });
      expect(result.head).toEqual({ seq: Number(rows.at(-1)!.seq), hash: rows.at(-1)!.hash });
      expect(await verify({ anchorSeq: String(result.head!.seq), anchorHash: result.head!.hash })).toMatchObject({ intact: true });
    });

    it('finds a raw SQL UPDATE of an event at that event, and one that also rewrote the hash at the next', async () => {
      const rows = await chainWithEvents();
      const target = rows[rows.length - 3];
      try {
        await t.dataSource.query(`UPDATE audit_event SET reason = 'niets aan de hand' WHERE seq = $1`, [target.seq]);
        const edited = await verify();
        expect(edited.intact).toBe(false);
        expect(edited.brokenAt).toMatchObject({ seq: Number(target.seq), reason: 'HASH_MISMATCH', found: target.hash });
        expect(edited.brokenAt!.expected).toMatch(/^[0-9a-f]{64}$/);
        expect(edited.brokenAt!.expected).not.toBe(target.hash);

        // A cleverer editor recomputes the edited event's own hash: the next event still names the old one.
        const [e] = await t.dataSource.query(
          `SELECT id, occurred_at AS "occurredAt", actor, actor_roles AS "actorRoles", municipality_code AS "municipalityCode", entity_type AS "entityType",
                  entity_id AS "entityId", action, before, after, reason, request_id AS "requestId", prev_hash AS "prevHash" FROM audit_event WHERE seq = $1`,
          [target.seq],
        );
        const rehashed = auditEventHash({ ...e, occurredAt: new Date(e.occurredAt).toISOString() });
        await t.dataSource.query('UPDATE audit_event SET hash = $2 WHERE seq = $1', [target.seq, rehashed]);
        const next = rows[rows.length - 2];
        expect((await verify()).brokenAt).toMatchObject({ seq: Number(next.seq), reason: 'PREV_HASH_MISMATCH', expected: rehashed, found: target.hash });
      } finally {
        await restoreEvent(target);
      }
      expect((await verify()).intact).toBe(true);
    });

    it('finds a raw SQL DELETE of an event at the event after it; an anchor catches a deleted newest event', async () => {
      const rows = await chainWithEvents();
      const deleted = rows[rows.length - 3];
      const [saved] = await t.dataSource.query('SELECT * FROM audit_event WHERE seq = $1', [deleted.seq]);
      const restore = () =>
        t.dataSource.query(
          `INSERT INTO audit_event OVERRIDING SYSTEM VALUE SELECT * FROM jsonb_populate_record(NULL::audit_event, $1::jsonb)`,
          [JSON.stringify(saved)],
        );
      try {
        await t.dataSource.query('DELETE FROM audit_event WHERE seq = $1', [deleted.seq]);
        const result = await verify();
        expect(result).toMatchObject({ intact: false, head: { seq: Number(rows[rows.length - 4].seq) } });
        expect(result.brokenAt).toMatchObject({ seq: Number(rows[rows.length - 2].seq), reason: 'PREV_HASH_MISMATCH', expected: rows[rows.length - 4].hash, found: deleted.hash });
        expect(result.brokenAt!.detail).toMatch(/missing/);
      } finally {
        await restore();
      }
      expect((await verify()).intact).toBe(true);

      const head = rows[rows.length - 1];
      const [last] = await t.dataSource.query('SELECT * FROM audit_event WHERE seq = $1', [head.seq]);
      try {
        await t.dataSource.query('DELETE FROM audit_event WHERE seq = $1', [head.seq]);
        expect((await verify()).intact).toBe(true); // a deleted tail leaves no broken link ...
        const anchored = await verify({ anchorSeq: head.seq, anchorHash: head.hash });
        expect(anchored.brokenAt).toMatchObject({ seq: Number(head.seq), reason: 'ANCHOR_MISMATCH', expected: head.hash, found: '' }); // ... an anchor does
      } finally {
        await t.dataSource.query(
          `INSERT INTO audit_event OVERRIDING SYSTEM VALUE SELECT * FROM jsonb_populate_record(NULL::audit_event, $1::jsonb)`,
          [JSON.stringify(last)],
        );
      }
      expect((await verify()).intact).toBe(true);
    });

    it('is read by lawyers (and administrators) only, and refuses half an anchor', async () => {
      await request(t.http).get('/api/v1/audit/events/verify').set('Authorization', await bearer('mayor', ['GM1706'])).expect(403);
      await request(t.http).get('/api/v1/audit/events/verify').set('Authorization', await bearer('admin', ['*'])).expect(200);
      const half = await request(t.http).get('/api/v1/audit/events/verify').query({ anchorSeq: '3' }).set('Authorization', await bearer('lawyer', ['GM1706'])).expect(400);
      expect(half.body.errors.map((e: { field: string }) => e.field)).toEqual(['anchorHash']);
    });

    function runCli(env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
      return new Promise((resolve) => {
        const proc = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli/audit-verify.ts', ...args], {
          cwd: ROOT,
          env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'development', ...env },
        });
        let stdout = '';
        let stderr = '';
        proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        proc.on('exit', (code) => resolve({ code, stdout, stderr }));
      });
    }

    it('npm run audit:verify exits 0 on an intact chain and 1 at the first broken link', async () => {
      const rows = await chainWithEvents();
      const env = { DATABASE_URL: process.env.TEST_DATABASE_URL!, DATABASE_POOL_MAX: '1' };
      const intact = await runCli(env);
      expect([intact.code, intact.stderr]).toEqual([0, '']);
      expect(intact.stdout).toMatch(new RegExp(`^Audit chain intact on .*: ${rows.length} event\\(s\\) checked; head seq ${rows.at(-1)!.seq}, hash ${rows.at(-1)!.hash}`));
      const target = rows[1];
      try {
        await t.dataSource.query(`UPDATE audit_event SET reason = 'gewist' WHERE seq = $1`, [target.seq]);
        const broken = await runCli(env, ['--json']);
        expect(broken.code).toBe(1);
        expect(JSON.parse(broken.stdout)).toMatchObject({ intact: false, brokenAt: { seq: Number(target.seq), reason: 'HASH_MISMATCH', found: target.hash } });
      } finally {
        await restoreEvent(target);
      }
    }, 60_000);
  });

  it('npm run audit:verify asks the running service when it holds the embedded data folder, else opens the folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ordreg-audit-verify-'));
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = probe.address() as { port: number };
        probe.close(() => resolve(p));
      });
    });
    const env = { DATA_DIR: dataDir, PORT: String(port) };
    const service = spawnService(env);
    try {
      await service.ready(90_000);
      const cli = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli/audit-verify.ts'], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'development', ...env },
      });
      let out = '';
      cli.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const code = await new Promise((resolve) => cli.on('exit', resolve));
      expect([code, out]).toEqual([0, expect.stringMatching(new RegExp(`^Audit chain intact on the running service at http://127\\.0\\.0\\.1:${port}: \\d+ event`))]);
    } finally {
      service.proc.kill('SIGTERM');
      await service.exited;
    }
    const direct = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli/audit-verify.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'development', ...env },
    });
    let out = '';
    direct.stdout.on('data', (d: Buffer) => (out += d.toString()));
    expect(await new Promise((resolve) => direct.on('exit', resolve))).toBe(0);
    expect(out).toMatch(/^Audit chain intact on embedded PGlite in .*ordreg-audit-verify-/);
    rmSync(dataDir, { recursive: true, force: true });
  }, 180_000);

  it('refuses lawyers every write: no write route admits the lawyer role (the dry run excepted), and each answers 403', async () => {
    // Paths without the /api/v1/ prefix, as the OpenAPI-free checks below name them.
    const routes = appRoutes(t.app).map((r) => ({ ...r, path: r.path.replace(/^\/api\/v1\//, ''), roles: (r.roles ?? []) as string[] }));
    const DRY_RUNS = ['POST order-checks'];
    const openapi = await request(t.http).get('/api/v1/openapi.json').expect(200);
    expect(Object.keys(openapi.body.paths)).toEqual(expect.arrayContaining(['/api/v1/audit/orders', '/api/v1/audit/events', '/api/v1/audit/events/verify']));
    expect(openapi.body.paths['/api/v1/audit/orders'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['municipality', 'from', 'to', 'basis', 'ruleId', 'asOf']),
    );
    const nonReads = routes.filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method) && !DRY_RUNS.includes(`${r.method} ${r.path}`));
    // The only public non-read is the development sign-in (it issues a token, it writes nothing to the register).
    expect(nonReads.filter((r) => r.isPublic).map((r) => `${r.method} ${r.path}`)).toEqual(['POST dev/sign-in']);
    const writes = nonReads.filter((r) => !r.isPublic);
    expect(writes.length).toBeGreaterThanOrEqual(15);
    expect(writes.filter((r) => r.roles.includes('lawyer')).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    expect(routes.find((r) => r.path === 'order-checks')?.roles).toContain('lawyer');

    const lawyer = await bearer('lawyer', ['GM1706']);
    for (const r of writes) {
      const url = `/api/v1/${r.path}`.replace(/:code\b/g, 'GM1706').replace(/:n\b/g, '1').replace(/:[A-Za-z]+/g, randomUUID());
      const res = await request(t.http)[r.method.toLowerCase() as 'post' | 'put' | 'patch' | 'delete'](url).set('Authorization', lawyer).send({});
      expect([`${r.method} ${r.path}`, res.status]).toEqual([`${r.method} ${r.path}`, 403]);
    }
    const readable = routes.filter((r) => r.method === 'GET' && r.path.startsWith('audit/'));
    expect(readable.map((r) => r.path).sort()).toEqual(['audit/events', 'audit/events/verify', 'audit/orders']);
    expect(readable.every((r) => r.roles.includes('lawyer'))).toBe(true);
  });
});
