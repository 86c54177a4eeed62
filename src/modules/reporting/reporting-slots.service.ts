import { Injectable } from '@nestjs/common';
import type { Actor } from '../../auth/actor';
import { inScope } from '../../auth/principal';
import { Clock } from '../../common/clock';
import { localInstant, reportingSlots, type DueSlot } from '../../domain/reporting/slots';
import { DomainError } from '../../domain/shared/domain-error';
import { parseInstant } from '../../domain/time/windows';
import { ProcessingLogService } from '../processing-log/processing-log.service';
import type { ListedSlotDto, MissedSlotsQueryDto, OrderSlotsDto, SlotDto, SlotRangeQueryDto, SlotPageDto, SlotStatus } from './dto/reporting.dto';
import { ReportingOrdersService } from './reporting-orders.service';
import { ReportingRepository, type ListedSlotRow } from './reporting.repository';

const DAY_MS = 86_400_000;
/** Longest period one request may list (a 172a order runs at most 12 months; separate days within 24 months). */
const MAX_RANGE_DAYS = 400;

/**
 * Reads of reporting slots. An order's slots are computed from its current version and merged with the stored
 * outcomes (a stored outcome wins: what was recorded stays as recorded). Every read about a person is logged.
 */
@Injectable()
export class ReportingSlotsService {
  constructor(
    private readonly repository: ReportingRepository,
    private readonly reportingOrders: ReportingOrdersService,
    private readonly processingLog: ProcessingLogService,
    private readonly clock: Clock,
  ) {}

  /** `GET /orders/{id}/reporting-slots`: the due slots opening in [from, to), with their status now. */
  async ofOrder(actor: Actor, orderId: string, q: SlotRangeQueryDto): Promise<OrderSlotsDto> {
    const { row, timeZone } = await this.reportingOrders.load(actor, orderId);
    const now = this.clock.now().getTime();
    const range = rangeOf(q, now);
    const computed = reportingSlots(row.body, timeZone, range);
    const stored = await this.repository.slotsOfOrder(orderId, new Date(range.start), new Date(range.end));
    await this.processingLog.record(actor, { action: 'reporting.read', personId: row.personId, municipalityCode: row.municipalityCode, purpose: actor.purpose });
    return {
      orderId,
      timeZone,
      from: localInstant(range.start, timeZone),
      to: localInstant(range.end, timeZone),
      slots: merge(computed, stored, now, timeZone),
    };
  }

  /** `GET /reporting-slots?status=MISSED`: stored outcomes of orders of (or reporting places in) the caller's municipalities. */
  async list(actor: Actor, q: MissedSlotsQueryDto): Promise<SlotPageDto> {
    if (q.municipality && !inScope(actor, q.municipality)) throw new DomainError('NOT_FOUND', `Municipality ${q.municipality} not found`);
    const municipalities = q.municipality ? [q.municipality] : [...actor.municipalities];
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    const { rows, total } = await this.repository.listSlots({ municipalities, outcome: q.status ?? 'MISSED', from: q.from, to: q.to, limit, offset });
    for (const [personId, municipalityCode] of new Map(rows.map((r) => [r.personId, r.municipalityCode]))) {
      await this.processingLog.record(actor, { action: 'reporting.read', personId, municipalityCode, purpose: actor.purpose });
    }
    return { items: rows.map(toListedSlotDto), total, limit, offset };
  }
}

function rangeOf(q: SlotRangeQueryDto, now: number): { start: number; end: number } {
  const start = q.from ? parseInstant(q.from) : now - 7 * DAY_MS;
  const end = q.to ? parseInstant(q.to) : start + 35 * DAY_MS;
  if (end <= start) throw invalid('to', 'to must be after from');
  if (end - start > MAX_RANGE_DAYS * DAY_MS) throw invalid('to', `List at most ${MAX_RANGE_DAYS} days at a time`);
  return { start, end };
}

function invalid(field: string, message: string): DomainError {
  return new DomainError('INVALID_INPUT', message, { errors: [{ field, code: 'invalid', message }] });
}

function merge(computed: DueSlot[], stored: ListedSlotRow[], now: number, timeZone: string): SlotDto[] {
  const byStart = new Map<number, SlotDto>();
  for (const slot of computed) byStart.set(slot.start, computedDto(slot, now, timeZone));
  for (const row of stored) byStart.set(new Date(row.startsAt).getTime(), storedDto(row, timeZone));
  return [...byStart.entries()].sort(([a], [b]) => a - b).map(([, dto]) => dto);
}

/** The status of a slot without a stored outcome: what the clock says (a closed window is missed before the job records it). */
function statusOf(slot: DueSlot, now: number): SlotStatus {
  if (slot.exemptionId) return 'EXEMPT';
  if (now < slot.start) return 'UPCOMING';
  return now < slot.end ? 'OPEN' : 'MISSED';
}

function computedDto(slot: DueSlot, now: number, timeZone: string): SlotDto {
  return {
    startsAt: localInstant(slot.start, timeZone),
    endsAt: localInstant(slot.end, timeZone),
    day: slot.day,
    place: { name: slot.place.name, municipalityCode: slot.place.municipalityCode },
    status: statusOf(slot, now),
    recorded: false,
    exemptionId: slot.exemptionId,
  };
}

function storedDto(row: ListedSlotRow, timeZone: string): SlotDto {
  const at = (d: Date) => localInstant(new Date(d).getTime(), timeZone);
  return {
    startsAt: at(row.startsAt),
    endsAt: at(row.endsAt),
    day: row.localDay,
    place: { name: row.place.name, municipalityCode: row.place.municipalityCode },
    status: row.outcome,
    recorded: true,
    checkInAt: row.checkInAt ? at(row.checkInAt) : undefined,
  };
}

export function toListedSlotDto(row: ListedSlotRow): ListedSlotDto {
  return {
    ...storedDto(row, row.timeZone),
    orderId: row.orderId,
    orderReference: row.orderReference,
    personId: row.personId,
    personName: row.personName,
    municipalityCode: row.municipalityCode,
    recordedAt: localInstant(new Date(row.recordedAt).getTime(), row.timeZone),
  };
}
