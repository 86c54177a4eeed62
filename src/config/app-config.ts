import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { isAbsolute, resolve } from 'node:path';
import { EnvironmentVariables } from './env.schema';

/** Development-only signing secret: accepted outside production so that `npm start` and `npm run token` agree. */
export const DEV_JWT_SECRET = 'ordreg-development-secret-not-for-production-use';

export type DatabaseConfig =
  | { mode: 'embedded'; dataDir: string; poolMax: 1; connectTimeoutMs: number }
  | { mode: 'external'; url: string; poolMax: number; connectTimeoutMs: number };

export type JwtKeyConfig =
  | { kind: 'secret'; secret: string; development: boolean }
  | { kind: 'public-key'; pem: string }
  | { kind: 'jwks'; url: string };

/** Typed, validated configuration: the only view of the environment the rest of the code gets. */
export interface AppConfig {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  database: DatabaseConfig;
  migrationsRun: boolean;
  demoData: boolean;
  jwt: { key: JwtKeyConfig; issuer: string; audience: string; clockToleranceS: number };
  logLevel: string;
  bodyLimitBytes: number;
  /** Browser origins allowed by CORS (empty: no cross-origin access). */
  corsOrigins: string[];
  /** The benchmark's do-nothing route; never in production. */
  benchNoopRoute: boolean;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function describe(errors: ValidationError[]): string {
  return errors
    .map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ') || 'invalid value'}`)
    .join(', ');
}

function jwtKey(vars: EnvironmentVariables): JwtKeyConfig {
  const production = vars.NODE_ENV === 'production';
  if (vars.JWT_JWKS_URL) return { kind: 'jwks', url: vars.JWT_JWKS_URL };
  if (vars.JWT_PUBLIC_KEY) return { kind: 'public-key', pem: vars.JWT_PUBLIC_KEY };
  if (production) {
    throw new ConfigError(
      'JWT_PUBLIC_KEY or JWT_JWKS_URL: production needs a real verification key (development secrets are refused)',
    );
  }
  return { kind: 'secret', secret: vars.JWT_SECRET ?? DEV_JWT_SECRET, development: true };
}

/**
 * Validates the environment once and returns the typed configuration. Throws `ConfigError` whose message
 * names the offending variable(s); the entry points print it as one line and exit 1.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const vars = plainToInstance(EnvironmentVariables, { ...env }, { exposeDefaultValues: true });
  const errors = validateSync(vars, { whitelist: true });
  if (errors.length) throw new ConfigError(`Invalid configuration: ${describe(errors)}`);
  if (vars.NODE_ENV === 'production' && vars.JWT_SECRET) {
    throw new ConfigError('JWT_SECRET: shared-secret tokens are for development only; production uses JWT_PUBLIC_KEY or JWT_JWKS_URL');
  }
  if (vars.NODE_ENV === 'production' && vars.BENCH_NOOP_ROUTE) {
    throw new ConfigError('BENCH_NOOP_ROUTE: the benchmark route is not available in production');
  }
  const embedded = !vars.DATABASE_URL;
  const dataDir = isAbsolute(vars.DATA_DIR) ? vars.DATA_DIR : resolve(process.cwd(), vars.DATA_DIR);
  return {
    env: vars.NODE_ENV,
    port: vars.PORT,
    host: vars.HOST,
    database: embedded
      ? { mode: 'embedded', dataDir, poolMax: 1, connectTimeoutMs: vars.DATABASE_CONNECT_TIMEOUT_MS }
      : { mode: 'external', url: vars.DATABASE_URL!, poolMax: vars.DATABASE_POOL_MAX, connectTimeoutMs: vars.DATABASE_CONNECT_TIMEOUT_MS },
    migrationsRun: vars.MIGRATIONS_RUN ?? embedded,
    demoData: vars.DEMO_DATA ?? vars.NODE_ENV !== 'production',
    jwt: { key: jwtKey(vars), issuer: vars.JWT_ISSUER, audience: vars.JWT_AUDIENCE, clockToleranceS: vars.JWT_CLOCK_TOLERANCE_S },
    logLevel: vars.LOG_LEVEL,
    bodyLimitBytes: vars.BODY_LIMIT_BYTES,
    corsOrigins: vars.CORS_ORIGINS ? vars.CORS_ORIGINS.split(',').map((o) => o.trim()) : [],
    benchNoopRoute: vars.BENCH_NOOP_ROUTE ?? false,
  };
}
