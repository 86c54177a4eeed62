import Flatbush from 'flatbush';
import { metresPerDegreeLat, metresPerDegreeLon } from '../geometry/local-metric';
import { ZoneGeometry } from '../geometry/zone-geometry';
import { DomainError } from '../shared/domain-error';
import { ZonePack, ZoneSource } from './zone-pack';

/** A zone (version) of an issued order, as the index holds it. */
export interface GeofenceEntry extends GeofenceZoneRef {
  geometry: ZoneGeometry;
}

/** What identifies an indexed zone: its own key (e.g. `${orderId}:${zoneVersionId}`) and the order and zone ids. */
export interface GeofenceZoneRef {
  key: string;
  orderId: string;
  zoneId: string;
  zoneVersionId: string;
}

/**
 * A zone near a queried point. `distanceM` is the signed distance to the zone's nearest edge (holes included):
 * positive inside, negative outside, 0 on the boundary; `inside` is true on the boundary (ST_Covers semantics).
 */
export interface GeofenceHit extends GeofenceZoneRef {
  inside: boolean;
  distanceM: number;
}

/** A zone version covering a queried point: the entries that hold it, and its distance to the edge on demand. */
export interface CoveringZone {
  readonly refs: readonly GeofenceZoneRef[];
  /** Distance in metres from the point to the zone's nearest edge (>= 0, 0 on the boundary), computed when asked. */
  distanceM(): number;
}

/** Called once per covering zone version; the object passed is valid only during the call. */
export type CoveringVisitor = (zone: CoveringZone) => void;

/** Anything that answers "which zones cover this point or lie within `radiusM` of it" (the index, the reference). */
export interface GeofenceQueryable {
  query(lon: number, lat: number, radiusM?: number): GeofenceHit[];
  /**
   * The zone versions covering the point (boundary included), each once with all its entries; the distance to the
   * edge is computed only for the zones whose caller asks for it ("what applies here" needs it only for orders in
   * force).
   */
  forEachCovering?(lon: number, lat: number, visit: CoveringVisitor): void;
}

export type GeofenceVisitor = (ref: GeofenceZoneRef, inside: boolean, distanceM: number) => void;

/**
 * An entry of the index as a caller may keep it (see {@link GeofenceIndex.handle}), to test that entry again without
 * looking its key up. It stays valid while the entry is in the index, through rebuilds and through an upsert of the
 * same key; once the entry is removed, the handle finds nothing (a later upsert of that key makes a new handle).
 */
export interface GeofenceHandle {
  readonly key: string;
}

/**
 * A packed zone version and the entries (order × zone version) that reference it. Zone versions are immutable, so
 * every entry with the same `zoneVersionId` shares one packed geometry: a city-centre zone used by 500 orders is
 * tested once per check. `refs` empty means the geometry is no longer referenced.
 */
interface Slot {
  pack: ZonePack;
  zone: number;
  refs: EntryRef[];
}

/**
 * An entry of the index as visitors see it (a {@link GeofenceZoneRef}) and as callers keep it (its
 * {@link GeofenceHandle}): one object per entry, with the slot of its zone version (null once removed). An upsert of
 * the same key updates it in place, so a visitor copies what it keeps of a ref.
 */
class EntryRef implements GeofenceZoneRef, GeofenceHandle {
  slot: Slot | null = null;

  constructor(
    readonly key: string,
    public orderId: string,
    public zoneId: string,
    public zoneVersionId: string,
  ) {}
}

/** The zone versions in the R-tree at the last (re)build (tree item i is slots[i]). */
interface Base {
  tree?: Flatbush;
  slots: Slot[];
}

/** An entry as the builder takes it: the geometry may be left out when its zone version was added before. */
export type GeofenceBuildEntry = GeofenceZoneRef & { geometry?: ZoneGeometry };

/** Degrees of slack on the search box, so that rounding never drops a zone touching its edge. */
const BOX_SLACK_DEG = 1e-9;

/**
 * In-memory index of the zones of all issued orders, whatever their validity (the breach evaluation decides what is
 * in force). A packed R-tree (flatbush) over zone bounding boxes finds candidates; {@link ZonePack.evaluate} gives the
 * exact boundary-inclusive containment and the signed distance to the nearest edge. The GeoJSON passed in is not
 * kept: zones live only in packed typed arrays (about 14 bytes per position, boxes included), one per distinct
 * `zoneVersionId`.
 * {@link GeofenceIndexBuilder} builds it batch by batch, so a start-up never holds all zones as GeoJSON at once.
 *
 * Distances use a local equirectangular projection on the WGS84 ellipsoid centred on the queried point
 * (see `local-metric.ts`): exact at the point, error at most about 5.5e-8 × d² for a distance of d metres (0.5 mm at
 * 100 m, 5 mm at 300 m, 5.5 cm at 1 km).
 *
 * Changes: {@link upsert} and {@link remove} edit the entry lists in place; a zone version not yet in the tree goes
 * to a small overlay, scanned linearly. The index rebuilds its tree when the overlay or the unreferenced zone
 * versions grow. Not re-entrant: a visitor must not query the same index.
 */
export class GeofenceIndex implements GeofenceQueryable {
  private base: Base;
  private overlay: Slot[] = [];
  private slotByVersion = new Map<string, Slot>();
  /** Each entry's ref (holding its zone version's slot): the entries' handles, the same objects across rebuilds. */
  private readonly entryByKey = new Map<string, EntryRef>();
  private unreferenced = 0;
  // Per-query state, kept on the instance so that the R-tree filter needs no closure per query.
  private qLon = 0;
  private qLat = 0;
  private qRadius = 0;
  private qMx = 0;
  private qMy = 0;
  private qVisit: GeofenceVisitor = noop;
  private readonly filter = (i: number): boolean => {
    this.visitSlot(this.base.slots[i]);
    return false; // never collect: hits go to the visitor
  };
  private qCover: CoveringVisitor = noop;
  private readonly covering = new LazyCovering();
  private readonly coverFilter = (i: number): boolean => {
    this.coverSlot(this.base.slots[i]);
    return false;
  };

  private constructor(base: Base) {
    this.base = base;
    for (const slot of base.slots) this.register(slot);
  }

  /** A builder that takes the entries in batches (see {@link GeofenceIndexBuilder}). */
  static builder(): GeofenceIndexBuilder {
    return new GeofenceIndexBuilder((base) => new GeofenceIndex(base));
  }

  /**
   * Builds the index; throws `INVALID_INPUT` for duplicate keys or malformed geometries. Entries with the same
   * `zoneVersionId` must carry the same geometry (zone versions are immutable); the first one's is used.
   */
  static build(entries: readonly GeofenceEntry[]): GeofenceIndex {
    assertUniqueKeys(entries);
    const byVersion = new Map<string, { geometry: ZoneSource; refs: EntryRef[] }>();
    for (const e of entries) {
      const group = byVersion.get(e.zoneVersionId);
      if (group) group.refs.push(refOf(e));
      else byVersion.set(e.zoneVersionId, { geometry: e.geometry, refs: [refOf(e)] });
    }
    const groups = [...byVersion.values()];
    return new GeofenceIndex(baseOf(groups.map((g) => g.geometry), groups.map((g) => g.refs)));
  }

  /** Number of entries (order × zone version). */
  get size(): number {
    return this.entryByKey.size;
  }

  has(key: string): boolean {
    return this.entryByKey.has(key);
  }

  /** Zones covering the point, or with an edge within `radiusM` metres of it (e.g. the position's accuracy). */
  query(lon: number, lat: number, radiusM = 0): GeofenceHit[] {
    const hits: GeofenceHit[] = [];
    this.forEachNear(lon, lat, radiusM, (ref, inside, distanceM) =>
      hits.push({ key: ref.key, orderId: ref.orderId, zoneId: ref.zoneId, zoneVersionId: ref.zoneVersionId, inside, distanceM }),
    );
    return hits;
  }

  /** Like {@link query}, but calls `visit` per entry instead of building result objects. */
  forEachNear(lon: number, lat: number, radiusM: number, visit: GeofenceVisitor): void {
    this.qLon = lon;
    this.qLat = lat;
    this.qRadius = radiusM;
    this.qMx = metresPerDegreeLon(lat);
    this.qMy = metresPerDegreeLat(lat);
    this.qVisit = visit;
    const dLon = radiusM / this.qMx + BOX_SLACK_DEG;
    const dLat = radiusM / this.qMy + BOX_SLACK_DEG;
    try {
      this.base.tree?.search(lon - dLon, lat - dLat, lon + dLon, lat + dLat, this.filter);
      for (const slot of this.overlay) {
        const b = slot.pack.zoneBoxes;
        if (b[0] <= lon + dLon && b[2] >= lon - dLon && b[1] <= lat + dLat && b[3] >= lat - dLat) {
          this.visitSlot(slot);
        }
      }
    } finally {
      this.qVisit = noop;
    }
  }

  /** The handle of the entry with this key, to test it later without a lookup ({@link forEachOfHandles}). */
  handle(key: string): GeofenceHandle | undefined {
    return this.entryByKey.get(key);
  }

  /**
   * Like {@link forEachNear}, but only for the entries whose handles the caller holds (e.g. the zones of one person's
   * orders): a bounding-box test and the exact test per entry, no tree search, no lookup by key, no other zones
   * evaluated. A removed entry's handle, or undefined, is skipped.
   */
  forEachOfHandles(lon: number, lat: number, radiusM: number, handles: readonly (GeofenceHandle | undefined)[], visit: GeofenceVisitor): void {
    const mx = metresPerDegreeLon(lat);
    const my = metresPerDegreeLat(lat);
    const dLon = radiusM / mx + BOX_SLACK_DEG;
    const dLat = radiusM / my + BOX_SLACK_DEG;
    for (let i = 0; i < handles.length; i++) {
      const entry = handles[i] as EntryRef | undefined;
      const slot = entry?.slot;
      if (!slot) continue;
      const b = slot.pack.zoneBoxes;
      const o = slot.zone * 4;
      if (b[o] > lon + dLon || b[o + 2] < lon - dLon || b[o + 1] > lat + dLat || b[o + 3] < lat - dLat) continue;
      const d = slot.pack.evaluate(slot.zone, lon, lat, mx, my, radiusM);
      const inside = slot.pack.lastInside;
      if (inside || -d <= radiusM) visit(entry as EntryRef, inside, d);
    }
  }

  /** See {@link GeofenceQueryable.forEachCovering}: containment only, the distance when the visitor asks. */
  forEachCovering(lon: number, lat: number, visit: CoveringVisitor): void {
    this.qLon = lon;
    this.qLat = lat;
    this.qCover = visit;
    this.covering.at(lon, lat);
    try {
      this.base.tree?.search(lon - BOX_SLACK_DEG, lat - BOX_SLACK_DEG, lon + BOX_SLACK_DEG, lat + BOX_SLACK_DEG, this.coverFilter);
      for (const slot of this.overlay) {
        const b = slot.pack.zoneBoxes;
        const o = slot.zone * 4;
        if (b[o] <= lon && b[o + 2] >= lon && b[o + 1] <= lat && b[o + 3] >= lat) this.coverSlot(slot);
      }
    } finally {
      this.qCover = noop;
    }
  }

  private visitSlot(slot: Slot): void {
    if (slot.refs.length === 0) return;
    const d = slot.pack.evaluate(slot.zone, this.qLon, this.qLat, this.qMx, this.qMy, this.qRadius);
    const inside = slot.pack.lastInside;
    if (!inside && -d > this.qRadius) return;
    for (const ref of slot.refs) this.qVisit(ref, inside, d);
  }

  private coverSlot(slot: Slot): void {
    if (slot.refs.length === 0 || !slot.pack.covers(slot.zone, this.qLon, this.qLat)) return;
    this.qCover(this.covering.of(slot));
  }

  /** Adds an entry or replaces the entry with the same key; throws `INVALID_INPUT` (index unchanged) if malformed. */
  upsert(entry: GeofenceEntry): void {
    const known = this.slotByVersion.get(entry.zoneVersionId);
    const slot = known ?? { pack: ZonePack.from([entry.geometry]), zone: 0, refs: [] };
    const ref = this.detach(entry.key) ?? new EntryRef(entry.key, entry.orderId, entry.zoneId, entry.zoneVersionId);
    if (!known) {
      this.overlay.push(slot);
      this.slotByVersion.set(entry.zoneVersionId, slot);
    } else if (slot.refs.length === 0) {
      this.unreferenced--;
    }
    // The same key again keeps its object, so its handle stays valid and finds the new entry.
    ref.orderId = entry.orderId;
    ref.zoneId = entry.zoneId;
    ref.zoneVersionId = entry.zoneVersionId;
    ref.slot = slot;
    slot.refs.push(ref);
    this.entryByKey.set(ref.key, ref);
    this.maybeRebuild();
  }

  /** Removes an entry; returns whether it was there. */
  remove(key: string): boolean {
    const entry = this.detach(key);
    if (entry) this.entryByKey.delete(key);
    this.maybeRebuild();
    return entry !== undefined;
  }

  /** Takes the entry out of its slot (its handle then finds nothing) and returns it, still in `entryByKey`. */
  private detach(key: string): EntryRef | undefined {
    const ref = this.entryByKey.get(key);
    const slot = ref?.slot;
    if (!ref || !slot) return undefined;
    ref.slot = null;
    slot.refs = slot.refs.filter((r) => r !== ref);
    if (slot.refs.length === 0) this.unreferenced++;
    return ref;
  }

  /** Registers a slot of the tree; its entries keep their handles (a rebuild points them to their new slot). */
  private register(slot: Slot): void {
    this.slotByVersion.set(slot.refs[0].zoneVersionId, slot);
    for (const ref of slot.refs) {
      ref.slot = slot;
      this.entryByKey.set(ref.key, ref);
    }
  }

  private maybeRebuild(): void {
    const live = this.slotByVersion.size - this.unreferenced;
    const overlayLimit = Math.max(64, Math.floor(Math.sqrt(live)));
    if (this.overlay.length > overlayLimit || this.unreferenced > Math.max(64, live / 4)) this.rebuild();
  }

  /** Rebuilds one tree from the referenced zone versions, copying them packed (no GeoJSON needed). */
  rebuild(): void {
    const live = [...this.base.slots, ...this.overlay].filter((slot) => slot.refs.length > 0);
    this.base = baseOf(
      live.map((slot) => ({ pack: slot.pack, zone: slot.zone })),
      live.map((slot) => slot.refs),
    );
    this.overlay = [];
    this.slotByVersion = new Map();
    this.unreferenced = 0;
    for (const slot of this.base.slots) this.register(slot);
  }
}

function noop(): void {}

function refOf(entry: GeofenceZoneRef): EntryRef {
  return new EntryRef(entry.key, entry.orderId, entry.zoneId, entry.zoneVersionId);
}

function baseOf(sources: ZoneSource[], refs: EntryRef[][]): Base {
  const pack = ZonePack.from(sources);
  return baseOfSlots(refs.map((r, zone) => ({ pack, zone, refs: r })));
}

function baseOfSlots(slots: Slot[]): Base {
  return { slots, tree: slots.length > 0 ? treeOf(slots) : undefined };
}

function treeOf(slots: readonly Slot[]): Flatbush {
  const tree = new Flatbush(slots.length);
  for (const { pack, zone } of slots) {
    const b = pack.zoneBoxes;
    tree.add(b[zone * 4], b[zone * 4 + 1], b[zone * 4 + 2], b[zone * 4 + 3]);
  }
  tree.finish();
  return tree;
}

/**
 * The reusable {@link CoveringZone} of one index: the slot being visited and its distance, computed once; the
 * metres per degree at the point are worked out once per point, when a first distance is asked for.
 */
class LazyCovering implements CoveringZone {
  refs: readonly GeofenceZoneRef[] = [];
  private slot?: Slot;
  private lon = 0;
  private lat = 0;
  private mx = NaN;
  private my = NaN;
  private distance = NaN;

  at(lon: number, lat: number): void {
    this.lon = lon;
    this.lat = lat;
    this.mx = NaN;
  }

  of(slot: Slot): this {
    this.slot = slot;
    this.refs = slot.refs;
    this.distance = NaN;
    return this;
  }

  distanceM(): number {
    if (Number.isNaN(this.distance)) {
      if (Number.isNaN(this.mx)) {
        this.mx = metresPerDegreeLon(this.lat);
        this.my = metresPerDegreeLat(this.lat);
      }
      const { pack, zone } = this.slot as Slot;
      this.distance = Math.abs(pack.evaluate(zone, this.lon, this.lat, this.mx, this.my));
    }
    return this.distance;
  }
}

/**
 * Builds a {@link GeofenceIndex} from entries given in batches: each batch's new zone versions are packed at once,
 * so the caller can read zones from the database a batch at a time and let go of their GeoJSON. The index keeps
 * the batches' packs as they are (no copy); a later compaction packs them together.
 */
export class GeofenceIndexBuilder {
  private readonly slots = new Map<string, Slot>();
  private readonly keys = new Set<string>();

  constructor(private readonly make: (base: Base) => GeofenceIndex) {}

  /** Whether the geometry of this zone version was added already (a later entry may then leave it out). */
  has(zoneVersionId: string): boolean {
    return this.slots.has(zoneVersionId);
  }

  /**
   * Adds a batch; throws `INVALID_INPUT` (builder unchanged) for a duplicate key, a malformed geometry or an entry
   * of a zone version not added before that comes without geometry.
   */
  add(entries: readonly GeofenceBuildEntry[]): void {
    const fresh = new Map<string, ZoneGeometry>();
    const batchKeys = new Set<string>();
    for (const e of entries) {
      if (this.keys.has(e.key) || batchKeys.has(e.key)) throw new DomainError('INVALID_INPUT', `duplicate geofence key "${e.key}"`);
      batchKeys.add(e.key);
      if (this.slots.has(e.zoneVersionId) || fresh.has(e.zoneVersionId)) continue;
      if (!e.geometry) throw new DomainError('INVALID_INPUT', `zone version "${e.zoneVersionId}" has no geometry`);
      fresh.set(e.zoneVersionId, e.geometry);
    }
    const pack = fresh.size > 0 ? ZonePack.from([...fresh.values()]) : undefined;
    [...fresh.keys()].forEach((version, zone) => this.slots.set(version, { pack: pack as ZonePack, zone, refs: [] }));
    for (const e of entries) {
      this.keys.add(e.key);
      (this.slots.get(e.zoneVersionId) as Slot).refs.push(refOf(e));
    }
  }

  build(): GeofenceIndex {
    return this.make(baseOfSlots([...this.slots.values()]));
  }
}

function assertUniqueKeys(entries: readonly GeofenceEntry[]): void {
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.key)) throw new DomainError('INVALID_INPUT', `duplicate geofence key "${e.key}"`);
    seen.add(e.key);
  }
}
