import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { testDatabaseEnv } from '../helpers/test-app';

const BASE_TABLES = ['audit_event', 'municipality', 'order', 'order_version', 'person', 'processing_log', 'seed_history', 'zone', 'zone_version'];

async function tables(ds: DataSource): Promise<string[]> {
  const rows: { tablename: string }[] = await ds.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'typeorm_migrations' ORDER BY 1`,
  );
  return rows.map((r) => r.tablename);
}

describe(`migrations on ${process.env.TEST_DATABASE_KIND ?? 'the test database'}`, () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = new DataSource(dataSourceOptions(loadConfig({ ...process.env, ...testDatabaseEnv() })));
    await ds.initialize();
  });
  afterAll(async () => {
    // Leave the schema complete for the test files that follow.
    await ds.runMigrations({ transaction: 'each' });
    await ds.destroy();
  });

  it('revert one by one down to an empty schema, then apply again on the empty database', async () => {
    expect(await tables(ds)).toEqual(expect.arrayContaining(BASE_TABLES));
    for (let i = 0; i < ds.migrations.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    expect(await tables(ds)).toEqual([]);
    expect(await ds.query('SELECT count(*)::int AS n FROM typeorm_migrations')).toEqual([{ n: 0 }]);

    const applied = await ds.runMigrations({ transaction: 'each' });
    expect(applied).toHaveLength(ds.migrations.length);
    expect(await tables(ds)).toEqual(expect.arrayContaining(BASE_TABLES));
    expect(await ds.showMigrations()).toBe(false);
  });

  it('enforces the audit and versioning constraints the design relies on', async () => {
    await ds.query(`INSERT INTO municipality (code, name) VALUES ('GM9999', 'Testgemeente') ON CONFLICT DO NOTHING`);
    await expect(ds.query(`INSERT INTO municipality (code, name) VALUES ('XX1', 'Bad')`)).rejects.toThrow(/ck_municipality_code/);
    const [{ id }] = await ds.query(`INSERT INTO zone (municipality_code, created_by) VALUES ('GM9999', 't') RETURNING id`);
    const version = `INSERT INTO zone_version (zone_id, version, name, geometry, bbox_min_lon, bbox_min_lat, bbox_max_lon,
                     bbox_max_lat, vertex_count, geometry_hash, created_by)
                     VALUES ($1, 1, 'z', '{}'::jsonb, 0, 0, 0, 0, 0, repeat('0', 64), 't')`;
    await ds.query(version, [id]);
    await expect(ds.query(version, [id])).rejects.toThrow(/uq_zone_version_zone_version/);
    await ds.query(`DELETE FROM zone_version WHERE zone_id = $1`, [id]);
    await ds.query(`DELETE FROM zone WHERE id = $1`, [id]);
    await ds.query(`DELETE FROM municipality WHERE code = 'GM9999'`);
  });
});
