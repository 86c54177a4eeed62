import { stringify } from 'csv-stringify/sync';
import type { DossierDto, DossierOrderDto } from './dto/dossier.dto';

const COLUMNS = ['section', 'orderId', 'orderReference', 'version', 'status', 'kind', 'from', 'until', 'reference', 'label', 'detail'] as const;
type Row = Partial<Record<(typeof COLUMNS)[number], string | number>>;

/** The dossier as one CSV table (`Accept: text/csv`): one row per order, version, violation, missed report and the APV step. */
export function dossierCsv(d: DossierDto): string {
  const rows: Row[] = [
    { section: 'PERSON', kind: d.person.municipalityCode, from: d.generatedAt, detail: `${d.person.name} (${d.person.dateOfBirth})` },
    ...d.orders.flatMap(orderRows),
    ...d.violations.map(
      (v): Row => ({
        section: 'VIOLATION', orderId: v.orderId, orderReference: v.orderReference, kind: v.kind, from: v.at, reference: v.reportRef,
        label: v.statutoryLabel, status: v.correctedByViolationId ? `CORRECTED_BY ${v.correctedByViolationId}` : undefined, detail: v.description,
      }),
    ),
    ...d.missedReports.map(
      (s): Row => ({ section: 'MISSED_REPORT', orderId: s.orderId, orderReference: s.orderReference, status: s.status, from: s.startsAt, until: s.endsAt, detail: s.place.name }),
    ),
  ];
  const a = d.apvEscalation;
  if (a) {
    rows.push({ section: 'APV_STEP', version: a.step, label: `art. ${a.article} APV`, from: a.asOf, until: a.maxDuration, detail: `${a.priors.length} prior(s) within ${a.lookBackMonths} months` });
  }
  return stringify(rows, { header: true, columns: [...COLUMNS] });
}

function orderRows(o: DossierOrderDto): Row[] {
  const basis = (o.basis as { kind: string }).kind;
  return [
    { section: 'ORDER', orderId: o.id, orderReference: o.reference, status: o.status, kind: [basis, ...o.measures].join(' '), ...period(o.validity, o.currentEnd) },
    ...o.versions.map(
      (v): Row => ({ section: 'VERSION', orderId: o.id, orderReference: o.reference, version: v.version, status: v.status, kind: v.changeKind, from: v.changedAt, detail: v.reason }),
    ),
  ];
}

function period(validity: unknown, currentEnd: string | undefined): Row {
  const v = validity as { mode: string; start?: string; days?: string[] };
  if (v.mode === 'CONTINUOUS') return { from: v.start, until: currentEnd };
  const days = [...(v.days ?? [])].sort();
  return { from: days[0], until: days.at(-1), detail: `${days.length} separate day(s)` };
}
