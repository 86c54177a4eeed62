import type { OrderState, OrderStatus } from '../order/order';
import { checkAwb341Notification, checkAwb67ObjectionTerm, checkAwbSuspension, orderObjectionDeadline } from './awb-notification';
import { ctxFor, ids, issued172a, municipality, order172a } from './testing/fixtures';

describe('AWB-3-41-NOTIFICATION (art. 3:40 and 3:41 Awb)', () => {
  it('a draft under CHECK needs no notification yet', () => {
    expect(checkAwb341Notification(ctxFor(order172a()))).toEqual([]);
  });

  it('issuing requires the notification date and method', () => {
    expect(checkAwb341Notification(ctxFor(order172a(), { action: { kind: 'ISSUE' } })).map((f) => f.path)).toEqual([
      'procedure.notifiedAt',
      'procedure.notificationMethod',
    ]);
    expect(checkAwb341Notification(ctxFor(issued172a({ status: 'DRAFT' }), { action: { kind: 'ISSUE' } }))).toEqual([]);
  });

  it.each<[OrderStatus, boolean]>([
    ['INTENT_SENT', false],
    ['ISSUED', true],
    ['EXTENDED', true],
    ['SUSPENDED', true],
    ['EXPIRED', true],
  ])('an unnotified order with status %s → fires: %p', (status, fires) => {
    expect(ids(checkAwb341Notification(ctxFor(order172a({ status }, { notificationMethod: 'MAIL' }))))).toEqual(fires ? ['AWB-3-41-NOTIFICATION'] : []);
  });

  it('a notification dated after now has not happened', () => {
    const order = order172a({}, { notifiedAt: '2026-03-01T12:01:00+01:00', notificationMethod: 'HANDED' });
    expect(checkAwb341Notification(ctxFor(order, { action: { kind: 'ISSUE' } }))).toEqual([
      expect.objectContaining({ ruleId: 'AWB-3-41-NOTIFICATION', severity: 'error', message: expect.stringContaining('not happened') }),
    ]);
    const onTime = order172a({}, { notifiedAt: '2026-03-01T12:00:00+01:00', notificationMethod: 'HANDED' });
    expect(checkAwb341Notification(ctxFor(onTime, { action: { kind: 'ISSUE' } }))).toEqual([]);
  });

  it('an amendment is a new decision that is notified', () => {
    const unnotified = issued172a({ version: 2 }, { notifiedAt: undefined, notificationMethod: undefined });
    const ctx = ctxFor({ ...unnotified, status: 'DRAFT' }, { action: { kind: 'AMEND', previous: issued172a(), direction: 'FAVOUR' } });
    expect(checkAwb341Notification(ctx)).toHaveLength(2);
  });
});

describe('AWB-6-7-OBJECTION-TERM (art. 6:7, 6:8 Awb; Atw)', () => {
  const notified = (notifiedAt: string, objectionDeadline?: string) =>
    issued172a({}, { notifiedAt, notificationMethod: 'MAIL', objectionDeadline });

  it.each([
    ['the computed day', '2026-09-01T10:00:00+02:00', '2026-10-13', false],
    ['a day too early', '2026-09-01T10:00:00+02:00', '2026-10-12', true],
    ['a day too late', '2026-09-01T10:00:00+02:00', '2026-10-14', true],
    ["King's Day itself instead of the day after", '2026-03-16T10:00:00+01:00', '2026-04-27', true],
    ["the day after King's Day", '2026-03-16T10:00:00+01:00', '2026-04-28', false],
  ])('a decision stating %s → fires: %p', (_label, notifiedAt, stated, fires) => {
    const findings = checkAwb67ObjectionTerm(ctxFor(notified(notifiedAt, stated), { now: '2026-10-01T10:00:00+02:00' }));
    expect(findings).toEqual(fires ? [expect.objectContaining({ ruleId: 'AWB-6-7-OBJECTION-TERM', severity: 'error', path: 'procedure.objectionDeadline' })] : []);
  });

  it('says nothing when no deadline is stated or the order is not notified', () => {
    expect(checkAwb67ObjectionTerm(ctxFor(notified('2026-03-01T10:00:00+01:00')))).toEqual([]);
    expect(checkAwb67ObjectionTerm(ctxFor(order172a({}, { objectionDeadline: '2026-04-13' })))).toEqual([]);
  });

  it('computes the deadline with the municipality zone and extra holidays', () => {
    const order = notified('2026-08-31T22:30:00Z'); // 1 Sep 00:30 in Amsterdam
    expect(orderObjectionDeadline(order, municipality())).toBe('2026-10-13');
    expect(orderObjectionDeadline(order, municipality({ extraHolidays: ['2026-10-13'] }))).toBe('2026-10-14');
    expect(orderObjectionDeadline(order172a(), municipality())).toBeUndefined();
  });
});

describe('AWB-SUSPENSION (art. 8:81 and 7:11 Awb)', () => {
  const now = '2026-04-10T12:00:00+02:00';
  const suspension = { from: '2026-04-01T09:00:00+02:00', until: '2026-04-20T09:00:00+02:00' };

  it.each<[string, Partial<OrderState>, string[]]>([
    ['suspended while a suspension runs', { status: 'SUSPENDED', suspensions: [suspension] }, []],
    ['suspended by an open-ended suspension', { status: 'SUSPENDED', suspensions: [{ from: suspension.from }] }, []],
    ['issued while a suspension runs', { status: 'ISSUED', suspensions: [suspension] }, ['status']],
    ['suspended without a suspension', { status: 'SUSPENDED' }, ['status']],
    ['issued after the suspension ended', { status: 'ISSUED', suspensions: [{ ...suspension, until: '2026-04-05T09:00:00+02:00' }] }, []],
    ['a suspension ending before it starts', { status: 'ISSUED', suspensions: [{ ...suspension, until: '2026-03-30' }] }, ['suspensions[0].until']],
    ['revoked with revokedAt', { status: 'REVOKED', revokedAt: '2026-04-05T09:00:00+02:00' }, []],
    ['revoked without revokedAt', { status: 'REVOKED' }, ['revokedAt']],
    ['issued with revokedAt', { status: 'ISSUED', revokedAt: '2026-04-05T09:00:00+02:00' }, ['revokedAt']],
  ])('%s → %p', (_label, overrides, paths) => {
    const findings = checkAwbSuspension(ctxFor(issued172a(overrides), { now }));
    expect(findings.map((f) => f.path)).toEqual(paths);
    findings.forEach((f) => expect(f).toMatchObject({ ruleId: 'AWB-SUSPENSION', severity: 'error' }));
  });

  it('the suspension ends at its until (half-open)', () => {
    const order = issued172a({ status: 'ISSUED', suspensions: [suspension] });
    expect(checkAwbSuspension(ctxFor(order, { now: '2026-04-20T08:59:00+02:00' }))).toHaveLength(1);
    expect(checkAwbSuspension(ctxFor(order, { now: '2026-04-20T09:00:00+02:00' }))).toEqual([]);
  });
});
