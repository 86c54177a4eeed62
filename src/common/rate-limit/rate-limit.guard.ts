import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { normalizeIp } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { bearerToken } from '../../auth/bearer-token';
import { JwtVerifier } from '../../auth/jwt-verifier';
import { APP_CONFIG, type AppConfig, type RateLimitConfig } from '../../config/app-config';
import { FixedWindowStorage, type WindowHit } from './fixed-window.storage';

/** The kinds of request that have their own limit. */
export type RequestKind = 'read' | 'write' | 'breach-check';

/** Breach checks and "what applies here": the police hot path, limited separately and generously. */
const BREACH_CHECK_ROUTES = /^\/api\/v1\/(breach-checks(\/batch)?|active-orders)$/;
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** IPv6 callers are counted per /64, the block one subscriber typically holds. */
const IPV6_SUBNET_PREFIX = 64;

/** Which limit a request counts against, from its method and route pattern. */
export function requestKind(method: string, route: string): RequestKind {
  if (BREACH_CHECK_ROUTES.test(route)) return 'breach-check';
  return READ_METHODS.has(method) ? 'read' : 'write';
}

/** The number of requests of each kind one caller may make per window. */
function limitOf(config: RateLimitConfig, kind: RequestKind): number {
  return kind === 'read' ? config.reads : kind === 'write' ? config.writes : config.breachChecks;
}

/**
 * Per-caller rate limits, checked before authorisation. The caller is the subject of a valid bearer token (one bucket
 * per user and kind of request across all routes of this instance), or the client IP for requests without a valid
 * token, so that guessing tokens is limited too. Verifying here costs nothing extra on the hot path: the verifier
 * caches valid tokens, and the auth guard after this one gets the cached answer. Over the limit: 429 problem+json
 * with `Retry-After` (seconds). Counters live in this process's memory. A request whose token is cached is counted
 * without a promise (Nest awaits only guards that return one).
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly config: RateLimitConfig;
  /** Each handler's kind of request per HTTP method, worked out on its first request (a route's pattern is fixed). */
  private readonly kinds = new WeakMap<object, Map<string, RequestKind>>();

  constructor(
    @Inject(APP_CONFIG) appConfig: AppConfig,
    private readonly windows: FixedWindowStorage,
    private readonly verifier: JwtVerifier,
  ) {
    if (!appConfig.rateLimit) throw new Error('RateLimitGuard needs rate limits in the configuration');
    this.config = appConfig.rateLimit;
  }

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const kind = this.kindOf(context, request);
    const token = bearerToken(request);
    if (token === undefined) return this.count(context, kind, this.address(request));
    const cached = this.verifier.cached(token);
    if (cached) return this.count(context, kind, `sub:${cached.sub}`);
    return this.verifier.verify(token).then(
      (p) => this.count(context, kind, `sub:${p.sub}`),
      // not a valid token: counted by address, and the auth guard answers 401
      () => this.count(context, kind, this.address(request)),
    );
  }

  private count(context: ExecutionContext, kind: RequestKind, caller: string): boolean {
    const limit = limitOf(this.config, kind);
    const hit = this.windows.hit(`${kind}|${caller}`, this.config.windowMs, limit);
    if (hit.isBlocked) this.refuse(context, hit, limit);
    return true;
  }

  private refuse(context: ExecutionContext, hit: WindowHit, limit: number): never {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const retryAfterS = Math.max(1, hit.timeToExpire);
    reply.header('Retry-After', String(retryAfterS));
    throw new HttpException(
      {
        slug: 'rate-limited',
        detail: `Too many requests: at most ${limit} of this kind per ${Math.round(this.config.windowMs / 1000)} s; retry after ${retryAfterS} s`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }

  private address(request: FastifyRequest): string {
    return `ip:${normalizeIp(request.ip, IPV6_SUBNET_PREFIX)}`;
  }

  private kindOf(context: ExecutionContext, request: FastifyRequest): RequestKind {
    const handler = context.getHandler();
    const byMethod = this.kinds.get(handler) ?? this.kinds.set(handler, new Map()).get(handler)!;
    let kind = byMethod.get(request.method);
    if (kind === undefined) {
      kind = requestKind(request.method, request.routeOptions.url ?? request.url);
      byMethod.set(request.method, kind);
    }
    return kind;
  }
}
