import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { MultiPolygon, Polygon } from 'geojson';
import type { OrderState, PersonHistory } from '../../domain/order/order';
import { buildRuleContext, checkOrder, orderObjectionDeadline, type RuleAction } from '../../domain/rules';
import type { MunicipalityConfig } from '../../domain/municipality/municipality-config';
import { incidentViolationProblems } from '../../domain/reporting/violations';
import { DomainError } from '../../domain/shared/domain-error';
import type { Finding } from '../../domain/shared/finding';
import { MunicipalitiesRepository } from '../municipalities/municipalities.repository';
import { toMunicipalityConfig } from '../municipalities/municipality-settings';
import { ProsecutorOrdersRepository, toRuleInput } from '../prosecutor-orders/prosecutor-orders.repository';
import { ViolationsRepository } from '../violations/violations.repository';
import { ZonesService } from '../zones/zones.service';
import { OrdersRepository } from './orders.repository';

export interface RuleRun {
  findings: Finding[];
  objectionDeadline?: string;
  municipality: MunicipalityConfig;
}

/** An earlier order of the person as `historyFrom` reads it: its id and the parts of its latest version that matter. */
export interface EarlierOrder {
  orderId: string;
  body: Pick<OrderState, 'basis' | 'validity' | 'extensions' | 'status'>;
}

/** What the rules need about the person: earlier orders (latest version of each) and registered violations. */
export function historyFrom(dateOfBirth: string | undefined, earlier: readonly EarlierOrder[], violations: PersonHistory['violations'] = []): PersonHistory {
  return {
    dateOfBirth,
    earlierOrders: earlier.map((r) => {
      const v = r.body.validity;
      const days = v.mode === 'SEPARATE_DAYS' ? [...v.days].sort() : [];
      return {
        id: r.orderId,
        basisKind: r.body.basis.kind,
        apvArticle: r.body.basis.apvArticle,
        apvStep: r.body.basis.apvStep,
        start: v.mode === 'CONTINUOUS' ? v.start : `${days[0]}T00:00:00Z`,
        end: v.mode === 'CONTINUOUS' ? (r.body.extensions.at(-1)?.newEnd ?? v.end) : `${days.at(-1)}T23:59:59Z`,
        status: r.body.status,
      };
    }),
    violations,
  };
}

/** The incidents an action records now, by index: all of a draft or dry run, the new ones of an amendment, else none. */
function incidentsRecordedNow(order: OrderState, action: RuleAction | undefined): number[] {
  if (action && action.kind !== 'CHECK' && action.kind !== 'AMEND') return [];
  const before = new Set(action?.kind === 'AMEND' ? action.previous.incidents.map((i) => i.violationId) : []);
  return order.incidents.flatMap((incident, index) => (incident.violationId && !before.has(incident.violationId) ? [index] : []));
}

/** Incidents picked from the register must name a current violation of the same person (400 naming the field). */
function assertIncidentViolations(order: OrderState, action: RuleAction | undefined, registered: PersonHistory['violations']): void {
  const problems = incidentViolationProblems(order.incidents, registered, incidentsRecordedNow(order, action));
  if (problems.length === 0) return;
  throw new DomainError('INVALID_INPUT', problems.map((p) => p.message).join('; '), {
    errors: problems.map((p) => ({ field: `incidents[${p.index}].violationId`, code: 'unknownViolation', message: p.message })),
  });
}

/**
 * Runs the legal rules (`src/domain/rules`) over an order with everything they need from the register: the
 * municipality's configuration, the person's history and the geometry of the zone versions the order holds.
 */
@Injectable()
export class OrderRulesService {
  constructor(
    private readonly municipalities: MunicipalitiesRepository,
    private readonly orders: OrdersRepository,
    private readonly zones: ZonesService,
    private readonly violations: ViolationsRepository,
    private readonly prosecutorOrders: ProsecutorOrdersRepository,
  ) {}

  async municipalityConfig(code: string, m?: EntityManager): Promise<MunicipalityConfig> {
    const row = await this.municipalities.findByCode(code, m);
    if (!row) throw new DomainError('NOT_FOUND', `Municipality ${code} not found`);
    return toMunicipalityConfig(row);
  }

  async run(
    m: EntityManager | undefined,
    input: { order: OrderState; orderId: string | null; dateOfBirth?: string; now: string; action?: RuleAction },
  ): Promise<RuleRun> {
    const municipality = await this.withProsecutorOrders(await this.municipalityConfig(input.order.municipalityCode, m), input.order.personId, m);
    const earlier = await this.orders.latestForPerson(input.order.personId, input.orderId, m);
    const violations = await this.violations.historyForPerson(input.order.personId, m);
    assertIncidentViolations(input.order, input.action, violations);
    const ctx = buildRuleContext({
      order: input.order,
      municipality,
      history: historyFrom(input.dateOfBirth, earlier, violations),
      now: input.now,
      zoneGeometries: await this.zoneGeometries(m, input.order),
      action: input.action,
    });
    return { findings: checkOrder(ctx), objectionDeadline: orderObjectionDeadline(ctx.order, municipality), municipality };
  }

  /** The configuration with the prosecutor's behavioural orders recorded for the person (GW172A-OVJ-CONFLICT). */
  private async withProsecutorOrders(config: MunicipalityConfig, personId: string, m: EntityManager | undefined): Promise<MunicipalityConfig> {
    const recorded = await this.prosecutorOrders.forPerson(personId, m);
    return { ...config, prosecutorOrders: [...config.prosecutorOrders, ...recorded.map(toRuleInput)] };
  }

  private async zoneGeometries(m: EntityManager | undefined, order: OrderState): Promise<Map<string, Polygon | MultiPolygon>> {
    const ids = order.measures.flatMap((x) => x.zoneVersionIds ?? []);
    const versions = ids.length ? await this.zones.getVersionsByIds(m, ids) : new Map();
    return new Map([...versions.values()].map((v) => [v.zoneId, v.geometry]));
  }
}
