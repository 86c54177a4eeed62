/**
 * Child process of the benchmark (see `probeSteadyMemory`): builds the register of `argv[2]` orders (seed `argv[3]`)
 * the way the service holds it (orders by id and by person, and the geofence index), lets go of the GeoJSON the
 * index was built from, and prints its memory as JSON.
 */
import { GeofenceIndex } from '../../src/domain/geofence/geofence-index';
import { BenchOrder, buildDataset, planOrders } from './dataset';
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
  planned.zones = zones;
  const ds = buildDataset(count, seed, planned);
  const state = { index: GeofenceIndex.build(ds.entries), ordersById: ds.ordersById, ordersByPerson: ds.ordersByPerson };
  return { state, ordersBytes };
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
