/**
 * Soak benchmark (`npm run bench:soak`): the real service in its own process on loopback, with issued orders seeded,
 * under mixed traffic for SOAK_SECONDS (default 180): 90% breach checks, 10% writes (persons, draft orders,
 * violations). Prints throughput, p99, errors (any response other than the one expected), and the service's memory
 * (RSS and heap, sampled every second) after warm-up and at the end. PASS needs no errors, the retained heap at the
 * end within SOAK_MEMORY_TOLERANCE (default 20%) and RSS within SOAK_RSS_TOLERANCE (default 50%) of the post-warm-up
 * window; the exit code is 1 on FAIL.
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signDevToken } from '../src/auth/dev-token';
import { loadConfig } from '../src/config/app-config';
import { openDatabase } from '../src/database/open-database';
import { seedOrders, type SeededOrder } from './lib/seed-orders';
import { startService as startServiceProcess, stopService } from './lib/service-process';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 180);
/** Traffic before the first memory window (SOAK_WARM_UP_S; default a sixth of the run, 15–30 s). */
const WARM_UP_S = Number(process.env.SOAK_WARM_UP_S ?? Math.min(30, Math.max(15, Math.round(SECONDS / 6))));
const ORDERS = Number(process.env.SOAK_ORDERS ?? 5_000);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 16);
/** Growth allowed for the retained heap (the floor heapUsed falls back to after collections). */
const TOLERANCE = Number(process.env.SOAK_MEMORY_TOLERANCE ?? 0.2);
/** Growth allowed for RSS, which also holds allocator slack that V8 and malloc give back late or never. */
const RSS_TOLERANCE = Number(process.env.SOAK_RSS_TOLERANCE ?? 0.5);
const PORT = 3990 + Math.floor(Math.random() * 9);
/** The service's limits are sized for people; one token doing thousands of requests a second is this benchmark. */
const NO_RATE_LIMITS = { RATE_LIMIT_ENABLED: 'false' };

interface Sample {
  t: number;
  rss: number;
  heapUsed: number;
  /** The heap right after a full collection (every few seconds; the service runs with --expose-gc). */
  retained?: number;
}

const startService = (env: Record<string, string>) =>
  startServiceProcess({ port: PORT, env: { ...NO_RATE_LIMITS, ...env }, nodeArgs: ['--expose-gc'], preload: ['./bench/lib/memory-reporter.ts'] });

interface Fixtures {
  seeded: SeededOrder[];
  zoneId: string;
  personId: string;
  issued: { orderId: string }[];
}

async function prepare(env: Record<string, string>): Promise<Fixtures> {
  await stopService(await startService(env)); // first start: migrations, boundaries, demo data
  const db = await openDatabase(loadConfig({ ...process.env, ...env }));
  try {
    const seeded = await seedOrders(db.dataSource, ORDERS, new Date());
    const [zone] = await db.dataSource.query(`SELECT id FROM zone WHERE municipality_code = 'GM1706' AND is_demo ORDER BY created_at, id LIMIT 1`);
    // Violations of kind AREA_BAN need an area-ban order (some seeded orders are group bans).
    const issued = await db.dataSource.query(
      `SELECT o.id AS "orderId" FROM "order" o JOIN order_version v ON v.order_id = o.id
        WHERE o.municipality_code = 'GM1706' AND v.body->'measures'->0->>'type' = 'AREA_BAN' LIMIT 200`,
    );
    const [person] = await db.dataSource.query(`SELECT person_id AS id FROM "order" WHERE municipality_code = 'GM1706' LIMIT 1`);
    return { seeded, zoneId: zone.id, personId: person.id, issued };
  } finally {
    await db.close();
  }
}

type Req = NonNullable<autocannon.Options['requests']>[number];

/** The mix: out of every 20 requests, 18 breach checks, then a person or a draft order, and a violation. */
function traffic(f: Fixtures, tokens: { police: string; office: string }): { requests: Req[] } {
  let i = 0;
  let n = 0;
  const json = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
  const check = (req: autocannon.Request) => {
    const s = f.seeded[(i = (i + 7919) % f.seeded.length)];
    const away = i % 2 ? 0.05 : 0;
    return { ...req, method: 'POST' as const, path: '/api/v1/breach-checks', headers: json(tokens.police),
      body: JSON.stringify({ personId: s.personId, position: { lon: s.inside.lon + away, lat: s.inside.lat, accuracyM: 10 }, at: new Date().toISOString() }) };
  };
  const write = (req: autocannon.Request) => {
    n += 1;
    if (n % 3 === 0) {
      const o = f.issued[n % f.issued.length];
      return { ...req, method: 'POST' as const, path: `/api/v1/orders/${o.orderId}/violations`, headers: json(tokens.police),
        body: JSON.stringify({ at: new Date(Date.now() - 60_000).toISOString(), position: { lon: 5.58, lat: 51.27 }, reportRef: `PV-SOAK-${n}`, kind: 'AREA_BAN' }) };
    }
    if (n % 3 === 1) {
      return { ...req, method: 'POST' as const, path: '/api/v1/persons', headers: json(tokens.office),
        body: JSON.stringify({ municipalityCode: 'GM1706', name: `Soak ${n}`, dateOfBirth: '1990-01-01' }) };
    }
    return { ...req, method: 'POST' as const, path: '/api/v1/orders', headers: json(tokens.office), body: JSON.stringify({
      municipalityCode: 'GM1706', personId: f.personId, basis: { kind: 'GEMW_172A', ground: 'REPEATED' }, measures: [{ type: 'AREA_BAN', zoneIds: [f.zoneId] }],
      validity: { mode: 'CONTINUOUS', start: '2030-12-05T00:00:00+01:00', end: '2031-03-05T00:00:00+01:00' },
      procedure: { signatory: { role: 'MAYOR', name: 'Burgemeester' } } }) };
  };
  const requests: Req[] = [...Array.from({ length: 18 }, () => ({ setupRequest: check })), { setupRequest: write }, { setupRequest: write }];
  return { requests };
}

function run(opts: autocannon.Options, onStatus: (status: number) => void): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(opts, (err, res) => (err ? reject(err) : resolve(res)));
    instance.on('response', (_client: unknown, status: number) => onStatus(status));
  });
}

function samples(file: string): Sample[] {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Sample);
  } catch {
    return [];
  }
}

/**
 * One figure per window of 6 s up to `until`: the median RSS, and the retained heap: the heap left by the last full
 * collection up to `until` (a leak makes it grow; garbage between collections does not). On a loaded machine the
 * service's timers run late and a window may hold no collection: then the one before it counts.
 */
function windowSample(all: Sample[], until: number): Sample | undefined {
  const upTo = all.filter((x) => x.t <= until);
  const window = upTo.filter((x) => x.t > until - 6_000);
  const xs = window.length ? window : upTo.slice(-1);
  const collected = upTo.filter((x) => x.retained !== undefined);
  if (!xs.length || !collected.length) return undefined;
  const rss = xs.map((x) => x.rss).sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { t: xs[xs.length - 1].t, rss, heapUsed: collected[collected.length - 1].retained! };
}

const MB = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'ordreg-soak-'));
  const memoryFile = join(dir, 'memory.jsonl');
  let service: ChildProcess | undefined;
  try {
    const env = { DATA_DIR: join(dir, 'data') };
    const fixtures = await prepare(env);
    service = await startService({ ...env, SOAK_MEMORY_FILE: memoryFile });
    const jwt = loadConfig({}).jwt;
    const tokens = {
      police: await signDevToken(jwt, { roles: ['police'], municipalities: ['GM1706', 'GM1950', 'GM0243', 'GM0363', 'GM0599'], expiresIn: '2h' }),
      office: await signDevToken(jwt, { roles: ['mayor-office'], municipalities: ['GM1706'], expiresIn: '2h' }),
    };
    const { requests } = traffic(fixtures, tokens);
    const statuses = new Map<number, number>();
    const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
    const base = { url: `http://127.0.0.1:${PORT}`, connections: CONNECTIONS, requests };
    console.log(`soak: ${ORDERS} issued orders, ${CONNECTIONS} connections, ${WARM_UP_S} s warm-up + ${SECONDS} s mixed traffic (90% breach checks, 10% writes)`);
    await run({ ...base, duration: WARM_UP_S }, () => undefined);
    const warm = Date.now();
    const result = await run({ ...base, duration: SECONDS }, count);
    const done = Date.now();
    await new Promise((r) => setTimeout(r, 1500));
    const all = samples(memoryFile);
    // Windows of 6 s: each holds one full collection (every 5 s) and five RSS samples.
    const start = windowSample(all, warm);
    const end = windowSample(all, done);
    return report(result, statuses, start, end);
  } finally {
    if (service) await stopService(service);
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(r: autocannon.Result, statuses: Map<number, number>, start?: Sample, end?: Sample): number {
  const unexpected = [...statuses].filter(([s]) => s !== 200 && s !== 201).reduce((n, [, c]) => n + c, 0);
  const errors = r.errors + r.timeouts + unexpected;
  console.log(`requests ${r.requests.total} in ${r.duration.toFixed(0)} s: ${r.requests.average.toFixed(0)} req/s; latency p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms`);
  console.log(`statuses ${JSON.stringify(Object.fromEntries(statuses))}; errors ${errors} (connection errors ${r.errors}, timeouts ${r.timeouts}, unexpected statuses ${unexpected})`);
  let ok = errors === 0;
  console.log(`${errors === 0 ? 'PASS' : 'FAIL'} errors: ${errors}`);
  if (!start || !end) {
    console.log('FAIL memory: no samples from the service');
    return 1;
  }
  const checks = [
    { key: 'heapUsed' as const, label: 'retained heap (after a full collection)', limit: TOLERANCE },
    { key: 'rss' as const, label: 'rss (median of the window)', limit: RSS_TOLERANCE },
  ];
  for (const { key, label, limit } of checks) {
    const growth = (end[key] - start[key]) / start[key];
    const pass = growth <= limit;
    ok &&= pass;
    console.log(`${pass ? 'PASS' : 'FAIL'} memory ${label}: ${MB(start[key])} after warm-up, ${MB(end[key])} at the end (${growth >= 0 ? '+' : ''}${(100 * growth).toFixed(1)}%, limit +${(100 * limit).toFixed(0)}%)`);
  }
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
