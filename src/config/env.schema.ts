import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';

const toBool = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase()) : value;
const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() !== '' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const blankToUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** A whole number read from its decimal text, at least `min` and (when given) at most `max`. */
function WholeNumber(min: number, max?: number): PropertyDecorator {
  const range = max === undefined ? [Min(min)] : [Min(min), Max(max)];
  return applyDecorators(Transform(toInt), IsInt(), ...range);
}

/**
 * The service's environment variables: the one schema validated at boot. Names, defaults and meaning are
 * listed in the README's configuration table; keep the two in step.
 */
export class EnvironmentVariables {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @WholeNumber(0, 65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  @IsString()
  @MinLength(1)
  DATA_DIR = './data';

  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @WholeNumber(1, 100)
  DATABASE_POOL_MAX = 10;

  @WholeNumber(100, 120000)
  DATABASE_CONNECT_TIMEOUT_MS = 3000;

  /** Longest a single statement may run (client read timeout and server statement_timeout), in ms. */
  @WholeNumber(100, 600000)
  DATABASE_QUERY_TIMEOUT_MS = 30000;

  /** Folder of the durable queue of processing-log rows (default `<DATA_DIR>/queue`); one subfolder per database. */
  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(1)
  PROCESSING_LOG_QUEUE_DIR?: string;

  @Transform(blankToUndefined)
  @Transform(toBool)
  @IsOptional()
  @IsBoolean()
  MIGRATIONS_RUN?: boolean;

  @Transform(blankToUndefined)
  @Transform(toBool)
  @IsOptional()
  @IsBoolean()
  DEMO_DATA?: boolean;

  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/-----BEGIN PUBLIC KEY-----/, { message: 'JWT_PUBLIC_KEY must be a PEM-encoded SPKI public key' })
  JWT_PUBLIC_KEY?: string;

  @Transform(blankToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['https', 'http'] })
  JWT_JWKS_URL?: string;

  @IsString()
  @MinLength(1)
  JWT_ISSUER = 'ordreg-dev';

  @IsString()
  @MinLength(1)
  JWT_AUDIENCE = 'ordreg-api';

  @WholeNumber(0, 300)
  JWT_CLOCK_TOLERANCE_S = 30;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Browser origins allowed to call the API (comma-separated, e.g. https://register.gemeente.nl); none by default. */
  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^,\s]+(,\s*https?:\/\/[^,\s]+)*$/, { message: 'CORS_ORIGINS must be a comma-separated list of http(s) origins' })
  CORS_ORIGINS?: string;

  /** Adds `GET /api/v1/bench/noop` (no auth, does nothing) for the HTTP benchmark's framework ceiling. */
  @Transform(blankToUndefined)
  @Transform(toBool)
  @IsOptional()
  @IsBoolean()
  BENCH_NOOP_ROUTE?: boolean;

  @WholeNumber(1024, 50 * 1024 * 1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  /** Listen for other instances' changes (PostgreSQL LISTEN/NOTIFY) on a dedicated connection; default on with DATABASE_URL. */
  @Transform(blankToUndefined)
  @Transform(toBool)
  @IsOptional()
  @IsBoolean()
  SYNC_LISTEN?: boolean;

  /** Safety net: every so many seconds the breach index is checked against the database and rebuilt if behind; 0: off. */
  @WholeNumber(0, 86400)
  SYNC_RESYNC_INTERVAL_S = 300;

  /** First retry after the listening connection is lost, in ms; each further retry waits twice as long, up to 10 s. */
  @WholeNumber(10, 10000)
  SYNC_RECONNECT_DELAY_MS = 200;

  /** Per-user rate limits (JWT subject; client IP without a valid token): off only behind a gateway that limits. */
  @Transform(blankToUndefined)
  @Transform(toBool)
  @IsOptional()
  @IsBoolean()
  RATE_LIMIT_ENABLED?: boolean;

  /** Length of the rate-limit window in seconds; the limits below count requests per caller per window. */
  @WholeNumber(1, 3600)
  RATE_LIMIT_WINDOW_S = 60;

  /** Reads (GET) per caller per window. */
  @WholeNumber(1)
  RATE_LIMIT_READS = 3000;

  /** Writes (POST/PUT/PATCH/DELETE other than breach checks) per caller per window. */
  @WholeNumber(1)
  RATE_LIMIT_WRITES = 600;

  /** Breach checks and "what applies here" per caller per window: high, for officers at a stop-and-search event. */
  @WholeNumber(1)
  RATE_LIMIT_BREACH_CHECKS = 12000;

  /** Retention purge: when it runs, as a cron expression in the service's time zone (default daily at 03:30). */
  @Matches(/^\S+( \S+){4,5}$/, { message: 'RETENTION_PURGE_CRON must be a cron expression of 5 or 6 fields' })
  RETENTION_PURGE_CRON = '30 3 * * *';

  /** Retention purge: false turns the scheduled run off (e.g. on all but one instance); the admin endpoint still works. */
  @Transform(blankToUndefined)
  @Transform(toBool)
  @IsOptional()
  @IsBoolean()
  RETENTION_PURGE_ENABLED?: boolean;

  /** Web pages: the OpenID Connect provider (issuer URL) the browser signs in with (authorization code + PKCE). */
  @Transform(blankToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['https', 'http'], require_protocol: true }, { message: 'OIDC_ISSUER must be an http(s) URL' })
  OIDC_ISSUER?: string;

  /** Web pages: the public client id registered with the OpenID Connect provider. */
  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(1)
  OIDC_CLIENT_ID?: string;

  /** Web pages: scopes asked for at sign-in (space-separated). */
  @IsString()
  @Matches(/^\S+( \S+)*$/, { message: 'OIDC_SCOPES must be space-separated scope names' })
  OIDC_SCOPES = 'openid profile';

  /** Web pages: base-map tile URL template ({z}/{x}/{y}), e.g. the PDOK BRT achtergrondkaart; unset: no base map. */
  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+\{z\}[^\s]*\{x\}[^\s]*\{y\}[^\s]*$/, { message: 'MAP_TILE_URL must be an http(s) URL template with {z}, {x} and {y}' })
  MAP_TILE_URL?: string;

  /** Web pages: attribution shown with the base map (plain text). */
  @IsString()
  MAP_TILE_ATTRIBUTION = 'Kaartgegevens © Kadaster (PDOK)';

  /** Web pages: the development sign-in (pick a role and municipality); default on outside production, refused in production. */
  @Transform(blankToUndefined)
  @Transform(toBool)
  @IsOptional()
  @IsBoolean()
  DEV_SIGN_IN?: boolean;
}
