import { parseInstant } from '../time/windows';
import { AMS, reportingOrder } from './testing/orders';
import { incidentViolationProblems, statutoryLabel, violationRefusal } from './violations';

const t = (iso: string) => parseInstant(iso);

describe('statutoryLabel (BREACH-SANCTION)', () => {
  it.each([
    [{ kind: 'GEMW_172A' as const }, 'art. 184 Sr'],
    [{ kind: 'GEMW_172_3' as const }, 'art. 184 Sr'],
    [{ kind: 'APV' as const, apvArticle: '2:79' }, 'art. 2:79 APV Cranendonck'],
    [{ kind: 'APV' as const }, 'art. 2:78 APV Cranendonck'],
  ])('labels a breach of %j as %s', (basis, label) => {
    expect(statutoryLabel(basis, { article: '2:78', municipalityName: 'Cranendonck' })).toBe(label);
  });
});

describe('violationRefusal (BREACH-IN-FORCE)', () => {
  const order = reportingOrder({ measures: [{ type: 'AREA_BAN', zoneIds: ['z'] }, { type: 'REPORTING_DUTY', place: { name: 'P', municipalityCode: 'GM1706' } }] });

  it('accepts a violation of a measure the order holds while it is in force', () => {
    expect(violationRefusal(order, 'AREA_BAN', t('2026-06-06T22:00:00+02:00'), AMS)).toBeNull();
    expect(violationRefusal(order, 'MISSED_REPORT', t('2026-06-06T13:00:00+02:00'), AMS)).toBeNull();
  });

  it('refuses a violation after the withdrawal, saying when it was withdrawn', () => {
    const withdrawn = { ...order, status: 'WITHDRAWN' as const, withdrawnAt: '2026-06-01T10:00:00+02:00' };
    const refusal = violationRefusal(withdrawn, 'AREA_BAN', t('2026-06-06T22:00:00+02:00'), AMS);
    expect(refusal).toMatchObject({ reason: 'NOT_IN_FORCE', notInForce: 'WITHDRAWN' });
    expect(refusal!.message).toMatch(/withdrawn at 2026-06-01T10:00:00\+02:00/);
    expect(violationRefusal(withdrawn, 'AREA_BAN', t('2026-05-31T22:00:00+02:00'), AMS)).toBeNull();
  });

  it('refuses a kind whose measure the order does not hold', () => {
    expect(violationRefusal(order, 'GROUP_BAN', t('2026-06-06T22:00:00+02:00'), AMS)).toMatchObject({ reason: 'KIND_NOT_IN_ORDER' });
  });

  it('refuses drafts and moments outside the validity', () => {
    expect(violationRefusal({ ...order, status: 'DRAFT' }, 'AREA_BAN', t('2026-06-06T22:00:00+02:00'), AMS)).toMatchObject({ notInForce: 'NOT_ISSUED' });
    expect(violationRefusal(order, 'AREA_BAN', t('2027-01-06T22:00:00+01:00'), AMS)).toMatchObject({ notInForce: 'ENDED' });
  });
});

describe('incidentViolationProblems (GW172A-GROUND facts from the register)', () => {
  const registered = [{ id: 'aaaaaaaa-0000-4000-8000-000000000001', at: '2026-12-06T21:00:00.000Z', orderId: 'o', kind: 'AREA_BAN' as const }];
  const incident = (violationId?: string, at = '2026-12-06T22:00:00+01:00') => ({ at, description: 'x', violationId });

  it('accepts a current violation of the person at the same instant (in any offset, any case of the id)', () => {
    expect(incidentViolationProblems([incident('AAAAAAAA-0000-4000-8000-000000000001')], registered, [0])).toEqual([]);
  });

  it('names an unknown violation and one given at another instant', () => {
    const problems = incidentViolationProblems([incident('bbbbbbbb-0000-4000-8000-000000000002'), incident(registered[0].id, '2026-12-06T22:30:00+01:00')], registered, [0, 1]);
    expect(problems.map((p) => [p.index, p.message])).toEqual([
      [0, expect.stringMatching(/not a current registered violation/)],
      [1, expect.stringMatching(/registered at 2026-12-06T21:00:00.000Z/)],
    ]);
  });

  it('checks only the incidents recorded now and ignores incidents without a violation', () => {
    expect(incidentViolationProblems([incident('bbbbbbbb-0000-4000-8000-000000000002'), incident()], registered, [1])).toEqual([]);
  });
});
