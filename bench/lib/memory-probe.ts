/**
 * Child process of the benchmark (see `probeSteadyMemory`): builds the register of `argv[2]` orders (seed `argv[3]`)
 * the way the service holds it (orders by id and by person, and the geofence index built in batches as at start-up),
 * and prints its memory as JSON.
 */
import { GeofenceIndex, type GeofenceBuildEntry } from '../../src/domain/geofence/geofence-index';
import { BenchOrder, ZoneSpec, indexEntries, planOrders, zoneBatches } from './dataset';
import { SteadyMemory, liveBytes, rssBytes } from './memory';

interface ServiceState {
  index: GeofenceIndex;
  ordersById: Map<string, BenchOrder>;
  ordersByPerson: Map<string, BenchOrder[]>;
}

/** The orders (weighed before any zone exists) and the index; the data set stays behind in this function's frame. */
function buildService(count: number, seed: number): { state: ServiceState; ordersBytes: number } {
  const before = liveBytes();
  const planned = planOrders(count, seed);
  const { zones } = planned;
  planned.zones = []; // the zone specs are benchmark scaffolding, not service state
  const ordersBytes = liveBytes() - before;
  const { orders } = planned;
  const ordersByPerson = new Map<string, BenchOrder[]>();
  for (const o of orders) ordersByPerson.set(o.personId, [...(ordersByPerson.get(o.personId) ?? []), o]);
  const state = { index: buildInBatches(orders, zones, seed), ordersById: new Map(orders.map((o) => [o.id, o])), ordersByPerson };
  return { state, ordersBytes };
}

/**
 * The index built as the service builds it at start-up (`GeofenceIndex.builder()`): zone geometries drawn 2,000 at a
 * time and packed, then let go, so the process's RSS shows what a start-up needs, not the whole register as GeoJSON.
 */
function buildInBatches(orders: readonly BenchOrder[], zones: readonly ZoneSpec[], seed: number): GeofenceIndex {
  const byVersion = new Map<string, GeofenceBuildEntry[]>();
  for (const e of indexEntries(orders, zones, new Map())) byVersion.set(e.zoneVersionId, [...(byVersion.get(e.zoneVersionId) ?? []), e]);
  const builder = GeofenceIndex.builder();
  for (const geometries of zoneBatches(zones, seed, 2000)) {
    builder.add([...geometries].flatMap(([version, geometry]) => (byVersion.get(version) ?? []).map((e) => ({ ...e, geometry }))));
  }
  return builder.build();
}

function main(): void {
  const baselineBytes = liveBytes();
  const { state, ordersBytes } = buildService(Number(process.argv[2]), Number(process.argv[3]));
  const held = liveBytes();
  const result: SteadyMemory = { baselineBytes, liveBytes: held, rssBytes: rssBytes(), ordersBytes };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  if (state.index.size < 0) process.stdout.write(''); // keeps the state alive up to here
}

main();
