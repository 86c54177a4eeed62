import { ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  normalizeIp,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { JwtVerifier } from '../../auth/jwt-verifier';
import type { RateLimitConfig } from '../../config/app-config';

/** The kinds of request that have their own limit. */
export type RequestKind = 'read' | 'write' | 'breach-check';

/** Breach checks and "what applies here": the police hot path, limited separately and generously. */
const BREACH_CHECK_ROUTES = /^\/api\/v1\/(breach-checks(\/batch)?|active-orders)$/;
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Which limit a request counts against, from its method and route pattern. */
export function requestKind(method: string, route: string): RequestKind {
  if (BREACH_CHECK_ROUTES.test(route)) return 'breach-check';
  return READ_METHODS.has(method) ? 'read' : 'write';
}

function kindOf(context: ExecutionContext): RequestKind {
  const req = context.switchToHttp().getRequest<FastifyRequest>();
  return requestKind(req.method, req.routeOptions?.url ?? req.url);
}

/** One named throttler per kind; each skips the requests of the other kinds. */
export function rateLimitThrottlers(config: RateLimitConfig): ThrottlerOptions[] {
  const limits: Record<RequestKind, number> = { read: config.reads, write: config.writes, 'breach-check': config.breachChecks };
  return (Object.keys(limits) as RequestKind[]).map((kind) => ({
    name: kind,
    ttl: config.windowMs,
    limit: limits[kind],
    skipIf: (context: ExecutionContext) => kindOf(context) !== kind,
    setHeaders: false,
  }));
}

/**
 * Per-caller rate limits, checked before authorisation. The caller is the subject of a valid bearer token (one bucket
 * per user across all routes and instances' requests to this instance), or the client IP for requests without a valid
 * token, so that guessing tokens is limited too. Verifying here costs nothing extra on the hot path: the verifier
 * caches valid tokens, and the auth guard after this one gets the cached answer. Over the limit: 429 problem+json
 * with `Retry-After` (seconds). Counters live in this process's memory.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly verifier: JwtVerifier,
  ) {
    super(options, storage, reflector);
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const request = req as unknown as FastifyRequest;
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9\-_.]+)$/.exec(header) : null;
    if (match) {
      try {
        return `sub:${(await this.verifier.verify(match[1])).sub}`;
      } catch {
        // not a valid token: counted by address, and the auth guard answers 401
      }
    }
    return `ip:${normalizeIp(request.ip, this.ipv6SubnetPrefix)}`;
  }

  /** One bucket per caller and kind of request, shared by all routes (the library's default is per route). */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}|${tracker}`;
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const retryAfterS = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    reply.header('Retry-After', String(retryAfterS));
    throw new HttpException(
      {
        slug: 'rate-limited',
        detail: `Too many requests: at most ${detail.limit} of this kind per ${Math.round(detail.ttl / 1000)} s; retry after ${retryAfterS} s`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
