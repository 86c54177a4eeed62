import type { ApvMandate } from '../municipality/municipality-config';
import type { SignatoryRole } from '../order/order';
import { checkApvMandate, checkGw177NoMandate } from './mandate';
import { apvOrder, ctxFor, ids, municipality, municipalityWithoutApv, order1723, order172a } from './testing/fixtures';

describe('GW177-NO-MANDATE (art. 177 lid 2)', () => {
  it.each<[string, SignatoryRole, boolean]>([
    ['MAYOR', 'MAYOR', false],
    ['ACTING_MAYOR', 'ACTING_MAYOR', false],
    ['POLICE', 'POLICE', true],
    ['BOA', 'BOA', true],
  ])('a 172a order signed by %s → fires: %p', (_label, role, fires) => {
    const findings = checkGw177NoMandate(ctxFor(order172a({}, { signatory: { role, name: 'X' } })));
    expect(findings).toEqual(fires ? [expect.objectContaining({ ruleId: 'GW177-NO-MANDATE', severity: 'error', path: 'procedure.signatory.role' })] : []);
  });

  it('also covers 172(3) orders', () => {
    const ctx = ctxFor(order1723({}, { signatory: { role: 'POLICE', name: 'X' } }), { municipality: municipalityWithoutApv() });
    expect(ids(checkGw177NoMandate(ctx))).toEqual(['GW177-NO-MANDATE']);
  });

  it('does not apply to APV orders', () => {
    expect(checkGw177NoMandate(ctxFor(apvOrder()))).toEqual([]);
  });
});

describe('APV-MANDATE (recorded mandate for police and boa)', () => {
  const withMandates = (mandates: ApvMandate[]) => municipality({ mandates });
  const police: ApvMandate = { holderRole: 'POLICE', apvArticle: '2:78', from: '2026-01-01', until: '2026-12-31' };

  it.each<[string, ApvMandate[], boolean]>([
    ['a current mandate for the role and article', [police], false],
    ['no mandate at all', [], true],
    ['a mandate for boa only', [{ ...police, holderRole: 'BOA' }], true],
    ['a mandate for another APV article', [{ ...police, apvArticle: '2:1' }], true],
    ['a mandate that ended the day before', [{ ...police, until: '2026-02-28' }], true],
    ['a mandate whose last day is the decision day', [{ ...police, until: '2026-03-01' }], false],
    ['a mandate that starts the day after', [{ ...police, from: '2026-03-02' }], true],
    ['an open-ended mandate', [{ ...police, until: undefined }], false],
    ['a mandate naming this officer (other spelling)', [{ ...police, holderName: ' agent  JANSEN ' }], false],
    ['a mandate naming another officer', [{ ...police, holderName: 'Agent de Vries' }], true],
  ])('%s → fires: %p', (_label, mandates, fires) => {
    const findings = checkApvMandate(ctxFor(apvOrder(), { municipality: withMandates(mandates) }));
    expect(findings).toEqual(fires ? [expect.objectContaining({ ruleId: 'APV-MANDATE', severity: 'error', path: 'procedure.signatory' })] : []);
  });

  it('takes the notification day as the day of the decision', () => {
    const order = apvOrder({}, { notifiedAt: '2026-02-28T23:30:00Z', notificationMethod: 'HANDED' }); // 1 March 00:30 local
    const ended = withMandates([{ ...police, until: '2026-02-28' }]);
    expect(checkApvMandate(ctxFor(order, { municipality: ended }))).toHaveLength(1);
    const started = withMandates([{ ...police, from: '2026-03-01' }]);
    expect(checkApvMandate(ctxFor(order, { municipality: started }))).toEqual([]);
  });

  it('the mayor needs no mandate', () => {
    expect(checkApvMandate(ctxFor(apvOrder({}, { signatory: { role: 'MAYOR', name: 'B' } }), { municipality: withMandates([]) }))).toEqual([]);
  });

  it('does not apply to 172a orders (GW177-NO-MANDATE does)', () => {
    expect(checkApvMandate(ctxFor(order172a({}, { signatory: { role: 'POLICE', name: 'X' } }), { municipality: withMandates([]) }))).toEqual([]);
  });
});
