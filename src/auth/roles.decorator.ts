import { SetMetadata } from '@nestjs/common';
import type { Role } from './principal';

export const ROLES_KEY = 'ordreg:roles';
export const PUBLIC_KEY = 'ordreg:public';

/** The roles that may call this route. Every route declares roles or `@Public()`; the guard refuses the rest. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** A route anyone may call without a token (health, the OpenAPI document). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
