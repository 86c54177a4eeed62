import { Injectable } from '@nestjs/common';
import type { Actor } from '../../auth/actor';
import { inScope } from '../../auth/principal';
import { Clock } from '../../common/clock';
import type { ZoneHit } from '../../domain/breach/breach-types';
import { activeAt, evaluateBreach } from '../../domain/breach/evaluate-breach';
import { DomainError } from '../../domain/shared/domain-error';
import { MAX_PENDING_ROWS, ProcessingLogBuffer } from '../processing-log/processing-log.buffer';
import type { BreachBatchDto, BreachCheckDto, BreachCheckResultDto, CheckPositionDto } from './dto/breach-check.dto';
import { GeofenceService, type IndexedOrder } from './geofence.service';

const DEFAULT_TIME_ZONE = 'Europe/Amsterdam';

/**
 * The police's questions, answered from memory (the geofence service): is this person here and now in breach, and
 * what applies at this point. Each check of a person is recorded in the processing log (who asked, when, about whom,
 * why), never the position.
 */
@Injectable()
export class BreachChecksService {
  constructor(
    private readonly geofence: GeofenceService,
    private readonly log: ProcessingLogBuffer,
    private readonly clock: Clock,
  ) {}

  async check(actor: Actor, dto: BreachCheckDto): Promise<BreachCheckResultDto> {
    const { orders, logged } = this.ordersInScope(actor, dto.personId, dto.purpose);
    const result = evaluateBreach({
      orders,
      position: dto.position,
      at: dto.at,
      groupSize: dto.groupSize,
      timeZone: DEFAULT_TIME_ZONE,
      zoneHits: this.hits(orders, dto.position),
    });
    await logged;
    return { ...result, personId: dto.personId, at: dto.at, dataAsOf: this.geofence.dataAsOf.toISOString() };
  }

  async batch(actor: Actor, dto: BreachBatchDto) {
    const { orders, logged } = this.ordersInScope(actor, dto.personId, dto.purpose);
    const results = dto.positions.map((p) => ({
      at: p.at,
      position: { lon: p.lon, lat: p.lat, accuracyM: p.accuracyM },
      ...evaluateBreach({ orders, position: p, at: p.at, groupSize: dto.groupSize, timeZone: DEFAULT_TIME_ZONE, zoneHits: this.hits(orders, p) }),
    }));
    await logged;
    return { personId: dto.personId, results, dataAsOf: this.geofence.dataAsOf.toISOString() };
  }

  /**
   * Every order in force in the caller's municipalities whose zone and schedule cover the point at `at`. The answer
   * names the persons those orders are about, so each of them gets a processing-log row (never the position), and
   * the answer waits until the rows are durable, as a person's check does.
   */
  async activeOrders(actor: Actor, point: { lon: number; lat: number }, at?: string) {
    const when = at ?? this.clock.now().toISOString();
    const measures = activeAt({ orders: this.geofence.allOrders, timeZone: DEFAULT_TIME_ZONE, index: this.geofence.geofence }, point, when);
    const orders = measures.flatMap((m) => {
      const order = this.geofence.allOrders.get(m.orderId)!;
      return inScope(actor, order.municipalityCode) ? [{ ...m, personId: order.personId, municipalityCode: order.municipalityCode }] : [];
    });
    const persons = new Map(orders.map((o) => [o.personId, o.municipalityCode]));
    if (persons.size) this.assertLogWritable();
    let last = 0;
    for (const [personId, municipalityCode] of persons) {
      last = this.log.add(actor, { action: 'active-orders.read', personId, municipalityCode, purpose: actor.purpose });
    }
    if (last) await this.log.durable(last);
    return {
      at: when,
      position: point,
      orders: orders.map(({ municipalityCode: _, ...o }) => o),
      dataAsOf: this.geofence.dataAsOf.toISOString(),
    };
  }

  /**
   * The person's orders the caller may see; an unknown or out-of-scope person is a 404. Logs the check: `logged`
   * resolves once its processing-log row is durable (journal or database), and the answer waits for it, so no
   * acknowledged check goes unlogged after a crash.
   */
  private ordersInScope(actor: Actor, personId: string, purpose?: string): { orders: readonly IndexedOrder[]; logged: Promise<void> } {
    const municipalityCode = this.geofence.municipalityOfPerson(personId);
    if (!municipalityCode || !inScope(actor, municipalityCode)) throw new DomainError('NOT_FOUND', `Person ${personId} not found`);
    this.assertLogWritable();
    const seq = this.log.add(actor, { action: 'breach-check', personId, municipalityCode, purpose: purpose ?? actor.purpose });
    return { orders: this.geofence.ordersOf(personId).filter((o) => inScope(actor, o.municipalityCode)), logged: this.log.durable(seq) };
  }

  /** Beyond MAX_PENDING_ROWS unwritten rows (the database away for long) no answer that must be logged is given. */
  private assertLogWritable(): void {
    if (this.log.size >= MAX_PENDING_ROWS) {
      throw new DomainError('CONFLICT', 'The processing log cannot be written; checks resume when the database is back', { status: 503 });
    }
  }

  /** The zones of these orders at the position: only the person's own zones are tested, never the others nearby. */
  private hits(orders: readonly IndexedOrder[], p: CheckPositionDto): ZoneHit[] {
    const hits: ZoneHit[] = [];
    for (const order of orders) {
      this.geofence.geofence.forEachOfHandles(p.lon, p.lat, p.accuracyM ?? 0, order.indexHandles, (ref, inside, distanceM) => {
        hits.push({ orderId: ref.orderId, zoneId: ref.zoneId, zoneVersionId: ref.zoneVersionId, inside, distanceM });
      });
    }
    return hits;
  }
}
