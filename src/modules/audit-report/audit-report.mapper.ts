import { hearingRecord, motivationCompleteness, orderDurations } from '../../domain/audit/order-audit';
import { effectiveStatus } from '../../domain/order/lifecycle';
import type { Evaluation } from './audit-evaluator';
import type { AuditOrderRow } from './audit-report.repository';
import type { AuditOrderDto } from './dto/audit-report.dto';

/** One order of the report: the stored version, its computed durations and procedure record, and the findings. */
export function toAuditOrderDto(row: AuditOrderRow, { ctx, findings, objectionDeadline }: Evaluation, now: string): AuditOrderDto {
  const order = row.body;
  const d = orderDurations(order, ctx.municipality.timeZone);
  const errors = findings.filter((f) => f.severity === 'error').length;
  return {
    orderId: row.orderId,
    reference: row.reference,
    municipalityCode: row.municipalityCode,
    personId: row.personId,
    version: row.version,
    versionCreatedAt: new Date(row.versionCreatedAt).toISOString(),
    basis: {
      kind: order.basis.kind,
      ground: order.basis.ground ?? null,
      apvArticle: order.basis.apvArticle ?? null,
      apvStep: order.basis.apvStep ?? null,
      onBehalfOf: order.basis.onBehalfOf ?? null,
    },
    measures: order.measures.map((m) => m.type),
    mode: d.mode,
    start: d.start,
    end: d.end,
    initialEnd: d.initialEnd,
    duration: { totalDays: d.totalDays, total: d.total, initial: d.initial },
    extensions: d.extensions,
    separateDays: d.separateDays,
    notifiedAt: order.procedure.notifiedAt ?? null,
    notificationMethod: order.procedure.notificationMethod ?? null,
    objectionDeadline: objectionDeadline ?? null,
    hearing: hearingRecord(order.procedure),
    motivation: motivationCompleteness(ctx),
    status: effectiveStatus(order, now),
    recordedStatus: order.status,
    findings,
    errors,
    warnings: findings.length - errors,
  };
}
