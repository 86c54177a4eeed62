import { CanActivate, ExecutionContext, ForbiddenException, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
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

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { isPublic, roles } = this.declarationOf(context);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.user = await this.authenticate(request);
    if (!roles || roles.length === 0) {
      this.logger.error(`Route ${context.getClass().name}.${context.getHandler().name} declares no roles; refused`);
      throw new ForbiddenException('This route is not open to any role');
    }
    if (!roles.some((r) => request.user!.roles.includes(r))) {
      throw new ForbiddenException(`This action needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }

  private declarationOf(context: ExecutionContext): { isPublic: boolean; roles?: Role[] } {
    const [handler, cls] = [context.getHandler(), context.getClass()];
    const ofClass = this.declared.get(cls) ?? this.declared.set(cls, new WeakMap()).get(cls)!;
    let declared = ofClass.get(handler);
    if (!declared) {
      const isPublic = Boolean(this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [handler, cls]));
      declared = { isPublic, roles: this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [handler, cls]) };
      ofClass.set(handler, declared);
    }
    return declared;
  }

  private async authenticate(request: FastifyRequest): Promise<Principal> {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9\-_.]+)$/.exec(header) : null;
    if (!match) throw new UnauthorizedException('A bearer token is required');
    try {
      return await this.verifier.verify(match[1]);
    } catch (e) {
      if (e instanceof InvalidTokenError) throw new UnauthorizedException(`Invalid token: ${e.message}`);
      throw e;
    }
  }
}
