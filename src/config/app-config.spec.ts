import { ConfigError, DEV_JWT_SECRET, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives the documented defaults: embedded database in ./data, port 3000, development secret', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.database).toMatchObject({ mode: 'embedded', poolMax: 1 });
    expect(c.database.mode === 'embedded' && c.database.dataDir.endsWith('/data')).toBe(true);
    expect(c.migrationsRun).toBe(true);
    expect(c.demoData).toBe(true);
    expect(c.jwt.key).toEqual({ kind: 'secret', secret: DEV_JWT_SECRET, development: true });
  });

  it('uses DATABASE_URL for an external database, which does not migrate itself unless told to', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/ordreg', DATABASE_POOL_MAX: '7' });
    expect(c.database).toMatchObject({ mode: 'external', url: 'postgres://u@db:5432/ordreg', poolMax: 7 });
    expect(c.migrationsRun).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db/x', MIGRATIONS_RUN: 'true' }).migrationsRun).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x@y/z' }, /DATABASE_URL/],
    [{ NODE_ENV: 'staging' }, /NODE_ENV/],
    [{ JWT_SECRET: 'short' }, /JWT_SECRET/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ CORS_ORIGINS: '*' }, /CORS_ORIGINS/],
  ])('names the bad variable in %j', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('refuses to run production without a real key, or with a shared development secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_PUBLIC_KEY or JWT_JWKS_URL/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'y'.repeat(40), JWT_JWKS_URL: 'https://idp.example/jwks' })).toThrow(
      /JWT_SECRET/,
    );
    const prod = loadConfig({ NODE_ENV: 'production', JWT_JWKS_URL: 'https://idp.example/jwks' });
    expect(prod.jwt.key).toEqual({ kind: 'jwks', url: 'https://idp.example/jwks' });
    expect(prod.demoData).toBe(false);
  });

  it('reads CORS origins as a list, none by default', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: 'https://a.nl, https://b.nl' }).corsOrigins).toEqual(['https://a.nl', 'https://b.nl']);
  });
});
