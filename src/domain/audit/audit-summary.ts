import type { BasisKind } from '../order/order';
import type { Finding } from '../shared/finding';

/**
 * The summary block of the lawyers' audit report: how many orders per legal basis, per rule id, and how their
 * durations are distributed. Pure statistics over the report's rows.
 */

export interface SummaryInput {
  basis: BasisKind;
  findings: readonly Finding[];
  /** Total duration in days (continuous period with extensions, or the number of separate days). */
  totalDays: number;
}

export interface RuleCount {
  ruleId: string;
  /** Orders with at least one finding of this rule. */
  orders: number;
  /** Findings of this rule over all orders. */
  findings: number;
  errors: number;
  warnings: number;
}

export interface DurationBucket {
  /** Upper bound in days (inclusive); null for the last, open bucket. */
  upToDays: number | null;
  count: number;
}

export interface DurationStats {
  count: number;
  minDays: number | null;
  medianDays: number | null;
  p90Days: number | null;
  maxDays: number | null;
  meanDays: number | null;
  buckets: DurationBucket[];
}

export interface AuditSummary {
  orders: number;
  perBasis: Record<BasisKind, number>;
  perRuleId: RuleCount[];
  durations: DurationStats;
}

/**
 * Bucket bounds in days: a day, a week, the 14 days of GW172-3-ACUTE, a month, 3 months (GW172A-CONTINUOUS),
 * 6 months, 12 months (GW172A-EXTENSIONS, APV-WITHIN-172A-CAP), and beyond.
 */
export const DURATION_BUCKETS_DAYS: readonly number[] = [1, 7, 14, 31, 92, 183, 366];

/** The nearest-rank percentile `p` (0 < p <= 100) of sorted values, or null when there are none. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Count, min, median, 90th percentile, max, mean and bucket counts of durations in days. */
export function durationStats(days: readonly number[], bounds: readonly number[] = DURATION_BUCKETS_DAYS): DurationStats {
  const sorted = [...days].sort((a, b) => a - b);
  const buckets: DurationBucket[] = [...bounds.map((b) => ({ upToDays: b as number | null, count: 0 })), { upToDays: null, count: 0 }];
  for (const d of sorted) {
    const index = bounds.findIndex((b) => d <= b);
    buckets[index === -1 ? bounds.length : index].count += 1;
  }
  const mean = sorted.length ? Math.round((sorted.reduce((a, b) => a + b, 0) / sorted.length) * 100) / 100 : null;
  return {
    count: sorted.length,
    minDays: sorted[0] ?? null,
    medianDays: percentile(sorted, 50),
    p90Days: percentile(sorted, 90),
    maxDays: sorted[sorted.length - 1] ?? null,
    meanDays: mean,
    buckets,
  };
}

/**
 * Per rule id: orders flagged, findings, errors and warnings. Every id of `ruleIds` is listed (zero counts show the
 * rule was checked), in that order; ids found but not listed follow, sorted.
 */
export function ruleCounts(rows: readonly SummaryInput[], ruleIds: readonly string[]): RuleCount[] {
  const counts = new Map<string, RuleCount>(ruleIds.map((id) => [id, { ruleId: id, orders: 0, findings: 0, errors: 0, warnings: 0 }]));
  const extra: string[] = [];
  for (const row of rows) {
    for (const f of row.findings) {
      if (!counts.has(f.ruleId)) {
        counts.set(f.ruleId, { ruleId: f.ruleId, orders: 0, findings: 0, errors: 0, warnings: 0 });
        extra.push(f.ruleId);
      }
      const c = counts.get(f.ruleId)!;
      c.findings += 1;
      if (f.severity === 'error') c.errors += 1;
      else c.warnings += 1;
    }
    for (const id of new Set(row.findings.map((f) => f.ruleId))) counts.get(id)!.orders += 1;
  }
  return [...ruleIds, ...extra.sort()].map((id) => counts.get(id)!);
}

/** The summary block: orders per basis, counts per rule id, and the distribution of total durations. */
export function summariseAudit(rows: readonly SummaryInput[], ruleIds: readonly string[]): AuditSummary {
  const perBasis: Record<BasisKind, number> = { GEMW_172_3: 0, GEMW_172A: 0, APV: 0 };
  for (const row of rows) perBasis[row.basis] += 1;
  return {
    orders: rows.length,
    perBasis,
    perRuleId: ruleCounts(rows, ruleIds),
    durations: durationStats(rows.map((r) => r.totalDays)),
  };
}
