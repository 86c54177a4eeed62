import type { ApvMandate } from '../municipality/municipality-config';
import type { Finding } from '../shared/finding';
import type { RuleContext } from './rule-context';
import { decisionMoment, finding } from './rule-helpers';

/**
 * `GW177-NO-MANDATE` (art. 177 lid 2 Gemeentewet): orders on basis `GEMW_172_3` or `GEMW_172A` are signed by the mayor
 * or the acting mayor; they cannot be mandated, so a police or boa signatory is an error.
 */
export function checkGw177NoMandate(ctx: RuleContext): Finding[] {
  const { basis, procedure } = ctx.order;
  if (basis.kind === 'APV') return [];
  const role = procedure.signatory.role;
  if (role === 'MAYOR' || role === 'ACTING_MAYOR') return [];
  const message = `A ${basis.kind} order is signed by the (acting) mayor; it cannot be mandated to ${role}.`;
  return [finding(ctx, 'GW177-NO-MANDATE', message, 'procedure.signatory.role')];
}

function normalise(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** True when `mandate` covers the signatory for `article` on the calendar day `day` (inclusive `from`/`until`). */
function covers(mandate: ApvMandate, role: string, name: string, article: string, day: string): boolean {
  if (mandate.holderRole !== role || mandate.apvArticle.trim() !== article.trim()) return false;
  if (mandate.holderName !== undefined && normalise(mandate.holderName) !== normalise(name)) return false;
  return mandate.from <= day && (mandate.until === undefined || day <= mandate.until);
}

/**
 * `APV-MANDATE` (Awb title 10.1.1, mandate; the APV area-ban article): an APV order signed by a police officer or boa
 * needs a mandate recorded for the municipality for that role (and that holder, when the mandate names one), for the
 * order's APV article (or the configured article when the order names none), valid on the day of the decision (the
 * notification day, else the day of `now`, in the municipality's zone). The (acting) mayor needs no mandate.
 */
export function checkApvMandate(ctx: RuleContext): Finding[] {
  const { basis, procedure } = ctx.order;
  const { role, name } = procedure.signatory;
  if (basis.kind !== 'APV' || (role !== 'POLICE' && role !== 'BOA')) return [];
  const article = basis.apvArticle ?? ctx.municipality.apv?.article;
  const day = decisionMoment(ctx).toISODate() as string;
  if (article !== undefined && ctx.municipality.mandates.some((m) => covers(m, role, name, article, day))) return [];
  const message = `No mandate is recorded for ${role} ${name} to issue orders under art. ${article ?? '?'} APV on ${day}; the mayor must sign.`;
  return [finding(ctx, 'APV-MANDATE', message, 'procedure.signatory')];
}
