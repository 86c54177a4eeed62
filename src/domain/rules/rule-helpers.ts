import type { DateTime } from 'luxon';
import { DEFAULT_RULE_NUMBERS, type RuleNumbers } from '../municipality/municipality-config';
import type { Motivation, OrderState, OrderStatus } from '../order/order';
import type { Finding } from '../shared/finding';
import { parseInstant, parseInstantOrDay, startOfLocalDay } from '../time/durations';
import { RULE_META, type OrderRuleId } from './catalogue';
import type { RuleContext } from './rule-context';

/**
 * Helpers the rule functions share. They encode no rule of their own; each says which rules lean on it.
 */

/** The municipality's numbers (legal-rules.md "Configurable numbers"); a missing key takes its default. */
export function ruleNumbers(ctx: RuleContext): RuleNumbers {
  const merged: RuleNumbers = { ...DEFAULT_RULE_NUMBERS };
  for (const [key, value] of Object.entries(ctx.municipality.numbers ?? {})) {
    if (typeof value === 'number' && Number.isFinite(value)) merged[key as keyof RuleNumbers] = value;
  }
  return merged;
}

/**
 * A finding of `ruleId` with the catalogue's citation. A `policy` rule is a warning unless the municipality lists its
 * id in `policyRulesAsErrors`; other rules keep the catalogue severity.
 */
export function finding(ctx: RuleContext, ruleId: OrderRuleId, message: string, path?: string): Finding {
  const meta = RULE_META[ruleId];
  const escalated = meta.status === 'policy' && ctx.municipality.policyRulesAsErrors.includes(ruleId);
  const result: Finding = { ruleId, severity: escalated ? 'error' : meta.severity, message, citation: meta.citation };
  return path === undefined ? result : { ...result, path };
}

/** The municipality's IANA zone: every wall-clock and calendar rule counts in it. */
export function zoneOf(ctx: RuleContext): string {
  return ctx.municipality.timeZone;
}

/** The order as it stands after the proposed action: a proposed extension or exemption is appended. */
export function orderUnderCheck(ctx: RuleContext): OrderState {
  const { order, action } = ctx;
  if (action.kind === 'EXTEND') return { ...order, extensions: [...order.extensions, action.extension] };
  if (action.kind === 'GRANT_EXEMPTION') return { ...order, exemptions: [...order.exemptions, action.exemption] };
  return order;
}

/**
 * The end of the initial period of a continuous order (GW172A-CONTINUOUS, art. 172a lid 6 sub a). The register may
 * keep `validity.end` as the initial end or move it along with extensions; the first extension's `previousEnd` is the
 * initial end in both conventions.
 */
export function initialEnd(order: OrderState): string | undefined {
  if (order.validity.mode !== 'CONTINUOUS') return undefined;
  return order.extensions[0]?.previousEnd ?? order.validity.end;
}

/** The end of a continuous order after its extensions (GW172A-EXTENSIONS): the last `newEnd`, else `validity.end`. */
export function currentEnd(order: OrderState): string | undefined {
  if (order.validity.mode !== 'CONTINUOUS') return undefined;
  return order.extensions[order.extensions.length - 1]?.newEnd ?? order.validity.end;
}

/** The half-open period [start, end) the order spans: continuous start to current end, or first to last separate day. */
export function orderSpan(order: OrderState, timeZone: string): { start: DateTime; end: DateTime } | undefined {
  const { validity } = order;
  if (validity.mode === 'CONTINUOUS') {
    return { start: parseInstant(validity.start, timeZone), end: parseInstant(currentEnd(order) as string, timeZone) };
  }
  if (validity.days.length === 0) return undefined;
  const sorted = [...validity.days].sort();
  const start = startOfLocalDay(sorted[0], timeZone);
  return { start, end: startOfLocalDay(sorted[sorted.length - 1], timeZone).plus({ days: 1 }) };
}

/**
 * The moment the order stops running: its span's end, or an earlier withdrawal or revocation (art. 172a lid 9
 * Gemeentewet, art. 7:11 Awb). Used by GW172A-AMEND, GW172A-EXEMPTION and GW172A-REVIEW.
 */
export function runningUntil(order: OrderState, timeZone: string): DateTime | undefined {
  const span = orderSpan(order, timeZone);
  if (!span) return undefined;
  const cuts = [order.withdrawnAt, order.revokedAt].filter((t): t is string => t !== undefined);
  return cuts.map((t) => parseInstant(t, timeZone)).reduce((a, b) => (b < a ? b : a), span.end);
}

const NOT_ISSUED: readonly OrderStatus[] = ['DRAFT', 'INTENT_SENT'];
const ACTIVE: readonly OrderStatus[] = ['ISSUED', 'EXTENDED', 'AMENDED'];

/** True for every status an order reaches only after it was issued. */
export function isIssuedStatus(status: OrderStatus): boolean {
  return !NOT_ISSUED.includes(status);
}

/** True for the statuses of an issued order that has not ended, been suspended or revoked. */
export function isActiveStatus(status: OrderStatus): boolean {
  return ACTIVE.includes(status);
}

/** True for a string with more than white space: a blank motivation is no motivation. */
export function hasText(value: string | undefined): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

/** True when at least one part of the motivation has text. */
export function hasAnyMotivation(motivation: Motivation | undefined): boolean {
  if (!motivation) return false;
  return [motivation.fear, motivation.suitability, motivation.necessity, motivation.balance].some(hasText);
}

/**
 * True while a motivation deferred for urgency (Awb 3:47 lid 3) may still be missing: `motivationDeferredUntil` is set
 * and has not passed at `now`. A calendar day counts to its end.
 */
export function motivationDeferred(ctx: RuleContext): boolean {
  const until = ctx.order.procedure.motivationDeferredUntil;
  if (!hasText(until)) return false;
  return parseInstant(ctx.now, zoneOf(ctx)) < parseInstantOrDay(until, zoneOf(ctx), 'endOfDay');
}

/**
 * The moment the decision is taken: its notification when recorded, else `now` (the moment of issuing). Used by
 * AWB-4-8-HEARING, AWB-3-47-DEFERRED and APV-MANDATE.
 */
export function decisionMoment(ctx: RuleContext): DateTime {
  return parseInstant(ctx.order.procedure.notifiedAt ?? ctx.now, zoneOf(ctx));
}

/** The order's start in the municipality's zone (continuous start, or the first separate day's start). */
export function orderStart(order: OrderState, timeZone: string): DateTime | undefined {
  return orderSpan(order, timeZone)?.start;
}

/** `path` of an extension: recorded ones by index, the proposed one (action EXTEND) as `action.extension`. */
export function extensionPath(ctx: RuleContext, index: number): string {
  return index < ctx.order.extensions.length ? `extensions[${index}]` : 'action.extension';
}

/** `path` of an exemption: recorded ones by index, the proposed one (action GRANT_EXEMPTION) as `action.exemption`. */
export function exemptionPath(ctx: RuleContext, index: number): string {
  return index < ctx.order.exemptions.length ? `exemptions[${index}]` : 'action.exemption';
}
