/**
 * Domain benchmark of the breach-check index (`npm run bench:index`; `BENCH_QUICK=1` for a short smoke run).
 *
 * On generated register data (see `lib/dataset.ts`) at 100, 1,000, 10,000 and 100,000 active orders it times both
 * police questions, "is this person here in breach?" and "what applies at this point?", answered
 *   (a) by the geofence index, the way `BreachChecksService` does (forEachOfHandles + evaluateBreach; activeAt),
 *   (b) by a naive linear scan over the same zones with turf (`NaiveGeofence`), and
 *   (c) by PostgreSQL + PostGIS (`ST_Covers`, GiST), when it is installed (else a line says it was skipped),
 * side by side in one run, and prints latency (median, p99), checks per second, the ratios to the index, index
 * build time and memory, and PASS/FAIL per target.
 *
 * Environment: BENCH_QUICK=1 (100 and 1,000 orders, short), BENCH_SIZES=1000,10000 (any sizes),
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/ordreg_bench, created if missing), BENCH_SEED.
 */
import * as os from 'node:os';
import type { BreachResult } from '../src/domain/breach/breach-types';
import type { ActiveMeasure } from '../src/domain/breach/evaluate-breach';
import { GeofenceIndex } from '../src/domain/geofence/geofence-index';
import { polygonsOf } from '../src/domain/geometry/zone-geometry';
import { Backend, NaiveOverZoneVersions, indexBackend, naiveBackend } from './lib/backends';
import { Dataset, buildDataset } from './lib/dataset';
import { Contender, Stats, median, sideBySide, stats, warmUp } from './lib/measure';
import { SteadyMemory, collectGarbage, liveBytes, probeSteadyMemory, rssBytes } from './lib/memory';
import { DEFAULT_DATABASE_URL, Postgis, loadDataset, openPostgis, postgisBackend } from './lib/postgis';
import { PersonCheck, PointQuestion, personChecks, pointQuestions } from './lib/queries';
import { int, mb, micros, renderTable, times } from './lib/table';

// ---------------------------------------------------------------------------------------------------------------
// Configuration

interface Limits {
  maxSamples: number;
  minSamples: number;
  budgetMs: number;
  warmUp: number;
  warmUpMs: number;
}

interface Config {
  quick: boolean;
  sizes: number[];
  seed: number;
  /** Query lists: measured queries first, then a tail for warm-up and the agreement check. */
  queries: number;
  tail: number;
  agreement: number;
  agreementMs: number;
  limits: Record<string, Limits>;
  builds: (orders: number) => number;
}

function configFromEnv(): Config {
  const quick = process.env.BENCH_QUICK === '1';
  const sizes = process.env.BENCH_SIZES
    ? process.env.BENCH_SIZES.split(',').map((s) => Number(s.replace(/_/g, '')))
    : quick ? [100, 1_000] : [100, 1_000, 10_000, 100_000]; // prettier-ignore
  const limits: Record<string, Limits> = quick
    ? {
        index: { maxSamples: 500, minSamples: 50, budgetMs: 500, warmUp: 200, warmUpMs: 300 },
        naive: { maxSamples: 200, minSamples: 20, budgetMs: 300, warmUp: 20, warmUpMs: 200 },
        PostGIS: { maxSamples: 300, minSamples: 20, budgetMs: 500, warmUp: 50, warmUpMs: 300 },
      }
    : {
        index: { maxSamples: 5_000, minSamples: 200, budgetMs: 5_000, warmUp: 1_000, warmUpMs: 1_000 },
        naive: { maxSamples: 2_000, minSamples: 20, budgetMs: 2_000, warmUp: 30, warmUpMs: 500 },
        PostGIS: { maxSamples: 2_000, minSamples: 20, budgetMs: 2_000, warmUp: 100, warmUpMs: 1_000 },
      };
  return {
    quick,
    sizes,
    seed: Number(process.env.BENCH_SEED ?? 20260608),
    queries: limits.index.maxSamples,
    tail: 1_200, // the agreement check, then the warm-up
    agreement: quick ? 50 : 100,
    agreementMs: quick ? 500 : 2_000,
    limits,
    builds: (orders) => (quick ? 3 : orders >= 100_000 ? 3 : 5),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// One size

interface QuestionResult {
  label: string;
  stats: Map<string, Stats>;
  /** Per backend other than the index: answers equal to the index's, of how many compared. */
  agreement: Map<string, { same: number; of: number }>;
  /**
   * The same samples split by the kind of query (see {@link QueryKinds}), in the order of `QueryKinds.kinds`, with
   * the index's own (µs), for what a missed target would have needed (see {@link headroomLine}).
   */
  byKind: { kind: string; share: number; stats: Map<string, Stats>; indexUs: number[] }[];
  /** The index's samples (µs). */
  indexUs: number[];
}

/**
 * Kinds of query, for timing each kind apart: a median over all queries sits wherever the mix puts it, and the
 * kinds differ in what both backends must do (rules and distances for every order found, or nothing to report).
 */
interface QueryKinds {
  kinds: readonly string[];
  /** The kind of query i (of the same list the backends are asked). */
  of(i: number): string;
}

interface SizeResult {
  orders: number;
  persons: number;
  entries: number;
  zoneVersions: number;
  sharedZones: number;
  vertices: { total: number; median: number; max: number };
  generatedS: number;
  buildMs: number[];
  indexBytes: number;
  rssBytes: number;
  postgisLoad?: { seconds: number; cached: boolean };
  questions: QuestionResult[];
  steady?: SteadyMemory | null;
}

const started = Date.now();
const progress = (message: string) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${message}\n`);
const elapsedMs = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;

async function benchSize(orders: number, config: Config, postgis: Postgis): Promise<SizeResult> {
  progress(`${int(orders)} orders: generating data`);
  const t0 = process.hrtime.bigint();
  const ds = buildDataset(orders, config.seed);
  const generatedS = elapsedMs(t0) / 1000;
  progress(`${int(orders)} orders: building the index`);
  const { index, buildMs, indexBytes } = buildIndex(ds, config.builds(orders));
  const rss = rssBytes();
  const indexed = indexBackend(ds, index);
  const backends: Backend[] = [indexed, naiveBackend(ds, new NaiveOverZoneVersions(ds.entries))];
  let postgisLoad: SizeResult['postgisLoad'];
  if ('client' in postgis) {
    progress(`${int(orders)} orders: loading PostGIS`);
    const load = await loadDataset(postgis.client, ds);
    postgisLoad = { seconds: load.seconds, cached: load.cached };
    backends.push(postgisBackend(postgis.client, load.schema, ds));
  }
  const n = config.queries + config.tail;
  const persons = personChecks(ds, n, config.seed + orders + 1);
  const points = pointQuestions(ds, n, config.seed + orders + 2);
  progress(`${int(orders)} orders: timing the person's check`);
  const person = await benchQuestion("person's check", backends, config, (b, k) => {
    const qs = withInstantStyle(persons, k);
    return (i) => b.person(qs[i % qs.length]);
  }, canonicalBreach, () => personKinds(persons, indexed));
  progress(`${int(orders)} orders: timing what applies at a point`);
  const point = await benchQuestion('what applies here', backends, config, (b, k) => {
    const qs = withInstantStyle(points, k);
    return (i) => b.point(qs[i % qs.length]);
  }, canonicalActive, () => pointKinds(points, index));
  return {
    orders,
    persons: ds.persons.length,
    entries: ds.entries.length,
    zoneVersions: new Set(ds.entries.map((e) => e.zoneVersionId)).size,
    sharedZones: new Set(ds.entries.filter((e) => ds.zoneByVersion.get(e.zoneVersionId)?.shared).map((e) => e.zoneVersionId)).size,
    vertices: vertexStats(ds),
    generatedS,
    buildMs,
    indexBytes,
    rssBytes: rss,
    postgisLoad,
    questions: [person, point],
  };
}

/**
 * Build time over `runs` builds, each from a collected heap (so no build pays for the garbage of the one before).
 * The first build is kept and weighed: heapUsed + arrayBuffers after it minus before it, both after a full
 * collection (measured before any other build exists, so nothing else can be in the difference).
 */
function buildIndex(ds: Dataset, runs: number): { index: GeofenceIndex; buildMs: number[]; indexBytes: number } {
  const before = liveBytes();
  const t0 = process.hrtime.bigint();
  const index = GeofenceIndex.build(ds.entries);
  const buildMs = [elapsedMs(t0)];
  const indexBytes = liveBytes() - before;
  for (let k = 1; k < runs; k++) buildMs.push(timeBuild(ds));
  return { index, buildMs, indexBytes };
}

/** One more build, thrown away (in its own frame, so that nothing keeps it from the next collection). */
function timeBuild(ds: Dataset): number {
  collectGarbage();
  const t0 = process.hrtime.bigint();
  GeofenceIndex.build(ds.entries);
  return elapsedMs(t0);
}

function vertexStats(ds: Dataset): SizeResult['vertices'] {
  const used = new Set(ds.entries.map((e) => e.zoneVersionId));
  // Distinct vertices: the closing position of each ring is not counted.
  const counts = [...used].map((v) => polygonsOf(ds.geometries.get(v)!).flat().reduce((n, ring) => n + ring.length - 1, 0));
  return { total: counts.reduce((s, c) => s + c, 0), median: median(counts), max: counts.reduce((m, c) => Math.max(m, c), 0) };
}

/**
 * The same instants written differently per backend (12:34:56.000Z, 12:34:56Z, 14:34:56+02:00): every backend
 * parses its own time stamps, as each new check does, instead of finding them in the parse cache another backend
 * just filled.
 */
function withInstantStyle<Q extends { at: string }>(queries: readonly Q[], style: number): Q[] {
  const format = [
    (ms: number) => new Date(ms).toISOString(),
    (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z'),
    (ms: number) => new Date(ms + 7_200_000).toISOString().replace('.000Z', '+02:00'),
  ][style % 3];
  return queries.map((q) => ({ ...q, at: format(Date.parse(q.at)) }));
}

type Ask = (i: number) => unknown;

async function benchQuestion(
  label: string,
  backends: readonly Backend[],
  config: Config,
  askOf: (backend: Backend, k: number) => Ask,
  canonical: (answer: never) => string,
  kindsOf: () => QueryKinds,
): Promise<QuestionResult> {
  const asks = backends.map((b, k) => askOf(b, k));
  const agreement = await compareAnswers(backends, asks, config, canonical);
  const contenders: Contender[] = backends.map((b, k) => ({ name: b.name, run: asks[k], ...config.limits[b.name] }));
  for (const c of contenders) {
    const limits = config.limits[c.name];
    await warmUp(c, limits.warmUp, limits.warmUpMs, config.queries + config.agreement);
  }
  const samples = await sideBySide(contenders);
  // The kinds are found after the timing, so that finding them warms no cache for the queries timed.
  const byKind = splitByKind(samples, kindsOf());
  const indexUs = samples.get('index') as number[];
  return { label, stats: new Map([...samples].map(([name, us]) => [name, stats(us)])), agreement, byKind, indexUs };
}

/** Sample i of every backend is query i (see `sideBySide`); each kind's samples and its share of the index's. */
function splitByKind(samples: ReadonlyMap<string, number[]>, kinds: QueryKinds): QuestionResult['byKind'] {
  const indexCount = (samples.get('index') as number[]).length;
  return kinds.kinds.map((kind) => {
    const ofKind = (us: number[]) => us.filter((_, i) => kinds.of(i) === kind);
    const perBackend = [...samples].map(([name, us]) => [name, ofKind(us)] as const).filter(([, us]) => us.length > 0);
    const indexUs = perBackend.find(([name]) => name === 'index')?.[1] ?? [];
    return { kind, share: indexUs.length / indexCount, stats: new Map(perBackend.map(([name, us]) => [name, stats(us)])), indexUs };
  });
}

/** Person's checks: whether a zone of the person's orders lies within the position's accuracy (evidence to give). */
function personKinds(queries: readonly PersonCheck[], index: Backend): QueryKinds {
  const kinds = ['a zone of theirs in reach', 'none in reach'];
  const tags = queries.map((q) => ((index.person(q) as BreachResult).evidence.length > 0 ? kinds[0] : kinds[1]));
  return { kinds, of: (i) => tags[i % tags.length] };
}

/** Points: whether some zone (of any order) covers the point; only then are there orders to judge and report. */
function pointKinds(queries: readonly PointQuestion[], index: GeofenceIndex): QueryKinds {
  const kinds = ['in a zone', 'in no zone'];
  const tags = queries.map((q) => {
    let covered = false;
    index.forEachCovering(q.lon, q.lat, () => (covered = true));
    return covered ? kinds[0] : kinds[1];
  });
  return { kinds, of: (i) => tags[i % tags.length] };
}

/**
 * Asks every backend the same tail queries and counts the answers equal to the index's; a backend stops comparing
 * once it has spent `agreementMs` (the naive scan at 100,000 orders takes a good fraction of a second per check).
 */
async function compareAnswers(
  backends: readonly Backend[],
  asks: readonly Ask[],
  config: Config,
  canonical: (answer: never) => string,
): Promise<QuestionResult['agreement']> {
  const agreement: QuestionResult['agreement'] = new Map(backends.slice(1).map((b) => [b.name, { same: 0, of: 0 }]));
  const spentMs = backends.map(() => 0);
  for (let i = config.queries; i < config.queries + config.agreement; i++) {
    const reference = canonical((await asks[0](i)) as never);
    for (let k = 1; k < backends.length; k++) {
      if (spentMs[k] > config.agreementMs) continue;
      const t0 = process.hrtime.bigint();
      const answer = canonical((await asks[k](i)) as never);
      spentMs[k] += elapsedMs(t0);
      const tally = agreement.get(backends[k].name) as { same: number; of: number };
      tally.of++;
      if (answer === reference) tally.same++;
      else if (process.env.BENCH_DEBUG) {
        process.stderr.write(`differs (${backends[k].name}, query ${i}):\n  index: ${reference}\n  other: ${answer}\n`);
      }
    }
  }
  return agreement;
}

const canonicalBreach = (r: BreachResult) =>
  `${r.verdict}: ${r.evidence.map((e) => `${e.orderId}/${e.measureIndex}/${e.zoneVersionId}=${e.verdict}`).join(' ')}`;

const canonicalActive = (measures: ActiveMeasure[]) =>
  measures.map((m) => `${m.orderId}/${m.measureIndex}/${m.zoneVersionId}`).sort().join(' ');

// ---------------------------------------------------------------------------------------------------------------
// Report

function header(config: Config, postgis: Postgis): string {
  const cpus = os.cpus();
  return [
    `Breach-check index benchmark: started ${new Date(started).toISOString()}, Node ${process.version}, ${os.platform()} ${os.arch()}, ` +
      `${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, seed ${config.seed}` +
      (config.quick ? ', BENCH_QUICK=1 (short smoke run)' : ''),
    'Data: zones of 20–2,000 vertices over the Netherlands (shared city-centre/station zones 500 m–2 km held by many',
    '  orders, Zipf 0.8; personal zones 100 m–2 km); orders in force all week, 30 % of area bans on a weekly schedule,',
    '  8 % with a group ban; 20 % of persons with 2–3 orders. Person\'s check: a person, a point within 1.5 radii of one',
    '  of their zones, GPS accuracy 5–50 m. Point question: half near a zone (weighted by orders), half anywhere.',
    'Backends: index = GeofenceIndex as BreachChecksService uses it; naive = NaiveGeofence (turf) over the distinct zone',
    '  versions (for "what applies here" turf\'s distance only where the answer reports it, as the index does);',
    '  PostGIS = zone (geometry + GiST; edge in RD New for distances) and order_zone tables, one connection,',
    '  prepared statements. All three feed their zone hits to the same evaluateBreach / activeAt.',
    'Timing: full round trip of one check, rules included; the backends run the same queries interleaved in rounds of',
    '  25; checks/s = 1e6 / mean latency of one caller.',
    'PostGIS: ' + ('client' in postgis ? `used, ${postgis.version}` : `skipped (${postgis.skipped})`),
  ].join('\n');
}

function dataTable(results: readonly SizeResult[]): string {
  const rows = results.map((r) => [
    int(r.orders),
    int(r.persons),
    int(r.entries),
    `${int(r.zoneVersions)} (${int(r.sharedZones)})`,
    int(r.vertices.total),
    `${int(r.vertices.median)} / ${int(r.vertices.max)}`,
    r.generatedS.toFixed(1),
    `${median(r.buildMs).toFixed(1)} (${r.buildMs.length})`,
    mb(r.indexBytes),
    mb(r.rssBytes),
    r.postgisLoad ? `${r.postgisLoad.seconds.toFixed(1)}${r.postgisLoad.cached ? ' (reused)' : ''}` : '–',
  ]);
  const head = ['orders', 'persons', 'entries', 'zone versions (shared)', 'vertices', 'vertices/zone median / max',
    'generated s', 'index build ms, median (n)', 'index MB', 'bench RSS MB', 'PostGIS load s']; // prettier-ignore
  return renderTable(head, rows, ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r']);
}

function latencyTable(results: readonly SizeResult[]): string {
  const rows: string[][] = [];
  for (const r of results) {
    for (const q of r.questions) {
      const index = q.stats.get('index') as Stats;
      for (const [name, s] of q.stats) {
        rows.push([int(r.orders), q.label, name, int(s.n), micros(s.medianUs), micros(s.p99Us), int(s.perSecond)]);
      }
      for (const [name, s] of q.stats) {
        if (name === 'index') continue;
        rows.push(['', '', `${name}/index`, '', times(s.medianUs / index.medianUs), times(s.p99Us / index.p99Us), times(index.perSecond / s.perSecond)]);
      }
    }
  }
  const head = ['orders', 'question', 'backend', 'n', 'median µs', 'p99 µs', 'checks/s'];
  return renderTable(head, rows, ['r', 'l', 'l', 'r', 'r', 'r', 'r']);
}

/** Each question's queries by kind: share, median and p99 per backend, and the ratio to the index. */
function kindTable(results: readonly SizeResult[]): string {
  const rows: string[][] = [];
  for (const r of results) {
    for (const q of r.questions) {
      for (const k of q.byKind) {
        const index = k.stats.get('index');
        for (const [name, s] of k.stats) {
          const ratio = index && name !== 'index' ? `${times(s.medianUs / index.medianUs)} / ${times(s.p99Us / index.p99Us)}` : '';
          rows.push([int(r.orders), q.label, k.kind, `${Math.round(100 * k.share)} %`, name, int(s.n), micros(s.medianUs), micros(s.p99Us), ratio]);
        }
      }
    }
  }
  const head = ['orders', 'question', 'kind of query', 'share', 'backend', 'n', 'median µs', 'p99 µs', 'other/index median / p99'];
  return renderTable(head, rows, ['r', 'l', 'l', 'r', 'l', 'r', 'r', 'r', 'r']);
}

function memoryTable(results: readonly SizeResult[]): string {
  const rows = results.map((r) => {
    const s = r.steady;
    if (!s) return [int(r.orders), 'probe failed', '', '', ''];
    return [int(r.orders), mb(s.ordersBytes), mb(s.liveBytes - s.baselineBytes), mb(s.baselineBytes), mb(s.rssBytes)];
  });
  const head = ['orders', 'orders MB', 'orders + index MB', 'Node baseline MB', 'process RSS MB'];
  return renderTable(head, rows);
}

function agreementLines(results: readonly SizeResult[]): string {
  return results
    .map((r) => {
      const parts = r.questions.flatMap((q) => [...q.agreement].map(([name, a]) => `${name} ${a.same}/${a.of} (${q.label})`));
      return `  ${int(r.orders)} orders: ${parts.join(', ')}`;
    })
    .join('\n');
}

/** PASS/FAIL per target; a target whose size or backend was not run says so. */
function targetLines(results: readonly SizeResult[], postgis: Postgis): string[] {
  const at10k = results.find((r) => r.orders === 10_000);
  const at100k = results.find((r) => r.orders === 100_000);
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const lines: string[] = [];
  if (!at10k) {
    lines.push('SKIP  targets at 10,000 orders: that size was not run');
  } else {
    for (const [other, need] of [['naive', 100], ['PostGIS', 50]] as const) {
      for (const q of at10k.questions) {
        const index = q.stats.get('index') as Stats;
        const s = q.stats.get(other);
        if (!s) {
          lines.push(`SKIP  index ≥ ${need}× faster than ${other} at 10,000 orders, ${q.label}: ${'client' in postgis ? 'not run' : 'PostGIS skipped'}`);
          continue;
        }
        const ratio = s.medianUs / index.medianUs;
        const detail = `${times(ratio)} by median (${micros(s.medianUs)} vs ${micros(index.medianUs)} µs), ${times(index.perSecond / s.perSecond)} by checks/s`;
        lines.push(`${verdict(ratio >= need)}  index ≥ ${need}× faster than ${other} at 10,000 orders, ${q.label}: ${detail}`);
        if (ratio < need) lines.push(headroomLine(q, s.medianUs / need));
      }
    }
    const build = median(at10k.buildMs);
    lines.push(`${verdict(build < 1000)}  index build < 1 s at 10,000 orders: ${build.toFixed(1)} ms (median of ${at10k.buildMs.length})`);
  }
  const s = at100k?.steady;
  if (!at100k || !s) {
    lines.push(`SKIP  100,000 orders within 500 MB: ${at100k ? 'the memory probe failed' : 'that size was not run'}`);
  } else {
    const held = s.liveBytes - s.baselineBytes;
    const detail = `orders + index ${mb(held)} MB (heapUsed + arrayBuffers of a process holding only them; index ${mb(at100k.indexBytes)} MB, orders ${mb(s.ordersBytes)} MB; that process's RSS ${mb(s.rssBytes)} MB)`;
    lines.push(`${verdict(held <= 500 * 1024 * 1024)}  100,000 orders within 500 MB: ${detail}`);
  }
  return lines;
}

/**
 * For a ratio target missed by median: the index's median must be at most `limitUs`, so at least half its samples
 * must take no longer; how many did, overall and by kind of query (which kinds could not get there at all).
 */
function headroomLine(q: QuestionResult, limitUs: number): string {
  const within = (us: readonly number[]) => (us.length ? us.filter((x) => x <= limitUs).length / us.length : 0);
  const pct = (share: number) => `${Math.round(100 * share)} %`;
  const kinds = q.byKind.map((k) => `${pct(within(k.indexUs))} of those ${k.kind} (${pct(k.share)} of the queries)`);
  return `      needed: the index's median ≤ ${micros(limitUs)} µs, i.e. half its answers that fast; it answered ${pct(within(q.indexUs))} that fast: ${kinds.join(', ')}`;
}

function report(config: Config, postgis: Postgis, results: readonly SizeResult[]): string {
  return [
    header(config, postgis),
    '',
    'Data, index build and memory (index MB: heapUsed + arrayBuffers delta of one build, after global.gc())',
    dataTable(results),
    '',
    'Latency per check (µs) and checks per second; ratio rows: other/index (median, p99) and index/other (checks/s)',
    latencyTable(results),
    '',
    'The same samples by kind of query (a median over all queries lies where the mix of kinds puts it)',
    kindTable(results),
    '',
    'Steady memory of a fresh process holding only the orders (by id and by person) and the index',
    memoryTable(results),
    '',
    `Same answers as the index (verdict and evidence / active measures) on up to ${config.agreement} other queries per question:`,
    agreementLines(results),
    '',
    'Targets',
    ...targetLines(results, postgis),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const config = configFromEnv();
  const postgis = await openPostgis(process.env.BENCH_DATABASE_URL ?? DEFAULT_DATABASE_URL);
  progress('PostGIS: ' + ('client' in postgis ? postgis.version : `skipped (${postgis.skipped})`));
  const results: SizeResult[] = [];
  try {
    for (const orders of config.sizes) results.push(await benchSize(orders, config, postgis));
  } finally {
    if ('client' in postgis) await postgis.client.end();
  }
  for (const r of results) {
    progress(`${int(r.orders)} orders: steady memory probe`);
    r.steady = await probeSteadyMemory(r.orders, config.seed);
  }
  process.stdout.write(`${report(config, postgis, results)}\n`);
  progress('done');
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
