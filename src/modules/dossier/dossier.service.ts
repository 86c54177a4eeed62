import { Injectable } from '@nestjs/common';
import type { Actor } from '../../auth/actor';
import { hasRole } from '../../auth/principal';
import { Clock } from '../../common/clock';
import { effectiveStatus } from '../../domain/order/lifecycle';
import type { OrderState } from '../../domain/order/order';
import { allowedStep, buildRuleContext, currentEnd, qualifyingPriors } from '../../domain/rules';
import { sortedLadder } from '../../domain/rules/apv-ladder';
import { historyFrom, OrderRulesService } from '../orders/order-rules.service';
import { OrdersRepository, type OrderVersionRow } from '../orders/orders.repository';
import type { PersonRow } from '../persons/persons.repository';
import { PersonsService } from '../persons/persons.service';
import { ProcessingLogService } from '../processing-log/processing-log.service';
import { toListedSlotDto } from '../reporting/reporting-slots.service';
import { ReportingRepository } from '../reporting/reporting.repository';
import { toListedViolationDto } from '../violations/violation.mapper';
import { ViolationsRepository } from '../violations/violations.repository';
import type { ApvEscalationDto, DossierDto, DossierOrderDto, DossierPersonDto } from './dto/dossier.dto';

/** More orders than any one person has; the dossier is one page. */
const MAX_ORDERS = 1000;

/**
 * The person's dossier for the case meeting: orders (status and versions), violations, missed reports and the APV
 * escalation step a new ban would now be at, limited to the caller's municipalities and logged as a read of
 * personal data. The police get no identifiers and no change reasons.
 */
@Injectable()
export class DossierService {
  constructor(
    private readonly persons: PersonsService,
    private readonly orders: OrdersRepository,
    private readonly rules: OrderRulesService,
    private readonly violations: ViolationsRepository,
    private readonly reporting: ReportingRepository,
    private readonly processingLog: ProcessingLogService,
    private readonly clock: Clock,
  ) {}

  async read(actor: Actor, personId: string): Promise<DossierDto> {
    const person = await this.persons.findInScope(actor, personId);
    const now = this.clock.now().toISOString();
    const scope = [...actor.municipalities];
    const rows = await this.orders.list({ municipalities: scope, personId, limit: MAX_ORDERS, offset: 0 });
    const dossier: DossierDto = {
      generatedAt: now,
      person: personView(actor, person),
      orders: await Promise.all(rows.map((r) => this.orderView(actor, r, now))),
      violations: (await this.violations.forPerson(personId, scope)).map(toListedViolationDto),
      missedReports: (await this.reporting.missedOfPerson(personId, scope)).map(toListedSlotDto),
      apvEscalation: await this.escalation(person, now),
    };
    await this.processingLog.record(actor, { action: 'dossier.read', personId, municipalityCode: person.municipalityCode, purpose: actor.purpose });
    return dossier;
  }

  private async orderView(actor: Actor, r: OrderVersionRow, now: string): Promise<DossierOrderDto> {
    const full = hasRole(actor, 'mayor', 'mayor-office', 'lawyer');
    const versions = await this.orders.listVersions(r.orderId);
    const b = r.body;
    const { kind, ground, apvArticle, apvStep } = b.basis;
    return {
      id: r.orderId,
      reference: r.reference,
      municipalityCode: r.municipalityCode,
      basis: { kind, ground, apvArticle, apvStep },
      measures: b.measures.map((m) => m.type),
      validity: b.validity,
      currentEnd: currentEnd(b),
      status: effectiveStatus(b, now),
      recordedStatus: b.status,
      withdrawnAt: b.withdrawnAt,
      revokedAt: b.revokedAt,
      extensions: b.extensions.length,
      versions: versions.map((v) => ({
        version: v.version,
        status: v.body.status,
        changeKind: v.changeKind,
        changedAt: new Date(v.createdAt).toISOString(),
        changedBy: full ? v.createdBy : undefined,
        reason: full ? (v.reason ?? undefined) : undefined,
      })),
    };
  }

  /** APV-ESCALATION-STEP for a hypothetical APV ban starting now, from the same history the order rules read. */
  private async escalation(person: PersonRow, now: string): Promise<ApvEscalationDto | undefined> {
    const municipality = await this.rules.municipalityConfig(person.municipalityCode);
    const apv = municipality.apv;
    if (!apv) return undefined;
    const earlier = await this.orders.latestForPerson(person.id, null);
    const history = historyFrom(person.dateOfBirth, earlier, await this.violations.historyForPerson(person.id));
    const ctx = buildRuleContext({ order: hypotheticalBan(person, apv.article, now), municipality, history, now });
    const step = allowedStep(ctx, apv, now);
    return {
      municipalityCode: municipality.code,
      article: apv.article,
      lookBackMonths: apv.lookBackMonths,
      asOf: now,
      step,
      maxDuration: sortedLadder(apv).find((s) => s.step === step)?.maxDuration,
      priors: qualifyingPriors(ctx, apv, now),
    };
  }
}

function personView(actor: Actor, p: PersonRow): DossierPersonDto {
  const base = { id: p.id, municipalityCode: p.municipalityCode, name: p.name, dateOfBirth: p.dateOfBirth };
  if (!hasRole(actor, 'mayor', 'mayor-office', 'lawyer')) return base;
  return { ...base, identifiers: { vNumber: p.vNumber ?? undefined, bsn: p.bsn ?? undefined } };
}

function hypotheticalBan(person: PersonRow, article: string, now: string): OrderState {
  return {
    municipalityCode: person.municipalityCode,
    personId: person.id,
    basis: { kind: 'APV', apvArticle: article },
    measures: [{ type: 'AREA_BAN', zoneIds: [] }],
    validity: { mode: 'CONTINUOUS', start: now, end: now },
    incidents: [],
    procedure: { signatory: { role: 'MAYOR', name: '' } },
    status: 'DRAFT',
    extensions: [],
    exemptions: [],
    suspensions: [],
  };
}
