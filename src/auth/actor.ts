import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from './auth.guard';
import type { Principal } from './principal';

/** Who does something, for the audit trail: the verified caller (or a system job) and the request id. */
export interface Actor {
  sub: string;
  roles: string[];
  municipalities: string[];
  requestId?: string;
  /** The purpose or case reference the caller stated for reading personal data (header `X-Purpose`). */
  purpose?: string;
}

export const SYSTEM_ACTOR: Actor = { sub: 'system', roles: ['system'], municipalities: [] };

export function actorFrom(principal: Principal, requestId?: string): Actor {
  return { sub: principal.sub, roles: principal.roles, municipalities: principal.municipalities, requestId };
}

/** The caller of an authenticated request (see the auth guard), with the request id and the stated purpose. */
export function actorOf(request: AuthenticatedRequest): Actor {
  if (!request.user) throw new Error('An actor was asked for on a route without authentication');
  const purpose = request.headers['x-purpose'];
  return { ...actorFrom(request.user, String(request.id)), purpose: typeof purpose === 'string' ? purpose.slice(0, 500) : undefined };
}

/** The caller of a route that declares `@Roles()`, with the request id, ready for services and the audit trail. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => actorOf(ctx.switchToHttp().getRequest<AuthenticatedRequest>()));
