import type { Severity } from '../shared/finding';

/**
 * The rules about making an order, as listed in shared/domain/legal-rules.md. The ids are stable: lawyers read
 * findings by them. The order of this list is the order in which `checkOrder` reports findings.
 */
export const ORDER_RULE_IDS = [
  'GW172A-GROUND',
  'GW172A-FEAR',
  'GW172A-CONTINUOUS',
  'GW172A-EXTENSIONS',
  'GW172A-SEPARATE-DAYS',
  'GW172A-REPORT-ELSEWHERE',
  'GW172A-OVJ-CONFLICT',
  'GW172A-AMEND',
  'GW172A-EXEMPTION',
  'GW172A-REVIEW',
  'GW172A-MINOR',
  'GW172-3-APV-PRECEDENCE',
  'GW172-3-ACUTE',
  'APV-AREA-BAN-ONLY',
  'APV-MAX-DURATION',
  'APV-ESCALATION-STEP',
  'APV-WITHIN-172A-CAP',
  'APV-SHOPLIFTING-24H',
  'GW177-NO-MANDATE',
  'APV-MANDATE',
  'AWB-4-8-HEARING',
  'AWB-3-46-MOTIVATION',
  'AWB-3-47-DEFERRED',
  'AWB-3-41-NOTIFICATION',
  'AWB-6-7-OBJECTION-TERM',
  'AWB-SUSPENSION',
] as const;

export type OrderRuleId = (typeof ORDER_RULE_IDS)[number];

/** Status column of the catalogue: `policy` rules are warnings unless a municipality configures them as errors. */
export type RuleStatus = 'law' | 'case' | 'law/case' | 'policy';

export interface RuleMeta {
  id: OrderRuleId;
  status: RuleStatus;
  /** Severity of the rule's findings before municipal configuration. */
  severity: Severity;
  /** The article or case law the rule encodes (the `citation` of its findings). */
  citation: string;
  /** One line for lists and the audit report. */
  title: string;
}

const GW = 'Gemeentewet';

/** Status, default severity, citation and title of each rule id (legal-rules.md), keyed by rule id. */
export const RULE_META: Readonly<Record<OrderRuleId, RuleMeta>> = {
  'GW172A-GROUND': {
    id: 'GW172A-GROUND',
    status: 'law',
    severity: 'error',
    citation: `art. 172a lid 1 en 2 ${GW}`,
    title: 'A 172a order needs a ground that the recorded facts support',
  },
  'GW172A-FEAR': {
    id: 'GW172A-FEAR',
    status: 'law',
    severity: 'error',
    citation: `art. 172a lid 1 ${GW}`,
    title: 'The motivation states the serious fear of further disturbance',
  },
  'GW172A-CONTINUOUS': {
    id: 'GW172A-CONTINUOUS',
    status: 'law',
    severity: 'error',
    citation: `art. 172a lid 6 sub a ${GW}`,
    title: 'Continuous mode: initial period at most 3 months',
  },
  'GW172A-EXTENSIONS': {
    id: 'GW172A-EXTENSIONS',
    status: 'law',
    severity: 'error',
    citation: `art. 172a lid 6 sub a ${GW}`,
    title: 'At most 3 extensions of at most 3 months, each motivated and decided while the order runs',
  },
  'GW172A-SEPARATE-DAYS': {
    id: 'GW172A-SEPARATE-DAYS',
    status: 'law',
    severity: 'error',
    citation: `art. 172a lid 6 sub b ${GW}`,
    title: 'Separate-days mode: at most 90 days within at most 24 months',
  },
  'GW172A-REPORT-ELSEWHERE': {
    id: 'GW172A-REPORT-ELSEWHERE',
    status: 'law',
    severity: 'error',
    citation: `art. 172a lid 4 ${GW}`,
    title: 'A reporting place in another municipality needs a timely notice to its mayor',
  },
  'GW172A-OVJ-CONFLICT': {
    id: 'GW172A-OVJ-CONFLICT',
    status: 'law',
    severity: 'error',
    citation: `art. 172a lid 5 ${GW}; art. 509hh Wetboek van Strafvordering`,
    title: 'No area or group ban over an area of a prosecutor behavioural order',
  },
  'GW172A-AMEND': {
    id: 'GW172A-AMEND',
    status: 'law',
    severity: 'error',
    citation: `art. 172a lid 7 en 9 ${GW}`,
    title: 'Every amendment is a new version with its own motivation',
  },
  'GW172A-EXEMPTION': {
    id: 'GW172A-EXEMPTION',
    status: 'law',
    severity: 'error',
    citation: `art. 172a lid 8 ${GW}`,
    title: 'A temporary exemption within the order, for its own zones',
  },
  'GW172A-REVIEW': {
    id: 'GW172A-REVIEW',
    status: 'policy',
    severity: 'warning',
    citation: `art. 172a lid 9 ${GW} (registry policy)`,
    title: 'An active 172a order is reviewed at least every 4 weeks',
  },
  'GW172A-MINOR': {
    id: 'GW172A-MINOR',
    status: 'policy',
    severity: 'warning',
    citation: `art. 172b ${GW} (registry policy)`,
    title: 'A 172a order for a person under 12: consider art. 172b',
  },
  'GW172-3-APV-PRECEDENCE': {
    id: 'GW172-3-APV-PRECEDENCE',
    status: 'case',
    severity: 'error',
    citation: `art. 172 lid 3 ${GW}; APV area-ban provision (toolbox)`,
    title: 'No 172(3) area ban where the APV has an area-ban provision',
  },
  'GW172-3-ACUTE': {
    id: 'GW172-3-ACUTE',
    status: 'case',
    severity: 'warning',
    citation: `art. 172 lid 3 ${GW} (case law)`,
    title: 'A 172(3) area ban answers an acute threat: at most 14 days',
  },
  'APV-AREA-BAN-ONLY': {
    id: 'APV-AREA-BAN-ONLY',
    status: 'law/case',
    severity: 'error',
    citation: 'APV area-ban article; art. 172a Gemeentewet',
    title: 'An APV order is an area ban only',
  },
  'APV-MAX-DURATION': {
    id: 'APV-MAX-DURATION',
    status: 'law',
    severity: 'error',
    citation: 'APV area-ban article (escalation ladder)',
    title: 'Duration within the APV ladder step',
  },
  'APV-ESCALATION-STEP': {
    id: 'APV-ESCALATION-STEP',
    status: 'law',
    severity: 'error',
    citation: 'APV area-ban article (escalation ladder, look-back)',
    title: 'A higher ladder step needs recorded prior bans within the look-back',
  },
  'APV-WITHIN-172A-CAP': {
    id: 'APV-WITHIN-172A-CAP',
    status: 'case',
    severity: 'error',
    citation: 'ABRvS 26 februari 2025, ECLI:NL:RVS:2025:772',
    title: 'An APV ban never goes beyond 12 continuous months',
  },
  'APV-SHOPLIFTING-24H': {
    id: 'APV-SHOPLIFTING-24H',
    status: 'policy',
    severity: 'warning',
    citation: 'APV area-ban article, step 1 (toolbox 3.2)',
    title: 'Template: standard 24-hour ban after shop theft',
  },
  'GW177-NO-MANDATE': {
    id: 'GW177-NO-MANDATE',
    status: 'law',
    severity: 'error',
    citation: `art. 177 lid 2 ${GW}`,
    title: 'Only the (acting) mayor signs 172(3) and 172a orders',
  },
  'APV-MANDATE': {
    id: 'APV-MANDATE',
    status: 'law',
    severity: 'error',
    citation: 'titel 10.1.1 Awb (mandaat); APV area-ban article',
    title: 'Police or boa issue APV orders only under a recorded mandate',
  },
  'AWB-4-8-HEARING': {
    id: 'AWB-4-8-HEARING',
    status: 'law',
    severity: 'error',
    citation: 'art. 4:8 en 4:11 Awb',
    title: 'The person may give a view before the order, unless a 4:11 ground is recorded',
  },
  'AWB-3-46-MOTIVATION': {
    id: 'AWB-3-46-MOTIVATION',
    status: 'law',
    severity: 'error',
    citation: 'art. 3:46, 3:47 en 3:4 Awb; ABRvS 2 februari 2022, ECLI:NL:RVS:2022:285',
    title: 'Motivation, legal basis and proportionality test',
  },
  'AWB-3-47-DEFERRED': {
    id: 'AWB-3-47-DEFERRED',
    status: 'law',
    severity: 'error',
    citation: 'art. 3:47 lid 3 en 4 Awb',
    title: 'A motivation deferred for urgency follows within one week',
  },
  'AWB-3-41-NOTIFICATION': {
    id: 'AWB-3-41-NOTIFICATION',
    status: 'law',
    severity: 'error',
    citation: 'art. 3:40 en 3:41 Awb',
    title: 'An order takes effect only once notified; date and method recorded',
  },
  'AWB-6-7-OBJECTION-TERM': {
    id: 'AWB-6-7-OBJECTION-TERM',
    status: 'law',
    severity: 'error',
    citation: 'art. 6:7 en 6:8 Awb; art. 1 en 3 Algemene termijnenwet',
    title: 'Objection term of 6 weeks, extended past weekends and holidays',
  },
  'AWB-SUSPENSION': {
    id: 'AWB-SUSPENSION',
    status: 'law',
    severity: 'error',
    citation: 'art. 8:81 Awb (voorlopige voorziening); art. 7:11 Awb',
    title: 'A suspended or revoked order is not in force',
  },
};
