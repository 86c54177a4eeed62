import { squareAround } from '../geofence/synthetic-zones';
import type { BreachOrder } from './breach-types';

/** Harderwijk's centre, where the test zones lie. */
export const CENTRE = { lon: 5.62, lat: 52.35 };

/**
 * An issued, notified continuous 172a area-ban order of spring 2026 with one 600 × 600 m zone around {@link CENTRE}
 * (its geometry carried on the order), for the breach specs; override what a case needs.
 */
export function testOrder(overrides: Partial<BreachOrder> = {}): BreachOrder {
  return {
    id: 'order-1',
    version: 3,
    municipalityCode: 'GM0243',
    personId: 'person-1',
    basis: { kind: 'GEMW_172A', ground: 'REPEATED' },
    measures: [{ type: 'AREA_BAN', zoneIds: ['centre'], zoneVersionIds: ['centre-v2'] }],
    validity: { mode: 'CONTINUOUS', start: '2026-03-01T00:00:00+01:00', end: '2026-06-01T00:00:00+02:00' },
    incidents: [],
    procedure: { signatory: { role: 'MAYOR', name: 'Burgemeester' }, notifiedAt: '2026-02-27T14:00:00+01:00' },
    status: 'ISSUED',
    extensions: [],
    exemptions: [],
    suspensions: [],
    zones: [{ zoneId: 'centre', zoneVersionId: 'centre-v2', geometry: squareAround(CENTRE.lon, CENTRE.lat, 300) }],
    ...overrides,
  };
}
