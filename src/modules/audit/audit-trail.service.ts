import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { inScope } from '../../auth/principal';
import { Clock } from '../../common/clock';
import { jsonDiff } from '../../domain/audit/json-diff';
import { DomainError } from '../../domain/shared/domain-error';
import { ProcessingLogService } from '../processing-log/processing-log.service';
import { verifyAuditChain, type ChainAnchor } from './audit-chain';
import { AuditRepository, type StoredAuditEvent } from './audit.repository';
import type { AuditEventDto, AuditHistoryDto, AuditedEntity, ChainVerificationDto } from './dto/audit-event.dto';

/** Events read per page while verifying: bounded memory however long the chain is. */
const VERIFY_PAGE = 1000;

const CBS = /^GM\d{4}$/;

function invalidId(message: string): DomainError {
  return new DomainError('INVALID_INPUT', message, { errors: [{ field: 'id', code: 'invalid', message }] });
}

function toEventDto(e: StoredAuditEvent): AuditEventDto {
  return {
    seq: Number(e.seq),
    id: e.id,
    occurredAt: new Date(e.occurredAt).toISOString(),
    actor: e.actor,
    actorRoles: e.actorRoles,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    municipalityCode: e.municipalityCode as string,
    reason: e.reason ?? undefined,
    requestId: e.requestId ?? undefined,
    before: e.before,
    after: e.after,
    changes: jsonDiff(e.before, e.after),
  };
}

/** The person an order's or person's history is about, for the processing log. */
function personOf(entity: AuditedEntity, id: string, events: StoredAuditEvent[]): string | undefined {
  if (entity === 'person') return id;
  if (entity !== 'order') return undefined;
  const last = events[events.length - 1];
  const body = (last.after ?? last.before) as { personId?: unknown } | null;
  return typeof body?.personId === 'string' ? body.personId : undefined;
}

/**
 * The lawyers' reads of the audit trail: the history of one entity within the caller's municipalities, and the
 * verification of the whole hash chain.
 */
@Injectable()
export class AuditTrailService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: AuditRepository,
    private readonly processingLog: ProcessingLogService,
    private readonly clock: Clock,
  ) {}

  /**
   * Who changed what, when and why: the entity's events in the caller's municipalities, oldest first. No event in
   * scope (an unknown entity, or one of another municipality) is a 404. Reading an order's or person's history is
   * reading about a person, so it is logged.
   */
  async history(actor: Actor, entity: AuditedEntity, rawId: string): Promise<AuditHistoryDto> {
    const isCode = CBS.test(rawId);
    if ((entity === 'municipality') !== isCode) throw invalidId(entity === 'municipality' ? 'id must be a CBS code for entity municipality' : `id must be a UUID for entity ${entity}`);
    const id = isCode ? rawId : rawId.toLowerCase();
    const scope = actor.municipalities.filter((code) => CBS.test(code) && inScope(actor, code));
    const events = await this.repository.findForEntity(this.dataSource.manager, entity, id, scope);
    if (events.length === 0) throw new DomainError('NOT_FOUND', `No history of ${entity} ${id} found`);
    const personId = personOf(entity, id, events);
    if (personId) {
      const municipalityCode = events[events.length - 1].municipalityCode as string;
      await this.processingLog.record(actor, { action: 'audit.read', personId, municipalityCode, purpose: actor.purpose });
    }
    return { entity, id, events: events.map(toEventDto) };
  }

  /** Walks the whole chain and reports the first broken link (and, with an anchor, whether the anchor still holds). */
  async verify(anchor?: ChainAnchor): Promise<ChainVerificationDto> {
    const manager = this.dataSource.manager;
    const result = await verifyAuditChain((after) => this.repository.pageAfter(manager, after, VERIFY_PAGE), anchor);
    return { ...result, verifiedAt: this.clock.now().toISOString() };
  }
}

/** Both parts of an anchor, or none (400 otherwise). */
export function anchorOf(seq: number | undefined, hash: string | undefined): ChainAnchor | undefined {
  if (seq === undefined && hash === undefined) return undefined;
  if (seq === undefined || hash === undefined) {
    const message = 'Give anchorSeq and anchorHash together';
    throw new DomainError('INVALID_INPUT', message, { errors: [{ field: seq === undefined ? 'anchorSeq' : 'anchorHash', code: 'required', message }] });
  }
  return { seq, hash };
}
