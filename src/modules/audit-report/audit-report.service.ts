import { Injectable } from '@nestjs/common';
import type { Actor } from '../../auth/actor';
import { inScope } from '../../auth/principal';
import { Clock } from '../../common/clock';
import { AUDIT_RULE_IDS } from '../../domain/audit/audit-rules';
import { summariseAudit } from '../../domain/audit/audit-summary';
import { orderSpan } from '../../domain/rules';
import { DomainError } from '../../domain/shared/domain-error';
import { DEFAULT_TIME_ZONE, parseInstantOrDay } from '../../domain/time/durations';
import { ProcessingLogService } from '../processing-log/processing-log.service';
import { AuditEvaluatorFactory, type AuditEvaluator } from './audit-evaluator';
import { toAuditOrderDto } from './audit-report.mapper';
import { AuditReportRepository, type AuditOrderRow } from './audit-report.repository';
import { withMemoisedZoneOffsets } from './zone-offset-memo';
import type { AuditOrderDto, AuditReportDto, AuditReportQueryDto } from './dto/audit-report.dto';

const CBS = /^GM\d{4}$/;

interface Period {
  from?: Date;
  to?: Date;
}

/** `from` is the start of its day (or the instant), `to` the end of its day (or the instant), in Europe/Amsterdam. */
function periodOf(q: AuditReportQueryDto): Period {
  return {
    from: q.from ? parseInstantOrDay(q.from, DEFAULT_TIME_ZONE, 'startOfDay').toJSDate() : undefined,
    to: q.to ? parseInstantOrDay(q.to, DEFAULT_TIME_ZONE, 'endOfDay').toJSDate() : undefined,
  };
}

/** True when the order's period [start, end) overlaps the asked period (the query's envelope test, made exact). */
function overlaps(row: AuditOrderRow, period: Period, timeZone: string): boolean {
  if (!period.from && !period.to) return true;
  const span = orderSpan(row.body, timeZone);
  if (!span) return false;
  return (!period.from || span.end.toMillis() > period.from.getTime()) && (!period.to || span.start.toMillis() < period.to.getTime());
}

/**
 * The lawyers' audit report: every order in the caller's municipalities at the version that counts (the latest, or
 * the one the register held at `asOf`), with its durations, extensions, procedure record and the findings of every
 * rule re-run at the moment of evaluation. A fixed number of queries and the rules in memory, however many orders.
 * Every read is logged in the processing log, one entry per person listed.
 */
@Injectable()
export class AuditReportService {
  constructor(
    private readonly repository: AuditReportRepository,
    private readonly evaluators: AuditEvaluatorFactory,
    private readonly processingLog: ProcessingLogService,
    private readonly clock: Clock,
  ) {}

  async report(actor: Actor, q: AuditReportQueryDto): Promise<AuditReportDto> {
    const municipalities = this.scope(actor, q.municipality);
    const asOf = q.asOf ? new Date(q.asOf) : undefined;
    const generatedAt = this.clock.now().toISOString();
    const evaluatedAt = asOf?.toISOString() ?? generatedAt;
    const period = periodOf(q);
    const rows = await this.repository.orders({ municipalities, basis: q.basis, ...period, asOf });
    const evaluator = await this.evaluators.prepare(rows, asOf);
    const orders = this.audit(rows, evaluator, evaluatedAt, period).filter((o) => !q.ruleId || o.findings.some((f) => f.ruleId === q.ruleId));
    await this.logRead(actor, orders);
    return {
      generatedAt,
      evaluatedAt,
      filters: { municipalities, from: q.from ?? null, to: q.to ?? null, basis: q.basis ?? null, ruleId: q.ruleId ?? null, asOf: q.asOf ?? null },
      summary: summariseAudit(orders.map((o) => ({ basis: o.basis.kind, findings: o.findings, totalDays: o.duration.totalDays })), AUDIT_RULE_IDS),
      orders,
    };
  }

  /** The asked municipality when it is in scope (404 otherwise: never another municipality's data), else all in scope. */
  private scope(actor: Actor, municipality: string | undefined): string[] {
    if (municipality) {
      if (!inScope(actor, municipality)) throw new DomainError('NOT_FOUND', `Municipality ${municipality} not found`);
      return [municipality];
    }
    return actor.municipalities.filter((code) => CBS.test(code) && inScope(actor, code));
  }

  /** Evaluates every row in one synchronous pass, with the zones' offsets memoised (see `withMemoisedZoneOffsets`). */
  private audit(rows: AuditOrderRow[], evaluator: AuditEvaluator, now: string, period: Period): AuditOrderDto[] {
    const zones = [DEFAULT_TIME_ZONE, ...[...evaluator.municipalities.values()].map((m) => m.timeZone)];
    return withMemoisedZoneOffsets(zones, () =>
      rows
        .filter((row) => overlaps(row, period, evaluator.municipality(row.municipalityCode).timeZone))
        .map((row) => toAuditOrderDto(row, evaluator.evaluate(row, now), now)),
    );
  }

  /** One processing-log entry per person (and municipality) the report lists: the report is a read of their orders. */
  private async logRead(actor: Actor, orders: AuditOrderDto[]): Promise<void> {
    const seen = new Map<string, { personId: string; municipalityCode: string }>();
    for (const o of orders) seen.set(`${o.personId}|${o.municipalityCode}`, { personId: o.personId, municipalityCode: o.municipalityCode });
    await this.processingLog.recordMany(actor, [...seen.values()].map((p) => ({ action: 'audit.read' as const, ...p, purpose: actor.purpose })));
  }
}
