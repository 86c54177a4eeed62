import type { DataSourceOptions } from 'typeorm';

type PostgresConnectionOptions = Extract<DataSourceOptions, { type: 'postgres' }>;
import { MIGRATIONS } from '../../migrations';
import type { AppConfig } from '../config/app-config';
import type { EmbeddedConnection } from './embedded-postgres';
import { ENTITIES } from './entities';

/**
 * The one data-source options object, used by the app, the tests and the migration CLI. The schema comes only
 * from `migrations/` (`synchronize: false`); migrations are run explicitly, never implicitly on connect.
 */
export function dataSourceOptions(config: AppConfig, embedded?: EmbeddedConnection): PostgresConnectionOptions {
  const db = config.database;
  const target =
    db.mode === 'external'
      ? { url: db.url }
      : { host: embedded!.host, port: embedded!.port, username: embedded!.username, database: embedded!.database };
  return {
    type: 'postgres',
    ...target,
    applicationName: 'ordreg',
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    migrationsRun: false,
    synchronize: false,
    logging: false,
    // Fail fast when the database is away: a connection (or a free pool slot) within connectTimeoutMs, no statement
    // longer than queryTimeoutMs, and TCP keepalive so a silently dropped connection is noticed.
    extra: {
      max: db.poolMax,
      connectionTimeoutMillis: db.connectTimeoutMs,
      query_timeout: db.queryTimeoutMs,
      statement_timeout: db.queryTimeoutMs,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    },
  };
}
