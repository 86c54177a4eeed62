import type { ApplicationConfig } from '@nestjs/core';
import request from 'supertest';
import { globalGuards } from '../../src/app.module';
import { ROLES, type Role } from '../../src/auth/principal';
import { appRoutes, type AppRoute } from '../helpers/routes';
import { createTestApp, type TestApp } from '../helpers/test-app';

type Route = AppRoute;

const PARAMS: Record<string, string> = { code: 'GM1706', n: '1' };

/** Every route of the app (from Nest's route metadata), its path parameters filled in. */
function routes(t: TestApp): Route[] {
  return appRoutes(t.app).map((r) => ({ ...r, path: r.path.replace(/:(\w+)/g, (_, p) => PARAMS[p] ?? '00000000-0000-4000-8000-000000000000') }));
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

  it('runs the fast routes (the breach check) through exactly the guards Nest runs on every other route', () => {
    // A guard registered globally elsewhere would reach Nest's list but not the fast routes': this keeps them equal.
    const nestGlobalGuards = (t.app as unknown as { config: ApplicationConfig }).config.getGlobalGuards();
    expect(nestGlobalGuards.map((g) => g.constructor.name)).toEqual(['RateLimitGuard', 'AuthGuard']);
    expect(nestGlobalGuards).toEqual(globalGuards(t.config).map((g) => t.app.get(g)));
    expect(nestGlobalGuards.every((g, i) => g === t.app.get(globalGuards(t.config)[i]))).toBe(true);
    // A fast route skips global interceptors: the app has none (one added later must be weighed against them).
    expect((t.app as unknown as { config: ApplicationConfig }).config.getGlobalInterceptors()).toEqual([]);
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
