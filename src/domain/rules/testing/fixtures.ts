import type { MultiPolygon, Polygon } from 'geojson';
import type { MunicipalityConfig } from '../../municipality/municipality-config';
import type { OrderState, PersonHistory, Procedure } from '../../order/order';
import { buildRuleContext, type RuleAction, type RuleContext } from '../rule-context';

/**
 * Factories for the rule specs: each builds a fresh, complete and lawful object that a test changes in one place.
 * The baseline orders give no finding at all (see check-order.spec.ts), so a finding in a test comes from its change.
 */

export const ZONE = 'Europe/Amsterdam';
/** The moment the specs evaluate at unless they say otherwise. */
export const NOW = '2026-03-01T12:00:00+01:00';

export function municipality(overrides: Partial<MunicipalityConfig> = {}): MunicipalityConfig {
  return {
    code: 'GM1991',
    name: 'Maashorst',
    timeZone: ZONE,
    apv: {
      article: '2:78',
      ladder: [
        { step: 1, maxDuration: 'PT24H' },
        { step: 2, maxDuration: 'P4W' },
      ],
      lookBackMonths: 6,
    },
    mandates: [{ holderRole: 'POLICE', apvArticle: '2:78', from: '2026-01-01', until: '2026-12-31' }],
    prosecutorOrders: [],
    numbers: {},
    extraHolidays: [],
    policyRulesAsErrors: [],
    ...overrides,
  };
}

/** A municipality whose APV has no area-ban provision (so 172(3) is available). */
export function municipalityWithoutApv(overrides: Partial<MunicipalityConfig> = {}): MunicipalityConfig {
  const { apv: _apv, ...rest } = municipality(overrides);
  return { ...rest, mandates: [] };
}

function procedure(overrides: Partial<Procedure> = {}): Procedure {
  return {
    intentSentAt: '2026-02-10T09:00:00+01:00',
    viewDeadline: '2026-02-24',
    viewReceivedAt: '2026-02-20T14:00:00+01:00',
    motivation: {
      fear: 'Serious fear of further disturbance: three fights in the centre in four weeks.',
      suitability: 'Keeping him out of the centre removes him from the group.',
      necessity: 'Two warnings did not help; a smaller zone would not cover the meeting places.',
      balance: 'He neither lives, works nor studies in the zone; the route to his school stays open.',
    },
    signatory: { role: 'MAYOR', name: 'J. de Burgemeester' },
    ...overrides,
  };
}

/** A lawful continuous 172a draft: 3 months exactly from 2 March 2026, area ban and reporting duty in Maashorst. */
export function order172a(overrides: Partial<OrderState> = {}, procedureOverrides: Partial<Procedure> = {}): OrderState {
  return {
    municipalityCode: 'GM1991',
    personId: 'person-1',
    basis: { kind: 'GEMW_172A', ground: 'REPEATED' },
    measures: [
      { type: 'AREA_BAN', zoneIds: ['centrum'] },
      { type: 'REPORTING_DUTY', place: { name: 'Politiebureau Uden', municipalityCode: 'GM1991' }, slots: [{ days: ['SAT'], at: '14:00', windowMinutes: 30 }] },
    ],
    validity: { mode: 'CONTINUOUS', start: '2026-03-02T00:00:00+01:00', end: '2026-06-02T00:00:00+02:00' },
    incidents: [
      { at: '2026-01-20T23:00:00+01:00', description: 'Fight at the market square', reportRef: 'PL2100-2026-1' },
      { at: '2026-02-03T22:30:00+01:00', description: 'Threatened a bouncer', reportRef: 'PL2100-2026-2' },
    ],
    procedure: procedure(procedureOverrides),
    status: 'DRAFT',
    extensions: [],
    exemptions: [],
    suspensions: [],
    ...overrides,
  };
}

/** A lawful issued 172a order (notified 1 March 2026 10:00), the baseline for lifecycle rules. */
export function issued172a(overrides: Partial<OrderState> = {}, procedureOverrides: Partial<Procedure> = {}): OrderState {
  return order172a(
    { id: 'order-1', version: 1, status: 'ISSUED', ...overrides },
    { notifiedAt: '2026-03-01T10:00:00+01:00', notificationMethod: 'HANDED', ...procedureOverrides },
  );
}

/** A lawful APV step-1 draft: a 24-hour area ban on art. 2:78, signed by a mandated police officer. */
export function apvOrder(overrides: Partial<OrderState> = {}, procedureOverrides: Partial<Procedure> = {}): OrderState {
  return order172a(
    {
      basis: { kind: 'APV', apvArticle: '2:78' },
      measures: [{ type: 'AREA_BAN', zoneIds: ['winkelgebied'] }],
      validity: { mode: 'CONTINUOUS', start: '2026-03-01T15:00:00+01:00', end: '2026-03-02T15:00:00+01:00' },
      incidents: [{ at: '2026-03-01T14:30:00+01:00', description: 'Shop theft', reportRef: 'PL2100-2026-9' }],
      ...overrides,
    },
    {
      intentSentAt: undefined,
      viewDeadline: undefined,
      viewReceivedAt: undefined,
      hearingSkippedGround: 'URGENCY',
      motivation: { fear: 'Risk of repeated theft in the shopping area.' },
      signatory: { role: 'POLICE', name: 'Agent Jansen' },
      ...procedureOverrides,
    },
  );
}

/** A lawful 172(3) draft for a municipality without APV provision: a 3-day area ban. */
export function order1723(overrides: Partial<OrderState> = {}, procedureOverrides: Partial<Procedure> = {}): OrderState {
  return order172a(
    {
      basis: { kind: 'GEMW_172_3' },
      measures: [{ type: 'AREA_BAN', zoneIds: ['station'] }],
      validity: { mode: 'CONTINUOUS', start: '2026-03-02T00:00:00+01:00', end: '2026-03-05T00:00:00+01:00' },
      ...overrides,
    },
    { motivation: { fear: 'Acute threat of a fight between groups at the station.' }, ...procedureOverrides },
  );
}

export interface CtxOptions {
  municipality?: MunicipalityConfig;
  history?: PersonHistory;
  now?: string;
  zoneGeometries?: Map<string, Polygon | MultiPolygon>;
  action?: RuleAction;
}

export function ctxFor(order: OrderState, options: CtxOptions = {}): RuleContext {
  return buildRuleContext({
    order,
    municipality: options.municipality ?? municipality(),
    history: options.history,
    now: options.now ?? NOW,
    zoneGeometries: options.zoneGeometries,
    action: options.action,
  });
}

/** The rule ids of findings, for compact assertions. */
export function ids(findings: readonly { ruleId: string }[]): string[] {
  return findings.map((f) => f.ruleId);
}

/** An axis-aligned square polygon in CRS84 around (lon, lat) with half-side `d` degrees. */
export function square(lon: number, lat: number, d: number): Polygon {
  return {
    type: 'Polygon',
    coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]],
  };
}
