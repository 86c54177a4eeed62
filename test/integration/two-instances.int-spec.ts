import { Client } from 'pg';
import { createScratchDatabase, realPostgresServer, type ScratchDatabase } from '../helpers/scratch-database';
import { ServiceClient, until } from '../helpers/service-client';
import { spawnService, type SpawnedService } from '../helpers/spawn-service';

jest.setTimeout(120_000);

/**
 * Two service processes on one real PostgreSQL database (a fresh one on the TEST_DATABASE_URL server, or on the
 * machine's own 127.0.0.1:5432 when the suite runs on PGlite; skipped, saying so, when neither exists).
 */
describe('two instances on one PostgreSQL (LISTEN/NOTIFY)', () => {
  let db: ScratchDatabase | undefined;
  let skipped: string | undefined;
  let a: SpawnedService;
  let b: SpawnedService;
  let viaA: ServiceClient;
  let viaB: ServiceClient;
  let zoneId: string;

  beforeAll(async () => {
    const server = await realPostgresServer();
    if ('unavailable' in server) {
      skipped = server.unavailable;
      console.warn(`two-instances test skipped: ${skipped}`);
      return;
    }
    db = await createScratchDatabase(server.url, 'sync');
    const env = { DATABASE_URL: db.url, MIGRATIONS_RUN: 'false', DATABASE_POOL_MAX: '4', RATE_LIMIT_ENABLED: 'false' };
    // A loads the demo data; B starts alongside it without. B waits at least 1 s before it reconnects a lost
    // notifications connection, so that the test can commit a change inside the gap for certain.
    a = spawnService({ ...env, DEMO_DATA: 'true' });
    b = spawnService({ ...env, DEMO_DATA: 'false', SYNC_RECONNECT_DELAY_MS: '2000' });
    const [baseA, baseB] = await Promise.all([a.ready(90_000), b.ready(90_000)]);
    viaA = new ServiceClient(baseA);
    viaB = new ServiceClient(baseB);
    zoneId = await viaA.createZone('Testgebied Budel');
  });

  afterAll(async () => {
    for (const s of [a, b]) if (s && s.proc.exitCode === null) s.proc.kill('SIGTERM');
    await Promise.all([a?.exited, b?.exited]);
    await db?.drop();
  });

  it('reflects an order issued or withdrawn through A in breach checks on B within one second', async () => {
    if (skipped) return;
    const personId = await viaA.createPerson();
    const orderId = await viaA.issuedOrder(personId, zoneId);
    const issuedMs = await until(() => viaB.verdict(personId), 'BREACH', 5000);
    expect(issuedMs).not.toBeNull();
    expect(issuedMs!).toBeLessThan(1000);

    await viaA.expect(200, 'POST', `/orders/${orderId}/withdrawal`, 'mayor', { version: 2, reason: 'Niet meer nodig' });
    const later = new Date(Date.now() + 1000);
    const withdrawnMs = await until(() => viaB.verdict(personId, later), 'NO_BREACH', 5000);
    expect(withdrawnMs).not.toBeNull();
    expect(withdrawnMs!).toBeLessThan(1000);
    console.log(`two instances: B saw the issue after ${issuedMs!.toFixed(0)} ms, the withdrawal after ${withdrawnMs!.toFixed(0)} ms`);
  });

  it("resynchronises B by itself after its notifications connection was cut, including what changed in the gap", async () => {
    if (skipped) return;
    const name = /as (ordreg-sync-[0-9a-f-]{36})/.exec(b.stdout())?.[1];
    expect(name).toBeDefined();
    const personId = await viaA.createPerson('Persoon in de stilte');
    const admin = new Client({ connectionString: db!.url });
    await admin.connect();
    try {
      const killed = await admin.query(`SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = $1`, [name]);
      expect(killed.rows).toEqual([{ ok: true }]);
      const cutAt = Date.now();

      await viaA.issuedOrder(personId, zoneId);
      const committedAt = Date.now();
      // The notification went to nobody on B's side: B does not know yet.
      expect(await viaB.verdict(personId)).toBe('NO_BREACH');

      const caughtUpMs = await until(() => viaB.verdict(personId), 'BREACH', 15_000, 50);
      expect(caughtUpMs).not.toBeNull();
      const back = await admin.query(`SELECT backend_start FROM pg_stat_activity WHERE application_name = $1`, [name]);
      expect(back.rows).toHaveLength(1);
      // B listened again only after the order was committed: it learnt of it from the resync, not a notification.
      expect((back.rows[0].backend_start as Date).getTime()).toBeGreaterThan(committedAt);
      const health = await fetch(`${viaB.base}/api/v1/health`).then((r) => r.json());
      expect(health.details.registerSync).toMatchObject({ status: 'up', resyncs: 1, listener: { state: 'listening', reconnects: 1 } });
      console.log(`two instances: B's listener back ${(back.rows[0].backend_start as Date).getTime() - cutAt} ms after the cut; B answered BREACH ${(Date.now() - cutAt)} ms after the cut`);
    } finally {
      await admin.end();
    }

    // And notifications flow again after the reconnect.
    const again = await viaA.createPerson();
    await viaA.issuedOrder(again, zoneId);
    const ms = await until(() => viaB.verdict(again), 'BREACH', 5000);
    expect(ms).not.toBeNull();
    expect(ms!).toBeLessThan(1000);
  });
});
