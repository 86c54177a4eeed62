import type { Finding } from '../shared/finding';
import { toRfc3339 } from '../time/durations';
import type { RuleContext } from './rule-context';
import { finding, orderSpan, ruleNumbers, zoneOf } from './rule-helpers';

/**
 * `GW172-3-APV-PRECEDENCE` (art. 172 lid 3 Gemeentewet; case law and the toolbox): where the municipality's APV has
 * its own area-ban provision (`municipality.apv`), the mayor must use it, so an order on basis `GEMW_172_3` there is
 * an error.
 */
export function checkGw1723ApvPrecedence(ctx: RuleContext): Finding[] {
  const apv = ctx.municipality.apv;
  if (ctx.order.basis.kind !== 'GEMW_172_3' || !apv) return [];
  const message = `${ctx.municipality.name} has an APV area-ban provision (art. ${apv.article} APV); use it instead of art. 172 lid 3.`;
  return [finding(ctx, 'GW172-3-APV-PRECEDENCE', message, 'basis.kind')];
}

/**
 * `GW172-3-ACUTE` (art. 172 lid 3 Gemeentewet, case law): a 172(3) order answers an acute, concrete threat, so one whose
 * span is longer than `gw172_3.warnAfterDays` (14) calendar days in the municipality's zone gets a warning (14 days to
 * the minute passes). A `case` rule, so municipal `policyRulesAsErrors` does not turn it into an error.
 */
export function checkGw1723Acute(ctx: RuleContext): Finding[] {
  if (ctx.order.basis.kind !== 'GEMW_172_3') return [];
  const span = orderSpan(ctx.order, zoneOf(ctx));
  if (!span) return [];
  const days = ruleNumbers(ctx)['gw172_3.warnAfterDays'];
  const limit = span.start.plus({ days });
  if (span.end <= limit) return [];
  const message = `A 172(3) order lasting beyond ${days} days (until ${toRfc3339(span.end)}, limit ${toRfc3339(limit)}) suggests a structural problem: use the APV or art. 172a.`;
  return [finding(ctx, 'GW172-3-ACUTE', message, ctx.order.validity.mode === 'CONTINUOUS' ? 'validity.end' : 'validity.days')];
}
