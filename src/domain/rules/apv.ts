import type { ApvAreaBanConfig } from '../municipality/municipality-config';
import type { Finding } from '../shared/finding';
import { addIsoDuration, addMonths, isBefore, isWithinMonths, toRfc3339 } from '../time/durations';
import { allowedStep, apvStepOf, fitsStep, isConfiguredArticle, sortedLadder } from './apv-ladder';
import type { RuleContext } from './rule-context';
import { finding, orderSpan, ruleNumbers, zoneOf } from './rule-helpers';

/**
 * `APV-AREA-BAN-ONLY` (the APV area-ban article; art. 172a Gemeentewet): an APV order can only be an area ban; a group
 * ban or a reporting duty exists only in art. 172a. One error per other measure.
 */
export function checkApvAreaBanOnly(ctx: RuleContext): Finding[] {
  if (ctx.order.basis.kind !== 'APV') return [];
  return ctx.order.measures.flatMap((measure, index) =>
    measure.type === 'AREA_BAN'
      ? []
      : [finding(ctx, 'APV-AREA-BAN-ONLY', `An APV order can only be an area ban, not a ${measure.type}; use art. 172a for that.`, `measures[${index}].type`)],
  );
}

/**
 * `APV-MAX-DURATION` (the municipality's APV area-ban article): the municipality must have an APV area-ban provision
 * and the order must rest on its article; the ban runs for one continuous period that ends after it starts; and its
 * duration lies within the ladder step: the claimed `basis.apvStep` (at most its `maxDuration`, at least its
 * `minDuration`), or, without a claimed step, some step of the ladder. Hours count elapsed, weeks and months by the
 * calendar in the municipality's zone ("PT24H" from 15:00 before the spring change ends at 16:00).
 */
export function checkApvMaxDuration(ctx: RuleContext): Finding[] {
  const { basis, validity } = ctx.order;
  if (basis.kind !== 'APV') return [];
  const config = ctx.municipality.apv;
  if (!config) {
    return [
      finding(ctx, 'APV-MAX-DURATION', `${ctx.municipality.name} has no APV area-ban provision configured; an APV order has no basis here.`, 'basis.apvArticle'),
    ];
  }
  if (!isConfiguredArticle(basis.apvArticle, config)) {
    return [
      finding(ctx, 'APV-MAX-DURATION', `The order rests on art. ${basis.apvArticle} APV, but the area-ban provision is art. ${config.article} APV.`, 'basis.apvArticle'),
    ];
  }
  if (validity.mode !== 'CONTINUOUS') {
    return [finding(ctx, 'APV-MAX-DURATION', 'An APV area ban runs for one continuous period; separate days exist only in art. 172a.', 'validity')];
  }
  if (!isBefore(validity.start, validity.end)) {
    return [finding(ctx, 'APV-MAX-DURATION', 'The period must end after it starts.', 'validity.end')];
  }
  return checkAgainstLadder(ctx, config, validity.start, validity.end);
}

function checkAgainstLadder(ctx: RuleContext, config: ApvAreaBanConfig, start: string, end: string): Finding[] {
  const zone = zoneOf(ctx);
  const ladder = sortedLadder(config);
  const claimed = ctx.order.basis.apvStep;
  if (claimed === undefined) {
    if (ladder.some((step) => fitsStep(step, start, end, zone))) return [];
    const top = ladder[ladder.length - 1];
    const message = top
      ? `No step of the art. ${config.article} APV ladder allows this duration; the longest is ${top.maxDuration} (step ${top.step}, latest end ${addIsoDuration(start, top.maxDuration, zone)}).`
      : `The art. ${config.article} APV ladder has no steps configured.`;
    return [finding(ctx, 'APV-MAX-DURATION', message, 'validity.end')];
  }
  const step = ladder.find((s) => s.step === claimed);
  if (!step) return [finding(ctx, 'APV-MAX-DURATION', `The art. ${config.article} APV ladder has no step ${claimed}.`, 'basis.apvStep')];
  if (fitsStep(step, start, end, zone)) return [];
  const range = step.minDuration ? `between ${step.minDuration} and ${step.maxDuration}` : `at most ${step.maxDuration}`;
  const message = `Step ${claimed} of art. ${config.article} APV allows a ban of ${range} (latest end ${addIsoDuration(start, step.maxDuration, zone)}); this one ends ${end}.`;
  return [finding(ctx, 'APV-MAX-DURATION', message, 'validity.end')];
}

/**
 * `APV-ESCALATION-STEP` (the APV area-ban article, its look-back): a step above the first needs recorded priors within
 * `apv.lookBackMonths` before the order's start: an earlier APV ban imposed in that window, or a registered violation
 * in that window of an earlier APV ban, at the step below or higher (see `apv-ladder.ts`). Without priors only step 1 is
 * allowed. Earlier orders that were revoked or never issued do not count.
 */
export function checkApvEscalationStep(ctx: RuleContext): Finding[] {
  const { basis, validity } = ctx.order;
  const config = ctx.municipality.apv;
  if (basis.kind !== 'APV' || !config || !isConfiguredArticle(basis.apvArticle, config) || validity.mode !== 'CONTINUOUS') return [];
  const step = apvStepOf(ctx, config);
  if (step === undefined) return [];
  const allowed = allowedStep(ctx, config, validity.start);
  if (step <= allowed) return [];
  const message = `Step ${step} of art. ${config.article} APV needs a recorded ban (or a violation of one) at step ${step - 1} or higher within the ${config.lookBackMonths} months before the start; the person's record allows step ${allowed}.`;
  return [finding(ctx, 'APV-ESCALATION-STEP', message, basis.apvStep === undefined ? 'validity.end' : 'basis.apvStep')];
}

/**
 * `APV-WITHIN-172A-CAP` (ABRvS 26 February 2025, ECLI:NL:RVS:2025:772): an APV ban may not go beyond what art. 172a
 * allows for continuous orders: the initial months plus all extension months of the configured numbers (3 + 3 × 3 = 12
 * months by default), counted by the calendar from the start (12 months exactly passes).
 */
export function checkApvWithin172aCap(ctx: RuleContext): Finding[] {
  if (ctx.order.basis.kind !== 'APV') return [];
  const span = orderSpan(ctx.order, zoneOf(ctx));
  if (!span) return [];
  const n = ruleNumbers(ctx);
  const cap = n['gw172a.initialMaxMonths'] + n['gw172a.maxExtensions'] * n['gw172a.extensionMaxMonths'];
  const start = toRfc3339(span.start);
  const end = toRfc3339(span.end);
  if (isWithinMonths(start, end, cap, zoneOf(ctx))) return [];
  const message = `An APV ban may not exceed the ${cap} continuous months art. 172a allows (latest end ${addMonths(start, cap, zoneOf(ctx))}); this one ends ${end}.`;
  return [finding(ctx, 'APV-WITHIN-172A-CAP', message, 'validity.end')];
}
