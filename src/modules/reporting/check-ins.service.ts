import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { Clock } from '../../common/clock';
import { matchCheckIn, meetsSlot, samePlace, slotSearchRange, type CheckInMatch, type CheckInPlace } from '../../domain/reporting/check-in';
import { localInstant, reportingDuties, reportingSlots } from '../../domain/reporting/slots';
import { DomainError } from '../../domain/shared/domain-error';
import { parseInstant } from '../../domain/time/windows';
import { AuditService } from '../audit/audit.service';
import type { CheckInDto, RegisterCheckInDto } from './dto/reporting.dto';
import { assertSameRequest, requestHash, type Registered } from '../../common/http/idempotency';
import type { OrderVersionRow } from '../orders/orders.repository';
import { ReportingOrdersService, type ReportingOrder } from './reporting-orders.service';
import { ReportingRepository, type CheckInRow, type NewCheckIn } from './reporting.repository';

/** How far ahead of the server clock a desk may be when it says when the person reported. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The police desk registers that a person reported (`BREACH-REPORTING`). Every check-in is stored with how it matched:
 * on time (it meets the slot whose window contains it, at the set place), early, late, or near no slot. A check-in
 * whose slot the job already recorded as missed turns that slot into met. One transaction with its audit event; a
 * retry with the same Idempotency-Key answers the first result.
 */
@Injectable()
export class CheckInsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ReportingRepository,
    private readonly reportingOrders: ReportingOrdersService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async register(actor: Actor, orderId: string, dto: RegisterCheckInDto, key?: string): Promise<Registered<CheckInDto>> {
    const hash = requestHash(`check-in ${orderId}`, dto);
    return this.dataSource.transaction(async (m) => {
      const earlier = key ? await this.repository.findCheckInByKey(actor.sub, key, m) : null;
      if (earlier) return this.replay(m, key!, earlier, hash);
      const order = await this.reportingOrders.load(actor, orderId, m);
      const { row, match } = await this.matched(m, order, dto);
      const id = await this.repository.insertCheckIn(m, { ...row, recordedBy: actor.sub, idempotencyKey: key ?? null, requestHash: key ? hash : null });
      if (id === null) return this.replay(m, key!, (await this.repository.findCheckInByKey(actor.sub, key!, m))!, hash);
      const before = row.meetsSlot ? await this.markMet(m, order, match, id) : null;
      const stored = (await this.repository.findCheckIn(id, m))!;
      const body = toCheckInDto(stored, order.timeZone);
      await this.audit.record(m, actor, {
        action: 'check-in.registered',
        entityType: 'check-in',
        entityId: id,
        municipalityCode: stored.municipalityCode,
        after: { ...body, slotOutcomeBefore: before },
      });
      return { body, replayed: false };
    });
  }

  private async replay(m: EntityManager, key: string, row: CheckInRow, hash: string): Promise<Registered<CheckInDto>> {
    assertSameRequest(key, row.requestHash, hash);
    return { body: toCheckInDto(row, await this.reportingOrders.timeZone(row.municipalityCode, m)), replayed: true };
  }

  /** The check-in to store: which slot it belongs to and whether it meets it. */
  private async matched(m: EntityManager, order: ReportingOrder, dto: RegisterCheckInDto): Promise<{ row: MatchedCheckIn; match: CheckInMatch }> {
    const { row: o, timeZone } = order;
    const duties = assertReportable(o);
    const now = this.clock.now();
    const at = pastInstant(dto.at, now);
    const range = slotSearchRange(at);
    const met = await this.repository.recordedStarts(m, o.orderId, new Date(range.start), new Date(range.end), 'MET');
    const match = matchCheckIn(reportingSlots(o.body, timeZone, range), at, met);
    const required = match.slot?.place ?? duties[0].measure.place;
    const place: CheckInPlace = { name: (dto.place ?? required).name, municipalityCode: (dto.place ?? required).municipalityCode };
    const placeMatches = samePlace(required, place);
    const row: MatchedCheckIn = {
      orderId: o.orderId,
      orderVersion: o.version,
      personId: o.personId,
      municipalityCode: o.municipalityCode,
      at: new Date(at),
      place,
      placeMatches,
      timing: match.timing,
      slotStartsAt: match.slot ? new Date(match.slot.start) : null,
      slotEndsAt: match.slot ? new Date(match.slot.end) : null,
      // A second check-in inside a window already met is recorded, but meets nothing new.
      meetsSlot: meetsSlot(match, placeMatches) && !met.has(match.slot!.start),
      recordedAt: now,
    };
    return { row, match };
  }

  private markMet(m: EntityManager, order: ReportingOrder, match: CheckInMatch, checkInId: string) {
    const slot = match.slot!;
    const o = order.row;
    return this.repository.markMet(m, {
      orderId: o.orderId, orderVersion: o.version, personId: o.personId, municipalityCode: o.municipalityCode,
      placeMunicipalityCode: slot.place.municipalityCode, startsAt: new Date(slot.start), endsAt: new Date(slot.end), localDay: slot.day,
      place: slot.place, outcome: 'MET', checkInId, recordedAt: this.clock.now(),
    });
  }
}

type MatchedCheckIn = Omit<NewCheckIn, 'recordedBy' | 'idempotencyKey' | 'requestHash'>;

/** Check-ins are registered for issued orders with a reporting duty; returns the duties. */
function assertReportable(o: OrderVersionRow) {
  const duties = reportingDuties(o.body);
  if (duties.length === 0) throw new DomainError('INVALID_INPUT', `Order ${o.orderId} has no reporting duty`, { status: 422 });
  if (o.body.status === 'DRAFT' || o.body.status === 'INTENT_SENT') {
    throw new DomainError('CONFLICT', `Order ${o.orderId} has not been issued; nobody reports under it yet`);
  }
  return duties;
}

/** The instant the person reported; a desk clock may run a little ahead, but not into the future. */
function pastInstant(value: string, now: Date): number {
  const at = parseInstant(value);
  if (at <= now.getTime() + CLOCK_SKEW_MS) return at;
  const message = `at (${value}) lies in the future; register a check-in once the person has reported`;
  throw new DomainError('INVALID_INPUT', message, { status: 422, errors: [{ field: 'at', code: 'invalid', message }] });
}

/** A check-in as stored (only immutable fields: a replay answers the same body). */
export function toCheckInDto(r: CheckInRow, timeZone: string): CheckInDto {
  const at = (d: Date) => localInstant(new Date(d).getTime(), timeZone);
  return {
    id: r.id,
    orderId: r.orderId,
    personId: r.personId,
    at: at(r.at),
    place: r.place,
    placeMatches: r.placeMatches,
    timing: r.timing,
    slot: r.slotStartsAt && r.slotEndsAt ? { startsAt: at(r.slotStartsAt), endsAt: at(r.slotEndsAt) } : undefined,
    meetsSlot: r.meetsSlot,
    recordedAt: at(r.recordedAt),
    recordedBy: r.recordedBy,
  };
}
