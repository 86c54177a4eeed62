import type { ApvAreaBanConfig, ApvLadderStep } from '../municipality/municipality-config';
import type { OrderStatus, PersonHistory } from '../order/order';
import { addIsoDuration, isBefore, isWithinIsoDuration, parseInstant } from '../time/durations';
import type { RuleContext } from './rule-context';
import { zoneOf } from './rule-helpers';

/**
 * The APV escalation ladder as the APV rules read it. The step of an order is `basis.apvStep` when given, else the
 * lowest step whose duration range fits the order. The step the person's record allows is one above the highest step
 * among the qualifying priors (capped at the top step), or the first step without priors.
 */

/** A recorded prior that opens a higher ladder step: an earlier APV ban, or a violation of one, within the look-back. */
export interface ApvPrior {
  orderId: string;
  step: number;
  via: 'ORDER' | 'VIOLATION';
  at: string;
}

/** Statuses of earlier orders that never took effect or were undone on objection: they open no higher step. */
const NOT_A_PRIOR: readonly OrderStatus[] = ['DRAFT', 'INTENT_SENT', 'REVOKED'];

/** The ladder sorted by step number. */
export function sortedLadder(config: ApvAreaBanConfig): ApvLadderStep[] {
  return [...config.ladder].sort((a, b) => a.step - b.step);
}

/** True when the order's APV article is the configured area-ban article (or the order names none). */
export function isConfiguredArticle(article: string | undefined, config: ApvAreaBanConfig): boolean {
  return article === undefined || article.trim() === config.article.trim();
}

/** True when the period [start, end) lies in the step's range: at most `maxDuration`, at least `minDuration`. */
export function fitsStep(step: ApvLadderStep, start: string, end: string, timeZone: string): boolean {
  if (!isWithinIsoDuration(start, end, step.maxDuration, timeZone)) return false;
  return step.minDuration === undefined || !isBefore(end, addIsoDuration(start, step.minDuration, timeZone));
}

/** The lowest ladder step whose range fits [start, end), or undefined when none does. */
export function fittingStep(config: ApvAreaBanConfig, start: string, end: string, timeZone: string): number | undefined {
  return sortedLadder(config).find((step) => fitsStep(step, start, end, timeZone))?.step;
}

/** The ladder step of an APV order: the claimed `basis.apvStep`, else the lowest fitting step (continuous orders). */
export function apvStepOf(ctx: RuleContext, config: ApvAreaBanConfig): number | undefined {
  const { basis, validity } = ctx.order;
  if (basis.apvStep !== undefined) return basis.apvStep;
  if (validity.mode !== 'CONTINUOUS') return undefined;
  return fittingStep(config, validity.start, validity.end, zoneOf(ctx));
}

function earlierApvOrders(ctx: RuleContext, config: ApvAreaBanConfig): PersonHistory['earlierOrders'] {
  return ctx.history.earlierOrders.filter(
    (o) =>
      o.id !== ctx.order.id &&
      o.basisKind === 'APV' &&
      !NOT_A_PRIOR.includes(o.status) &&
      isConfiguredArticle(o.apvArticle, config),
  );
}

/**
 * The priors within the look-back: earlier APV bans on the configured article imposed (started) in
 * [start − lookBackMonths, start), and registered violations in that window of any such earlier ban.
 */
export function qualifyingPriors(ctx: RuleContext, config: ApvAreaBanConfig, start: string): ApvPrior[] {
  const zone = zoneOf(ctx);
  const end = parseInstant(start, zone);
  const from = end.minus({ months: config.lookBackMonths });
  const inWindow = (t: string) => {
    const at = parseInstant(t, zone);
    return from <= at && at < end;
  };
  const earlier = earlierApvOrders(ctx, config);
  const firstStep = sortedLadder(config)[0]?.step ?? 1;
  const viaOrders = earlier
    .filter((o) => inWindow(o.start))
    .map((o): ApvPrior => ({ orderId: o.id, step: o.apvStep ?? firstStep, via: 'ORDER', at: o.start }));
  const viaViolations = ctx.history.violations.filter((v) => inWindow(v.at)).flatMap((v): ApvPrior[] => {
    const violated = earlier.find((o) => o.id === v.orderId);
    return violated ? [{ orderId: violated.id, step: violated.apvStep ?? firstStep, via: 'VIOLATION', at: v.at }] : [];
  });
  return [...viaOrders, ...viaViolations];
}

/** The highest ladder step the person's record allows for an order starting at `start`. */
export function allowedStep(ctx: RuleContext, config: ApvAreaBanConfig, start: string): number {
  const ladder = sortedLadder(config);
  const first = ladder[0]?.step ?? 1;
  const top = ladder[ladder.length - 1]?.step ?? first;
  const priors = qualifyingPriors(ctx, config, start);
  if (priors.length === 0) return first;
  return Math.min(top, Math.max(...priors.map((p) => p.step)) + 1);
}
