import type { DateTime } from 'luxon';
import type { Exemption, Incident, Motivation, OrderState } from '../order/order';
import type { Finding } from '../shared/finding';
import { parseInstant, parseInstantOrDay, toRfc3339 } from '../time/durations';
import type { AmendmentDirection, RuleContext } from './rule-context';
import {
  exemptionPath,
  finding,
  hasAnyMotivation,
  isActiveStatus,
  isIssuedStatus,
  motivationDeferred,
  orderSpan,
  orderUnderCheck,
  ruleNumbers,
  runningUntil,
  zoneOf,
} from './rule-helpers';

/**
 * `GW172A-AMEND` (art. 172a lid 7 and 9 Gemeentewet), at action AMEND: the new version (`ctx.order`) replaces
 * `action.previous` for the same person and municipality as the next version number; the order it changes still runs
 * at `now` (an ended, withdrawn or revoked order is not amended: a new order is made); the new version has its own
 * motivation (present, and not a verbatim copy of the previous one, unless validly deferred under Awb 3:47); and a
 * change to the person's detriment rests on new facts: at least one incident the previous version did not record.
 * The registry applies the same versioning discipline to amendments of orders on every basis.
 */
export function checkGw172aAmend(ctx: RuleContext): Finding[] {
  const action = ctx.action;
  if (action.kind !== 'AMEND') return [];
  return [
    ...checkAmendedVersion(ctx, action.previous),
    ...checkAmendmentMotivation(ctx, action.previous),
    ...checkNewFacts(ctx, action.previous, action.direction),
  ];
}

function checkAmendedVersion(ctx: RuleContext, previous: OrderState): Finding[] {
  const { order } = ctx;
  const findings: Finding[] = [];
  if (order.personId !== previous.personId || order.municipalityCode !== previous.municipalityCode) {
    findings.push(finding(ctx, 'GW172A-AMEND', 'An amendment keeps the person and the municipality; otherwise make a new order.', 'personId'));
  }
  if (order.version !== undefined && previous.version !== undefined && order.version !== previous.version + 1) {
    findings.push(finding(ctx, 'GW172A-AMEND', `The amendment must be version ${previous.version + 1}.`, 'version'));
  }
  const until = runningUntil(previous, zoneOf(ctx));
  const ended = ['WITHDRAWN', 'EXPIRED', 'REVOKED'].includes(previous.status);
  if (ended || (until !== undefined && parseInstant(ctx.now, zoneOf(ctx)) >= until)) {
    findings.push(finding(ctx, 'GW172A-AMEND', 'The order no longer runs and cannot be amended; make a new order.', 'status'));
  }
  return findings;
}

function motivationKey(motivation: Motivation | undefined): string {
  const parts = [motivation?.fear, motivation?.suitability, motivation?.necessity, motivation?.balance];
  return JSON.stringify(parts.map((part) => (part ?? '').trim()));
}

function checkAmendmentMotivation(ctx: RuleContext, previous: OrderState): Finding[] {
  if (motivationDeferred(ctx)) return [];
  const motivation = ctx.order.procedure.motivation;
  if (!hasAnyMotivation(motivation)) {
    return [finding(ctx, 'GW172A-AMEND', 'The amendment needs its own motivation.', 'procedure.motivation')];
  }
  if (motivationKey(motivation) === motivationKey(previous.procedure.motivation)) {
    const message = 'The amendment repeats the previous motivation verbatim; it needs its own motivation for the change.';
    return [finding(ctx, 'GW172A-AMEND', message, 'procedure.motivation')];
  }
  return [];
}

function incidentKey(incident: Incident): string {
  return incident.violationId ?? `${incident.at}|${incident.description.trim()}`;
}

function checkNewFacts(ctx: RuleContext, previous: OrderState, direction: AmendmentDirection): Finding[] {
  if (direction !== 'DETRIMENT') return [];
  const known = new Set(previous.incidents.map(incidentKey));
  if (ctx.order.incidents.some((incident) => !known.has(incidentKey(incident)))) return [];
  const message = "A change to the person's detriment needs new facts (lid 7): record the new incident.";
  return [finding(ctx, 'GW172A-AMEND', message, 'incidents')];
}

/**
 * `GW172A-EXEMPTION` (art. 172a lid 8 Gemeentewet), over the recorded exemptions and, at action GRANT_EXEMPTION, the
 * proposed one: an exemption is granted on an issued order that still runs; it is temporary (its window ends after it
 * starts, calendar days being inclusive), its window falls (at least partly) inside the order's span, its id is unique,
 * and the zones it names are zones of the order. Breach evaluation applies it; this rule only keeps it sound.
 */
export function checkGw172aExemption(ctx: RuleContext): Finding[] {
  const order = orderUnderCheck(ctx);
  const findings = ctx.action.kind === 'GRANT_EXEMPTION' ? checkGrantable(ctx, order) : [];
  const span = orderSpan(order, zoneOf(ctx));
  const orderZones = new Set(order.measures.flatMap((measure) => measure.zoneIds ?? []));
  order.exemptions.forEach((exemption, index) => {
    const path = exemptionPath(ctx, index);
    if (order.exemptions.findIndex((other) => other.id === exemption.id) !== index) {
      findings.push(finding(ctx, 'GW172A-EXEMPTION', `Exemption id ${exemption.id} is used twice.`, `${path}.id`));
    }
    findings.push(...checkExemptionWindow(ctx, exemption, span, path));
    (exemption.zoneIds ?? [])
      .filter((zoneId) => !orderZones.has(zoneId))
      .forEach((zoneId) => findings.push(finding(ctx, 'GW172A-EXEMPTION', `Zone ${zoneId} is not a zone of this order.`, `${path}.zoneIds`)));
  });
  return findings;
}

function checkGrantable(ctx: RuleContext, order: OrderState): Finding[] {
  const until = runningUntil(order, zoneOf(ctx));
  const running = until !== undefined && parseInstant(ctx.now, zoneOf(ctx)) < until;
  if (isIssuedStatus(order.status) && order.status !== 'REVOKED' && running) return [];
  return [finding(ctx, 'GW172A-EXEMPTION', 'An exemption is granted only on an issued order that still runs.', 'status')];
}

function checkExemptionWindow(
  ctx: RuleContext,
  exemption: Exemption,
  span: { start: DateTime; end: DateTime } | undefined,
  path: string,
): Finding[] {
  const from = parseInstantOrDay(exemption.from, zoneOf(ctx), 'startOfDay');
  const until = parseInstantOrDay(exemption.until, zoneOf(ctx), 'endOfDay');
  if (!(from < until)) return [finding(ctx, 'GW172A-EXEMPTION', 'The exemption must end after it starts.', `${path}.until`)];
  if (span && !(from < span.end && span.start < until)) {
    return [finding(ctx, 'GW172A-EXEMPTION', 'The exemption lies outside the period of the order.', `${path}.from`)];
  }
  return [];
}

/**
 * `GW172A-REVIEW` (policy; art. 172a lid 9 Gemeentewet obliges withdrawal once the order is no longer needed): an active
 * 172a order (status ISSUED, EXTENDED or AMENDED, `now` inside its span and before any withdrawal or revocation) whose
 * last review is `review.warnAfterWeeks` (4) calendar weeks or more ago gets a warning. The last review is the latest of
 * `lastReviewedAt`, the notification and the extension decisions (each is a fresh look at the need), else the start.
 */
export function checkGw172aReview(ctx: RuleContext): Finding[] {
  const order = orderUnderCheck(ctx);
  if (order.basis.kind !== 'GEMW_172A' || !isActiveStatus(order.status)) return [];
  const now = parseInstant(ctx.now, zoneOf(ctx));
  const span = orderSpan(order, zoneOf(ctx));
  const until = runningUntil(order, zoneOf(ctx));
  if (!span || !until || now < span.start || now >= until) return [];
  const weeks = ruleNumbers(ctx)['review.warnAfterWeeks'];
  const reviewed = lastReview(order, zoneOf(ctx)) ?? span.start;
  if (now < reviewed.plus({ weeks })) return [];
  const message = `The order was last reviewed ${toRfc3339(reviewed)}, ${weeks} or more weeks ago: review whether it is still needed (withdraw it if not).`;
  return [finding(ctx, 'GW172A-REVIEW', message, 'lastReviewedAt')];
}

function lastReview(order: OrderState, timeZone: string): DateTime | undefined {
  const moments = [order.lastReviewedAt, order.procedure.notifiedAt, ...order.extensions.map((e) => e.decidedAt)]
    .filter((t): t is string => t !== undefined)
    .map((t) => parseInstant(t, timeZone));
  return moments.length === 0 ? undefined : moments.reduce((a, b) => (b > a ? b : a));
}
