/**
 * How long the lawyers' audit report takes for 10,000 orders.
 *
 *   npx ts-node --transpile-only bench/audit-report.bench.ts
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/ordreg_audit_bench npx ts-node --transpile-only bench/audit-report.bench.ts
 *
 * Always runs on an in-memory PGlite (as the tests do); also on PostgreSQL when BENCH_DATABASE_URL (or
 * TEST_DATABASE_URL) is set: that database is EMPTIED (schema public dropped and migrated again, as the tests do), so
 * point it at a database of its own. BENCH_ORDERS changes the number of orders (default 10,000).
 * Each run seeds the municipalities and demo zones, then the orders (about 2.5 versions each, 2,500 persons) with
 * bulk SQL, and times `AuditReportService.report` (queries, rules in memory, processing log) and the JSON and CSV
 * renderings, printing the median of a few runs after a warm-up, with the CPU time of this process (PGlite runs in
 * it) and the machine's load, since the report is CPU-bound.
 */
import 'reflect-metadata';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { AppModule } from '../src/app.module';
import type { Actor } from '../src/auth/actor';
import { FixedClock } from '../src/common/clock';
import { loadConfig } from '../src/config/app-config';
import { openDatabase } from '../src/database/open-database';
import type { OrderState } from '../src/domain/order/order';
import { toAuditCsv } from '../src/modules/audit-report/audit-report.csv';
import { AuditReportService } from '../src/modules/audit-report/audit-report.service';
import { validityEnvelope } from '../src/modules/orders/order.mapper';
import { SeedService } from '../src/modules/seed/seed.service';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 10_000);
const PERSONS = 2_500;
const RUNS = 5;
const CHUNK = 1_000;
const NOW = '2026-12-10T12:00:00+01:00';
const ACTOR: Actor = { sub: 'bench-lawyer', roles: ['lawyer'], municipalities: ['GM1706', 'GM1950', 'GM0243'] };
const MOTIVATION = { fear: 'Ernstige vrees voor verdere verstoring.', suitability: 'Passend.', necessity: 'Nodig.', balance: 'Evenwichtig.' };

interface Zone {
  zoneId: string;
  versionId: string;
  municipalityCode: string;
}

async function startPglite(): Promise<{ url: string; stop: () => Promise<void> }> {
  const db = await PGlite.create();
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
  await server.start();
  return { url: `postgres://postgres@${server.getServerConn()}/postgres`, stop: async () => (await server.stop(), await db.close()) };
}

/** An empty, migrated schema (as test/setup/global-setup.ts makes it). */
async function migrate(url: string): Promise<void> {
  const ds = new DataSource({ type: 'postgres', url, migrations: MIGRATIONS, migrationsTableName: 'typeorm_migrations', extra: { max: 1 } });
  await ds.initialize();
  try {
    await ds.query('DROP SCHEMA IF EXISTS public CASCADE');
    await ds.query('CREATE SCHEMA public');
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
}

/** A lawful-looking order of one of five shapes: 172a with 0–3 extensions, APV 24 hours, APV 4 weeks, 172(3), separate days. */
function orderBody(i: number, personId: string, zone: Zone): { state: OrderState; kinds: string[] } {
  const start = new Date(Date.UTC(2025, 0, 1) + (i % 700) * 86_400_000);
  const iso = (d: Date) => d.toISOString().replace('.000Z', 'Z');
  const plusDays = (n: number) => new Date(start.getTime() + n * 86_400_000);
  const base: OrderState = {
    municipalityCode: zone.municipalityCode,
    personId,
    basis: { kind: 'GEMW_172A', ground: 'REPEATED' },
    measures: [{ type: 'AREA_BAN', zoneIds: [zone.zoneId], zoneVersionIds: [zone.versionId] }],
    validity: { mode: 'CONTINUOUS', start: iso(start), end: iso(plusDays(90)) },
    incidents: [{ at: iso(plusDays(-30)), description: 'Vechtpartij', serious: true }, { at: iso(plusDays(-10)), description: 'Bedreiging' }],
    procedure: { hearingSkippedGround: 'URGENCY', motivation: MOTIVATION, signatory: { role: 'MAYOR', name: 'Burgemeester' }, notifiedAt: iso(plusDays(-1)), notificationMethod: 'HANDED' },
    status: 'ISSUED',
    extensions: [],
    exemptions: [],
    suspensions: [],
  };
  const shape = i % 5;
  if (shape === 0) {
    const n = i % 4;
    const extensions = Array.from({ length: n }, (_, k) => ({ decidedAt: iso(plusDays(85 + 91 * k)), previousEnd: iso(plusDays(90 + 91 * k)), newEnd: iso(plusDays(181 + 91 * k)), motivation: MOTIVATION }));
    return { state: { ...base, status: n ? 'EXTENDED' : 'ISSUED', extensions }, kinds: ['CREATE', 'ISSUE', ...extensions.map(() => 'EXTEND')] };
  }
  if (shape === 1 || shape === 2) {
    const apv = { ...base, basis: { kind: 'APV' as const, apvArticle: zone.municipalityCode === 'GM1706' ? '2:79' : '2:78' }, procedure: { ...base.procedure, signatory: { role: 'POLICE' as const, name: 'Agent' } } };
    return { state: { ...apv, validity: { mode: 'CONTINUOUS', start: iso(start), end: iso(plusDays(shape === 1 ? 1 : 28)) } }, kinds: ['CREATE', 'ISSUE'] };
  }
  if (shape === 3) return { state: { ...base, basis: { kind: 'GEMW_172_3' }, validity: { mode: 'CONTINUOUS', start: iso(start), end: iso(plusDays(3)) } }, kinds: ['CREATE', 'ISSUE'] };
  const days = Array.from({ length: 20 }, (_, k) => plusDays(7 * k).toISOString().slice(0, 10));
  return { state: { ...base, validity: { mode: 'SEPARATE_DAYS', days } }, kinds: ['CREATE', 'ISSUE', 'RECORD_REVIEW'] };
}

async function seedOrders(ds: DataSource, zones: Zone[]): Promise<number> {
  const persons = Array.from({ length: PERSONS }, (_, i) => ({ id: randomUUID(), zone: zones[i % zones.length] }));
  await ds.query(
    `INSERT INTO person (id, municipality_code, name, date_of_birth, created_by)
     SELECT id, m, 'Bench Persoon', date '1990-01-01' + (n % 3000)::int, 'bench' FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS p(id, m, n)`,
    [persons.map((p) => p.id), persons.map((p) => p.zone.municipalityCode)],
  );
  let versions = 0;
  for (let from = 0; from < ORDERS; from += CHUNK) {
    const batch = Array.from({ length: Math.min(CHUNK, ORDERS - from) }, (_, k) => {
      const person = persons[(from + k) % PERSONS];
      return { id: randomUUID(), n: from + k, person, ...orderBody(from + k, person.id, person.zone) };
    });
    await ds.query(
      `INSERT INTO "order" (id, municipality_code, person_id, reference, created_by, created_at)
       SELECT id, m, p, 'BENCH-' || n, 'bench', timestamptz '2024-12-01' + n * interval '1 minute'
         FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::int[]) AS o(id, m, p, n)`,
      [batch.map((b) => b.id), batch.map((b) => b.state.municipalityCode), batch.map((b) => b.person.id), batch.map((b) => b.n)],
    );
    versions += await insertVersions(ds, batch);
  }
  return versions;
}

/** Every version of each order in the batch: earlier ones carry the body without the later extensions. */
async function insertVersions(ds: DataSource, batch: { id: string; n: number; state: OrderState; kinds: string[] }[]): Promise<number> {
  const rows = batch.flatMap((b) =>
    b.kinds.map((kind, v) => {
      const extensions = b.state.extensions.slice(0, Math.max(0, v - 1));
      const body: OrderState = { ...b.state, extensions, status: v === 0 ? 'DRAFT' : extensions.length ? 'EXTENDED' : 'ISSUED' };
      const env = validityEnvelope(body);
      return { orderId: b.id, version: v + 1, kind, body, env, at: new Date(Date.UTC(2024, 11, 1) + b.n * 60_000 + v * 1000) };
    }),
  );
  await ds.query(
    `INSERT INTO order_version (order_id, version, status, change_kind, basis_kind, valid_from, valid_until, body, created_at, created_by)
     SELECT o, v, b->>'status', k, b->'basis'->>'kind', f, u, b, c, 'bench'
       FROM unnest($1::uuid[], $2::int[], $3::text[], $4::jsonb[], $5::timestamptz[], $6::timestamptz[], $7::timestamptz[]) AS x(o, v, k, b, f, u, c)`,
    [
      rows.map((r) => r.orderId), rows.map((r) => r.version), rows.map((r) => r.kind), rows.map((r) => JSON.stringify(r.body)),
      rows.map((r) => r.env.validFrom), rows.map((r) => r.env.validUntil), rows.map((r) => r.at),
    ],
  );
  return rows.length;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function time<T>(fn: () => Promise<T>): Promise<[T, number, number]> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const result = await fn();
  const cpu = process.cpuUsage(cpu0);
  return [result, performance.now() - t0, (cpu.user + cpu.system) / 1000];
}

async function benchOn(name: string, url: string): Promise<void> {
  await migrate(url);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: url, DATABASE_POOL_MAX: name === 'PGlite' ? '1' : '5', MIGRATIONS_RUN: 'false', DEMO_DATA: 'true' });
  const db = await openDatabase(config);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config, dataSource: db.dataSource, clock: new FixedClock(new Date(NOW)) }), { logger: false });
  try {
    await app.get(SeedService).loadOnce();
    const zones: Zone[] = await db.dataSource.query(
      `SELECT z.id AS "zoneId", v.id AS "versionId", z.municipality_code AS "municipalityCode" FROM zone z JOIN zone_version v ON v.zone_id = z.id ORDER BY z.municipality_code, z.id`,
    );
    const [versions, seedMs] = await time(() => seedOrders(db.dataSource, zones));
    await db.dataSource.query('ANALYZE');
    process.stdout.write(`${name}: seeded ${ORDERS} orders, ${versions} versions, ${PERSONS} persons in ${(seedMs / 1000).toFixed(1)} s\n`);
    await measure(name, app.get(AuditReportService));
  } finally {
    await app.close();
    await db.close();
  }
}

async function measure(name: string, service: AuditReportService): Promise<void> {
  const [warm] = await time(() => service.report(ACTOR, {}));
  if (warm.orders.length !== ORDERS) throw new Error(`expected ${ORDERS} orders in the report, got ${warm.orders.length}`);
  const report: number[] = [];
  const cpu: number[] = [];
  const json: number[] = [];
  const csv: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const [body, ms, cpuMs] = await time(() => service.report(ACTOR, {}));
    report.push(ms);
    cpu.push(cpuMs);
    json.push((await time(async () => JSON.stringify(body)))[1]);
    csv.push((await time(async () => toAuditCsv(body.orders)))[1]);
  }
  const findings = warm.summary.perRuleId.filter((r) => r.orders > 0).map((r) => `${r.ruleId}=${r.orders}`).join(', ');
  process.stdout.write(
    `${name}: report of ${ORDERS} orders, median of ${RUNS}: service ${median(report).toFixed(0)} ms ` +
      `(runs ${report.map((m) => m.toFixed(0)).join(', ')}; CPU of this process ${median(cpu).toFixed(0)} ms), ` +
      `+ JSON ${median(json).toFixed(0)} ms, CSV ${median(csv).toFixed(0)} ms; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs\n` +
      `${name}: orders flagged per rule: ${findings || 'none'}\n`,
  );
}

async function main(): Promise<void> {
  const pglite = await startPglite();
  try {
    await benchOn('PGlite', pglite.url);
  } finally {
    await pglite.stop();
  }
  const postgres = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (postgres) await benchOn('PostgreSQL', postgres);
  else process.stdout.write('PostgreSQL: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)\n');
}

main().catch((e: Error) => {
  process.stderr.write(`audit-report bench: ${e.stack ?? e.message}\n`);
  process.exit(1);
});
