import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { BreachOrder } from '../../domain/breach/breach-types';
import { prepareBreachOrder } from '../../domain/breach/order-instants';
import { GeofenceIndex, type GeofenceEntry, type GeofenceHandle } from '../../domain/geofence/geofence-index';
import type { OrderState } from '../../domain/order/order';
import { Clock } from '../../common/clock';
import { RegisterEvents } from '../events/register-events';
import { GeofenceRepository, type IndexedOrderRow, type ZoneVersionGeometry } from './geofence.repository';

/** An order as the index keeps it: what the breach rules need, nothing of the case file. */
export interface IndexedOrder extends BreachOrder {
  personId: string;
  municipalityCode: string;
  /**
   * The handles of this order's entries in the index in use (one per zone version of an area or group ban), set when
   * the order joins it: a check tests them without a lookup.
   */
  indexHandles: (GeofenceHandle | undefined)[];
}

function zoneVersionsOf(order: Pick<OrderState, 'measures'>): string[] {
  return [...new Set(order.measures.flatMap((m) => (m.type === 'REPORTING_DUTY' ? [] : (m.zoneVersionIds ?? []))))];
}

/** The key of an order's entry for one zone version in the geofence index. */
function indexKey(orderId: string, zoneVersionId: string): string {
  return `${orderId}:${zoneVersionId}`;
}

/** What the index keeps of an order, its dates parsed once (`prepareBreachOrder`), so checks parse none. */
function slim(row: IndexedOrderRow): IndexedOrder {
  const b: OrderState = row.body;
  return prepareBreachOrder({
    id: row.orderId,
    version: row.version,
    personId: row.personId,
    municipalityCode: row.municipalityCode,
    timeZone: row.timeZone,
    basis: b.basis,
    measures: b.measures,
    validity: b.validity,
    status: b.status,
    incidents: [],
    procedure: { signatory: b.procedure.signatory, notifiedAt: b.procedure.notifiedAt },
    extensions: b.extensions.map((e) => ({ decidedAt: e.decidedAt, previousEnd: e.previousEnd, newEnd: e.newEnd })),
    exemptions: b.exemptions,
    suspensions: b.suspensions,
    withdrawnAt: b.withdrawnAt,
    revokedAt: b.revokedAt,
    indexHandles: [],
  });
}

function entriesOf(order: IndexedOrder, zones: Map<string, ZoneVersionGeometry>): GeofenceEntry[] {
  return zoneVersionsOf(order).flatMap((id) => {
    const z = zones.get(id);
    return z ? [{ key: indexKey(order.id, id), orderId: order.id, zoneId: z.zoneId, zoneVersionId: id, geometry: z.geometry }] : [];
  });
}

/** Orders per batch of a rebuild: their new zone versions are read and packed together, then their GeoJSON let go. */
const REBUILD_BATCH = 2000;

/**
 * The index built batch by batch: per batch, only the zone versions not packed yet are read, so the start-up of a
 * large register never holds all zones as GeoJSON at once (100,000 orders: ~2 GB). `zoneIds` remembers each packed
 * version's zone for the later entries that share it.
 */
async function buildIndex(orders: readonly IndexedOrder[], read: (ids: string[]) => Promise<ZoneVersionGeometry[]>) {
  const builder = GeofenceIndex.builder();
  const zoneIds = new Map<string, string>();
  let entries = 0;
  for (let i = 0; i < orders.length; i += REBUILD_BATCH) {
    const batch = orders.slice(i, i + REBUILD_BATCH);
    const missing = [...new Set(batch.flatMap((o) => zoneVersionsOf(o)))].filter((id) => !zoneIds.has(id));
    const zones = new Map((await read(missing)).map((z) => [z.zoneVersionId, z]));
    zones.forEach((z) => zoneIds.set(z.zoneVersionId, z.zoneId));
    const batchEntries = batch.flatMap((order) =>
      zoneVersionsOf(order).flatMap((id) => {
        const zoneId = zoneIds.get(id);
        const ref = { key: indexKey(order.id, id), orderId: order.id, zoneVersionId: id };
        return zoneId === undefined ? [] : [{ ...ref, zoneId, geometry: zones.get(id)?.geometry }];
      }),
    );
    builder.add(batchEntries);
    entries += batchEntries.length;
  }
  return { index: builder.build(), entries };
}

/**
 * The in-memory picture the police's questions are answered from: every issued order (whatever its validity; the
 * evaluation filters by the instant asked about), its zone versions in a geofence index, and which person and
 * municipality each order and person belongs to. Built at start-up; patched after every committed order change.
 */
@Injectable()
export class GeofenceService implements OnApplicationBootstrap {
  private readonly logger = new Logger(GeofenceService.name);
  private index = GeofenceIndex.build([]);
  private readonly orders = new Map<string, IndexedOrder>();
  private readonly ordersByPerson = new Map<string, IndexedOrder[]>();
  private readonly personMunicipality = new Map<string, string>();
  private syncedAt = new Date(0);
  private patches: Promise<void> = Promise.resolve();

  constructor(
    private readonly repository: GeofenceRepository,
    private readonly events: RegisterEvents,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.events.onOrderChanged((orderId) => this.refreshOrder(orderId));
    this.events.onPersonChanged(({ personId, municipalityCode }) => this.enqueue(async () => this.setPerson(personId, municipalityCode)));
    await this.resync();
  }

  /** Rebuilds in turn with the patches: after those queued before it, before those queued after it. */
  resync(): Promise<void> {
    return this.enqueue(() => this.rebuild());
  }

  /** Reloads everything from the database. */
  async rebuild(): Promise<void> {
    const started = Date.now();
    const [orders, persons] = await Promise.all([this.repository.issuedOrders().then((rows) => rows.map(slim)), this.repository.persons()]);
    const { index, entries } = await buildIndex(orders, (ids) => this.repository.zoneVersions(ids));
    // Swapped in at once, after the last read: checks meanwhile are answered from the previous picture.
    this.orders.clear();
    this.ordersByPerson.clear();
    this.personMunicipality.clear();
    persons.forEach((p) => this.personMunicipality.set(p.id, p.municipalityCode));
    orders.forEach((o) => this.put(o, index));
    this.index = index;
    this.syncedAt = this.clock.now();
    this.logger.log(`Breach index built: ${this.orders.size} issued orders, ${entries} zone entries in ${Date.now() - started} ms`);
  }

  /**
   * Re-reads one order after a change and patches the index (or drops the order when it was never issued).
   * Patches run one after another, so a slow read of an older change never overwrites a newer one.
   */
  refreshOrder(orderId: string): Promise<void> {
    return this.enqueue(() => this.patch(orderId));
  }

  /** Changes to the index run one after another; a failed one (database away) does not block those after it. */
  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.patches.catch(() => undefined).then(task);
    this.patches = run;
    return run;
  }

  /** Reads first, then swaps without awaiting, so no check sees the order without its zones in between. */
  private async patch(orderId: string): Promise<void> {
    const row = await this.repository.order(orderId);
    const order = row ? slim(row) : undefined;
    const zones = order ? await this.zonesOf([order]) : undefined;
    this.drop(orderId);
    if (order && zones) {
      entriesOf(order, zones).forEach((e) => this.index.upsert(e));
      this.put(order, this.index);
    }
    this.syncedAt = this.clock.now();
  }

  get geofence(): GeofenceIndex {
    return this.index;
  }

  get allOrders(): ReadonlyMap<string, IndexedOrder> {
    return this.orders;
  }

  ordersOf(personId: string): readonly IndexedOrder[] {
    return this.ordersByPerson.get(personId) ?? [];
  }

  municipalityOfPerson(personId: string): string | undefined {
    return this.personMunicipality.get(personId);
  }

  /** When the index last agreed with the database (start-up or the last patch). */
  get dataAsOf(): Date {
    return this.syncedAt;
  }

  private setPerson(personId: string, municipalityCode: string | null): void {
    if (municipalityCode) this.personMunicipality.set(personId, municipalityCode);
    else this.personMunicipality.delete(personId);
  }

  /** Adds the order, its entries already in `index`, whose handles it takes. */
  private put(order: IndexedOrder, index: GeofenceIndex): void {
    order.indexHandles = zoneVersionsOf(order).map((id) => index.handle(indexKey(order.id, id)));
    this.orders.set(order.id, order);
    this.ordersByPerson.set(order.personId, [...(this.ordersByPerson.get(order.personId) ?? []), order]);
  }

  private drop(orderId: string): void {
    const old = this.orders.get(orderId);
    if (!old) return;
    this.orders.delete(orderId);
    const rest = (this.ordersByPerson.get(old.personId) ?? []).filter((o) => o.id !== orderId);
    if (rest.length) this.ordersByPerson.set(old.personId, rest);
    else this.ordersByPerson.delete(old.personId);
    zoneVersionsOf(old).forEach((id) => this.index.remove(indexKey(old.id, id)));
  }

  private async zonesOf(orders: IndexedOrder[]): Promise<Map<string, ZoneVersionGeometry>> {
    const ids = [...new Set(orders.flatMap((o) => o.measures.flatMap((m) => m.zoneVersionIds ?? [])))];
    return new Map((await this.repository.zoneVersions(ids)).map((z) => [z.zoneVersionId, z]));
  }
}

