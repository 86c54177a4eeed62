import { CanActivate, ExecutionContext, ForbiddenException, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { bearerToken } from './bearer-token';
import { InvalidTokenError, JwtVerifier } from './jwt-verifier';
import type { Principal, Role } from './principal';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';

export type AuthenticatedRequest = FastifyRequest & { user?: Principal };

/**
 * The global guard: every route is closed unless it says `@Public()` or names its roles with `@Roles()`.
 * A route with neither is refused (403) and logged as a programming error, so a forgotten declaration can
 * never open a route.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);
  /** What each route declares, read once per controller class and handler (metadata never changes at run time). */
  private readonly declared = new WeakMap<object, WeakMap<object, { isPublic: boolean; roles?: Role[] }>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: JwtVerifier,
  ) {}

  /** Synchronous when the token is in the verifier's cache (the hot path): Nest awaits only guards that return a promise. */
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const declared = this.declarationOf(context);
    if (declared.isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request);
    if (token === undefined) throw new UnauthorizedException('A bearer token is required');
    const cached = this.verifier.cached(token);
    if (cached) return this.authorize(context, request, cached, declared.roles);
    return this.verify(token).then((principal) => this.authorize(context, request, principal, declared.roles));
  }

  private authorize(context: ExecutionContext, request: AuthenticatedRequest, principal: Principal, roles: Role[] | undefined): boolean {
    request.user = principal;
    if (!roles || roles.length === 0) {
      this.logger.error(`Route ${context.getClass().name}.${context.getHandler().name} declares no roles; refused`);
      throw new ForbiddenException('This route is not open to any role');
    }
    if (!roles.some((r) => principal.roles.includes(r))) {
      throw new ForbiddenException(`This action needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }

  private declarationOf(context: ExecutionContext): { isPublic: boolean; roles?: Role[] } {
    const handler = context.getHandler();
    const cls = context.getClass();
    const ofClass = this.declared.get(cls) ?? this.declared.set(cls, new WeakMap()).get(cls)!;
    let declared = ofClass.get(handler);
    if (!declared) {
      const isPublic = Boolean(this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [handler, cls]));
      declared = { isPublic, roles: this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [handler, cls]) };
      ofClass.set(handler, declared);
    }
    return declared;
  }

  private async verify(token: string): Promise<Principal> {
    try {
      return await this.verifier.verify(token);
    } catch (e) {
      if (e instanceof InvalidTokenError) throw new UnauthorizedException(`Invalid token: ${e.message}`);
      throw e;
    }
  }
}
