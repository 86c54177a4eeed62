import type { MunicipalityConfig } from '../municipality/municipality-config';
import type { OrderDraft } from '../order/order';
import type { Finding } from '../shared/finding';
import { parseInstant, parseInstantOrDay } from '../time/durations';
import { objectionDeadline } from '../time/holidays';
import type { RuleContext } from './rule-context';
import { finding, hasText, isActiveStatus, isIssuedStatus, zoneOf } from './rule-helpers';

/**
 * `AWB-3-41-NOTIFICATION` (art. 3:40 and 3:41 Awb): an order takes effect only once notified, so issuing it (action
 * ISSUE), recording an amendment (a new decision, action AMEND) and every order past issuing (status other than DRAFT
 * and INTENT_SENT) need the notification date and method; a notification dated after `now` has not happened yet.
 * A draft under CHECK needs neither: it is notified when issued.
 */
export function checkAwb341Notification(ctx: RuleContext): Finding[] {
  const { action, order, now } = ctx;
  const required = action.kind === 'ISSUE' || action.kind === 'AMEND' || isIssuedStatus(order.status);
  if (!required) return [];
  const { notifiedAt, notificationMethod } = order.procedure;
  const findings: Finding[] = [];
  if (!hasText(notifiedAt)) {
    findings.push(
      finding(ctx, 'AWB-3-41-NOTIFICATION', 'Record when the order was notified (handed over or sent): it takes effect only then.', 'procedure.notifiedAt'),
    );
  } else if (parseInstant(notifiedAt, zoneOf(ctx)) > parseInstant(now, zoneOf(ctx))) {
    findings.push(
      finding(ctx, 'AWB-3-41-NOTIFICATION', `The notification is dated ${notifiedAt}, after now: it has not happened yet.`, 'procedure.notifiedAt'),
    );
  }
  if (!notificationMethod) {
    findings.push(
      finding(ctx, 'AWB-3-41-NOTIFICATION', 'Record how the order was notified (handed over, mail, electronic, other).', 'procedure.notificationMethod'),
    );
  }
  return findings;
}

/**
 * The last day to object to a notified order (`AWB-6-7-OBJECTION-TERM`, see `objectionDeadline`), or undefined while it
 * is not notified. For the order-check response and the decision letter.
 */
export function orderObjectionDeadline(order: OrderDraft, municipality: MunicipalityConfig): string | undefined {
  const notifiedAt = order.procedure.notifiedAt;
  if (!hasText(notifiedAt)) return undefined;
  return objectionDeadline(notifiedAt, municipality.timeZone, municipality.extraHolidays);
}

/**
 * `AWB-6-7-OBJECTION-TERM` (art. 6:7 and 6:8 Awb; art. 1 and 3 Algemene termijnenwet): the registry computes the last
 * day to object from the notification (`orderObjectionDeadline`). When the decision records the last day it states
 * (`procedure.objectionDeadline`), that day must be the computed one: an earlier day cuts the person's term short, a
 * later one misleads them into a late objection.
 */
export function checkAwb67ObjectionTerm(ctx: RuleContext): Finding[] {
  const stated = ctx.order.procedure.objectionDeadline;
  const computed = orderObjectionDeadline(ctx.order, ctx.municipality);
  if (!hasText(stated) || computed === undefined || stated === computed) return [];
  const message = `The decision states ${stated} as the last day to object; counted from the notification it is ${computed}.`;
  return [finding(ctx, 'AWB-6-7-OBJECTION-TERM', message, 'procedure.objectionDeadline')];
}

/**
 * `AWB-SUSPENSION` (art. 8:81 Awb interim relief; art. 7:11 Awb decision on objection): a suspended or revoked order is
 * not in force, so the record must say so consistently: each suspension ends after it starts; status SUSPENDED exactly
 * while a suspension covers `now` (an active status under a running suspension is an error, and so is SUSPENDED without
 * one); status REVOKED exactly when `revokedAt` is recorded. Calendar days are inclusive.
 */
export function checkAwbSuspension(ctx: RuleContext): Finding[] {
  const { order } = ctx;
  const zone = zoneOf(ctx);
  const now = parseInstant(ctx.now, zone);
  const findings: Finding[] = [];
  const periods = order.suspensions.map((suspension) => ({
    from: parseInstantOrDay(suspension.from, zone, 'startOfDay'),
    until: suspension.until ? parseInstantOrDay(suspension.until, zone, 'endOfDay') : undefined,
  }));
  periods.forEach(({ from, until }, index) => {
    if (until && until <= from) {
      findings.push(finding(ctx, 'AWB-SUSPENSION', 'The suspension must end after it starts.', `suspensions[${index}].until`));
    }
  });
  const suspendedNow = periods.some(({ from, until }) => from <= now && (until === undefined || now < until));
  if (order.status === 'SUSPENDED' && !suspendedNow) {
    findings.push(finding(ctx, 'AWB-SUSPENSION', 'The status is SUSPENDED but no recorded court suspension covers now.', 'status'));
  }
  if (suspendedNow && isActiveStatus(order.status)) {
    findings.push(
      finding(ctx, 'AWB-SUSPENSION', `A court suspension covers now, so the order is not in force; its status must be SUSPENDED, not ${order.status}.`, 'status'),
    );
  }
  if ((order.status === 'REVOKED') !== hasText(order.revokedAt)) {
    findings.push(finding(ctx, 'AWB-SUSPENSION', 'A revoked order has status REVOKED and a recorded revokedAt, always both.', 'revokedAt'));
  }
  return findings;
}
