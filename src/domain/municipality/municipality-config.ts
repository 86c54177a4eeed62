import type { MultiPolygon, Polygon } from 'geojson';

/** One step of an APV escalation ladder (e.g. Maashorst 2:78: step 1 ≤ 24 hours; step 2 ≤ 4 weeks). */
export interface ApvLadderStep {
  step: number;
  /** Maximum duration of a ban at this step, ISO 8601 duration ("PT24H", "P4W", "P3M"). */
  maxDuration: string;
  /** Minimum duration at this step, if the APV sets one (e.g. older model step 2: 48 hours–4 weeks). */
  minDuration?: string;
}

/** The municipality's own APV area-ban provision (the article differs per municipality: never a constant). */
export interface ApvAreaBanConfig {
  /** APV article, e.g. "2:78". */
  article: string;
  ladder: ApvLadderStep[];
  /** How far back earlier bans or violations count for a higher ladder step (months; often 6). */
  lookBackMonths: number;
}

/** A mandate recorded by the mayor: who may issue APV orders on the mayor's behalf, for which article, when. */
export interface ApvMandate {
  holderRole: 'POLICE' | 'BOA';
  /** Name or unit of the mandate holder; optional when the mandate covers the whole role. */
  holderName?: string;
  apvArticle: string;
  /** Validity of the mandate, "YYYY-MM-DD" (inclusive); `until` open-ended when absent. */
  from: string;
  until?: string;
}

/** A recorded behavioural order of the public prosecutor (art. 509hh Sv) for `GW172A-OVJ-CONFLICT`. */
export interface ProsecutorOrder {
  personId: string;
  /** GeoJSON Polygon or MultiPolygon in CRS84. */
  geometry: Polygon | MultiPolygon;
  from: string;
  until?: string;
  reference?: string;
}

/** Configurable numbers of the rule catalogue ("Configurable numbers (defaults)"). */
export interface RuleNumbers {
  'gw172a.initialMaxMonths': number;
  'gw172a.maxExtensions': number;
  'gw172a.extensionMaxMonths': number;
  'gw172a.separateDaysMax': number;
  'gw172a.separateDaysWindowMonths': number;
  'gw172_3.warnAfterDays': number;
  'review.warnAfterWeeks': number;
  'retention.years': number;
}

export const DEFAULT_RULE_NUMBERS: RuleNumbers = {
  'gw172a.initialMaxMonths': 3,
  'gw172a.maxExtensions': 3,
  'gw172a.extensionMaxMonths': 3,
  'gw172a.separateDaysMax': 90,
  'gw172a.separateDaysWindowMonths': 24,
  'gw172_3.warnAfterDays': 14,
  'review.warnAfterWeeks': 4,
  'retention.years': 5,
};

/** Everything the rules need to know about the municipality an order is made in. */
export interface MunicipalityConfig {
  /** CBS code, e.g. "GM1706". */
  code: string;
  name: string;
  /** IANA time zone for wall-clock rules, normally "Europe/Amsterdam". */
  timeZone: string;
  /** Simplified municipal boundary (CRS84), for `GW172A-ZONE-IN-MUNICIPALITY`. */
  boundary?: Polygon | MultiPolygon;
  apv?: ApvAreaBanConfig;
  mandates: ApvMandate[];
  prosecutorOrders: ProsecutorOrder[];
  /** Overrides of the default numbers; missing keys take `DEFAULT_RULE_NUMBERS`. */
  numbers: Partial<RuleNumbers>;
  /** Extra generally recognised holidays ("YYYY-MM-DD") added by Royal Decree (Atw art. 3 lid 3). */
  extraHolidays: string[];
  /** Rule ids of `policy` rules this municipality configured as errors instead of warnings. */
  policyRulesAsErrors: string[];
}
