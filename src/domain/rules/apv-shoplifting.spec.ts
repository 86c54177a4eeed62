import { DomainError } from '../shared/domain-error';
import { shopliftingBanDraft, type ShopliftingBanInput } from './apv-shoplifting';
import { checkOrder } from './check-order';
import { ctxFor, municipality, municipalityWithoutApv } from './testing/fixtures';
import { toOrderState } from './rule-context';

function input(overrides: Partial<ShopliftingBanInput> = {}): ShopliftingBanInput {
  return {
    municipality: municipality(),
    personId: 'person-7',
    shoppingAreaZoneIds: ['winkelgebied'],
    start: '2026-03-28T15:00:00+01:00',
    incident: { at: '2026-03-28T14:40:00+01:00', description: 'Shop theft at the drugstore', reportRef: 'PL2100-2026-55' },
    signatory: { role: 'POLICE', name: 'Agent Jansen' },
    motivation: { fear: 'Theft in the shopping area; the standard 24-hour ban prevents a repeat today.' },
    notifiedAt: '2026-03-28T15:00:00+01:00',
    notificationMethod: 'HANDED',
    ...overrides,
  };
}

describe('APV-SHOPLIFTING-24H (template: the standard 24-hour step-1 ban)', () => {
  it('builds an APV step-1 area ban of the shopping area for 24 elapsed hours', () => {
    const draft = shopliftingBanDraft(input());
    expect(draft.basis).toEqual({ kind: 'APV', apvArticle: '2:78', apvStep: 1 });
    expect(draft.measures).toEqual([{ type: 'AREA_BAN', zoneIds: ['winkelgebied'] }]);
    // 15:00 the day before the clocks go forward: 24 hours later is 16:00 local time.
    expect(draft.validity).toEqual({ mode: 'CONTINUOUS', start: '2026-03-28T15:00:00+01:00', end: '2026-03-29T16:00:00+02:00' });
    expect(draft.procedure.hearingSkippedGround).toBe('URGENCY');
  });

  it('passes every rule when issued by a mandated officer', () => {
    const order = toOrderState(shopliftingBanDraft(input()));
    expect(checkOrder(ctxFor(order, { now: '2026-03-28T15:05:00+01:00', action: { kind: 'ISSUE' } }))).toEqual([]);
  });

  it('is an ordinary step-1 order: a municipality whose step 1 is shorter gets APV-MAX-DURATION', () => {
    const short = municipality({ apv: { article: '2:78', ladder: [{ step: 1, maxDuration: 'PT12H' }], lookBackMonths: 6 } });
    const order = toOrderState(shopliftingBanDraft(input({ municipality: short })));
    const findings = checkOrder(ctxFor(order, { municipality: short, now: '2026-03-28T15:05:00+01:00' }));
    expect(findings.map((f) => f.ruleId)).toEqual(['APV-MAX-DURATION']);
  });

  it('lets the caller record that a hearing was held instead', () => {
    expect(shopliftingBanDraft(input({ hearingSkippedGround: null })).procedure.hearingSkippedGround).toBeUndefined();
  });

  it('needs an APV provision and a zone', () => {
    expect(() => shopliftingBanDraft(input({ municipality: municipalityWithoutApv() }))).toThrow(DomainError);
    expect(() => shopliftingBanDraft(input({ shoppingAreaZoneIds: [] }))).toThrow(DomainError);
  });
});
