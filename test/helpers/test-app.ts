import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import type { Server } from 'node:http';
import type { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { signDevToken } from '../../src/auth/dev-token';
import type { Role } from '../../src/auth/principal';
import { SystemClock, type Clock } from '../../src/common/clock';
import { loadConfig, type AppConfig } from '../../src/config/app-config';
import { configureApp, createHttpAdapter } from '../../src/configure-app';
import { openDatabase, type OpenDatabase } from '../../src/database/open-database';

export interface TestApp {
  app: NestFastifyApplication;
  http: Server;
  dataSource: DataSource;
  config: AppConfig;
  clock: Clock;
  /** A valid development token for the roles and municipalities given. */
  token(roles: Role | Role[], municipalities?: string[], extra?: { expiresIn?: number; secret?: string; sub?: string }): Promise<string>;
  close(): Promise<void>;
}

/** Rate limits no ordinary test reaches (a test of the limits sets its own through `env`). */
export const HIGH_RATE_LIMITS = { RATE_LIMIT_READS: '1000000', RATE_LIMIT_WRITES: '1000000', RATE_LIMIT_BREACH_CHECKS: '1000000' };

/** The test database's URL and pool size (PGlite is single-connection). */
export function testDatabaseEnv(): Record<string, string> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests through jest (global setup)');
  const pglite = process.env.TEST_DATABASE_KIND === 'pglite';
  // PGlite serves one connection: no dedicated LISTEN connection for the register sync there.
  return { DATABASE_URL: url, DATABASE_POOL_MAX: pglite ? '1' : '5', SYNC_LISTEN: pglite ? 'false' : 'true' };
}

/** The real app module and the production pipeline (`configureApp`), on the test database. */
export async function createTestApp(options: { clock?: Clock; env?: Record<string, string> } = {}): Promise<TestApp> {
  const config = loadConfig({ ...process.env, ...testDatabaseEnv(), MIGRATIONS_RUN: 'false', DEMO_DATA: 'true', PORT: '0', ...HIGH_RATE_LIMITS, ...options.env });
  const db: OpenDatabase = await openDatabase(config);
  const clock = options.clock ?? new SystemClock();
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ config, dataSource: db.dataSource, clock }),
    createHttpAdapter(config),
    { logger: false },
  );
  await configureApp(app, config);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    http: app.getHttpServer() as Server,
    dataSource: db.dataSource,
    config,
    clock,
    token: (roles, municipalities = ['GM1706'], extra = {}) =>
      signDevToken(config.jwt, { roles: Array.isArray(roles) ? roles : [roles], municipalities, ...extra }),
    async close() {
      await app.close();
      await db.close();
    },
  };
}
