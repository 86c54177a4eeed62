import { Injectable } from '@nestjs/common';
import type { Actor } from '../../auth/actor';
import { inScope } from '../../auth/principal';
import { Clock } from '../../common/clock';
import { orderObjectionDeadline } from '../../domain/rules';
import { ProcessingLogService } from '../processing-log/processing-log.service';
import type { OrderDto } from './dto/order-response.dto';
import { OrderRulesService } from './order-rules.service';
import { notFound } from './order-versioning.service';
import { toOrderDto } from './order.mapper';
import { OrdersRepository, type OrderVersionRow } from './orders.repository';

export interface OrderListQuery {
  municipality?: string;
  status?: string;
  basis?: string;
  personId?: string;
  limit: number;
  offset: number;
}

/** Reads of orders: scoped to the caller's municipalities, every read of an order logged (it is about a person). */
@Injectable()
export class OrderQueriesService {
  constructor(
    private readonly repository: OrdersRepository,
    private readonly rules: OrderRulesService,
    private readonly processingLog: ProcessingLogService,
    private readonly clock: Clock,
  ) {}

  /** The order now, or as the register knew it at `asOf` (its version then). */
  async get(actor: Actor, orderId: string, asOf?: Date): Promise<OrderDto> {
    const row = asOf ? await this.repository.findAsOf(orderId, asOf) : await this.repository.findLatest(orderId);
    const dto = await this.view(actor, row, orderId, asOf);
    await this.processingLog.record(actor, { action: 'order.read', personId: dto.personId, municipalityCode: dto.municipalityCode, purpose: actor.purpose });
    return dto;
  }

  async version(actor: Actor, orderId: string, version: number): Promise<OrderDto> {
    const row = await this.repository.findVersion(orderId, version);
    const dto = await this.view(actor, row, orderId, new Date(row?.createdAt ?? 0));
    await this.processingLog.record(actor, { action: 'order.read', personId: dto.personId, municipalityCode: dto.municipalityCode, purpose: actor.purpose });
    return dto;
  }

  async versions(actor: Actor, orderId: string) {
    const rows = await this.repository.listVersions(orderId);
    if (!rows.length || !inScope(actor, rows[0].municipalityCode)) throw notFound(orderId);
    return rows.map((r) => ({ version: r.version, status: r.body.status, changeKind: r.changeKind, changedAt: new Date(r.createdAt).toISOString(), changedBy: r.createdBy, reason: r.reason ?? undefined }));
  }

  async list(actor: Actor, q: OrderListQuery): Promise<OrderDto[]> {
    const scope = q.municipality ? [q.municipality].filter((c) => inScope(actor, c)) : [...actor.municipalities];
    const rows = await this.repository.list({ municipalities: scope, status: q.status, basis: q.basis, personId: q.personId, limit: q.limit, offset: q.offset });
    const now = this.clock.now().toISOString();
    return Promise.all(rows.map(async (r) => toOrderDto(r, actor, now, await this.deadline(r))));
  }

  private async view(actor: Actor, row: OrderVersionRow | null, orderId: string, asOf?: Date): Promise<OrderDto> {
    if (!row || !inScope(actor, row.municipalityCode)) throw notFound(orderId);
    return toOrderDto(row, actor, (asOf ?? this.clock.now()).toISOString(), await this.deadline(row));
  }

  private async deadline(row: OrderVersionRow): Promise<string | undefined> {
    if (!row.body.procedure.notifiedAt) return undefined;
    return orderObjectionDeadline(row.body, await this.rules.municipalityConfig(row.municipalityCode));
  }
}
