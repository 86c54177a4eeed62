import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';

/** The machine's own PostgreSQL, used by the process-level tests when the suite runs on PGlite. */
const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ScratchDatabase {
  url: string;
  /** Drops the database, ending its remaining sessions. */
  drop(): Promise<void>;
}

/**
 * The real PostgreSQL server the process-level tests may use: the one of TEST_DATABASE_URL when the suite runs on
 * PostgreSQL, else the machine's own at 127.0.0.1:5432 when it answers. Returns null (with the reason) when
 * there is none, so that such a test is skipped with a clear message instead of failing.
 */
export async function realPostgresServer(): Promise<{ url: string } | { unavailable: string }> {
  const url = process.env.TEST_DATABASE_KIND === 'postgres' && process.env.TEST_DATABASE_URL ? process.env.TEST_DATABASE_URL : LOCAL_POSTGRES;
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { url };
  } catch (e) {
    return { unavailable: `no real PostgreSQL at ${new URL(url).host} (${(e as Error).message})` };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Creates a fresh database (its own name, so parallel runs and the shared test database are untouched) on the
 * server of `serverUrl`, with the real migrations applied.
 */
export async function createScratchDatabase(serverUrl: string, label: string): Promise<ScratchDatabase> {
  const name = `ordreg_${label}_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const ds = new DataSource({ type: 'postgres', url, migrations: MIGRATIONS, migrationsTableName: 'typeorm_migrations', extra: { max: 1 } });
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
  return {
    url,
    async drop() {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
