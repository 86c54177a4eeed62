import { assertTransition, effectiveStatus, statusAfter, type OrderAction } from './lifecycle';
import type { OrderState, OrderStatus } from './order';

function order(status: OrderStatus, end = '2027-03-05T00:00:00+01:00', extra: Partial<OrderState> = {}): OrderState {
  return {
    municipalityCode: 'GM1706',
    personId: 'p',
    basis: { kind: 'GEMW_172A', ground: 'REPEATED' },
    measures: [{ type: 'AREA_BAN', zoneIds: ['z'] }],
    validity: { mode: 'CONTINUOUS', start: '2026-12-05T00:00:00+01:00', end },
    incidents: [],
    procedure: { signatory: { role: 'MAYOR', name: 'B' } },
    status,
    extensions: [],
    exemptions: [],
    suspensions: [],
    ...extra,
  };
}

describe('order lifecycle', () => {
  it.each<[Exclude<OrderAction, 'CREATE'>, OrderStatus, boolean]>([
    ['ISSUE', 'DRAFT', true],
    ['ISSUE', 'INTENT_SENT', true],
    ['ISSUE', 'ISSUED', false],
    ['SEND_INTENT', 'INTENT_SENT', false],
    ['RECORD_VIEW', 'DRAFT', false],
    ['EXTEND', 'ISSUED', true],
    ['EXTEND', 'EXPIRED', true],
    ['EXTEND', 'WITHDRAWN', false],
    ['EXTEND', 'DRAFT', false],
    ['AMEND', 'EXPIRED', false],
    ['UPDATE_DRAFT', 'ISSUED', false],
    ['LIFT_SUSPENSION', 'ISSUED', false],
    ['LIFT_SUSPENSION', 'SUSPENDED', true],
    ['WITHDRAW', 'REVOKED', false],
    ['REVOKE', 'SUSPENDED', true],
  ])('%s from %s is allowed: %s', (action, status, allowed) => {
    const attempt = () => assertTransition(action, status);
    if (allowed) expect(attempt).not.toThrow();
    else expect(attempt).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }));
  });

  it('shows a running order as EXPIRED from its (extended) end on, exactly at the end instant', () => {
    const o = order('EXTENDED', '2027-03-05T00:00:00+01:00', {
      extensions: [{ decidedAt: '2027-03-01T10:00:00+01:00', previousEnd: '2027-03-05T00:00:00+01:00', newEnd: '2027-06-05T00:00:00+02:00' }],
    });
    expect(effectiveStatus(o, '2027-06-04T23:59:59+02:00')).toBe('EXTENDED');
    expect(effectiveStatus(o, '2027-06-05T00:00:00+02:00')).toBe('EXPIRED');
    expect(effectiveStatus(order('WITHDRAWN'), '2030-01-01T00:00:00Z')).toBe('WITHDRAWN');
  });

  it('restores the status a suspension interrupted', () => {
    const suspended = { ...order('SUSPENDED'), statusBeforeSuspension: 'EXTENDED' as const };
    expect(statusAfter('LIFT_SUSPENSION', suspended)).toBe('EXTENDED');
    expect(statusAfter('SUSPEND', order('AMENDED'))).toBe('SUSPENDED');
    expect(statusAfter('RECORD_REVIEW', order('AMENDED'))).toBe('AMENDED');
  });
});
