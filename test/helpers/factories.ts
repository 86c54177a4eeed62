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
