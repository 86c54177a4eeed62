import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { inScope } from '../../auth/principal';
import { statusAfter, type OrderAction } from '../../domain/order/lifecycle';
import type { OrderState } from '../../domain/order/order';
import { DomainError } from '../../domain/shared/domain-error';
import type { Finding } from '../../domain/shared/finding';
import { AuditService } from '../audit/audit.service';
import { RegisterEvents } from '../events/register-events';
import { ZonesService } from '../zones/zones.service';
import { validityEnvelope } from './order.mapper';
import { OrdersRepository, type OrderVersionRow } from './orders.repository';

export interface Acknowledgement {
  ruleId: string;
  reason: string;
}

export function notFound(id: string): DomainError {
  return new DomainError('NOT_FOUND', `Order ${id} not found`);
}

export function staleVersion(currentVersion: number): DomainError {
  return new DomainError('STALE_VERSION', `The order was changed by someone else (now version ${currentVersion}); reload it and apply your change again`, {
    status: 412,
    currentVersion,
  });
}

/**
 * Refuses an action while the rules report errors, or warnings nobody acknowledged with a reason (422 with the
 * findings). Returns the acknowledgements to record: the earlier ones plus the new ones for warnings now present.
 */
export function gateFindings(findings: Finding[], earlier: OrderState['acknowledgements'], given: Acknowledgement[], actor: Actor, now: string) {
  const acknowledged = new Set([...(earlier ?? []).map((a) => a.ruleId), ...given.map((a) => a.ruleId)]);
  const errors = findings.filter((f) => f.severity === 'error');
  const open = findings.filter((f) => f.severity === 'warning' && !acknowledged.has(f.ruleId));
  if (errors.length || open.length) {
    const detail = errors.length
      ? `The order breaks ${errors.length} rule(s): ${[...new Set(errors.map((f) => f.ruleId))].join(', ')}`
      : `Acknowledge the warning(s) with a reason first: ${[...new Set(open.map((f) => f.ruleId))].join(', ')}`;
    throw new DomainError('RULE_VIOLATION', detail, { findings: errors.length ? findings : open });
  }
  const added = given.filter((a) => findings.some((f) => f.ruleId === a.ruleId)).map((a) => ({ ...a, by: actor.sub, at: now }));
  return [...(earlier ?? []), ...added];
}

/**
 * Writes the next version of an order: pins its zones to their current versions, stamps the status the action
 * leads to, inserts the version (the unique version number is the optimistic lock), the audit event and the
 * notification to the other instances, all in the caller's transaction.
 */
@Injectable()
export class OrderVersioningService {
  constructor(
    private readonly repository: OrdersRepository,
    private readonly zones: ZonesService,
    private readonly audit: AuditService,
    private readonly events: RegisterEvents,
  ) {}

  /** The order's latest version for a change, locked; 404 out of scope, 412 when `expectedVersion` is stale. */
  async loadForChange(m: EntityManager, actor: Actor, orderId: string, expectedVersion: number): Promise<OrderVersionRow> {
    const row = await this.repository.findLatest(orderId, m, true);
    if (!row || !inScope(actor, row.municipalityCode)) throw notFound(orderId);
    if (row.version !== expectedVersion) throw staleVersion(row.version);
    return row;
  }

  /** Gives every zone-based measure the ids of the zone versions it now holds (the map of the decision). */
  async pinZones(m: EntityManager, order: OrderState): Promise<OrderState> {
    const zoneIds = [...new Set(order.measures.flatMap((x) => x.zoneIds ?? []))];
    const current = zoneIds.length ? await this.zones.resolveCurrentVersions(m, order.municipalityCode, zoneIds) : new Map();
    const measures = order.measures.map((x) => (x.zoneIds ? { ...x, zoneVersionIds: x.zoneIds.map((id) => current.get(id)!.zoneVersionId) } : x));
    return { ...order, measures };
  }

  async createOrder(m: EntityManager, actor: Actor, order: OrderState, now: Date): Promise<string> {
    const year = now.getUTCFullYear();
    const reference = `${order.municipalityCode}-${year}-${randomUUID().slice(0, 8).toUpperCase()}`;
    return this.repository.insertOrder(m, { municipalityCode: order.municipalityCode, personId: order.personId, reference, createdBy: actor.sub, createdAt: now });
  }

  async commit(
    m: EntityManager,
    actor: Actor,
    change: { orderId: string; previous: OrderVersionRow | null; next: OrderState; action: OrderAction; findings: Finding[]; now: Date; reason?: string },
  ): Promise<void> {
    const body: OrderState = { ...change.next, status: statusAfter(change.action, change.next) };
    const version = (change.previous?.version ?? 0) + 1;
    const zoneVersionIds = [...new Set(body.measures.flatMap((x) => x.zoneVersionIds ?? []))];
    const saved = await this.repository.insertVersion(m, {
      orderId: change.orderId,
      version,
      changeKind: change.action,
      body,
      findings: change.findings,
      ...validityEnvelope(body),
      zoneVersionIds,
      createdAt: change.now,
      createdBy: actor.sub,
      reason: change.reason,
    });
    if (!saved) throw staleVersion(version);
    await this.audit.record(m, actor, {
      action: `order.${change.action.toLowerCase().replace(/_/g, '-')}`,
      entityType: 'order',
      entityId: change.orderId,
      municipalityCode: body.municipalityCode,
      before: change.previous ? { version: change.previous.version, ...change.previous.body } : null,
      after: { version, ...body },
      reason: change.reason ?? null,
    });
    await this.events.announceOrderChanged(m, change.orderId);
  }
}
