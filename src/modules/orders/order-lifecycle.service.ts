import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { Clock } from '../../common/clock';
import { assertTransition, effectiveStatus, type OrderAction } from '../../domain/order/lifecycle';
import type { OrderState } from '../../domain/order/order';
import { currentEnd, type RuleAction } from '../../domain/rules';
import { DomainError } from '../../domain/shared/domain-error';
import { RegisterEvents } from '../events/register-events';
import { PersonsService } from '../persons/persons.service';
import type {
  AmendDto,
  ExemptionDto,
  ExtendDto,
  IssueDto,
  LiftSuspensionDto,
  ObjectionDto,
  RecordViewDto,
  RevokeDto,
  ReviewDto,
  SendIntentDto,
  SuspensionDto,
  WithdrawDto,
} from './dto/lifecycle.dto';
import type { OrderDto } from './dto/order-response.dto';
import { assertMaySign } from './order-access';
import { OrderQueriesService } from './order-queries.service';
import { OrderRulesService } from './order-rules.service';
import { gateFindings, OrderVersioningService, type Acknowledgement } from './order-versioning.service';
import { toPlain } from './order.mapper';

/** One lifecycle change: the new state, and (for decisions) what the rules must judge before it may stand. */
interface ChangeSpec {
  action: Exclude<OrderAction, 'CREATE' | 'UPDATE_DRAFT'>;
  next: (current: OrderState, now: string) => OrderState;
  /** For decisions (issue, extend, amend, exemption): errors and unacknowledged warnings refuse the change. */
  decision?: (current: OrderState, next: OrderState) => { order: OrderState; action: RuleAction };
  acknowledgements?: Acknowledgement[];
  reason?: string;
  pinZones?: boolean;
}

function invalid(field: string, message: string): DomainError {
  return new DomainError('INVALID_INPUT', message, { errors: [{ field, code: 'invalid', message }] });
}

function assertOrdered(fromField: string, from: string, untilField: string, until: string | undefined): void {
  if (until !== undefined && Date.parse(until) <= Date.parse(from)) throw invalid(untilField, `${untilField} must be after ${fromField}`);
}

/** The mayor's decisions and the recorded events after drafting; each writes one new version. */
@Injectable()
export class OrderLifecycleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rules: OrderRulesService,
    private readonly versioning: OrderVersioningService,
    private readonly persons: PersonsService,
    private readonly queries: OrderQueriesService,
    private readonly clock: Clock,
    private readonly events: RegisterEvents,
  ) {}

  sendIntent(actor: Actor, id: string, v: number, dto: SendIntentDto): Promise<OrderDto> {
    return this.change(actor, id, v, {
      action: 'SEND_INTENT',
      reason: dto.reason,
      next: (o) => ({ ...o, procedure: { ...o.procedure, intentSentAt: dto.intentSentAt, viewDeadline: dto.viewDeadline } }),
    });
  }

  recordView(actor: Actor, id: string, v: number, dto: RecordViewDto): Promise<OrderDto> {
    if (!dto.viewReceivedAt && !dto.noViewReceived) throw invalid('viewReceivedAt', 'Give viewReceivedAt, or noViewReceived: true');
    return this.change(actor, id, v, {
      action: 'RECORD_VIEW',
      reason: dto.reason,
      next: (o) => ({ ...o, procedure: { ...o.procedure, viewReceivedAt: dto.viewReceivedAt, noViewReceived: dto.noViewReceived } }),
    });
  }

  issue(actor: Actor, id: string, v: number, dto: IssueDto): Promise<OrderDto> {
    return this.change(actor, id, v, {
      action: 'ISSUE',
      reason: dto.reason,
      acknowledgements: dto.acknowledgements,
      next: (o) => {
        const signatory = dto.signatory ?? o.procedure.signatory;
        assertMaySign(actor, o.basis.kind, signatory.role);
        return { ...o, procedure: { ...o.procedure, signatory, notifiedAt: dto.notifiedAt, notificationMethod: dto.notificationMethod } };
      },
      decision: (_, next) => ({ order: next, action: { kind: 'ISSUE' } }),
    });
  }

  extend(actor: Actor, id: string, v: number, dto: ExtendDto): Promise<OrderDto> {
    const extensionOf = (o: OrderState, now: string) => ({
      decidedAt: dto.decidedAt ?? now,
      previousEnd: currentEnd(o) ?? '',
      newEnd: dto.newEnd,
      motivation: toPlain(dto.motivation),
    });
    return this.change(actor, id, v, {
      action: 'EXTEND',
      reason: dto.reason,
      acknowledgements: dto.acknowledgements,
      next: (o, now) => ({ ...o, extensions: [...o.extensions, extensionOf(o, now)] }),
      decision: (current, next) => ({ order: current, action: { kind: 'EXTEND', extension: next.extensions.at(-1)! } }),
    });
  }

  amend(actor: Actor, id: string, v: number, dto: AmendDto): Promise<OrderDto> {
    const plain = toPlain(dto);
    return this.change(actor, id, v, {
      action: 'AMEND',
      reason: dto.reason,
      acknowledgements: dto.acknowledgements,
      pinZones: true,
      next: (o, now) => ({
        ...o,
        lastAmendment: { decidedAt: now, direction: dto.direction },
        measures: plain.measures ? (plain.measures as OrderState['measures']) : o.measures,
        validity: plain.validity ? (plain.validity as OrderState['validity']) : o.validity,
        incidents: [...o.incidents, ...((plain.newIncidents ?? []) as OrderState['incidents'])],
        procedure: {
          ...o.procedure,
          motivation: plain.motivation,
          intentSentAt: dto.intentSentAt ?? o.procedure.intentSentAt,
          viewReceivedAt: dto.viewReceivedAt ?? o.procedure.viewReceivedAt,
          hearingSkippedGround: dto.hearingSkippedGround ?? o.procedure.hearingSkippedGround,
          notifiedAt: dto.notifiedAt,
          notificationMethod: dto.notificationMethod,
        },
      }),
      decision: (current, next) => ({ order: next, action: { kind: 'AMEND', previous: current, direction: dto.direction } }),
    });
  }

  grantExemption(actor: Actor, id: string, v: number, dto: ExemptionDto): Promise<OrderDto> {
    assertOrdered('from', dto.from, 'until', dto.until);
    const exemption = { id: randomUUID(), from: dto.from, until: dto.until, zoneIds: dto.zoneIds, conditions: dto.conditions };
    return this.change(actor, id, v, {
      action: 'GRANT_EXEMPTION',
      reason: dto.reason,
      acknowledgements: dto.acknowledgements,
      next: (o) => {
        const unknown = (dto.zoneIds ?? []).find((z) => !o.measures.some((x) => x.zoneIds?.includes(z)));
        if (unknown) throw invalid('zoneIds', `Zone ${unknown} is not a zone of this order`);
        return { ...o, exemptions: [...o.exemptions, toPlain(exemption)] };
      },
      decision: (current) => ({ order: current, action: { kind: 'GRANT_EXEMPTION', exemption } }),
    });
  }

  recordObjection(actor: Actor, id: string, v: number, dto: ObjectionDto): Promise<OrderDto> {
    return this.change(actor, id, v, {
      action: 'RECORD_OBJECTION',
      reason: dto.reason,
      next: (o) => ({ ...o, objections: [...(o.objections ?? []), { receivedAt: dto.receivedAt, reference: dto.reference }] }),
    });
  }

  suspend(actor: Actor, id: string, v: number, dto: SuspensionDto): Promise<OrderDto> {
    assertOrdered('from', dto.from, 'until', dto.until);
    return this.change(actor, id, v, {
      action: 'SUSPEND',
      reason: dto.reason ?? ([dto.court, dto.caseReference].filter(Boolean).join(' ') || undefined),
      next: (o) => ({ ...o, statusBeforeSuspension: o.status, suspensions: [...o.suspensions, { from: dto.from, until: dto.until }] }),
    });
  }

  liftSuspension(actor: Actor, id: string, v: number, dto: LiftSuspensionDto): Promise<OrderDto> {
    return this.change(actor, id, v, {
      action: 'LIFT_SUSPENSION',
      reason: dto.reason,
      next: (o) => ({ ...o, suspensions: o.suspensions.map((s, i) => (i === o.suspensions.length - 1 && !s.until ? { ...s, until: dto.at } : s)) }),
    });
  }

  withdraw(actor: Actor, id: string, v: number, dto: WithdrawDto): Promise<OrderDto> {
    return this.change(actor, id, v, { action: 'WITHDRAW', reason: dto.reason, next: (o, now) => ({ ...o, withdrawnAt: dto.at ?? now, endReason: dto.reason }) });
  }

  revoke(actor: Actor, id: string, v: number, dto: RevokeDto): Promise<OrderDto> {
    return this.change(actor, id, v, { action: 'REVOKE', reason: dto.reason, next: (o) => ({ ...o, revokedAt: dto.at, endReason: dto.reason }) });
  }

  recordReview(actor: Actor, id: string, v: number, dto: ReviewDto): Promise<OrderDto> {
    return this.change(actor, id, v, { action: 'RECORD_REVIEW', reason: dto.conclusion, next: (o, now) => ({ ...o, lastReviewedAt: dto.reviewedAt ?? now }) });
  }

  private async change(actor: Actor, orderId: string, expectedVersion: number, spec: ChangeSpec): Promise<OrderDto> {
    await this.dataSource.transaction(async (m) => {
      const nowDate = this.clock.now();
      const now = nowDate.toISOString();
      const previous = await this.versioning.loadForChange(m, actor, orderId, expectedVersion);
      assertTransition(spec.action, effectiveStatus(previous.body, now));
      let next = spec.next(previous.body, now);
      if (spec.pinZones) next = await this.versioning.pinZones(m, next);
      const judged = spec.decision?.(previous.body, next) ?? { order: next, action: { kind: 'CHECK' } as RuleAction };
      const person = await this.persons.findInScope(actor, previous.personId, m);
      const { findings } = await this.rules.run(m, { ...judged, orderId, dateOfBirth: person.dateOfBirth, now });
      if (spec.decision) next = { ...next, acknowledgements: gateFindings(findings, previous.body.acknowledgements, spec.acknowledgements ?? [], actor, now) };
      await this.versioning.commit(m, actor, { orderId, previous, next, action: spec.action, findings, now: nowDate, reason: spec.reason });
    });
    await this.events.orderChanged(orderId);
    return this.queries.get(actor, orderId);
  }
}
