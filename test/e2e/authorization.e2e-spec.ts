import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import request from 'supertest';
import { ROLES, type Role } from '../../src/auth/principal';
import { PUBLIC_KEY, ROLES_KEY } from '../../src/auth/roles.decorator';
import { API_PREFIX } from '../../src/configure-app';
import { createTestApp, type TestApp } from '../helpers/test-app';

interface Route {
  name: string;
  method: string;
  path: string;
  roles?: Role[];
  isPublic: boolean;
}

const PARAMS: Record<string, string> = { code: 'GM1706', n: '1' };

/** Every route of the app, read from Nest's own route metadata, so a new route cannot be left out. */
function routes(t: TestApp): Route[] {
  const found: Route[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
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
        found.push({ name: `${metatype.name}.${key}`, method, path: full.replace(/:(\w+)/g, (_, p) => PARAMS[p] ?? '00000000-0000-4000-8000-000000000000'), roles, isPublic });
      }
    }
  }
  return found;
}

function send(t: TestApp, route: Route, auth?: string) {
  const req = request(t.http)[route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](route.path);
  if (auth) req.set('Authorization', auth);
  return ['POST', 'PUT', 'PATCH'].includes(route.method) ? req.send({}) : req;
}

describe('authorization of every route', () => {
  let t: TestApp;
  let all: Route[];

  beforeAll(async () => {
    t = await createTestApp();
    all = routes(t);
  });
  afterAll(() => t?.close());

  it('finds the routes, and every one declares its roles or is explicitly public', () => {
    expect(all.length).toBeGreaterThan(20);
    const undeclared = all.filter((r) => !r.isPublic && !(r.roles && r.roles.length));
    expect(undeclared.map((r) => r.name)).toEqual([]);
    expect(all.filter((r) => r.isPublic).map((r) => r.name).sort()).toEqual(['DevSignInController.signIn', 'HealthController.check', 'HealthController.live', 'UiConfigController.get']);
  });

  it('refuses every non-public route without a token, with an expired token, and with a wrong signature (401)', async () => {
    const expired = `Bearer ${await t.token('admin', ['GM1706'], { expiresIn: -3600 })}`;
    const forged = `Bearer ${await t.token([...ROLES], ['GM1706'], { secret: 'f'.repeat(40) })}`;
    for (const route of all.filter((r) => !r.isPublic)) {
      for (const auth of [undefined, expired, forged, 'Bearer not.a.token']) {
        const res = await send(t, route, auth);
        if (res.status !== 401) throw new Error(`${route.name} ${route.method} ${route.path} with ${auth?.slice(0, 12)}: ${res.status}`);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
      }
    }
  });

  it('refuses every role a route does not declare (403), and lets the declared roles past the guard', async () => {
    for (const route of all.filter((r) => !r.isPublic)) {
      for (const role of ROLES) {
        const res = await send(t, route, `Bearer ${await t.token(role, ['GM1706'])}`);
        const allowed = route.roles!.includes(role);
        const ok = allowed ? ![401, 403].includes(res.status) && res.status < 500 : res.status === 403;
        if (!ok) throw new Error(`${route.name} ${route.method} ${route.path} as ${role}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      }
    }
  });

  it('gives lawyers no write route other than the dry-run order check', () => {
    const writes = all.filter((r) => r.method !== 'GET' && r.roles?.includes('lawyer')).map((r) => r.name);
    expect(writes).toEqual(['OrderChecksController.check']);
  });
});
