import { Injectable } from '@nestjs/common';
import type { MultiPolygon, Polygon } from 'geojson';
import { amendmentFindings, catalogueFindings, orderZoneFindings, zoneInMunicipalityFinding, type RecordedAmendment } from '../../domain/audit/audit-rules';
import type { MunicipalityConfig, ProsecutorOrder } from '../../domain/municipality/municipality-config';
import type { OrderState, PersonHistory } from '../../domain/order/order';
import { buildRuleContext, orderObjectionDeadline, type RuleContext } from '../../domain/rules';
import type { Finding } from '../../domain/shared/finding';
import { MunicipalitiesRepository } from '../municipalities/municipalities.repository';
import { toMunicipalityConfig } from '../municipalities/municipality-settings';
import { historyFrom } from '../orders/order-rules.service';
import { ProsecutorOrdersRepository, toRuleInput } from '../prosecutor-orders/prosecutor-orders.repository';
import { ViolationsRepository } from '../violations/violations.repository';
import { ZonesService, type ZoneVersionRef } from '../zones/zones.service';
import { AuditReportRepository, type AuditOrderRow, type HistoryOrderRow } from './audit-report.repository';

export interface Evaluation {
  ctx: RuleContext;
  findings: Finding[];
  /** Last day to object (AWB-6-7-OBJECTION-TERM), once notified. */
  objectionDeadline: string | undefined;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function banZoneVersionIds(order: OrderState): string[] {
  return order.measures.flatMap((m) => (m.type === 'REPORTING_DUTY' ? [] : (m.zoneVersionIds ?? [])));
}

/**
 * Re-runs the rules over the orders of one report, in memory, from what `AuditEvaluatorFactory` loaded up front:
 * the municipalities' configuration, the persons' earlier APV bans, the recorded amendments and the zone versions.
 * The zone rule (a polygon difference) runs once per zone version and municipality, however many orders hold it.
 */
export class AuditEvaluator {
  private readonly zoneChecks = new Map<string, Finding | null>();
  /** Objection deadlines by municipality and notification: the holiday arithmetic is the same for equal inputs. */
  private readonly deadlines = new Map<string, string | undefined>();

  constructor(
    readonly municipalities: ReadonlyMap<string, MunicipalityConfig>,
    private readonly apvHistory: ReadonlyMap<string, HistoryOrderRow[]>,
    private readonly amendments: ReadonlyMap<string, RecordedAmendment[]>,
    private readonly zones: ReadonlyMap<string, ZoneVersionRef>,
    private readonly violations: ReadonlyMap<string, PersonHistory['violations']> = new Map(),
    private readonly prosecutorOrders: ReadonlyMap<string, ProsecutorOrder[]> = new Map(),
  ) {}

  municipality(code: string): MunicipalityConfig {
    const config = this.municipalities.get(code);
    if (!config) throw new Error(`Municipality ${code} was not loaded for the audit`);
    return config;
  }

  /** The context of the stored order at `now` and every finding of the audit rules. */
  evaluate(row: AuditOrderRow, now: string): Evaluation {
    const municipality = this.withProsecutorOrders(this.municipality(row.municipalityCode), row.personId);
    const ctx = buildRuleContext({ order: row.body, municipality, history: this.historyOf(row), now, zoneGeometries: this.geometriesFor(row.body, municipality) });
    const findings = [
      ...catalogueFindings(ctx),
      ...amendmentFindings(this.amendments.get(row.orderId) ?? [], municipality),
      ...orderZoneFindings(row.body, (id) => this.zoneCheck(id, row.body)),
    ];
    return { ctx, findings, objectionDeadline: this.objectionDeadline(row.body, municipality) };
  }

  /** The configuration with the behavioural orders recorded for the person as known at the report's `asOf`. */
  private withProsecutorOrders(config: MunicipalityConfig, personId: string): MunicipalityConfig {
    const recorded = this.prosecutorOrders.get(personId);
    return recorded ? { ...config, prosecutorOrders: [...config.prosecutorOrders, ...recorded] } : config;
  }

  private objectionDeadline(order: OrderState, municipality: MunicipalityConfig): string | undefined {
    const key = `${municipality.code}|${order.procedure.notifiedAt}`;
    if (!this.deadlines.has(key)) this.deadlines.set(key, orderObjectionDeadline(order, municipality));
    return this.deadlines.get(key);
  }

  private historyOf(row: AuditOrderRow): PersonHistory {
    const earlier = (this.apvHistory.get(row.personId) ?? []).filter((h) => h.orderId !== row.orderId);
    return historyFrom(row.dateOfBirth ?? undefined, earlier, this.violations.get(row.personId) ?? []);
  }

  /** Zone geometries by zone id, only where a prosecutor order makes GW172A-OVJ-CONFLICT look at them. */
  private geometriesFor(order: OrderState, municipality: MunicipalityConfig): Map<string, Polygon | MultiPolygon> {
    if (!municipality.prosecutorOrders.some((p) => p.personId === order.personId)) return new Map();
    const versions = banZoneVersionIds(order).flatMap((id) => (this.zones.has(id) ? [this.zones.get(id)!] : []));
    return new Map(versions.map((v) => [v.zoneId, v.geometry]));
  }

  private zoneCheck(zoneVersionId: string, order: OrderState): Finding | null {
    const ownerCode = order.basis.onBehalfOf ?? order.municipalityCode;
    const key = `${zoneVersionId}|${ownerCode}`;
    if (!this.zoneChecks.has(key)) {
      const owner = this.municipalities.get(ownerCode);
      const finding = zoneInMunicipalityFinding(this.zones.get(zoneVersionId)?.geometry, { code: ownerCode, boundary: owner?.boundary }, order.basis.onBehalfOf);
      this.zoneChecks.set(key, finding);
    }
    return this.zoneChecks.get(key)!;
  }
}

/** Loads, with a fixed number of queries, everything the rules need for a report's orders. */
@Injectable()
export class AuditEvaluatorFactory {
  constructor(
    private readonly repository: AuditReportRepository,
    private readonly municipalities: MunicipalitiesRepository,
    private readonly zones: ZonesService,
    private readonly violations: ViolationsRepository,
    private readonly prosecutorOrders: ProsecutorOrdersRepository,
  ) {}

  async prepare(rows: readonly AuditOrderRow[], asOf?: Date): Promise<AuditEvaluator> {
    const apvPersons = [...new Set(rows.filter((r) => r.body.basis.kind === 'APV').map((r) => r.personId))];
    const ovjPersons = [...new Set(rows.filter((r) => r.body.basis.kind === 'GEMW_172A').map((r) => r.personId))];
    const [configs, history, amendments, zones, violations, prosecutorOrders] = await Promise.all([
      this.loadMunicipalities(rows),
      this.repository.apvOrdersOfPersons(apvPersons, asOf),
      this.repository.amendments(rows.map((r) => r.orderId), asOf),
      this.zones.getVersionsByIds(undefined, [...new Set(rows.flatMap((r) => banZoneVersionIds(r.body)))]),
      this.violations.historyForPersons(apvPersons, asOf),
      this.prosecutorOrders.forPersons(ovjPersons, asOf),
    ]);
    const recorded = amendments.map((a) => ({ orderId: a.orderId, version: a.version, decidedAt: new Date(a.createdAt).toISOString(), order: a.body, previous: a.previousBody }));
    const ovj = groupBy(prosecutorOrders.map(toRuleInput), (p) => p.personId);
    return new AuditEvaluator(configs, groupBy(history, (h) => h.personId), groupBy(recorded, (a) => a.orderId), zones, groupBy(violations, (v) => v.personId), ovj);
  }

  /** The issuing municipalities and those on whose behalf orders were given (their boundaries hold the zones). */
  private async loadMunicipalities(rows: readonly AuditOrderRow[]): Promise<Map<string, MunicipalityConfig>> {
    const codes = new Set(rows.flatMap((r) => [r.municipalityCode, ...(r.body.basis.onBehalfOf ? [r.body.basis.onBehalfOf] : [])]));
    const configs = new Map<string, MunicipalityConfig>();
    for (const code of codes) {
      const entity = await this.municipalities.findByCode(code);
      if (entity) configs.set(code, toMunicipalityConfig(entity));
    }
    return configs;
  }
}
