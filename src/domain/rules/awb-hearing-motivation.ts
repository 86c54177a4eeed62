import type { Motivation } from '../order/order';
import type { Finding } from '../shared/finding';
import { addDaysToDay, isDateOnly, localDay, parseInstantOrDay } from '../time/durations';
import { apvStepOf, sortedLadder } from './apv-ladder';
import type { RuleContext } from './rule-context';
import { decisionMoment, finding, hasAnyMotivation, hasText, motivationDeferred, zoneOf } from './rule-helpers';

/** Days within which a motivation deferred for urgency must follow the notification (Awb 3:47). */
export const DEFERRED_MOTIVATION_DAYS = 7;

/**
 * `AWB-4-8-HEARING` (art. 4:8 and 4:11 Awb): before the order the person could give a view. Either an art. 4:11 ground
 * is recorded (`URGENCY`, `VIEW_ALREADY_GIVEN`, `NOTICE_DEFEATS_PURPOSE`), or the intent notice was sent with a view
 * deadline after it, and then a view was received, or `noViewReceived` is recorded once the deadline has passed at the
 * decision (the notification, else `now`; a calendar-day deadline runs to the end of that day). The registry treats
 * every order as resting on facts the person did not supply. An amendment in the person's favour is not burdensome and
 * needs no hearing.
 */
export function checkAwb48Hearing(ctx: RuleContext): Finding[] {
  if (ctx.action.kind === 'AMEND' && ctx.action.direction === 'FAVOUR') return [];
  const p = ctx.order.procedure;
  if (p.hearingSkippedGround) return [];
  const hearing = (message: string, path: string) => [finding(ctx, 'AWB-4-8-HEARING', message, path)];
  if (!hasText(p.intentSentAt)) {
    return hearing('Send the intent notice so the person can give a view, or record an art. 4:11 ground for skipping it.', 'procedure.intentSentAt');
  }
  if (!hasText(p.viewDeadline)) return hearing('Record the deadline the intent notice gave for the view.', 'procedure.viewDeadline');
  const sent = parseInstantOrDay(p.intentSentAt, zoneOf(ctx), 'startOfDay');
  const deadline = parseInstantOrDay(p.viewDeadline, zoneOf(ctx), 'endOfDay');
  if (deadline <= sent) return hearing('The view deadline must come after the intent notice was sent.', 'procedure.viewDeadline');
  if (hasText(p.viewReceivedAt)) return [];
  if (!p.noViewReceived) return hearing("Record the person's view, or that none came by the deadline.", 'procedure.viewReceivedAt');
  if (decisionMoment(ctx) < deadline) {
    return hearing(`No view can be recorded as missing before the deadline (${p.viewDeadline}) has passed.`, 'procedure.noViewReceived');
  }
  return [];
}

/** True when the order's motivation must record the proportionality test: 172a orders and APV orders above step 1. */
function needsProportionality(ctx: RuleContext): boolean {
  const { basis } = ctx.order;
  if (basis.kind === 'GEMW_172A') return true;
  if (basis.kind !== 'APV') return false;
  const config = ctx.municipality.apv;
  if (!config) return true;
  const step = apvStepOf(ctx, config);
  return step === undefined || step > (sortedLadder(config)[0]?.step ?? 1);
}

const PROPORTIONALITY: readonly (keyof Motivation)[] = ['suitability', 'necessity', 'balance'];

/** The parts of the motivation that AWB-3-46-MOTIVATION requires and the order lacks. */
export function missingMotivationParts(ctx: RuleContext): string[] {
  const motivation = ctx.order.procedure.motivation;
  if (needsProportionality(ctx)) return PROPORTIONALITY.filter((part) => !hasText(motivation?.[part]));
  return hasAnyMotivation(motivation) ? [] : ['motivation'];
}

/**
 * `AWB-3-46-MOTIVATION` (art. 3:46, 3:47 and 3:4 Awb; ABRvS 2 February 2022, ECLI:NL:RVS:2022:285): the decision states
 * its legal basis (an APV order its APV article) and its motivation. 172a orders and APV orders above the first ladder
 * step (or of unknown step) record the proportionality test: `suitability`, `necessity` (no lighter means) and
 * `balance` (home, work, school, care, family and the routes to them); other orders at least one motivation part.
 * While the motivation is validly deferred for urgency only the legal basis is checked (see AWB-3-47-DEFERRED).
 */
export function checkAwb346Motivation(ctx: RuleContext): Finding[] {
  const { basis } = ctx.order;
  const findings: Finding[] = [];
  if (basis.kind === 'APV' && !hasText(basis.apvArticle)) {
    findings.push(finding(ctx, 'AWB-3-46-MOTIVATION', 'State the APV article the order rests on.', 'basis.apvArticle'));
  }
  if (motivationDeferred(ctx)) return findings;
  const missing = missingMotivationParts(ctx);
  if (missing.length > 0) {
    findings.push(finding(ctx, 'AWB-3-46-MOTIVATION', `The motivation lacks: ${missing.join(', ')}.`, 'procedure.motivation'));
  }
  return findings;
}

/**
 * `AWB-3-47-DEFERRED` (art. 3:47 lid 3 and 4 Awb): a motivation deferred because of urgency follows within one week:
 * `motivationDeferredUntil` is at most 7 calendar days after the notification day (or, before notification, the day of
 * `now`), in the municipality's zone; and once that moment has passed the motivation AWB-3-46-MOTIVATION requires must
 * be complete.
 */
export function checkAwb347Deferred(ctx: RuleContext): Finding[] {
  const until = ctx.order.procedure.motivationDeferredUntil;
  if (!hasText(until)) return [];
  const zone = zoneOf(ctx);
  const findings: Finding[] = [];
  const latestDay = addDaysToDay(decisionMoment(ctx).toISODate() as string, DEFERRED_MOTIVATION_DAYS);
  const untilDay = isDateOnly(until) ? until : localDay(until, zone);
  if (untilDay > latestDay) {
    const message = `A motivation deferred for urgency must follow within one week of notification (by ${latestDay}), not ${untilDay}.`;
    findings.push(finding(ctx, 'AWB-3-47-DEFERRED', message, 'procedure.motivationDeferredUntil'));
  }
  const missing = missingMotivationParts(ctx);
  if (!motivationDeferred(ctx) && missing.length > 0) {
    const message = `The deferred motivation was due ${until} and still lacks: ${missing.join(', ')}.`;
    findings.push(finding(ctx, 'AWB-3-47-DEFERRED', message, 'procedure.motivation'));
  }
  return findings;
}
