import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { Clock } from '../../common/clock';
import { auditEventHash } from './audit-hash';
import { AuditRepository } from './audit.repository';

export interface AuditRecord {
  action: string;
  entityType: 'municipality' | 'person' | 'zone' | 'order' | 'violation' | 'check-in' | 'system';
  entityId: string;
  municipalityCode?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/**
 * Writes audit events into the caller's transaction, so an event exists exactly when its change does.
 * Events form a hash chain (see `audit-hash.ts`).
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly repository: AuditRepository,
    private readonly clock: Clock,
  ) {}

  async record(manager: EntityManager, actor: Actor, event: AuditRecord): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Audit events are written inside the transaction of the change they record');
    }
    const prevHash = await this.repository.lockChainHead(manager);
    const fields = {
      id: randomUUID(),
      occurredAt: this.clock.now().toISOString(),
      actor: actor.sub,
      actorRoles: actor.roles,
      municipalityCode: event.municipalityCode ?? null,
      entityType: event.entityType,
      entityId: event.entityId,
      action: event.action,
      before: event.before ?? null,
      after: event.after ?? null,
      reason: event.reason ?? null,
      requestId: actor.requestId ?? null,
      prevHash,
    };
    await this.repository.append(manager, { ...fields, hash: auditEventHash(fields) });
  }
}
