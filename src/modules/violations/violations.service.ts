import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { inScope } from '../../auth/principal';
import { Clock } from '../../common/clock';
import { statutoryLabel, violationRefusal } from '../../domain/reporting/violations';
import { DomainError } from '../../domain/shared/domain-error';
import { parseInstant } from '../../domain/time/windows';
import { AuditService } from '../audit/audit.service';
import { OrderRulesService } from '../orders/order-rules.service';
import { OrdersRepository, type OrderVersionRow } from '../orders/orders.repository';
import { ProcessingLogService } from '../processing-log/processing-log.service';
import { assertSameRequest, requestHash, type Registered } from '../../common/http/idempotency';
import type { RegisterViolationDto, ViolationDto, ViolationListQueryDto, ViolationPageDto } from './dto/violation.dto';
import { toListedViolationDto, toViolationDto } from './violation.mapper';
import { ViolationsRepository, type ViolationRow } from './violations.repository';

/** How far ahead of the server clock a device may be when it says when a violation happened. */
const CLOCK_SKEW_MS = 5 * 60_000;

function orderNotFound(id: string): DomainError {
  return new DomainError('NOT_FOUND', `Order ${id} not found`);
}

/**
 * Registering violations (immutable; a correction is a new entry naming the one it corrects) and listing them.
 * A registration and its audit event share one transaction; a retry with the same Idempotency-Key gets the first result.
 */
@Injectable()
export class ViolationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ViolationsRepository,
    private readonly orders: OrdersRepository,
    private readonly rules: OrderRulesService,
    private readonly audit: AuditService,
    private readonly processingLog: ProcessingLogService,
    private readonly clock: Clock,
  ) {}

  async register(actor: Actor, orderId: string, dto: RegisterViolationDto, key?: string): Promise<Registered<ViolationDto>> {
    const hash = requestHash(`violation ${orderId}`, dto);
    return this.dataSource.transaction(async (m) => {
      const earlier = key ? await this.repository.findByIdempotencyKey(actor.sub, key, m) : null;
      if (earlier) return this.replay(key!, earlier, hash);
      const order = await this.orders.findLatest(orderId, m);
      if (!order || !inScope(actor, order.municipalityCode)) throw orderNotFound(orderId);
      const row = await this.validated(m, order, dto);
      const id = await this.repository.insert(m, { ...row, recordedBy: actor.sub, idempotencyKey: key ?? null, requestHash: key ? hash : null });
      if (id === null) return this.replay(key!, (await this.repository.findByIdempotencyKey(actor.sub, key!, m))!, hash);
      const stored = (await this.repository.findById(id, m))!;
      await this.audit.record(m, actor, {
        action: dto.correctsViolationId ? 'violation.corrected' : 'violation.registered',
        entityType: 'violation',
        entityId: id,
        municipalityCode: stored.municipalityCode,
        after: { ...toViolationDto(stored), description: undefined, hasDescription: stored.description !== null },
      });
      return { body: toViolationDto(stored), replayed: false };
    });
  }

  async list(actor: Actor, q: ViolationListQueryDto): Promise<ViolationPageDto> {
    if (q.municipality && !inScope(actor, q.municipality)) throw new DomainError('NOT_FOUND', `Municipality ${q.municipality} not found`);
    const municipalities = q.municipality ? [q.municipality] : [...actor.municipalities];
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    const { rows, total } = await this.repository.list({ municipalities, from: q.from, to: q.to, orderId: q.orderId, kind: q.kind, limit, offset });
    await this.logReads(actor, rows);
    return { items: rows.map(toListedViolationDto), total, limit, offset };
  }

  private replay(key: string, row: ViolationRow, hash: string): Registered<ViolationDto> {
    assertSameRequest(key, row.requestHash, hash);
    return { body: toViolationDto(row), replayed: true };
  }

  /** The row to store, once the order was in force at `at`, holds the breached measure, and a correction is valid. */
  private async validated(m: EntityManager, order: OrderVersionRow, dto: RegisterViolationDto) {
    const now = this.clock.now();
    const at = parseInstant(dto.at);
    if (at > now.getTime() + CLOCK_SKEW_MS) throw invalid('at', `at (${dto.at}) lies in the future; register a violation after it happened`);
    const municipality = await this.rules.municipalityConfig(order.municipalityCode, m);
    const refusal = violationRefusal(order.body, dto.kind, at, municipality.timeZone);
    if (refusal?.reason === 'NOT_IN_FORCE') throw new DomainError('CONFLICT', refusal.message, { orderStatus: order.body.status, notInForce: refusal.notInForce });
    if (refusal) throw invalid('kind', refusal.message);
    if (dto.correctsViolationId) await this.assertCorrectable(m, order.orderId, dto.correctsViolationId);
    return {
      orderId: order.orderId,
      orderVersion: order.version,
      personId: order.personId,
      municipalityCode: order.municipalityCode,
      basisKind: order.body.basis.kind,
      at: new Date(at),
      lon: dto.position.lon,
      lat: dto.position.lat,
      reportRef: dto.reportRef,
      kind: dto.kind,
      description: dto.description ?? null,
      statutoryLabel: statutoryLabel(order.body.basis, { article: municipality.apv?.article, municipalityName: municipality.name }),
      correctsViolationId: dto.correctsViolationId ?? null,
      recordedAt: now,
    };
  }

  /** A correction names a violation of the same order that no other entry corrects yet (correct the correction instead). */
  private async assertCorrectable(m: EntityManager, orderId: string, correctsId: string): Promise<void> {
    const corrected = await this.repository.findById(correctsId, m);
    if (!corrected || corrected.orderId !== orderId) throw invalid('correctsViolationId', `Violation ${correctsId} is not a violation of order ${orderId}`);
    if (corrected.correctedById) {
      throw new DomainError('CONFLICT', `Violation ${correctsId} was already corrected by ${corrected.correctedById}; correct that entry instead`, { correctedByViolationId: corrected.correctedById });
    }
  }

  private async logReads(actor: Actor, rows: ViolationRow[]): Promise<void> {
    const persons = new Map(rows.map((r) => [r.personId, r.municipalityCode]));
    for (const [personId, municipalityCode] of persons) {
      await this.processingLog.record(actor, { action: 'violation.read', personId, municipalityCode, purpose: actor.purpose });
    }
  }
}

function invalid(field: string, message: string): DomainError {
  return new DomainError('INVALID_INPUT', message, { status: 422, errors: [{ field, code: 'invalid', message }] });
}

