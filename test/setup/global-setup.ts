import 'reflect-metadata';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';

/**
 * Runs once, in plain Node outside the test VM (PGlite cannot start inside Jest's VM). Without
 * `TEST_DATABASE_URL` it starts an in-memory PGlite behind a loopback socket and points the tests at it; with it,
 * it empties that (real PostgreSQL) database. Either way the real migrations are applied once.
 */
export default async function globalSetup(): Promise<void> {
  if (!process.env.TEST_DATABASE_URL) {
    const db = await PGlite.create();
    // Room for a closing connection to linger while the next test file connects; each app still uses a pool of one.
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
    await server.start();
    process.env.TEST_DATABASE_URL = `postgres://postgres@${server.getServerConn()}/postgres`;
    process.env.TEST_DATABASE_KIND = 'pglite';
    (globalThis as Record<string, unknown>).__PGLITE__ = { db, server };
  } else {
    process.env.TEST_DATABASE_KIND = 'postgres';
  }
  const ds = new DataSource({ type: 'postgres', url: process.env.TEST_DATABASE_URL, migrations: MIGRATIONS, migrationsTableName: 'typeorm_migrations', extra: { max: 1 } });
  await ds.initialize();
  try {
    if (process.env.TEST_DATABASE_KIND === 'postgres') {
      await ds.query('DROP SCHEMA IF EXISTS public CASCADE');
      await ds.query('CREATE SCHEMA public');
    }
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
}
