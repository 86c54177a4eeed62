import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { inScope } from '../../auth/principal';
import { DomainError } from '../../domain/shared/domain-error';
import { Clock } from '../../common/clock';
import { assertTransition, effectiveStatus } from '../../domain/order/lifecycle';
import type { OrderState } from '../../domain/order/order';
import { toOrderState } from '../../domain/rules';
import { RegisterEvents } from '../events/register-events';
import { PersonsService } from '../persons/persons.service';
import type { OrderPayloadDto, UpdateDraftDto } from './dto/order-payload.dto';
import type { OrderCheckResultDto, OrderDto } from './dto/order-response.dto';
import { assertMayDraft } from './order-access';
import { OrderQueriesService } from './order-queries.service';
import { OrderRulesService } from './order-rules.service';
import { OrderVersioningService } from './order-versioning.service';
import { toOrderDraft } from './order.mapper';

/** Drafting: the dry-run check, a new draft, and edits of a draft (all with findings; nothing blocks a draft). */
@Injectable()
export class OrderDraftingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rules: OrderRulesService,
    private readonly versioning: OrderVersioningService,
    private readonly persons: PersonsService,
    private readonly queries: OrderQueriesService,
    private readonly clock: Clock,
    private readonly events: RegisterEvents,
  ) {}

  /** `POST /order-checks`: the findings and objection deadline for a payload; nothing is stored. */
  async check(actor: Actor, dto: OrderPayloadDto): Promise<OrderCheckResultDto> {
    return this.dataSource.transaction('READ COMMITTED', async (m) => {
      const order = await this.prepare(m, actor, toOrderState(toOrderDraft(dto)));
      const { findings, objectionDeadline } = await this.evaluate(m, order.state, null, order.dateOfBirth);
      return { findings, objectionDeadline };
    });
  }

  async create(actor: Actor, dto: OrderPayloadDto): Promise<OrderDto> {
    assertMayDraft(actor, dto.basis.kind);
    const orderId = await this.dataSource.transaction(async (m) => {
      const now = this.clock.now();
      const { state, dateOfBirth } = await this.prepare(m, actor, toOrderState(toOrderDraft(dto)));
      const { findings } = await this.evaluate(m, state, null, dateOfBirth);
      const acknowledgements = (dto.acknowledgements ?? []).map((a) => ({ ...a, by: actor.sub, at: now.toISOString() }));
      const id = await this.versioning.createOrder(m, actor, state, now);
      await this.versioning.commit(m, actor, { orderId: id, previous: null, next: { ...state, acknowledgements }, action: 'CREATE', findings, now });
      return id;
    });
    await this.events.orderChanged(orderId);
    return this.queries.get(actor, orderId);
  }

  async updateDraft(actor: Actor, orderId: string, dto: UpdateDraftDto, expectedVersion: number): Promise<OrderDto> {
    assertMayDraft(actor, dto.basis.kind);
    await this.dataSource.transaction(async (m) => {
      const now = this.clock.now();
      const previous = await this.versioning.loadForChange(m, actor, orderId, expectedVersion);
      assertTransition('UPDATE_DRAFT', effectiveStatus(previous.body, now.toISOString()));
      const draft = toOrderDraft(dto);
      const edited: OrderState = { ...previous.body, ...draft, municipalityCode: previous.municipalityCode, personId: previous.personId };
      const { state, dateOfBirth } = await this.prepare(m, actor, edited);
      const { findings } = await this.evaluate(m, state, orderId, dateOfBirth);
      await this.versioning.commit(m, actor, { orderId, previous, next: state, action: 'UPDATE_DRAFT', findings, now, reason: dto.reason });
    });
    await this.events.orderChanged(orderId);
    return this.queries.get(actor, orderId);
  }

  /** Checks the person is in scope and pins the zones to their current versions. */
  private async prepare(m: EntityManager, actor: Actor, order: OrderState) {
    if (!inScope(actor, order.municipalityCode)) throw new DomainError('NOT_FOUND', `Municipality ${order.municipalityCode} not found`);
    const person = await this.persons.findInScope(actor, order.personId, m);
    return { state: await this.versioning.pinZones(m, order), dateOfBirth: person.dateOfBirth };
  }

  private evaluate(m: EntityManager, order: OrderState, orderId: string | null, dateOfBirth: string) {
    return this.rules.run(m, { order, orderId, dateOfBirth, now: this.clock.now().toISOString() });
  }
}
