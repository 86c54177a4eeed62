import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { EmbeddedPostgres } from './embedded-postgres';

/** Thrown when the database cannot be reached; its message is the one line the entry points print. */
export class DatabaseUnavailableError extends Error {
  constructor(where: string, cause: unknown) {
    super(`Cannot connect to the database at ${where}: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'DatabaseUnavailableError';
  }
}

export interface OpenDatabase {
  dataSource: DataSource;
  embedded?: EmbeddedPostgres;
  /** Closes the connection pool, then (embedded) PGlite and the data-folder lock. */
  close(): Promise<void>;
}

/** Where the database is, without credentials: safe to print. */
export function describeDatabase(config: AppConfig): string {
  if (config.database.mode === 'embedded') return `embedded PGlite in ${config.database.dataDir}`;
  const u = new URL(config.database.url);
  return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
}

/**
 * Starts the embedded database when no `DATABASE_URL` is set, then connects once (no retries: a wrong or
 * unreachable database is a configuration error, reported as one line).
 */
export async function openDatabase(config: AppConfig, onLockLost: (err: Error) => void = () => undefined): Promise<OpenDatabase> {
  const embedded =
    config.database.mode === 'embedded' ? await EmbeddedPostgres.start(config.database.dataDir, onLockLost) : undefined;
  const dataSource = new DataSource(dataSourceOptions(config, embedded?.connection));
  try {
    await dataSource.initialize();
  } catch (e) {
    await embedded?.stop();
    throw new DatabaseUnavailableError(describeDatabase(config), e);
  }
  return {
    dataSource,
    embedded,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}

/** Applies pending migrations, or (when the service may not migrate) refuses to run on an outdated schema. */
export async function prepareSchema(dataSource: DataSource, migrate: boolean): Promise<string[]> {
  if (migrate) {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  }
  if (await dataSource.showMigrations()) {
    throw new Error('The database schema is behind: run `npm run migration:run` first, or set MIGRATIONS_RUN=true');
  }
  return [];
}
