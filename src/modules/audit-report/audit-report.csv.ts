import { stringify } from 'csv-stringify/sync';
import type { AuditOrderDto } from './dto/audit-report.dto';

/**
 * The audit report as CSV for a spreadsheet: UTF-8 with a byte-order mark (so spreadsheets read it as UTF-8), Dutch
 * headers, RFC 4180 quoting (values with commas, quotes or line breaks are quoted, quotes doubled), CRLF line ends,
 * one row per order. The summary block is JSON only: it would break the one-row-per-order shape.
 */

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

const MEASURE: Record<string, string> = { AREA_BAN: 'gebiedsverbod', GROUP_BAN: 'groepsverbod', REPORTING_DUTY: 'meldplicht' };
const MODE: Record<string, string> = { CONTINUOUS: 'doorlopend', SEPARATE_DAYS: 'losse dagen' };
const HEARING: Record<string, string> = {
  VIEW_RECEIVED: 'zienswijze ontvangen',
  NO_VIEW_RECEIVED: 'geen zienswijze ontvangen',
  SKIPPED: 'horen achterwege gelaten',
  AWAITING_VIEW: 'wacht op zienswijze',
  NOT_HEARD: 'niet gehoord',
};
const SEVERITY: Record<string, string> = { error: 'fout', warning: 'waarschuwing' };

type Cell = string | number | null;
type Column = [header: string, value: (o: AuditOrderDto) => Cell];

const list = (values: (string | number)[]): string => values.join('; ');
const yesNo = (b: boolean): string => (b ? 'ja' : 'nee');

const COLUMNS: Column[] = [
  ['Kenmerk', (o) => o.reference],
  ['Besluit-id', (o) => o.orderId],
  ['Gemeente', (o) => o.municipalityCode],
  ['Persoon-id', (o) => o.personId],
  ['Versie', (o) => o.version],
  ['Grondslag', (o) => o.basis.kind],
  ['Grond', (o) => o.basis.ground],
  ['APV-artikel', (o) => o.basis.apvArticle],
  ['Maatregelen', (o) => list(o.measures.map((m) => MEASURE[m] ?? m))],
  ['Modus', (o) => MODE[o.mode] ?? o.mode],
  ['Begin', (o) => o.start],
  ['Einde (met verlengingen)', (o) => o.end],
  ['Einde eerste periode', (o) => o.initialEnd],
  ['Totale duur (dagen)', (o) => o.duration.totalDays],
  ['Totale duur (maanden)', (o) => o.duration.total?.months ?? null],
  ['Aantal verlengingen', (o) => o.extensions.count],
  ['Verlengingen (maanden)', (o) => list(o.extensions.lengths.map((l) => l.months))],
  ['Verlengingen (dagen)', (o) => list(o.extensions.lengths.map((l) => l.days))],
  ['Aantal losse dagen', (o) => o.separateDays?.count ?? null],
  ['Eerste losse dag', (o) => o.separateDays?.firstDay ?? null],
  ['Laatste losse dag', (o) => o.separateDays?.lastDay ?? null],
  ['Venster losse dagen (maanden)', (o) => o.separateDays?.window.months ?? null],
  ['Bekendmaking', (o) => o.notifiedAt],
  ['Wijze van bekendmaking', (o) => o.notificationMethod],
  ['Einde bezwaartermijn', (o) => o.objectionDeadline],
  ['Horen', (o) => (HEARING[o.hearing.status] ?? o.hearing.status) + (o.hearing.skippedGround ? ` (${o.hearing.skippedGround})` : '')],
  ['Voornemen verzonden', (o) => o.hearing.intentSentAt],
  ['Zienswijze ontvangen', (o) => o.hearing.viewReceivedAt],
  ['Motivering volledig', (o) => yesNo(o.motivation.complete)],
  ['Ontbrekende motivering', (o) => list(o.motivation.missing)],
  ['Status', (o) => o.status],
  ['Vastgelegde status', (o) => o.recordedStatus],
  ['Fouten', (o) => o.errors],
  ['Waarschuwingen', (o) => o.warnings],
  ['Regel-ids', (o) => list([...new Set(o.findings.map((f) => f.ruleId))])],
  ['Bevindingen', (o) => o.findings.map((f) => `${f.ruleId} [${SEVERITY[f.severity] ?? f.severity}] ${f.message} (${f.citation})`).join(' | ')],
];

export const CSV_HEADERS: readonly string[] = COLUMNS.map(([header]) => header);

/** A text cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is prefixed with an apostrophe. */
export function neutraliseFormula(value: Cell): Cell {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The orders of the report as CSV text (BOM, header row, one row per order). */
export function toAuditCsv(orders: readonly AuditOrderDto[]): string {
  const rows = orders.map((o) => COLUMNS.map(([, value]) => neutraliseFormula(value(o)) ?? ''));
  return stringify([[...CSV_HEADERS], ...rows], { bom: true, record_delimiter: 'windows' });
}

/**
 * True when the Accept header prefers CSV over JSON: `text/csv` with a quality above that of `application/json`
 * (or of a wildcard standing in for it). No header, or a tie, means JSON.
 */
export function prefersCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  const quality = new Map<string, number>();
  for (const part of accept.split(',')) {
    const [type, ...params] = part.trim().toLowerCase().split(';').map((s) => s.trim());
    const q = params.find((p) => p.startsWith('q='));
    quality.set(type, q ? Number(q.slice(2)) || 0 : 1);
  }
  const csv = quality.get('text/csv') ?? quality.get('text/*') ?? 0;
  const json = quality.get('application/json') ?? quality.get('application/*') ?? quality.get('*/*') ?? 0;
  return csv > 0 && csv > json;
}
