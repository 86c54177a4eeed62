import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { isAbsolute, join, resolve } from 'node:path';
import { EnvironmentVariables } from './env.schema';

/** Development-only signing secret: accepted outside production so that `npm start` and `npm run token` agree. */
export const DEV_JWT_SECRET = 'ordreg-development-secret-not-for-production-use';

export type DatabaseConfig =
  | { mode: 'embedded'; dataDir: string; poolMax: 1; connectTimeoutMs: number; queryTimeoutMs: number }
  | { mode: 'external'; url: string; poolMax: number; connectTimeoutMs: number; queryTimeoutMs: number };

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
  /** Where breach checks' processing-log rows wait (fsync'ed) until the database has them: one folder per database. */
  processingLogQueueDir: string;
  migrationsRun: boolean;
  demoData: boolean;
  jwt: { key: JwtKeyConfig; issuer: string; audience: string; clockToleranceS: number };
  logLevel: string;
  bodyLimitBytes: number;
  /** Browser origins allowed by CORS (empty: no cross-origin access). */
  corsOrigins: string[];
  /** The benchmark's do-nothing route; never in production. */
  benchNoopRoute: boolean;
  /** How this instance hears of other instances' changes (see `src/modules/breach/register-sync.service.ts`). */
  sync: { listen: boolean; resyncIntervalMs: number; reconnectDelayMs: number };
  /** Per-caller request limits per window (see `src/common/rate-limit`); null: not limited. */
  rateLimit: RateLimitConfig | null;
  /** The scheduled retention purge (see `src/modules/retention`). */
  retention: { cron: string; scheduled: boolean };
  /** What the web pages need: sign-in and base map. */
  web: WebConfig;
}

export interface WebConfig {
  /** The OpenID Connect provider the browser signs in with (authorization code + PKCE); null: not configured. */
  oidc: { issuer: string; clientId: string; scopes: string } | null;
  /** The development sign-in (`POST /api/v1/dev/sign-in`); never in production. */
  devSignIn: boolean;
  /** Base-map tile URL template; null: zones on a plain background. */
  tileUrl: string | null;
  tileAttribution: string;
}

/** Requests each caller may make per window, by kind of request. */
export interface RateLimitConfig {
  windowMs: number;
  reads: number;
  writes: number;
  breachChecks: number;
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

/** The queue subfolder of an external database: host, port and database name, never the credentials. */
function queueFolderName(databaseUrl: string): string {
  const u = new URL(databaseUrl);
  return `${u.hostname}_${u.port || '5432'}_${decodeURIComponent(u.pathname.slice(1)) || 'postgres'}`.replace(/[^A-Za-z0-9._-]/g, '_');
}

function webConfig(vars: EnvironmentVariables): WebConfig {
  const devSecret = !vars.JWT_JWKS_URL && !vars.JWT_PUBLIC_KEY;
  return {
    oidc: vars.OIDC_ISSUER && vars.OIDC_CLIENT_ID ? { issuer: vars.OIDC_ISSUER, clientId: vars.OIDC_CLIENT_ID, scopes: vars.OIDC_SCOPES } : null,
    // Dev tokens are signed with the development secret, so the dev sign-in only exists where that secret verifies.
    devSignIn: vars.NODE_ENV !== 'production' && devSecret && (vars.DEV_SIGN_IN ?? true),
    tileUrl: vars.MAP_TILE_URL ?? null,
    tileAttribution: vars.MAP_TILE_ATTRIBUTION,
  };
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
  if (vars.NODE_ENV === 'production' && vars.DEV_SIGN_IN) {
    throw new ConfigError('DEV_SIGN_IN: the development sign-in is not available in production');
  }
  if (Boolean(vars.OIDC_ISSUER) !== Boolean(vars.OIDC_CLIENT_ID)) {
    throw new ConfigError('OIDC_ISSUER and OIDC_CLIENT_ID: set both (web sign-in through OpenID Connect) or neither');
  }
  const embedded = !vars.DATABASE_URL;
  const dataDir = isAbsolute(vars.DATA_DIR) ? vars.DATA_DIR : resolve(process.cwd(), vars.DATA_DIR);
  return {
    env: vars.NODE_ENV,
    port: vars.PORT,
    host: vars.HOST,
    database: embedded
      ? { mode: 'embedded', dataDir, poolMax: 1, connectTimeoutMs: vars.DATABASE_CONNECT_TIMEOUT_MS, queryTimeoutMs: vars.DATABASE_QUERY_TIMEOUT_MS }
      : { mode: 'external', url: vars.DATABASE_URL!, poolMax: vars.DATABASE_POOL_MAX, connectTimeoutMs: vars.DATABASE_CONNECT_TIMEOUT_MS, queryTimeoutMs: vars.DATABASE_QUERY_TIMEOUT_MS },
    processingLogQueueDir: join(
      resolve(process.cwd(), vars.PROCESSING_LOG_QUEUE_DIR ?? join(dataDir, 'queue')),
      embedded ? 'embedded' : queueFolderName(vars.DATABASE_URL!),
    ),
    migrationsRun: vars.MIGRATIONS_RUN ?? embedded,
    demoData: vars.DEMO_DATA ?? vars.NODE_ENV !== 'production',
    jwt: { key: jwtKey(vars), issuer: vars.JWT_ISSUER, audience: vars.JWT_AUDIENCE, clockToleranceS: vars.JWT_CLOCK_TOLERANCE_S },
    logLevel: vars.LOG_LEVEL,
    bodyLimitBytes: vars.BODY_LIMIT_BYTES,
    corsOrigins: vars.CORS_ORIGINS ? vars.CORS_ORIGINS.split(',').map((o) => o.trim()) : [],
    benchNoopRoute: vars.BENCH_NOOP_ROUTE ?? false,
    sync: {
      listen: !embedded && (vars.SYNC_LISTEN ?? true),
      resyncIntervalMs: vars.SYNC_RESYNC_INTERVAL_S * 1000,
      reconnectDelayMs: vars.SYNC_RECONNECT_DELAY_MS,
    },
    rateLimit: (vars.RATE_LIMIT_ENABLED ?? true)
      ? { windowMs: vars.RATE_LIMIT_WINDOW_S * 1000, reads: vars.RATE_LIMIT_READS, writes: vars.RATE_LIMIT_WRITES, breachChecks: vars.RATE_LIMIT_BREACH_CHECKS }
      : null,
    retention: { cron: vars.RETENTION_PURGE_CRON, scheduled: vars.RETENTION_PURGE_ENABLED ?? true },
    web: webConfig(vars),
  };
}
