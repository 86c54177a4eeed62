import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { signDevToken } from '../../src/auth/dev-token';
import type { Role } from '../../src/auth/principal';
import { loadConfig } from '../../src/config/app-config';
import { FULL_MOTIVATION } from '../helpers/factories';
import { PgliteProcess } from '../helpers/pglite-process';
import { spawnService, type SpawnedService } from '../helpers/spawn-service';
import { ThrowawayPostgres } from '../helpers/throwaway-postgres';

/** A database the test can take away and bring back under the running service. */
interface Outage {
  url: string;
  env: Record<string, string>;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

async function postgres15(): Promise<Outage> {
  const pg = await ThrowawayPostgres.create();
  return {
    url: pg.url,
    env: { DATABASE_POOL_MAX: '5' },
    stop: async () => pg.stop('immediate'),
    start: async () => pg.start(),
    destroy: async () => pg.destroy(),
  };
}

async function pglite(): Promise<Outage> {
  const db = await PgliteProcess.create();
  return {
    url: db.url,
    // PGlite serves one connection: a pool of one and no dedicated LISTEN connection.
    env: { DATABASE_POOL_MAX: '1', SYNC_LISTEN: 'false' },
    stop: () => db.stop(),
    start: () => db.start(),
    destroy: () => db.destroy(),
  };
}

const SQUARE = { type: 'Polygon', coordinates: [[[5.565, 51.268], [5.58, 51.268], [5.58, 51.278], [5.565, 51.278], [5.565, 51.268]]] };
const INSIDE = { lon: 5.5725, lat: 51.273 };
const CHECKS_DURING_OUTAGE = 40;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(250);
  }
}

const VARIANTS: [string, () => Promise<Outage>][] = [
  ['real PostgreSQL 15 (pg_ctl stop -m immediate / start)', postgres15],
  ['PGlite in its own process (SIGKILL / restart on the same folder)', pglite],
];

/**
 * Each variant takes its own throw-away database, whatever the suite's database is. To keep CI's two passes short,
 * the PGlite pass (`npm test`) runs the PGlite variant and the PostgreSQL pass (`npm test -- test/` with
 * TEST_DATABASE_URL) the PostgreSQL one; OUTAGE_TEST_ALL=true runs both. A cluster that cannot be started fails.
 */
const selected =
  process.env.OUTAGE_TEST_ALL === 'true' ? VARIANTS : VARIANTS.filter(([name]) => name.startsWith('PGlite') === (process.env.TEST_DATABASE_KIND === 'pglite'));

describe.each(selected)('database outage under the running service: %s', (_name, makeDatabase) => {
  let db: Outage;
  let queueDir: string;
  let service: SpawnedService | undefined;
  let base: string;
  const auth: Partial<Record<Role, string>> = {};
  let personId: string;
  let orderId: string;
  let checkAt: string;

  const jwt = loadConfig({ NODE_ENV: 'development' }).jwt;

  async function startService(): Promise<void> {
    service = spawnService({
      DATABASE_URL: db.url,
      MIGRATIONS_RUN: 'true',
      DEMO_DATA: 'true',
      PROCESSING_LOG_QUEUE_DIR: queueDir,
      ...db.env,
    });
    base = await service.ready(120_000);
  }

  async function killService(): Promise<void> {
    const s = service;
    service = undefined;
    if (!s || s.proc.exitCode !== null) return;
    s.proc.kill('SIGKILL');
    await s.exited;
  }

  function breachCheck(requestId: string) {
    return request(base).post('/api/v1/breach-checks').set('Authorization', auth.police!).set('X-Request-Id', requestId)
      .send({ personId, position: INSIDE, at: checkAt });
  }

  /** How many processing-log rows each request id has (read straight from the database). */
  async function logRows(requestIds: string[]): Promise<Map<string, number>> {
    const client = new Client({ connectionString: db.url, connectionTimeoutMillis: 3000 });
    await client.connect();
    try {
      const { rows } = await client.query<{ request_id: string; n: string }>(
        `SELECT request_id, count(*) AS n FROM processing_log WHERE request_id = ANY($1) AND action = 'breach-check' GROUP BY request_id`,
        [requestIds],
      );
      return new Map(rows.map((r) => [r.request_id, Number(r.n)]));
    } finally {
      await client.end();
    }
  }

  function journalText(): string {
    const folders = readdirSync(queueDir);
    return folders.flatMap((f) => readdirSync(join(queueDir, f)).filter((n) => n.endsWith('.journal')).map((n) => readFileSync(join(queueDir, f, n), 'utf8'))).join('');
  }

  /** Takes the database away, makes breach checks (all answered from memory), and returns their request ids. */
  async function checksDuringOutage(): Promise<string[]> {
    await db.stop();
    const ids = Array.from({ length: CHECKS_DURING_OUTAGE }, () => `outage-${randomUUID()}`);
    for (let i = 0; i < ids.length; i += 8) {
      const batch = await Promise.all(ids.slice(i, i + 8).map((id) => breachCheck(id)));
      for (const res of batch) {
        expect(res.status).toBe(200);
        expect(res.body.verdict).toBe('BREACH');
        expect(Date.parse(res.body.dataAsOf)).toBeLessThanOrEqual(Date.now());
      }
    }
    // Every acknowledged check's row is in the local journal (not only in memory); positions never are.
    const text = journalText();
    for (const id of ids) expect(text).toContain(id);
    expect(text).not.toContain(String(INSIDE.lon));
    return ids;
  }

  beforeAll(async () => {
    db = await makeDatabase();
    queueDir = mkdtempSync(join(tmpdir(), 'ordreg-queue-'));
    await startService();
    for (const role of ['mayor', 'mayor-office', 'police'] as Role[]) {
      auth[role] = `Bearer ${await signDevToken(jwt, { roles: [role], municipalities: ['GM1706'] })}`;
    }
    const now = DateTime.now().setZone('Europe/Amsterdam');
    const start = now.startOf('day').plus({ days: 1 });
    checkAt = start.plus({ days: 10, hours: 22 }).toISO()!;
    personId = (await request(base).post('/api/v1/persons').set('Authorization', auth['mayor-office']!)
      .send({ municipalityCode: 'GM1706', name: 'Storing Test', dateOfBirth: '1990-01-01' }).expect(201)).body.id;
    const zone = await request(base).post('/api/v1/zones').set('Authorization', auth['mayor-office']!)
      .send({ municipalityCode: 'GM1706', name: 'Storingsgebied', geometry: SQUARE }).expect(201);
    const draft = await request(base).post('/api/v1/orders').set('Authorization', auth['mayor-office']!).send({
      municipalityCode: 'GM1706',
      personId,
      basis: { kind: 'GEMW_172A', ground: 'REPEATED' },
      measures: [{ type: 'AREA_BAN', zoneIds: [zone.body.id] }],
      validity: { mode: 'CONTINUOUS', start: start.toISO(), end: start.plus({ months: 3 }).toISO() },
      incidents: [
        { at: now.minus({ days: 60 }).toISO(), description: 'Vechtpartij', reportRef: 'PV-1' },
        { at: now.minus({ days: 20 }).toISO(), description: 'Intimidatie', reportRef: 'PV-2' },
      ],
      procedure: { signatory: { role: 'MAYOR', name: 'Burgemeester' }, motivation: FULL_MOTIVATION, hearingSkippedGround: 'URGENCY' },
    });
    expect(draft.status).toBe(201);
    orderId = draft.body.id;
    const issued = await request(base).post(`/api/v1/orders/${orderId}/issue`).set('Authorization', auth.mayor!)
      .send({ version: 1, notifiedAt: now.minus({ minutes: 30 }).toISO(), notificationMethod: 'HANDED' });
    expect([issued.status, issued.body]).toEqual([200, expect.anything()]);
    expect((await breachCheck(`before-${randomUUID()}`).expect(200)).body.verdict).toBe('BREACH');
  }, 240_000);

  afterAll(async () => {
    await killService();
    await db?.destroy();
    if (queueDir) rmSync(queueDir, { recursive: true, force: true });
  });

  it('answers 503 problem+json fast, is not ready, keeps answering breach checks, and recovers by itself', async () => {
    const ids = await checksDuringOutage();

    // Reads and writes that need the database: a quick 503 with Retry-After, not a hang and not a 500.
    for (const send of [
      () => request(base).get(`/api/v1/orders/${orderId}`).set('Authorization', auth['mayor-office']!),
      () => request(base).post('/api/v1/persons').set('Authorization', auth['mayor-office']!).send({ municipalityCode: 'GM1706', name: 'Nieuw Persoon', dateOfBirth: '1991-02-03' }),
    ]) {
      const started = Date.now();
      const res = await send();
      process.stdout.write(`503 after ${Date.now() - started} ms\n`);
      expect(Date.now() - started).toBeLessThan(3500);
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body).toMatchObject({ status: 503, type: 'urn:ordreg:problem:database-unavailable', requestId: expect.any(String) });
    }
    const started = Date.now();
    const health = await request(base).get('/api/v1/health');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(health.status).toBe(503);
    expect(health.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(health.body.details).toMatchObject({ database: { status: 'down' }, processingLog: { status: 'up', pendingRows: expect.any(Number) } });
    await request(base).get('/api/v1/health/live').expect(200);
    expect((await logRows(ids).catch(() => new Map())).size).toBe(0); // the database is away: nothing can be there

    await db.start();
    const readyAfter = Date.now();
    await until('ready again', 30_000, async () => ((await request(base).get('/api/v1/health')).status === 200 ? true : undefined));
    process.stdout.write(`ready ${Date.now() - readyAfter} ms after the database was back\n`);
    const counts = await until('outage rows written', 30_000, async () => {
      const c = await logRows(ids);
      return c.size === ids.length ? c : undefined;
    });
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    // Writes work again without a restart, and the journal holds no outage row any more.
    await request(base).post('/api/v1/persons').set('Authorization', auth['mayor-office']!)
      .send({ municipalityCode: 'GM1706', name: 'Na Storing', dateOfBirth: '1992-03-04' }).expect(201);
    await until('journal trimmed', 10_000, async () => (ids.some((id) => journalText().includes(id)) ? undefined : true));
  }, 180_000);

  it('loses no acknowledged row when the service is killed during the outage: the next start replays the journal once', async () => {
    const ids = await checksDuringOutage();
    await killService();
    await db.start();
    await startService();
    const counts = await until('journal replayed', 30_000, async () => {
      const c = await logRows(ids);
      return c.size === ids.length ? c : undefined;
    });
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    await until('replayed segments deleted', 10_000, async () => (ids.some((id) => journalText().includes(id)) ? undefined : true));
    expect((await breachCheck(`after-${randomUUID()}`).expect(200)).body.verdict).toBe('BREACH');
  }, 240_000);
});
