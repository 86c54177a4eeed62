import type { BreachOrder } from '../../src/domain/breach/breach-types';
import { prepareBreachOrder } from '../../src/domain/breach/order-instants';
import type { GeofenceEntry } from '../../src/domain/geofence/geofence-index';
import { seededRandom, starRing } from '../../src/domain/geofence/synthetic-zones';
import type { ZoneGeometry } from '../../src/domain/geometry/zone-geometry';
import type { Basis, Measure, OrderState, ScheduleWindow, Weekday } from '../../src/domain/order/order';
import { CITIES, logUniform, offsetPoint, randomInDisc, randomOnLand, weightedPicker } from './netherlands';

/**
 * Seeded, realistic register contents for the benchmark: `count` orders in force during the query week, their zones
 * and their persons. Deterministic for (count, seed).
 *
 * - Shared zones (city centres, stations, nightlife areas of the 40 largest places): 1.5·√count of them, 500 m–2 km,
 *   100–2,000 vertices (log-uniform); an order picks one with Zipf weights (exponent 0.8), so the Amsterdam centre
 *   is held by hundreds of orders at 10,000 orders.
 * - Personal zones (most zones): 100 m–2 km (log-uniform), 20–2,000 vertices drawn as 20·100^(u²) (median 63,
 *   mean ≈ 250); 70 % within 8 km of the person's city, 30 % anywhere on land; 6 % with a hole, 6 % in two parts.
 * - Orders: 35 % ban a shared zone, the others a personal one; 25 % ban a second zone; 30 % of area bans have a
 *   weekly schedule (nights, weekend nights, weekends, match days); 8 % add a group ban in a shared zone; 5 % add a
 *   reporting duty; 10 % are EXTENDED (in force through their extension); 3 % hold an exemption during the week.
 * - Persons: one per order, 15 % with two orders and 5 % with three.
 */

export const TIME_ZONE = 'Europe/Amsterdam';
const DAY_MS = 86_400_000;
/** Checks are asked during the week from Monday 8 June 2026 00:00 CEST; every order is in force all that week. */
export const WEEK_START = Date.parse('2026-06-08T00:00:00+02:00');
export const WEEK_MS = 7 * DAY_MS;

export interface ZoneSpec {
  zoneId: string;
  zoneVersionId: string;
  lon: number;
  lat: number;
  radiusM: number;
  vertices: number;
  shape: 'polygon' | 'holed' | 'multi';
  shared: boolean;
}

/** An order as the service's index keeps it (`IndexedOrder`): the breach rules' view plus person and municipality. */
export interface BenchOrder extends BreachOrder {
  personId: string;
  municipalityCode: string;
}

export interface Dataset {
  orders: BenchOrder[];
  ordersById: Map<string, BenchOrder>;
  ordersByPerson: Map<string, BenchOrder[]>;
  persons: string[];
  zones: ZoneSpec[];
  zoneByVersion: Map<string, ZoneSpec>;
  geometries: Map<string, ZoneGeometry>;
  /** What the index and the naive scan are built from: one entry per (order, zone version). */
  entries: GeofenceEntry[];
}

const ALL_DAYS: Weekday[] = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
const SCHEDULES: (() => ScheduleWindow[])[] = [
  () => [{ days: [...ALL_DAYS], from: '22:00', to: '06:00' }],
  () => [{ days: ['FRI', 'SAT'], from: '20:00', to: '06:00' }],
  () => [{ days: ['SAT', 'SUN'], from: '00:00', to: '00:00' }],
  () => [
    { days: ['SUN'], from: '12:00', to: '18:00' },
    { days: ['WED'], from: '18:00', to: '23:00' },
  ],
];

/** The orders and zone specs (no geometry yet), so that the orders' own memory can be measured apart. */
export function planOrders(count: number, seed: number): { orders: BenchOrder[]; zones: ZoneSpec[] } {
  const rand = seededRandom(seed);
  const shared = sharedZones(count, rand);
  const pickShared = weightedPicker(shared.map((_, k) => 1 / Math.pow(k + 1, 0.8)));
  const pickCity = weightedPicker(CITIES.map((c) => c.population));
  const zones = [...shared];
  const personalZone = (city: number): ZoneSpec => {
    const zone = personalZoneSpec(rand, zones.length - shared.length, city);
    zones.push(zone);
    return zone;
  };
  const sharedZone = () => shared[pickShared(rand)];
  const orders: BenchOrder[] = [];
  for (let p = 0; orders.length < count; p++) {
    const city = pickCity(rand);
    const n = Math.min(count - orders.length, ordersPerPerson(rand));
    for (let k = 0; k < n; k++) {
      const zonesOfOrder = [rand() < 0.35 ? sharedZone() : personalZone(city)];
      if (rand() < 0.25) {
        const second = rand() < 0.5 ? sharedZone() : personalZone(city);
        if (second !== zonesOfOrder[0]) zonesOfOrder.push(second);
      }
      const groupZone = rand() < 0.08 ? sharedZone() : undefined;
      // Prepared (dates parsed once) as the service's index holds them.
      orders.push(prepareBreachOrder(makeOrder(rand, `order-${orders.length}`, `person-${p}`, city, zonesOfOrder, groupZone)));
    }
  }
  return { orders, zones };
}

function ordersPerPerson(rand: () => number): number {
  const u = rand();
  return u < 0.8 ? 1 : u < 0.95 ? 2 : 3;
}

function sharedZones(count: number, rand: () => number): ZoneSpec[] {
  const n = Math.max(3, Math.round(1.5 * Math.sqrt(count)));
  return Array.from({ length: n }, (_, k) => {
    const city = CITIES[k % CITIES.length];
    const kind = Math.floor(k / CITIES.length); // 0: the centre, then stations, nightlife areas, ...
    const [lon, lat] = offsetPoint(city.lon, city.lat, kind === 0 ? rand() * 300 : 600 + rand() * 1900, rand() * 2 * Math.PI);
    const spec = { lon, lat, radiusM: logUniform(rand, 500, 2000), vertices: Math.round(logUniform(rand, 100, 2000)) };
    return { zoneId: `sz${k}`, zoneVersionId: `sz${k}-v1`, ...spec, shape: 'polygon', shared: true };
  });
}

function personalZoneSpec(rand: () => number, j: number, city: number): ZoneSpec {
  const c = CITIES[city];
  const [lon, lat] = rand() < 0.7 ? randomInDisc(rand, c.lon, c.lat, 8000) : randomOnLand(rand);
  const radiusM = logUniform(rand, 100, 2000);
  const vertices = Math.round(20 * Math.pow(100, rand() ** 2));
  const u = rand();
  const shape = u < 0.06 ? 'holed' : u < 0.12 ? 'multi' : 'polygon';
  return { zoneId: `pz${j}`, zoneVersionId: `pz${j}-v1`, lon, lat, radiusM, vertices, shape, shared: false };
}

function makeOrder(
  rand: () => number,
  id: string,
  personId: string,
  city: number,
  zones: ZoneSpec[],
  groupZone: ZoneSpec | undefined,
): BenchOrder {
  const measures: Measure[] = [
    {
      type: 'AREA_BAN',
      zoneIds: zones.map((z) => z.zoneId),
      zoneVersionIds: zones.map((z) => z.zoneVersionId),
      ...(rand() < 0.3 ? { schedule: SCHEDULES[Math.floor(rand() * SCHEDULES.length)]() } : {}),
    },
  ];
  if (groupZone) {
    const schedule = rand() < 0.5 ? SCHEDULES[1]() : undefined;
    measures.push({ type: 'GROUP_BAN', zoneIds: [groupZone.zoneId], zoneVersionIds: [groupZone.zoneVersionId], schedule });
  }
  if (rand() < 0.05) measures.push(reportingDuty(city));
  return {
    id,
    version: 1 + Math.floor(rand() * 3),
    personId,
    municipalityCode: `GM${String(city + 1).padStart(4, '0')}`,
    timeZone: TIME_ZONE,
    basis: basisOf(rand()),
    measures,
    incidents: [],
    ...lifecycle(rand, zones[0].zoneId),
  };
}

function basisOf(u: number): Basis {
  if (u < 0.6) return { kind: 'GEMW_172A', ground: 'REPEATED' };
  if (u < 0.9) return { kind: 'APV', apvArticle: '2:78', apvStep: 1 };
  return { kind: 'GEMW_172_3' };
}

function reportingDuty(city: number): Measure {
  const c = CITIES[city];
  return {
    type: 'REPORTING_DUTY',
    place: { name: `Politiebureau ${c.name}`, municipalityCode: `GM${String(city + 1).padStart(4, '0')}` },
    slots: [{ days: ['SAT', 'SUN'], at: '15:00', windowMinutes: 30 }],
  };
}

const iso = (ms: number) => new Date(Math.round(ms / 60_000) * 60_000).toISOString();

/** Status, validity, notification, extensions and exemptions of an order in force throughout the query week. */
function lifecycle(rand: () => number, primaryZoneId: string): Pick<OrderState, LifecycleKey> {
  const weekEnd = WEEK_START + WEEK_MS;
  const extended = rand() < 0.1;
  const start = WEEK_START - (extended ? 60 + rand() * 30 : 1 + rand() * 60) * DAY_MS;
  const end = extended ? WEEK_START - (1 + rand() * 10) * DAY_MS : weekEnd + (1 + rand() * 80) * DAY_MS;
  const extensions = extended
    ? [{ decidedAt: iso(end - 3 * DAY_MS), previousEnd: iso(end), newEnd: iso(weekEnd + (10 + rand() * 40) * DAY_MS) }]
    : [];
  const exemptionFrom = WEEK_START + rand() * (WEEK_MS - DAY_MS);
  const exemptions =
    rand() < 0.03
      ? [{ id: 'ex-1', from: iso(exemptionFrom), until: iso(exemptionFrom + 4 * 3_600_000), zoneIds: [primaryZoneId] }]
      : [];
  return {
    validity: { mode: 'CONTINUOUS', start: iso(start), end: iso(end) },
    status: extended ? 'EXTENDED' : 'ISSUED',
    procedure: { signatory: { role: 'MAYOR', name: 'Burgemeester' }, notifiedAt: iso(start - rand() * 2 * DAY_MS) },
    extensions,
    exemptions,
    suspensions: [],
  };
}

type LifecycleKey = 'validity' | 'status' | 'procedure' | 'extensions' | 'exemptions' | 'suspensions';

/** The zones' geometries (star-shaped rings from the domain's synthetic-zone helpers), by zone version id. */
export function drawZones(zones: readonly ZoneSpec[], seed: number): Map<string, ZoneGeometry> {
  return new Map([...zoneBatches(zones, seed, zones.length)].flatMap((batch) => [...batch]));
}

/** The same geometries as {@link drawZones}, drawn `size` zones at a time (a start-up reads them in batches too). */
export function* zoneBatches(zones: readonly ZoneSpec[], seed: number, size: number): Generator<Map<string, ZoneGeometry>> {
  const rand = seededRandom(seed ^ 0x5eed);
  for (let i = 0; i < zones.length; i += size) {
    yield new Map(zones.slice(i, i + size).map((z) => [z.zoneVersionId, geometryOf(rand, z)]));
  }
}

/** A star-shaped zone of `z.vertices` distinct vertices in all (rings stored closed, as GeoJSON wants). */
function geometryOf(rand: () => number, z: ZoneSpec): ZoneGeometry {
  if (z.shape === 'multi') {
    const [lon2, lat2] = offsetPoint(z.lon, z.lat, 2.5 * z.radiusM, rand() * 2 * Math.PI);
    const main = Math.round(z.vertices * 0.75);
    const other = starRing(rand, lon2, lat2, z.radiusM / 2, z.vertices - main);
    return { type: 'MultiPolygon', coordinates: [[starRing(rand, z.lon, z.lat, z.radiusM, main)], [other]] };
  }
  if (z.shape === 'holed') {
    const holeVertices = Math.max(8, z.vertices >> 3);
    const hole = starRing(rand, z.lon, z.lat, z.radiusM / 4, holeVertices, true);
    return { type: 'Polygon', coordinates: [starRing(rand, z.lon, z.lat, z.radiusM, z.vertices - holeVertices), hole] };
  }
  return { type: 'Polygon', coordinates: [starRing(rand, z.lon, z.lat, z.radiusM, z.vertices)] };
}

/** One entry per (order, zone version) of its area and group bans, as the service's `entriesOf` makes them. */
export function indexEntries(orders: readonly BenchOrder[], zones: readonly ZoneSpec[], geometries: Map<string, ZoneGeometry>): GeofenceEntry[] {
  const byVersion = new Map(zones.map((z) => [z.zoneVersionId, z]));
  return orders.flatMap((order) => {
    const versions = new Set(order.measures.flatMap((m) => (m.type === 'REPORTING_DUTY' ? [] : (m.zoneVersionIds ?? []))));
    return [...versions].map((v) => ({
      key: `${order.id}:${v}`,
      orderId: order.id,
      zoneId: (byVersion.get(v) as ZoneSpec).zoneId,
      zoneVersionId: v,
      geometry: geometries.get(v) as ZoneGeometry,
    }));
  });
}

export function buildDataset(count: number, seed: number, planned = planOrders(count, seed)): Dataset {
  const { orders, zones } = planned;
  const geometries = drawZones(zones, seed);
  const ordersByPerson = new Map<string, BenchOrder[]>();
  for (const o of orders) ordersByPerson.set(o.personId, [...(ordersByPerson.get(o.personId) ?? []), o]);
  return {
    orders,
    ordersById: new Map(orders.map((o) => [o.id, o])),
    ordersByPerson,
    persons: [...ordersByPerson.keys()],
    zones,
    zoneByVersion: new Map(zones.map((z) => [z.zoneVersionId, z])),
    geometries,
    entries: indexEntries(orders, zones, geometries),
  };
}
