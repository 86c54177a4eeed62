import type { OrderState, ReportingPlace, ReportingSlotPattern } from '../../order/order';

export const AMS = 'Europe/Amsterdam';
export const PLACE: ReportingPlace = { name: 'Politiebureau Budel', municipalityCode: 'GM1706' };

/** An issued and notified continuous 172a order with a reporting duty, for the reporting specs. */
export function reportingOrder(overrides: Partial<OrderState> = {}, slots: ReportingSlotPattern[] = [{ days: ['SAT'], at: '13:00', windowMinutes: 30 }]): OrderState {
  return {
    id: 'order-1',
    municipalityCode: 'GM1706',
    personId: 'person-1',
    basis: { kind: 'GEMW_172A', ground: 'REPEATED' },
    measures: [{ type: 'REPORTING_DUTY', place: PLACE, slots }],
    validity: { mode: 'CONTINUOUS', start: '2026-01-01T00:00:00+01:00', end: '2026-12-31T00:00:00+01:00' },
    incidents: [],
    procedure: { signatory: { role: 'MAYOR', name: 'Burgemeester' }, notifiedAt: '2025-12-30T10:00:00+01:00' },
    status: 'ISSUED',
    extensions: [],
    exemptions: [],
    suspensions: [],
    ...overrides,
  };
}
