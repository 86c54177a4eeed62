import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { SYSTEM_ACTOR, type Actor } from '../../auth/actor';
import { inScope } from '../../auth/principal';
import { Clock } from '../../common/clock';
import { DEFAULT_RULE_NUMBERS } from '../../domain/municipality/municipality-config';
import { planPurge, type PurgePlan } from '../../domain/retention/retention';
import { erasableDigests } from '../audit/audit-hash';
import { AuditService } from '../audit/audit.service';
import { RegisterEvents } from '../events/register-events';
import { RetentionRepository, type DeletedCounts } from './retention.repository';

export const RETENTION_ACTOR: Actor = { ...SYSTEM_ACTOR, sub: 'system:retention' };

/** What a purge run did (or, dry, would do): counts and order ids, never personal data. */
export interface PurgeReport {
  ranAt: string;
  dryRun: boolean;
  orderIds: string[];
  deleted: DeletedCounts;
  auditEvents: { erased: number; notErasable: number };
}

const NOTHING: DeletedCounts = { orders: 0, orderVersions: 0, violations: 0, checkIns: 0, reportingSlots: 0, persons: 0 };

/**
 * The retention purge. In one transaction (serialised across instances): decides with `planPurge` which orders ended
 * longer ago than their municipality's retention period and which persons go with them, deletes those orders with
 * their versions, violations, check-ins and reporting slots, deletes the persons, erases the content (before, after,
 * reason) of the audit events about all of these while keeping the events and their digests (so the hash chain
 * still verifies), and records one audit event for the run. Events written before hash scheme 2 cannot be erased
 * and are counted as `notErasable`.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: RetentionRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly events: RegisterEvents,
  ) {}

  async purge(actor: Actor = RETENTION_ACTOR, options: { dryRun?: boolean } = {}): Promise<PurgeReport> {
    const dryRun = options.dryRun ?? false;
    let deletedPersons: string[] = [];
    const report = await this.dataSource.transaction(async (m) => {
      const now = this.clock.now();
      const plan = await this.plan(m, actor, now);
      const base = { ranAt: now.toISOString(), dryRun, orderIds: plan.orderIds, auditEvents: { erased: 0, notErasable: 0 } };
      if (dryRun || (plan.orderIds.length === 0 && plan.personIds.length === 0)) {
        return { ...base, deleted: { ...NOTHING, orders: plan.orderIds.length, persons: plan.personIds.length } };
      }
      const done = await this.execute(m, plan, now);
      await this.audit.record(m, actor, {
        action: 'retention.purged',
        entityType: 'system',
        entityId: 'retention',
        after: { orderIds: plan.orderIds, deleted: done.deleted, auditEvents: done.auditEvents },
      });
      // Deleted orders and persons leave every instance's breach index: other instances hear it on commit.
      for (const id of plan.orderIds) await this.events.announceOrderChanged(m, id);
      for (const id of plan.personIds) await this.events.announcePersonChanged(m, id, null);
      deletedPersons = plan.personIds;
      return { ...base, ...done };
    });
    if (!dryRun) {
      for (const id of report.orderIds) await this.events.orderChanged(id);
      for (const id of deletedPersons) await this.events.personChanged(id, null);
    }
    if (!dryRun && (report.deleted.orders || report.deleted.persons)) {
      this.logger.log({ orderIds: report.orderIds, deleted: report.deleted, auditEvents: report.auditEvents }, 'Retention purge deleted personal data');
    }
    return report;
  }

  private async plan(m: EntityManager, actor: Actor, now: Date): Promise<PurgePlan> {
    await this.repository.lock(m);
    const years = await this.repository.retentionYears(m);
    const [orders, persons] = [await this.repository.orders(m), await this.repository.persons(m)];
    const scope = actor === RETENTION_ACTOR ? () => true : (code: string) => inScope(actor, code);
    return planPurge(orders, persons, (code) => years.get(code) ?? DEFAULT_RULE_NUMBERS['retention.years'], now.toISOString(), scope);
  }

  private async execute(m: EntityManager, plan: PurgePlan, now: Date): Promise<Pick<PurgeReport, 'deleted' | 'auditEvents'>> {
    const { counts, violationIds, checkInIds } = plan.orderIds.length
      ? await this.repository.deleteOrders(m, plan.orderIds)
      : { counts: NOTHING, violationIds: [], checkInIds: [] };
    const persons = plan.personIds.length ? await this.repository.deletePersons(m, plan.personIds) : 0;
    const events = await this.repository.erasableEvents(m, [
      { type: 'order', ids: plan.orderIds },
      { type: 'violation', ids: violationIds },
      { type: 'check-in', ids: checkInIds },
      { type: 'person', ids: plan.personIds },
    ]);
    let erased = 0;
    for (const e of events.filter((x) => x.hashScheme >= 2)) {
      await this.repository.eraseEvent(m, e.seq, erasableDigests(e), now);
      erased += 1;
    }
    return { deleted: { ...counts, persons }, auditEvents: { erased, notErasable: events.length - erased } };
  }
}
