import type { Exemption, OrderState } from '../order/order';
import { checkGw172aAmend, checkGw172aExemption, checkGw172aReview } from './gw172a-lifecycle';
import type { AmendmentDirection } from './rule-context';
import { apvOrder, ctxFor, ids, issued172a, municipality, order172a } from './testing/fixtures';

const previous = issued172a();
const newIncident = { at: '2026-03-20T23:00:00+01:00', description: 'Entered the zone with the group', reportRef: 'PL2100-2026-30' };
const newMotivation = {
  fear: 'He returned with the group despite the ban.',
  suitability: 'A group ban adds to the area ban.',
  necessity: 'The area ban alone did not stop the meetings.',
  balance: 'No home, work or school in the zone.',
};

function amended(overrides: Partial<OrderState> = {}): OrderState {
  return issued172a(
    { version: 2, status: 'AMENDED', incidents: [...previous.incidents, newIncident], ...overrides },
    { motivation: newMotivation, notifiedAt: '2026-03-25T10:00:00+01:00' },
  );
}

function amendCtx(order: OrderState, direction: AmendmentDirection = 'DETRIMENT', now = '2026-03-25T12:00:00+01:00') {
  return ctxFor(order, { now, action: { kind: 'AMEND', previous, direction } });
}

describe('GW172A-AMEND (art. 172a lid 7 and 9)', () => {
  it('accepts a new version with its own motivation resting on a new fact', () => {
    expect(checkGw172aAmend(amendCtx(amended()))).toEqual([]);
  });

  it('repeating the previous motivation verbatim is no motivation of its own', () => {
    const copy = issued172a({ version: 2, incidents: amended().incidents });
    expect(checkGw172aAmend(amendCtx(copy))).toEqual([expect.objectContaining({ ruleId: 'GW172A-AMEND', path: 'procedure.motivation' })]);
  });

  it('an amendment without motivation fires', () => {
    const bare = { ...amended(), procedure: { ...amended().procedure, motivation: undefined } };
    expect(checkGw172aAmend(amendCtx(bare)).map((f) => f.path)).toEqual(['procedure.motivation']);
  });

  it.each<[AmendmentDirection, boolean]>([
    ['DETRIMENT', true],
    ['FAVOUR', false],
  ])('without a new fact, direction %s → fires: %p', (direction, fires) => {
    const noNewFacts = amended({ incidents: previous.incidents });
    expect(ids(checkGw172aAmend(amendCtx(noNewFacts, direction)))).toEqual(fires ? ['GW172A-AMEND'] : []);
  });

  it('an ended order cannot be amended (one minute before the end passes, at the end fails)', () => {
    expect(checkGw172aAmend(amendCtx(amended(), 'DETRIMENT', '2026-06-01T23:59:00+02:00'))).toEqual([]);
    expect(checkGw172aAmend(amendCtx(amended(), 'DETRIMENT', '2026-06-02T00:00:00+02:00'))).toEqual([
      expect.objectContaining({ path: 'status' }),
    ]);
  });

  it('a withdrawn order cannot be amended', () => {
    const ctx = ctxFor(amended(), {
      now: '2026-03-25T12:00:00+01:00',
      action: { kind: 'AMEND', previous: { ...previous, status: 'WITHDRAWN', withdrawnAt: '2026-03-20T10:00:00+01:00' }, direction: 'FAVOUR' },
    });
    expect(ids(checkGw172aAmend(ctx))).toEqual(['GW172A-AMEND']);
  });

  it('must be the next version for the same person', () => {
    expect(checkGw172aAmend(amendCtx(amended({ version: 3 }))).map((f) => f.path)).toEqual(['version']);
    expect(checkGw172aAmend(amendCtx(amended({ personId: 'person-2' }))).map((f) => f.path)).toEqual(['personId']);
  });

  it('says nothing outside action AMEND', () => {
    expect(checkGw172aAmend(ctxFor(amended({ incidents: previous.incidents })))).toEqual([]);
  });
});

const exemption = (overrides: Partial<Exemption> = {}): Exemption => ({
  id: 'ex-1',
  from: '2026-04-14T08:00:00+02:00',
  until: '2026-04-14T13:00:00+02:00',
  zoneIds: ['centrum'],
  conditions: 'Court hearing; direct route from the station.',
  ...overrides,
});

describe('GW172A-EXEMPTION (art. 172a lid 8)', () => {
  it.each([
    ['a temporary exemption for a zone of the order', exemption(), undefined],
    ['an exemption without zones (all zones)', exemption({ zoneIds: undefined }), undefined],
    ['an exemption on a calendar day', exemption({ from: '2026-04-14', until: '2026-04-14' }), undefined],
    ['an exemption ending before it starts', exemption({ until: '2026-04-14T07:00:00+02:00' }), 'exemptions[0].until'],
    ['an exemption outside the order period', exemption({ from: '2026-07-01T08:00:00+02:00', until: '2026-07-01T12:00:00+02:00' }), 'exemptions[0].from'],
    ['an exemption for a zone the order does not name', exemption({ zoneIds: ['haven'] }), 'exemptions[0].zoneIds'],
  ])('%s → %p', (_label, ex, path) => {
    const findings = checkGw172aExemption(ctxFor(issued172a({ exemptions: [ex] })));
    expect(findings.map((f) => f.path)).toEqual(path ? [path] : []);
  });

  it('rejects a reused exemption id', () => {
    const order = issued172a({ exemptions: [exemption(), exemption({ from: '2026-04-20T08:00:00+02:00', until: '2026-04-20T10:00:00+02:00' })] });
    expect(checkGw172aExemption(ctxFor(order)).map((f) => f.path)).toEqual(['exemptions[1].id']);
  });

  it('grants a proposed exemption only on an issued order that still runs', () => {
    const grant = { kind: 'GRANT_EXEMPTION' as const, exemption: exemption() };
    expect(checkGw172aExemption(ctxFor(issued172a(), { now: '2026-04-01T10:00:00+02:00', action: grant }))).toEqual([]);
    expect(checkGw172aExemption(ctxFor(order172a(), { now: '2026-04-01T10:00:00+02:00', action: grant }))).toEqual([
      expect.objectContaining({ ruleId: 'GW172A-EXEMPTION', path: 'status' }),
    ]);
    expect(checkGw172aExemption(ctxFor(issued172a(), { now: '2026-06-02T00:00:00+02:00', action: grant })).map((f) => f.path)).toEqual([
      'status',
    ]);
  });

  it('says nothing about an order without exemptions', () => {
    expect(checkGw172aExemption(ctxFor(apvOrder()))).toEqual([]);
  });
});

describe('GW172A-REVIEW (policy; art. 172a lid 9)', () => {
  // Notified 1 March 2026 10:00 +01:00; four calendar weeks later is 29 March 10:00, after the spring change (+02:00).
  it.each([
    ['4 weeks less 1 minute after the notification', '2026-03-29T09:59:00+02:00', false],
    ['4 weeks after the notification', '2026-03-29T10:00:00+02:00', true],
    ['6 weeks after the notification', '2026-04-12T10:00:00+02:00', true],
  ])('%s → warns: %p', (_label, now, fires) => {
    const findings = checkGw172aReview(ctxFor(issued172a(), { now }));
    expect(findings).toEqual(fires ? [expect.objectContaining({ ruleId: 'GW172A-REVIEW', severity: 'warning' })] : []);
  });

  it('a recorded review or an extension decision restarts the 4 weeks', () => {
    const now = '2026-04-12T10:00:00+02:00';
    expect(checkGw172aReview(ctxFor(issued172a({ lastReviewedAt: '2026-04-01T10:00:00+02:00' }), { now }))).toEqual([]);
    const ext = { decidedAt: '2026-04-10T10:00:00+02:00', previousEnd: '2026-06-02T00:00:00+02:00', newEnd: '2026-08-02T00:00:00+02:00', motivation: { fear: 'x' } };
    expect(checkGw172aReview(ctxFor(issued172a({ extensions: [ext] }), { now }))).toEqual([]);
  });

  it('is an error where the municipality configures it so, and follows the configured weeks', () => {
    const now = '2026-03-22T10:00:00+01:00';
    expect(checkGw172aReview(ctxFor(issued172a(), { now }))).toEqual([]);
    const strict = municipality({ numbers: { 'review.warnAfterWeeks': 3 }, policyRulesAsErrors: ['GW172A-REVIEW'] });
    expect(checkGw172aReview(ctxFor(issued172a(), { now, municipality: strict }))).toEqual([expect.objectContaining({ severity: 'error' })]);
  });

  it('only warns about an active 172a order', () => {
    const now = '2026-04-12T10:00:00+02:00';
    expect(checkGw172aReview(ctxFor(order172a(), { now }))).toEqual([]);
    expect(checkGw172aReview(ctxFor(issued172a({ status: 'SUSPENDED' }), { now }))).toEqual([]);
    expect(checkGw172aReview(ctxFor(issued172a(), { now: '2026-06-02T00:00:00+02:00' }))).toEqual([]);
    expect(checkGw172aReview(ctxFor(issued172a({ withdrawnAt: '2026-04-01T10:00:00+02:00' }), { now }))).toEqual([]);
    expect(checkGw172aReview(ctxFor(apvOrder({ status: 'ISSUED' }), { now: '2026-03-02T14:00:00+01:00' }))).toEqual([]);
  });
});
