import request from 'supertest';
import type { TestApp } from './test-app';

/** A person registered through the API (as the mayor's office of `municipality`, unless a token is given). */
export async function createPerson(t: TestApp, municipality = 'GM1706', overrides: Record<string, unknown> = {}, token?: string): Promise<string> {
  const auth = token ?? (await t.token('mayor-office', [municipality]));
  const res = await request(t.http)
    .post('/api/v1/persons')
    .set('Authorization', `Bearer ${auth}`)
    .send({ municipalityCode: municipality, name: 'Test Persoon', dateOfBirth: '1995-03-14', ...overrides })
    .expect(201);
  return res.body.id;
}

/** The id of the first demo zone of a municipality (demo data must be loaded). */
export async function demoZoneId(t: TestApp, municipality: string): Promise<string> {
  const rows = await t.dataSource.query(`SELECT id FROM zone WHERE municipality_code = $1 AND is_demo ORDER BY created_at, id LIMIT 1`, [municipality]);
  if (!rows.length) throw new Error(`no demo zone for ${municipality}`);
  return rows[0].id;
}

export const FULL_MOTIVATION = {
  fear: 'Er is ernstige vrees voor verdere verstoring van de openbare orde: betrokkene verstoorde herhaaldelijk de orde in het centrum.',
  suitability: 'Een gebiedsverbod houdt betrokkene weg uit het gebied waar de verstoringen plaatsvonden.',
  necessity: 'Eerdere waarschuwingen hielpen niet; een kleiner gebied of kortere duur volstaat niet.',
  balance: 'Woning, werk, school en zorg liggen buiten het gebied; de routes ernaartoe blijven open.',
};

/**
 * The body of a well-formed 172a draft in Cranendonck: a Friday/Saturday-night area ban from `zoneId` with a Saturday
 * reporting duty, December to March, two incidents, full motivation. `overrides` replace top-level fields.
 */
export function order172aBody(personId: string, zoneId: string, overrides: Record<string, unknown> = {}) {
  return {
    municipalityCode: 'GM1706',
    personId,
    basis: { kind: 'GEMW_172A', ground: 'REPEATED' },
    measures: [
      { type: 'AREA_BAN', zoneIds: [zoneId], schedule: [{ days: ['FRI', 'SAT'], from: '20:00', to: '06:00' }] },
      { type: 'REPORTING_DUTY', place: { name: 'Politiebureau Budel', municipalityCode: 'GM1706' }, slots: [{ days: ['SAT'], at: '13:00', windowMinutes: 30 }] },
    ],
    validity: { mode: 'CONTINUOUS', start: '2026-12-05T00:00:00+01:00', end: '2027-03-05T00:00:00+01:00' },
    incidents: [
      { at: '2026-10-03T22:10:00+02:00', description: 'Vechtpartij op de Markt', reportRef: 'PL2100-2026-101' },
      { at: '2026-11-14T23:40:00+01:00', description: 'Intimidatie van winkelpersoneel', reportRef: 'PL2100-2026-187' },
    ],
    procedure: { signatory: { role: 'MAYOR', name: 'Burgemeester van Cranendonck' }, motivation: FULL_MOTIVATION },
    ...overrides,
  };
}
