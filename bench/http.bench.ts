/**
 * HTTP benchmark of the breach check (`npm run bench:http`): the real service in its own process on loopback, with
 * 10,000 issued orders, loaded by autocannon; and in the same run, alternating, a do-nothing route of the same app
 * (the framework's ceiling). Prints checks/s and p99 per round and their medians, and the share of the ceiling.
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { signDevToken } from '../src/auth/dev-token';
import { loadConfig } from '../src/config/app-config';
import { openDatabase } from '../src/database/open-database';
import { BENCH_MUNICIPALITIES, seedOrders, type SeededOrder } from './lib/seed-orders';
import { mainThreadCpuMs, processCpuMs, startService as startServiceProcess, stopService } from './lib/service-process';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const PORT = 3900 + Math.floor(Math.random() * 90);

const NODE_ARGS = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []; // e.g. --cpu-prof to profile the service
const startService = (env: Record<string, string>) => startServiceProcess({ port: PORT, env, nodeArgs: NODE_ARGS });

/**
 * Where the service keeps its data: the embedded database in a fresh folder, or (with BENCH_DATABASE_URL, e.g. the
 * local PostgreSQL) a fresh database there, as production runs.
 */
async function databaseEnv(dataDir: string): Promise<Record<string, string>> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) return { DATA_DIR: dataDir };
  const target = new URL(url);
  const name = `ordreg_http_bench_${process.pid}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  target.pathname = `/${name}`;
  dropDatabase = async () => {
    const c = new Client({ connectionString: url });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
  return { DATABASE_URL: target.toString(), MIGRATIONS_RUN: 'true' };
}

let dropDatabase = async () => undefined as void;

async function prepare(env: Record<string, string>): Promise<SeededOrder[]> {
  // First start: migrations, boundaries and demo data, exactly as `npm start` does them.
  await stopService(await startService(env));
  const config = loadConfig({ ...process.env, ...env });
  const db = await openDatabase(config);
  try {
    const started = Date.now();
    const seeded = await seedOrders(db.dataSource, ORDERS, new Date());
    console.log(`seeded ${ORDERS} issued orders in ${Date.now() - started} ms`);
    return seeded;
  } finally {
    await db.close();
  }
}

function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => autocannon(opts, (err, res) => (err ? reject(err) : resolve(res))));
}

/**
 * The checks the load generator sends, built beforehand (autocannon builds a request without `setupRequest` once, as
 * it does the bare route's): the generator shares the machine's two cores with the service, and building each body
 * as it goes (JSON, a fresh timestamp) would take CPU from the service in the check runs only. 4,096 distinct
 * checks, persons in a scattered order, half inside their zone and half about 4 km away, asked about the time the
 * run starts.
 */
function checkRequests(seeded: SeededOrder[], token: string): autocannon.Request[] {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const at = new Date().toISOString();
  return Array.from({ length: 4096 }, (_, k) => {
    const s = seeded[(k * 7919) % seeded.length];
    const away = k % 2 === 1 ? 0.05 : 0;
    const body = JSON.stringify({ personId: s.personId, position: { lon: s.inside.lon + away, lat: s.inside.lat, accuracyM: 10 }, at });
    return { method: 'POST', path: '/api/v1/breach-checks', headers, body };
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** CPU milliseconds between two readings of a `/proc` counter, or undefined where it could not be read. */
const since = (before: number | undefined, after: number | undefined) => (before === undefined || after === undefined ? undefined : after - before);

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ordreg-bench-'));
  let service: ChildProcess | undefined;
  try {
    const env = await databaseEnv(dataDir);
    const seeded = await prepare(env);
    // The per-caller rate limits stay on (their guard runs on every request, as in production), raised above what
    // one token can send here, so that the benchmark measures the work and not 429s.
    service = await startService({ ...env, BENCH_NOOP_ROUTE: 'true', RATE_LIMIT_BREACH_CHECKS: '100000000', RATE_LIMIT_READS: '100000000' });
    const token = await signDevToken(loadConfig({}).jwt, { roles: ['police'], municipalities: BENCH_MUNICIPALITIES, expiresIn: '2h' });
    const base = { url: `http://127.0.0.1:${PORT}`, connections: CONNECTIONS, duration: SECONDS };
    await run({ ...base, duration: 3, requests: checkRequests(seeded, token) }); // warm-up
    const rows: Row[] = [];
    const started = service;
    const measured = async (options: autocannon.Options) => {
      const [mainBefore, allBefore] = [mainThreadCpuMs(started), processCpuMs(started)];
      const result = await run(options);
      const mainMs = since(mainBefore, mainThreadCpuMs(started));
      const allMs = since(allBefore, processCpuMs(started));
      const perRequestUs = (ms: number) => (ms * 1000) / result.requests.total;
      const cpuUs = mainMs === undefined ? undefined : perRequestUs(mainMs);
      const otherUs = mainMs === undefined || allMs === undefined ? undefined : perRequestUs(allMs - mainMs);
      // Over the timed run only: autocannon's result.duration also counts the building of its requests beforehand.
      const busy = mainMs === undefined ? undefined : mainMs / ((options.duration as number) * 1000);
      return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx, cpuUs, otherUs, busy };
    };
    for (let round = 1; round <= ROUNDS; round++) {
      rows.push({ round, route: 'POST /breach-checks', ...(await measured({ ...base, requests: checkRequests(seeded, token) })) });
      rows.push({ round, route: 'GET /bench/noop', ...(await measured({ ...base, requests: [{ method: 'GET', path: '/api/v1/bench/noop' }] })) });
    }
    report(rows);
  } finally {
    if (service) await stopService(service);
    await dropDatabase();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

interface Row {
  round: number;
  route: string;
  rps: number;
  p99: number;
  errors: number;
  /** The service's main-thread CPU time per request in µs (Linux), when it could be read. */
  cpuUs?: number;
  /** The CPU time per request in µs of the service's other threads (database worker, GC, file writes), when it could be read. */
  otherUs?: number;
  /** The share of the run's wall time the main thread was on the CPU (1: always busy), when it could be read. */
  busy?: number;
}

function report(rows: Row[]): void {
  const db = process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite';
  console.log(`\nHTTP benchmark on ${db}: ${ORDERS} issued orders, ${CONNECTIONS} connections, ${SECONDS} s per run, ${ROUNDS} alternating rounds`);
  console.log('round  route                  req/s     p99 ms  errors  main-thread CPU µs/request  main thread busy  other threads CPU µs/request');
  for (const r of rows) {
    const cpu = r.cpuUs === undefined ? '-' : r.cpuUs.toFixed(1);
    const busy = r.busy === undefined ? '-' : `${(100 * r.busy).toFixed(0)}%`;
    const other = r.otherUs === undefined ? '-' : r.otherUs.toFixed(1);
    console.log(`${String(r.round).padEnd(6)} ${r.route.padEnd(22)} ${r.rps.toFixed(0).padStart(7)}  ${r.p99.toFixed(1).padStart(7)}  ${String(r.errors).padEnd(6)}  ${cpu.padStart(8)}  ${busy.padStart(36)}  ${other.padStart(28)}`);
  }
  const checks = rows.filter((r) => r.route.startsWith('POST'));
  const noops = rows.filter((r) => r.route.startsWith('GET'));
  const [cRps, nRps, cP99] = [median(checks.map((r) => r.rps)), median(noops.map((r) => r.rps)), median(checks.map((r) => r.p99))];
  const share = cRps / nRps;
  // Each round's check run and the bare run right after it, as a pair: drift between rounds cancels out of this one.
  const roundShares = checks.map((c) => c.rps / (noops.find((n) => n.round === c.round) as Row).rps);
  const roundShare = median(roundShares);
  console.log(`median breach checks/s ${cRps.toFixed(0)}, p99 ${cP99.toFixed(1)} ms; bare route ${nRps.toFixed(0)} req/s; share of ceiling ${(100 * share).toFixed(0)}%`);
  console.log(`share per round ${roundShares.map((x) => `${(100 * x).toFixed(0)}%`).join(', ')}; median ${(100 * roundShare).toFixed(0)}%`);
  if (rows.every((r) => r.cpuUs !== undefined)) {
    const [cCpu, nCpu] = [median(checks.map((r) => r.cpuUs!)), median(noops.map((r) => r.cpuUs!))];
    console.log(
      `median main-thread CPU per request: breach check ${cCpu.toFixed(1)} µs, bare route ${nCpu.toFixed(1)} µs; ` +
        `bare/check ${(100 * (nCpu / cCpu)).toFixed(0)}% (the share the CPU cost alone allows; not the target's measure)`,
    );
    // Below 100% the main thread waited: for requests, or for the processing-log journal's writes before answering
    // (see the README: during checks it waits mostly while the embedded database inserts the log's rows).
    const [cBusy, nBusy] = [median(checks.map((r) => r.busy!)), median(noops.map((r) => r.busy!))];
    console.log(`median main-thread busy: breach checks ${(100 * cBusy).toFixed(0)}%, bare route ${(100 * nBusy).toFixed(0)}% of the run's wall time`);
  }
  if (rows.every((r) => r.otherUs !== undefined)) {
    const [cOther, nOther] = [median(checks.map((r) => r.otherUs!)), median(noops.map((r) => r.otherUs!))];
    console.log(`median CPU per request of the service's other threads (database worker, GC, file writes; they share the cores): breach check ${cOther.toFixed(1)} µs, bare route ${nOther.toFixed(1)} µs`);
  }
  console.log(`target >= 5000 checks/s: ${cRps >= 5000 ? 'PASS' : 'FAIL'}; p99 < 20 ms: ${cP99 < 20 ? 'PASS' : 'FAIL'}; >= 40% of bare route (both medians): ${share >= 0.4 && roundShare >= 0.4 ? 'PASS' : 'FAIL'}; errors: ${checks.reduce((n, r) => n + r.errors, 0)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
