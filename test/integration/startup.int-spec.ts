import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signDevToken } from '../../src/auth/dev-token';
import { loadConfig } from '../../src/config/app-config';
import { spawnService } from '../helpers/spawn-service';

jest.setTimeout(120_000);

describe('start-up and shutdown of the service process', () => {
  it('exits 1 with one clear line when the database is unreachable', async () => {
    const s = spawnService({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/register' });
    expect(await s.exited).toBe(1);
    const lines = s.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^ordreg: Cannot connect to the database at 127\.0\.0\.1:1\/register: .*ECONNREFUSED/);
    expect(s.stdout()).toBe('');
  });

  it('exits 1 naming the variable when the configuration is invalid', async () => {
    const s = spawnService({ PORT: 'eighty' });
    expect(await s.exited).toBe(1);
    expect(s.stderr().trim()).toMatch(/^ordreg: Invalid configuration: PORT: /);
    const prod = spawnService({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x@127.0.0.1:1/x' });
    expect(await prod.exited).toBe(1);
    expect(prod.stderr().trim()).toMatch(/^ordreg: JWT_PUBLIC_KEY or JWT_JWKS_URL: production needs a real verification key/);
  });

  describe('embedded database', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ordreg-startup-'));
    afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

    async function municipalityCount(base: string): Promise<number> {
      const token = await signDevToken(loadConfig({ NODE_ENV: 'development' }).jwt, { roles: ['admin'], municipalities: ['*'] });
      const res = await fetch(`${base}/api/v1/municipalities`, { headers: { Authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      return ((await res.json()) as unknown[]).length;
    }

    it('holds its data folder: a second service on it exits 1, a clean stop releases it, data and seeds persist', async () => {
      const first = spawnService({ DATA_DIR: dataDir });
      const base = await first.ready();
      expect((await fetch(`${base}/api/v1/health`)).status).toBe(200);
      expect(first.stdout()).toContain('Loaded data sets: cbs-municipal-boundaries-2025, demo-data-v1');
      expect(await municipalityCount(base)).toBe(342);

      const second = spawnService({ DATA_DIR: dataDir });
      expect(await second.exited).toBe(1);
      expect(second.stderr().trim()).toMatch(/^ordreg: Data folder .* is in use by another running service \(pid \d+\)/);

      first.proc.kill('SIGTERM');
      expect(await first.exited).toBe(0);

      const third = spawnService({ DATA_DIR: dataDir });
      const base3 = await third.ready();
      expect(third.stdout()).not.toContain('Loaded data sets');
      expect(await municipalityCount(base3)).toBe(342);
      third.proc.kill('SIGTERM');
      expect(await third.exited).toBe(0);
    });

    it('takes over the lock a killed process left, and the database is intact', async () => {
      const victim = spawnService({ DATA_DIR: dataDir });
      await victim.ready();
      victim.proc.kill('SIGKILL');
      await victim.exited;

      const next = spawnService({ DATA_DIR: dataDir });
      const base = await next.ready();
      expect((await fetch(`${base}/api/v1/health`)).status).toBe(200);
      expect(await municipalityCount(base)).toBe(342);
      next.proc.kill('SIGINT');
      expect(await next.exited).toBe(0);
    });
  });
});
