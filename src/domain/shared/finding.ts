/** Severity of a rule finding: errors block issuing, warnings need an acknowledgement with a reason. */
export type Severity = 'error' | 'warning';

/** One answer of a legal rule about an order, keyed by the stable rule id of `shared/domain/legal-rules.md`. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  /** Human-readable explanation (English; the letters and pages translate by rule id). */
  message: string;
  /** The article or case law the rule encodes, e.g. "art. 172a lid 6 sub a Gemeentewet". */
  citation: string;
  /** Optional pointer into the order payload the finding is about, e.g. "validity.end" or "measures[1]". */
  path?: string;
}
