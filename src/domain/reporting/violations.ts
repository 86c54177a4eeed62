import { orderInForce, type NotInForceReason } from '../breach/breach-rules';
import type { BreachOrder } from '../breach/breach-types';
import type { Basis, Incident, MeasureType, OrderState, PersonHistory } from '../order/order';
import { localInstant } from './slots';

/** What a registered violation breached: the measure, or a missed reporting slot. */
export type ViolationKind = 'AREA_BAN' | 'GROUP_BAN' | 'MISSED_REPORT';
export const VIOLATION_KINDS: readonly ViolationKind[] = ['AREA_BAN', 'GROUP_BAN', 'MISSED_REPORT'];

/** The measure a violation of each kind breaches. */
export const MEASURE_OF_KIND: Readonly<Record<ViolationKind, MeasureType>> = {
  AREA_BAN: 'AREA_BAN',
  GROUP_BAN: 'GROUP_BAN',
  MISSED_REPORT: 'REPORTING_DUTY',
};

/**
 * `BREACH-SANCTION` (art. 184 Wetboek van Strafrecht; art. 154 Gemeentewet): the statutory label a violation record
 * carries. A breach of a 172(3) or 172a order is the crime of art. 184 Sr; a breach of an APV order is an offence
 * against the municipality's own APV article (configuration, never a constant).
 */
export function statutoryLabel(basis: Basis, apv: { article?: string; municipalityName: string }): string {
  if (basis.kind !== 'APV') return 'art. 184 Sr';
  const article = basis.apvArticle ?? apv.article;
  return article ? `art. ${article} APV ${apv.municipalityName}` : `APV ${apv.municipalityName}`;
}

export type ViolationRefusal =
  | { reason: 'NOT_IN_FORCE'; notInForce: NotInForceReason; message: string }
  | { reason: 'KIND_NOT_IN_ORDER'; message: string };

const NOT_IN_FORCE_TEXT: Record<NotInForceReason, (order: OrderState) => string> = {
  NOT_ISSUED: () => 'it has not been issued',
  NOT_NOTIFIED: (o) => (o.procedure.notifiedAt ? `it was only notified at ${o.procedure.notifiedAt}` : 'it was never notified (Awb 3:41)'),
  WITHDRAWN: (o) => `it was withdrawn${o.withdrawnAt ? ` at ${o.withdrawnAt}` : ''}`,
  REVOKED: (o) => `it was revoked${o.revokedAt ? ` at ${o.revokedAt}` : ''}`,
  SUSPENDED: () => 'it was suspended (interim relief) at that time',
  NOT_STARTED: () => 'its validity had not started',
  ENDED: () => 'its validity had ended',
  NOT_AN_ORDER_DAY: () => 'that day is not one of its separate days',
};

/**
 * `BREACH-IN-FORCE` for registering a violation: the order must have been in force at the violation's moment `at`
 * (epoch ms), and hold the measure the violation's kind breaches. Returns why not, or null when it may be registered.
 */
export function violationRefusal(order: OrderState, kind: ViolationKind, at: number, timeZone: string): ViolationRefusal | null {
  const inForce = orderInForce({ ...order, id: order.id ?? '' } as BreachOrder, at, timeZone);
  if (!inForce.inForce) {
    const when = localInstant(at, timeZone);
    const message = `The order was not in force at ${when}: ${NOT_IN_FORCE_TEXT[inForce.reason](order)}. A violation can only be registered for a moment the order was in force (BREACH-IN-FORCE).`;
    return { reason: 'NOT_IN_FORCE', notInForce: inForce.reason, message };
  }
  const measure = MEASURE_OF_KIND[kind];
  if (!order.measures.some((m) => m.type === measure)) {
    return { reason: 'KIND_NOT_IN_ORDER', message: `A ${kind} violation needs a ${measure} measure; this order has ${order.measures.map((m) => m.type).join(', ')}.` };
  }
  return null;
}

/** A registered violation as the order rules see it (`PersonHistory['violations']`). */
export type RegisteredViolation = PersonHistory['violations'][number];

export interface IncidentProblem {
  index: number;
  violationId: string;
  message: string;
}

/**
 * `GW172A-GROUND` facts picked from the register: an incident naming `violationId` must refer to a current (not
 * corrected) registered violation of the same person, at the same instant. `indexes` limits the check to the incidents
 * being recorded now (earlier versions were checked when they were saved).
 */
export function incidentViolationProblems(incidents: readonly Incident[], registered: readonly RegisteredViolation[], indexes: readonly number[]): IncidentProblem[] {
  const byId = new Map(registered.map((v) => [v.id.toLowerCase(), v]));
  return indexes.flatMap((index) => {
    const violationId = incidents[index]?.violationId;
    if (!violationId) return [];
    const violation = byId.get(violationId.toLowerCase());
    if (!violation) {
      return [{ index, violationId, message: `Violation ${violationId} is not a current registered violation of this person (unknown, of someone else, or corrected by a later entry)` }];
    }
    if (Date.parse(violation.at) !== Date.parse(incidents[index].at)) {
      return [{ index, violationId, message: `Incident ${index} names violation ${violationId}, registered at ${violation.at}; give that instant as its "at"` }];
    }
    return [];
  });
}
