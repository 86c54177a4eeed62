import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger, PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { loadConfig, type AppConfig } from './config/app-config';
import { API_PREFIX, configureApp, createHttpAdapter } from './configure-app';
import { describeDatabase, openDatabase, prepareSchema, type OpenDatabase } from './database/open-database';
import { SeedService } from './modules/seed/seed.service';

export interface RunningService {
  app: NestFastifyApplication;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the whole service: database (embedded PGlite or `DATABASE_URL`), schema, reference and demo data, HTTP.
 * Anything that fails on the way is undone (connections closed, data folder released) before the error is rethrown.
 */
export async function startService(config: AppConfig, onFatal: (err: Error) => void = () => undefined): Promise<RunningService> {
  const db: OpenDatabase = await openDatabase(config, onFatal);
  let app: NestFastifyApplication | undefined;
  try {
    const applied = await prepareSchema(db.dataSource, config.migrationsRun);
    app = await NestFactory.create<NestFastifyApplication>(
      AppModule.forRoot({ config, dataSource: db.dataSource }),
      createHttpAdapter(config),
      { bufferLogs: true },
    );
    await configureApp(app, config);
    const logger = app.get(Logger);
    if (applied.length) logger.log(`Applied migrations: ${applied.join(', ')}`, 'Database');
    const seeded = await app.get(SeedService).loadOnce();
    if (seeded.length) logger.log(`Loaded data sets: ${seeded.join(', ')}`, 'Seed');
    await app.listen(config.port, config.host);
  } catch (e) {
    await app?.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    throw e;
  }
  const started = app;
  const url = (await started.getUrl()).replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');
  let stopping: Promise<void> | undefined;
  return {
    app: started,
    url,
    stop: () => (stopping ??= started.close().then(() => db.close())),
  };
}

function fail(message: string): never {
  process.stderr.write(`ordreg: ${message.split('\n')[0]}\n`);
  process.exit(1);
}

/** The `npm start` entry point: one clear line and exit code 1 on any start-up failure. */
export async function run(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (e) {
    fail((e as Error).message);
  }
  let service: RunningService | undefined;
  const shutdown = async (reason: string, code: number) => {
    process.stderr.write(`ordreg: ${reason}; shutting down\n`);
    const force = setTimeout(() => process.exit(code || 1), 10_000).unref();
    await service?.stop().catch((e) => process.stderr.write(`ordreg: shutdown error: ${(e as Error).message}\n`));
    clearTimeout(force);
    process.exit(code);
  };
  try {
    service = await startService(config, (err) => void shutdown(`data folder lock lost (${err.message})`, 1));
  } catch (e) {
    fail((e as Error).message);
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown(`received ${signal}`, 0));
  const base = `${service.url}/${API_PREFIX}`;
  service.app.get(Logger).log(
    `Service ready on ${describeDatabase(config)} — API: ${base}  OpenAPI: ${base}/openapi.json  Docs: ${base}/docs`,
    'Bootstrap',
  );
  PinoLogger.root.flush(); // logs are buffered; whoever waits for "ready" should not wait for 4 KiB more
}
