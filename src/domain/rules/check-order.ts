import type { Finding } from '../shared/finding';
import { checkApvAreaBanOnly, checkApvEscalationStep, checkApvMaxDuration, checkApvWithin172aCap } from './apv';
import { checkAwb346Motivation, checkAwb347Deferred, checkAwb48Hearing } from './awb-hearing-motivation';
import { checkAwb341Notification, checkAwb67ObjectionTerm, checkAwbSuspension } from './awb-notification';
import { ORDER_RULE_IDS, RULE_META, type OrderRuleId, type RuleMeta } from './catalogue';
import { checkGw1723Acute, checkGw1723ApvPrecedence } from './gw172-3';
import { checkGw172aContinuous, checkGw172aExtensions, checkGw172aSeparateDays } from './gw172a-duration';
import { checkGw172aAmend, checkGw172aExemption, checkGw172aReview } from './gw172a-lifecycle';
import { checkGw172aOvjConflict, checkGw172aReportElsewhere } from './gw172a-measures';
import { checkGw172aFear, checkGw172aGround, checkGw172aMinor } from './gw172a-person';
import { checkApvMandate, checkGw177NoMandate } from './mandate';
import type { RuleContext } from './rule-context';

/** A check function of one rule: pure, returns the rule's findings for the context (none when it does not apply). */
export type RuleCheck = (ctx: RuleContext) => Finding[];

/** A rule of the catalogue with its check. Template rules (APV-SHOPLIFTING-24H) have no check. */
export interface RuleDefinition extends RuleMeta {
  /** Identifier of the function that encodes it, for the audit listing. */
  implementedBy: string;
  check?: RuleCheck;
}

const CHECKS: Readonly<Record<OrderRuleId, { implementedBy: string; check?: RuleCheck }>> = {
  'GW172A-GROUND': { implementedBy: 'checkGw172aGround', check: checkGw172aGround },
  'GW172A-FEAR': { implementedBy: 'checkGw172aFear', check: checkGw172aFear },
  'GW172A-CONTINUOUS': { implementedBy: 'checkGw172aContinuous', check: checkGw172aContinuous },
  'GW172A-EXTENSIONS': { implementedBy: 'checkGw172aExtensions', check: checkGw172aExtensions },
  'GW172A-SEPARATE-DAYS': { implementedBy: 'checkGw172aSeparateDays', check: checkGw172aSeparateDays },
  'GW172A-REPORT-ELSEWHERE': { implementedBy: 'checkGw172aReportElsewhere', check: checkGw172aReportElsewhere },
  'GW172A-OVJ-CONFLICT': { implementedBy: 'checkGw172aOvjConflict', check: checkGw172aOvjConflict },
  'GW172A-AMEND': { implementedBy: 'checkGw172aAmend', check: checkGw172aAmend },
  'GW172A-EXEMPTION': { implementedBy: 'checkGw172aExemption', check: checkGw172aExemption },
  'GW172A-REVIEW': { implementedBy: 'checkGw172aReview', check: checkGw172aReview },
  'GW172A-MINOR': { implementedBy: 'checkGw172aMinor', check: checkGw172aMinor },
  'GW172-3-APV-PRECEDENCE': { implementedBy: 'checkGw1723ApvPrecedence', check: checkGw1723ApvPrecedence },
  'GW172-3-ACUTE': { implementedBy: 'checkGw1723Acute', check: checkGw1723Acute },
  'APV-AREA-BAN-ONLY': { implementedBy: 'checkApvAreaBanOnly', check: checkApvAreaBanOnly },
  'APV-MAX-DURATION': { implementedBy: 'checkApvMaxDuration', check: checkApvMaxDuration },
  'APV-ESCALATION-STEP': { implementedBy: 'checkApvEscalationStep', check: checkApvEscalationStep },
  'APV-WITHIN-172A-CAP': { implementedBy: 'checkApvWithin172aCap', check: checkApvWithin172aCap },
  'APV-SHOPLIFTING-24H': { implementedBy: 'shopliftingBanDraft' },
  'GW177-NO-MANDATE': { implementedBy: 'checkGw177NoMandate', check: checkGw177NoMandate },
  'APV-MANDATE': { implementedBy: 'checkApvMandate', check: checkApvMandate },
  'AWB-4-8-HEARING': { implementedBy: 'checkAwb48Hearing', check: checkAwb48Hearing },
  'AWB-3-46-MOTIVATION': { implementedBy: 'checkAwb346Motivation', check: checkAwb346Motivation },
  'AWB-3-47-DEFERRED': { implementedBy: 'checkAwb347Deferred', check: checkAwb347Deferred },
  'AWB-3-41-NOTIFICATION': { implementedBy: 'checkAwb341Notification', check: checkAwb341Notification },
  'AWB-6-7-OBJECTION-TERM': { implementedBy: 'checkAwb67ObjectionTerm', check: checkAwb67ObjectionTerm },
  'AWB-SUSPENSION': { implementedBy: 'checkAwbSuspension', check: checkAwbSuspension },
};

/**
 * The rules about making an order, in catalogue order, each with its id, status, default severity, citation and check
 * (legal-rules.md). For the API and the audit report to list; `checkOrder` runs them in this order.
 */
export const RULES: readonly RuleDefinition[] = ORDER_RULE_IDS.map((id) => ({ ...RULE_META[id], ...CHECKS[id] }));

/**
 * Runs every rule with a check on the context and returns all findings, ordered deterministically: by the rule's place
 * in `rules` (catalogue order by default), then in the order the rule reports them (which follows the order's own
 * arrays). Rules owned elsewhere (e.g. GW172A-ZONE-IN-MUNICIPALITY) join by passing a longer `rules` list.
 */
export function checkOrder(ctx: RuleContext, rules: readonly Pick<RuleDefinition, 'check'>[] = RULES): Finding[] {
  return rules.flatMap((rule) => (rule.check ? rule.check(ctx) : []));
}

/** True when no finding is an error (warnings need an acknowledgement, not a fix). */
export function allowsIssuing(findings: readonly Finding[]): boolean {
  return findings.every((f) => f.severity !== 'error');
}
