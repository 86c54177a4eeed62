import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { inScope } from '../../auth/principal';
import { reportingDuties } from '../../domain/reporting/slots';
import { DomainError } from '../../domain/shared/domain-error';
import { OrderRulesService } from '../orders/order-rules.service';
import { OrdersRepository, type OrderVersionRow } from '../orders/orders.repository';

export interface ReportingOrder {
  row: OrderVersionRow;
  timeZone: string;
}

/**
 * Loads an order for its reporting duty. The police of the order's municipality see it, and so do the police of a
 * municipality where the order makes the person report (art. 172a lid 4: the desk there registers the check-ins);
 * once the order is issued. Anyone else gets 404.
 */
@Injectable()
export class ReportingOrdersService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly rules: OrderRulesService,
  ) {}

  async load(actor: Actor, orderId: string, m?: EntityManager): Promise<ReportingOrder> {
    const row = await this.orders.findLatest(orderId, m);
    if (!row || !mayAccess(actor, row)) throw new DomainError('NOT_FOUND', `Order ${orderId} not found`);
    return { row, timeZone: await this.timeZone(row.municipalityCode, m) };
  }

  async timeZone(municipalityCode: string, m?: EntityManager): Promise<string> {
    return (await this.rules.municipalityConfig(municipalityCode, m)).timeZone;
  }
}

function mayAccess(actor: Actor, row: OrderVersionRow): boolean {
  if (inScope(actor, row.municipalityCode)) return true;
  if (row.body.status === 'DRAFT' || row.body.status === 'INTENT_SENT') return false;
  return reportingDuties(row.body).some((d) => inScope(actor, d.measure.place.municipalityCode));
}
