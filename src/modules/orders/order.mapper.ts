import type { Actor } from '../../auth/actor';
import { hasRole } from '../../auth/principal';
import { effectiveStatus } from '../../domain/order/lifecycle';
import type { OrderDraft, OrderState } from '../../domain/order/order';
import type { OrderPayloadDto } from './dto/order-payload.dto';
import type { OrderDto } from './dto/order-response.dto';
import type { OrderVersionRow } from './orders.repository';

/** A validated DTO as plain JSON data (no class instances, no undefined fields), as versions store it. */
export function toPlain<T>(dto: T): T {
  return JSON.parse(JSON.stringify(dto)) as T;
}

/** The validated request payload as the domain's plain order draft (JSON-clean: no class instances, no undefined). */
export function toOrderDraft(dto: OrderPayloadDto): OrderDraft {
  const { acknowledgements: _a, version: _v, reason: _r, ...draft } = toPlain(dto) as OrderPayloadDto & { version?: number; reason?: string };
  return { ...draft, incidents: draft.incidents ?? [] } as OrderDraft;
}

/** The validity envelope stored in columns for queries: [first instant, last instant) of the order. */
export function validityEnvelope(order: OrderState): { validFrom: string | null; validUntil: string | null } {
  const v = order.validity;
  if (v.mode === 'CONTINUOUS') return { validFrom: v.start, validUntil: order.extensions.at(-1)?.newEnd ?? v.end };
  const days = [...v.days].sort();
  // Separate days are local calendar days; a day either side covers every offset of Europe/Amsterdam.
  const day = 86_400_000;
  return {
    validFrom: new Date(Date.parse(`${days[0]}T00:00:00Z`) - day).toISOString(),
    validUntil: new Date(Date.parse(`${days.at(-1)}T00:00:00Z`) + 2 * day).toISOString(),
  };
}

export function toOrderDto(row: OrderVersionRow, viewer: Actor, now: string, objectionDeadline?: string): OrderDto {
  const b = row.body;
  const full = hasRole(viewer, 'mayor', 'mayor-office', 'lawyer');
  return {
    id: row.orderId,
    reference: row.reference,
    municipalityCode: row.municipalityCode,
    personId: row.personId,
    version: row.version,
    status: effectiveStatus(b, now),
    recordedStatus: b.status,
    basis: b.basis,
    measures: b.measures,
    validity: b.validity,
    incidents: full ? b.incidents : undefined,
    procedure: full ? b.procedure : { notifiedAt: b.procedure.notifiedAt, signatory: { role: b.procedure.signatory.role } },
    extensions: full ? b.extensions : b.extensions.map((e) => ({ previousEnd: e.previousEnd, newEnd: e.newEnd, decidedAt: e.decidedAt })),
    exemptions: b.exemptions,
    suspensions: b.suspensions,
    objections: full ? (b.objections ?? []) : undefined,
    acknowledgements: full ? (b.acknowledgements ?? []) : undefined,
    withdrawnAt: b.withdrawnAt,
    revokedAt: b.revokedAt,
    lastAmendment: full ? b.lastAmendment : undefined,
    objectionDeadline,
    findings: full ? row.findings : [],
    changeKind: row.changeKind,
    changedAt: new Date(row.createdAt).toISOString(),
    changedBy: row.createdBy,
    changeReason: full ? (row.reason ?? undefined) : undefined,
    createdAt: new Date(row.orderCreatedAt).toISOString(),
  };
}
