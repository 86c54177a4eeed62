import type { Procedure } from '../order/order';
import { checkAwb346Motivation, checkAwb347Deferred, checkAwb48Hearing } from './awb-hearing-motivation';
import { apvOrder, ctxFor, ids, issued172a, municipalityWithoutApv, order1723, order172a } from './testing/fixtures';

const noHearing: Partial<Procedure> = { intentSentAt: undefined, viewDeadline: undefined, viewReceivedAt: undefined };

describe('AWB-4-8-HEARING (art. 4:8 and 4:11 Awb)', () => {
  it.each<[string, Partial<Procedure>, string | undefined]>([
    ['a view received', {}, undefined],
    ['a recorded urgency ground', { ...noHearing, hearingSkippedGround: 'URGENCY' }, undefined],
    ['a view already given', { ...noHearing, hearingSkippedGround: 'VIEW_ALREADY_GIVEN' }, undefined],
    ['no intent notice and no ground', noHearing, 'procedure.intentSentAt'],
    ['no view deadline', { viewDeadline: undefined }, 'procedure.viewDeadline'],
    ['a deadline before the notice', { intentSentAt: '2026-02-10T09:00:00+01:00', viewDeadline: '2026-02-09' }, 'procedure.viewDeadline'],
    ['neither a view nor its absence recorded', { viewReceivedAt: undefined }, 'procedure.viewReceivedAt'],
    ['no view by a deadline that passed', { viewReceivedAt: undefined, noViewReceived: true }, undefined],
  ])('%s → %p', (_label, procedure, path) => {
    const findings = checkAwb48Hearing(ctxFor(order172a({}, procedure)));
    expect(findings.map((f) => f.path)).toEqual(path ? [path] : []);
    if (path) expect(findings[0]).toMatchObject({ ruleId: 'AWB-4-8-HEARING', severity: 'error', citation: 'art. 4:8 en 4:11 Awb' });
  });

  it('no view can be recorded as missing before the deadline day has ended', () => {
    const order = order172a({}, { viewDeadline: '2026-03-05', viewReceivedAt: undefined, noViewReceived: true });
    expect(checkAwb48Hearing(ctxFor(order, { now: '2026-03-05T23:59:00+01:00' }))).toEqual([
      expect.objectContaining({ path: 'procedure.noViewReceived' }),
    ]);
    expect(checkAwb48Hearing(ctxFor(order, { now: '2026-03-06T00:00:00+01:00' }))).toEqual([]);
  });

  it('an amendment in the person\'s favour needs no hearing; one to their detriment does', () => {
    const unheard = issued172a({ version: 2 }, noHearing);
    const amend = (direction: 'FAVOUR' | 'DETRIMENT') => ctxFor(unheard, { action: { kind: 'AMEND', previous: issued172a(), direction } });
    expect(checkAwb48Hearing(amend('FAVOUR'))).toEqual([]);
    expect(ids(checkAwb48Hearing(amend('DETRIMENT')))).toEqual(['AWB-4-8-HEARING']);
  });
});

describe('AWB-3-46-MOTIVATION (art. 3:46, 3:47, 3:4 Awb; ECLI:NL:RVS:2022:285)', () => {
  it('a 172a order records suitability, necessity and balance', () => {
    const order = order172a({}, { motivation: { fear: 'x', suitability: 'y', balance: ' ' } });
    expect(checkAwb346Motivation(ctxFor(order))).toEqual([
      expect.objectContaining({ ruleId: 'AWB-3-46-MOTIVATION', path: 'procedure.motivation', message: expect.stringContaining('necessity, balance') }),
    ]);
    expect(checkAwb346Motivation(ctxFor(order172a()))).toEqual([]);
  });

  it('an APV step-1 order needs a motivation, not the full proportionality test', () => {
    expect(checkAwb346Motivation(ctxFor(apvOrder()))).toEqual([]);
    expect(ids(checkAwb346Motivation(ctxFor(apvOrder({}, { motivation: undefined }))))).toEqual(['AWB-3-46-MOTIVATION']);
  });

  it('an APV order above step 1 records the proportionality test', () => {
    const fourWeeks = apvOrder({ validity: { mode: 'CONTINUOUS', start: '2026-03-01T15:00:00+01:00', end: '2026-03-29T15:00:00+02:00' } });
    expect(checkAwb346Motivation(ctxFor(fourWeeks))[0].message).toContain('suitability, necessity, balance');
  });

  it('an APV order states its article', () => {
    expect(checkAwb346Motivation(ctxFor(apvOrder({ basis: { kind: 'APV' } }))).map((f) => f.path)).toEqual(['basis.apvArticle']);
  });

  it('a 172(3) order needs some motivation', () => {
    const m = municipalityWithoutApv();
    expect(checkAwb346Motivation(ctxFor(order1723(), { municipality: m }))).toEqual([]);
    expect(checkAwb346Motivation(ctxFor(order1723({}, { motivation: {} }), { municipality: m }))).toHaveLength(1);
  });

  it('waits while the motivation is validly deferred', () => {
    expect(checkAwb346Motivation(ctxFor(order172a({}, { motivation: undefined, motivationDeferredUntil: '2026-03-05' })))).toEqual([]);
  });
});

describe('AWB-3-47-DEFERRED (art. 3:47 Awb: within one week)', () => {
  const deferred = (until: string, motivation?: Procedure['motivation']) =>
    issued172a({}, { notifiedAt: '2026-03-01T10:00:00+01:00', motivationDeferredUntil: until, motivation });

  it.each([
    ['7 days after notification', '2026-03-08', false],
    ['8 days after notification', '2026-03-09', true],
    ['an instant on the 7th day', '2026-03-08T18:00:00+01:00', false],
  ])('deferred until %s → fires: %p', (_label, until, fires) => {
    const findings = checkAwb347Deferred(ctxFor(deferred(until), { now: '2026-03-02T10:00:00+01:00' }));
    expect(findings.map((f) => f.path)).toEqual(fires ? ['procedure.motivationDeferredUntil'] : []);
  });

  it('once the deferral has passed, the motivation must be complete', () => {
    const now = '2026-03-09T10:00:00+01:00';
    expect(checkAwb347Deferred(ctxFor(deferred('2026-03-08'), { now }))).toEqual([
      expect.objectContaining({ ruleId: 'AWB-3-47-DEFERRED', path: 'procedure.motivation' }),
    ]);
    expect(checkAwb347Deferred(ctxFor(deferred('2026-03-08', order172a().procedure.motivation), { now }))).toEqual([]);
  });

  it('says nothing without a deferral', () => {
    expect(checkAwb347Deferred(ctxFor(order172a({}, { motivation: undefined })))).toEqual([]);
  });
});
