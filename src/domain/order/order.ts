/**
 * The plain order model the legal rules, the breach evaluation and the letters work on. It mirrors the v1 API
 * payload (issue "Orders"): field names here are the client contract, so keep them.
 */

export type BasisKind = 'GEMW_172_3' | 'GEMW_172A' | 'APV';
export type Ground172a = 'SINGLE_SERIOUS' | 'REPEATED' | 'LEADING_ROLE' | 'PRIVATE_SANCTION';
export type MeasureType = 'AREA_BAN' | 'GROUP_BAN' | 'REPORTING_DUTY';
export type Weekday = 'MON' | 'TUE' | 'WED' | 'THU' | 'FRI' | 'SAT' | 'SUN';
export const WEEKDAYS: readonly Weekday[] = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];

export interface Basis {
  kind: BasisKind;
  ground?: Ground172a;
  /** APV article the order rests on (basis APV), e.g. "2:78". */
  apvArticle?: string;
  /**
   * Step of the APV escalation ladder the order is made at (basis APV; 1 = first ban). When absent the rules take the
   * lowest step whose duration range fits the order (APV-MAX-DURATION, APV-ESCALATION-STEP).
   */
  apvStep?: number;
  /** CBS code of the other mayor on whose request the order is given (art. 172a lid 3). */
  onBehalfOf?: string;
  /** Date the other mayor's request was recorded ("YYYY-MM-DD" or RFC 3339). */
  onBehalfOfRequestAt?: string;
}

/** A weekly wall-clock window in the municipality's zone; `to` <= `from` means it crosses midnight. */
export interface ScheduleWindow {
  days: Weekday[];
  from: string; // "HH:mm"
  to: string; // "HH:mm"
}

/** A reporting-duty slot pattern: on these weekdays at `at` local time, open for `windowMinutes`. */
export interface ReportingSlotPattern {
  days: Weekday[];
  at: string; // "HH:mm"
  windowMinutes: number;
}

export interface ReportingPlace {
  name: string;
  municipalityCode: string;
  position?: { lon: number; lat: number };
  /** When the place lies in another municipality: when that mayor was notified (art. 172a lid 4). */
  noticeToMayorAt?: string;
}

export interface Measure {
  type: MeasureType;
  /** Zone ids (area and group bans). */
  zoneIds?: string[];
  /** Zone version ids the order holds, filled in by the register when the order is saved. */
  zoneVersionIds?: string[];
  /** When absent the measure applies all day, every day of the validity. */
  schedule?: ScheduleWindow[];
  /** Reporting duty: where to report. */
  place?: ReportingPlace;
  /** Reporting duty: when to report (continuous orders); separate-days orders get one slot per order day. */
  slots?: ReportingSlotPattern[];
}

export type Validity =
  | { mode: 'CONTINUOUS'; start: string; end: string } // RFC 3339 instants, half-open [start, end)
  | { mode: 'SEPARATE_DAYS'; days: string[] }; // "YYYY-MM-DD" calendar days in the municipality's zone

export interface Incident {
  at: string;
  description: string;
  serious?: boolean;
  reportRef?: string;
  /** When the incident is a registered violation picked from the register. */
  violationId?: string;
}

export type SignatoryRole = 'MAYOR' | 'ACTING_MAYOR' | 'POLICE' | 'BOA';
export type HearingSkippedGround = 'URGENCY' | 'VIEW_ALREADY_GIVEN' | 'NOTICE_DEFEATS_PURPOSE';

export interface Motivation {
  fear?: string;
  suitability?: string;
  necessity?: string;
  balance?: string;
}

export interface Procedure {
  intentSentAt?: string;
  /** Deadline given in the intent notice for the view. */
  viewDeadline?: string;
  viewReceivedAt?: string;
  /** True when the deadline passed and no view came (recorded, so the hearing is complete). */
  noViewReceived?: boolean;
  hearingSkippedGround?: HearingSkippedGround;
  motivation?: Motivation;
  motivationDeferredUntil?: string;
  signatory: { role: SignatoryRole; name: string };
  notifiedAt?: string;
  notificationMethod?: 'HANDED' | 'MAIL' | 'ELECTRONIC' | 'OTHER';
  /**
   * Last day to object ("YYYY-MM-DD") as stated in the decision, when recorded. AWB-6-7-OBJECTION-TERM checks it against
   * the deadline the registry computes from `notifiedAt`.
   */
  objectionDeadline?: string;
}

/** An extension of a continuous 172a order (art. 172a lid 6 sub a): each a new end with its own motivation. */
export interface Extension {
  decidedAt: string;
  previousEnd: string;
  newEnd: string;
  motivation?: Motivation;
}

/** A temporary exemption (art. 172a lid 8): presence inside its window (and zones, when given) is no breach. */
export interface Exemption {
  id: string;
  from: string;
  until: string;
  zoneIds?: string[];
  conditions?: string;
}

export type OrderStatus =
  | 'DRAFT'
  | 'INTENT_SENT'
  | 'ISSUED'
  | 'EXTENDED'
  | 'AMENDED'
  | 'SUSPENDED'
  | 'WITHDRAWN'
  | 'EXPIRED'
  | 'REVOKED';

/** The order payload as drafted (what `POST /orders` and `POST /order-checks` take). */
export interface OrderDraft {
  municipalityCode: string;
  personId: string;
  basis: Basis;
  measures: Measure[];
  validity: Validity;
  incidents: Incident[];
  procedure: Procedure;
}

/** An order as the register holds it: the draft plus its lifecycle record. */
export interface OrderState extends OrderDraft {
  id?: string;
  version?: number;
  status: OrderStatus;
  extensions: Extension[];
  exemptions: Exemption[];
  /** Court suspensions (interim relief): not in force inside [from, until). */
  suspensions: { from: string; until?: string }[];
  withdrawnAt?: string;
  revokedAt?: string;
  /** Last time the mayor's office recorded a review of the need for the order (GW172A-REVIEW). */
  lastReviewedAt?: string;
  /** The status a court suspension interrupted, restored when the suspension is lifted. */
  statusBeforeSuspension?: OrderStatus;
  /** Objections received (Awb 6:4), with the decision on them when made. */
  objections?: { receivedAt: string; reference?: string; decidedAt?: string; outcome?: 'UPHELD' | 'REJECTED' | 'PARTLY_UPHELD' }[];
  /** Warnings the mayor's office acknowledged, each with its recorded reason. */
  acknowledgements?: { ruleId: string; reason: string; by: string; at: string }[];
  /** Reason for the withdrawal or revocation. */
  endReason?: string;
  /** The latest amendment: whether it changed the order to the person's detriment (lid 7) or favour (lid 9). */
  lastAmendment?: { decidedAt: string; direction: 'DETRIMENT' | 'FAVOUR' };
}

/** What the rules need to know about the person's history (earlier orders and registered violations). */
export interface PersonHistory {
  dateOfBirth?: string; // "YYYY-MM-DD"
  earlierOrders: {
    id: string;
    basisKind: BasisKind;
    apvArticle?: string;
    start: string;
    end: string;
    status: OrderStatus;
    apvStep?: number;
  }[];
  violations: { id: string; at: string; orderId: string; kind: 'AREA_BAN' | 'GROUP_BAN' | 'MISSED_REPORT' }[];
}
