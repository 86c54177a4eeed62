import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { Role } from '../../src/auth/principal';
import { PUBLIC_KEY, ROLES_KEY } from '../../src/auth/roles.decorator';
import { API_PREFIX } from '../../src/configure-app';

export interface AppRoute {
  /** `Controller.handler` */
  name: string;
  /** Upper case: GET, POST, PUT, PATCH, DELETE */
  method: string;
  /** The full path with Nest's `:param` placeholders, e.g. `/api/v1/orders/:id/issue`. */
  path: string;
  /** The declared roles (handler first, then controller); undefined when none are declared. */
  roles?: Role[];
  isPublic: boolean;
}

/**
 * Every route of the app, read from Nest's own route metadata, so a test built on it cannot leave a new route out
 * (the authorization test, the fuzz test and the audit's "lawyers write nothing" test use it).
 */
export function appRoutes(app: INestApplication): AppRoute[] {
  const found: AppRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype, instance } of module.controllers.values()) {
      if (!metatype || !instance) continue;
      const prefix = Reflect.getMetadata(PATH_METADATA, metatype) as string;
      const proto = Object.getPrototypeOf(instance);
      for (const key of Object.getOwnPropertyNames(proto)) {
        const handler = proto[key];
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (key === 'constructor' || path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const full = `/${API_PREFIX}/${[prefix, path].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/');
        const roles = Reflect.getMetadata(ROLES_KEY, handler) ?? Reflect.getMetadata(ROLES_KEY, metatype);
        const isPublic = Boolean(Reflect.getMetadata(PUBLIC_KEY, handler) ?? Reflect.getMetadata(PUBLIC_KEY, metatype));
        found.push({ name: `${metatype.name}.${key}`, method, path: full, roles, isPublic });
      }
    }
  }
  return found;
}

export const isWrite = (r: AppRoute): boolean => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method);
