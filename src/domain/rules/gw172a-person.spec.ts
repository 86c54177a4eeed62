import type { Basis, Incident } from '../order/order';
import { checkGw172aFear, checkGw172aGround, checkGw172aMinor } from './gw172a-person';
import { apvOrder, ctxFor, municipality, order172a } from './testing/fixtures';

const fight: Incident = { at: '2026-01-20T23:00:00+01:00', description: 'Fight' };
const threat: Incident = { at: '2026-02-03T22:30:00+01:00', description: 'Threat' };
const serious: Incident = { at: '2026-02-03T22:30:00+01:00', description: 'Stabbing', serious: true };
const future: Incident = { at: '2026-03-05T22:30:00+01:00', description: 'Not yet happened' };

describe('GW172A-GROUND (art. 172a lid 1 and 2)', () => {
  it.each<[string, boolean, Basis['ground'], Incident[]]>([
    ['no ground', true, undefined, [fight, threat]],
    ['REPEATED with two incidents', false, 'REPEATED', [fight, threat]],
    ['REPEATED with one incident', true, 'REPEATED', [fight]],
    ['REPEATED whose second incident lies after now', true, 'REPEATED', [fight, future]],
    ['SINGLE_SERIOUS with an incident marked serious', false, 'SINGLE_SERIOUS', [fight, serious]],
    ['SINGLE_SERIOUS without a serious incident', true, 'SINGLE_SERIOUS', [fight, threat]],
    ['LEADING_ROLE with one incident', false, 'LEADING_ROLE', [fight]],
    ['LEADING_ROLE without incidents', true, 'LEADING_ROLE', []],
    ['PRIVATE_SANCTION with the stadium ban recorded', false, 'PRIVATE_SANCTION', [fight]],
    ['PRIVATE_SANCTION without anything recorded', true, 'PRIVATE_SANCTION', []],
  ])('%s → fires: %p', (_label, fires, ground, incidents) => {
    const findings = checkGw172aGround(ctxFor(order172a({ basis: { kind: 'GEMW_172A', ground }, incidents })));
    expect(findings.map((f) => f.ruleId)).toEqual(fires ? ['GW172A-GROUND'] : []);
    if (fires) expect(findings[0]).toMatchObject({ severity: 'error', citation: 'art. 172a lid 1 en 2 Gemeentewet' });
  });

  it('points at the missing ground', () => {
    expect(checkGw172aGround(ctxFor(order172a({ basis: { kind: 'GEMW_172A' } })))[0].path).toBe('basis.ground');
  });

  it('does not apply to an APV order', () => {
    expect(checkGw172aGround(ctxFor(apvOrder({ incidents: [] })))).toEqual([]);
  });
});

describe('GW172A-FEAR (art. 172a lid 1)', () => {
  it('fires when the motivation does not state the fear', () => {
    const order = order172a({}, { motivation: { suitability: 'x', necessity: 'y', balance: 'z' } });
    expect(checkGw172aFear(ctxFor(order))).toEqual([
      expect.objectContaining({ ruleId: 'GW172A-FEAR', severity: 'error', path: 'procedure.motivation.fear' }),
    ]);
  });

  it('fires on a blank fear', () => {
    expect(checkGw172aFear(ctxFor(order172a({}, { motivation: { fear: '   ' } })))).toHaveLength(1);
  });

  it('does not fire when the fear is stated', () => {
    expect(checkGw172aFear(ctxFor(order172a()))).toEqual([]);
  });

  it('waits while the motivation is deferred for urgency, and fires once the deferral passed', () => {
    const order = order172a({}, { motivation: undefined, motivationDeferredUntil: '2026-03-05' });
    expect(checkGw172aFear(ctxFor(order, { now: '2026-03-05T23:59:00+01:00' }))).toEqual([]);
    expect(checkGw172aFear(ctxFor(order, { now: '2026-03-06T00:00:00+01:00' }))).toHaveLength(1);
  });

  it('does not apply to an APV order', () => {
    expect(checkGw172aFear(ctxFor(apvOrder({}, { motivation: { necessity: 'x' } })))).toEqual([]);
  });
});

describe('GW172A-MINOR (policy; art. 172b)', () => {
  // The baseline order starts 2 March 2026 00:00 in Amsterdam.
  it.each([
    ['12th birthday on the first day', '2014-03-02', false],
    ['12th birthday the day after the first day', '2014-03-03', true],
    ['well over 12', '2000-01-01', false],
    ['10 years old', '2016-01-01', true],
  ])('%s (born %s) → warns: %p', (_label, dateOfBirth, fires) => {
    const findings = checkGw172aMinor(ctxFor(order172a(), { history: { dateOfBirth, earlierOrders: [], violations: [] } }));
    expect(findings.map((f) => f.severity)).toEqual(fires ? ['warning'] : []);
  });

  it('is an error where the municipality configures it so', () => {
    const ctx = ctxFor(order172a(), {
      municipality: municipality({ policyRulesAsErrors: ['GW172A-MINOR'] }),
      history: { dateOfBirth: '2016-01-01', earlierOrders: [], violations: [] },
    });
    expect(checkGw172aMinor(ctx)).toEqual([expect.objectContaining({ ruleId: 'GW172A-MINOR', severity: 'error' })]);
  });

  it('uses the first separate day as the start', () => {
    const order = order172a({ validity: { mode: 'SEPARATE_DAYS', days: ['2026-05-10', '2026-04-04'] } });
    const history = (dateOfBirth: string) => ({ dateOfBirth, earlierOrders: [], violations: [] });
    expect(checkGw172aMinor(ctxFor(order, { history: history('2014-04-04') }))).toEqual([]);
    expect(checkGw172aMinor(ctxFor(order, { history: history('2014-04-05') }))).toHaveLength(1);
  });

  it('says nothing without a date of birth or for an APV order', () => {
    expect(checkGw172aMinor(ctxFor(order172a()))).toEqual([]);
    const child = { dateOfBirth: '2016-01-01', earlierOrders: [], violations: [] };
    expect(checkGw172aMinor(ctxFor(apvOrder(), { history: child }))).toEqual([]);
  });
});
