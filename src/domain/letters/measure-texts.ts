import { SEPARATE_DAY_DEFAULT } from '../reporting/slots';
import { WEEKDAYS, type Measure, type OrderState, type ReportingSlotPattern, type ScheduleWindow } from '../order/order';
import { initialEnd } from '../rules/rule-helpers';
import { dutchDateTime, dutchDay, dutchList, dutchTimeWindow, dutchWeekdays } from './dutch-format';
import { MEASURE_NAME } from './legal-texts';
import type { LetterZone } from './letter-model';

/** The Dutch sentences for an order's measures, validity and reporting duty. */

/** "op vrijdag en zaterdag van 20:00 tot 06:00 uur (de volgende dag)"; no schedule is "de hele dag". */
export function scheduleText(schedule: ScheduleWindow[] | undefined): string {
  if (!schedule?.length) return 'de hele dag (24 uur per dag)';
  return dutchList(schedule.map((w) => `op ${dutchWeekdays(w.days)} ${dutchTimeWindow(w.from, w.to)}`));
}

/** The zone names a measure holds, from the zone versions pinned on it (falling back to its zone ids). */
export function measureZoneNames(measure: Measure, zones: readonly LetterZone[]): string[] {
  const ids = measure.zoneVersionIds ?? [];
  const byVersion = new Map(zones.map((z) => [z.zoneVersionId, z]));
  if (ids.length) return ids.map((id) => zoneLabel(byVersion.get(id), id));
  return (measure.zoneIds ?? []).map((id) => `gebied ${id}`);
}

function zoneLabel(zone: LetterZone | undefined, id: string): string {
  return zone ? `"${zone.name}" (kaart, versie ${zone.version})` : `gebied ${id}`;
}

/** One list item per measure: what the person may not do, or must do, and when. */
export function measureItem(measure: Measure, zones: readonly LetterZone[]): string {
  const where = dutchList(measureZoneNames(measure, zones));
  const when = scheduleText(measure.schedule);
  switch (measure.type) {
    case 'AREA_BAN':
      return `${MEASURE_NAME.AREA_BAN}: het is u verboden zich te bevinden in het gebied ${where}, ${when}.`;
    case 'GROUP_BAN':
      return `${MEASURE_NAME.GROUP_BAN}: het is u verboden zich in het gebied ${where} zonder redelijk doel met meer dan drie andere personen in groepsverband op te houden op een openbare plaats, ${when}.`;
    case 'REPORTING_DUTY':
      return `${MEASURE_NAME.REPORTING_DUTY}: u moet zich persoonlijk melden bij ${measure.place?.name ?? '(meldplaats niet vastgelegd)'}; zie "Meldplicht" hieronder.`;
  }
}

/** The validity paragraphs: a continuous period (with its extensions) or the list of separate days. */
export function validityParagraphs(order: OrderState, timeZone: string): { paragraphs: string[]; items?: string[] } {
  const v = order.validity;
  if (v.mode === 'SEPARATE_DAYS') {
    const days = [...new Set(v.days)].sort();
    return {
      paragraphs: [
        `Dit bevel geldt op ${days.length} afzonderlijke ${days.length === 1 ? 'dag' : 'dagen'} (artikel 172a, zesde lid, onder b, Gemeentewet), telkens van 00:00 tot 24:00 uur:`,
      ],
      items: days.map((d) => dutchDay(d, timeZone)),
    };
  }
  const paragraphs = [`Dit bevel geldt van ${dutchDateTime(v.start, timeZone)} tot ${dutchDateTime(initialEnd(order) ?? v.end, timeZone)}.`];
  if (order.extensions.length === 0) return { paragraphs };
  paragraphs.push('Het bevel is verlengd (artikel 172a, zesde lid, onder a, Gemeentewet):');
  const items = order.extensions.map((e, i) => `verlenging ${i + 1}, besloten op ${dutchDay(e.decidedAt, timeZone)}: tot ${dutchDateTime(e.newEnd, timeZone)}`);
  return { paragraphs, items };
}

/** Reporting-duty items: where and when to report, per reporting measure. */
export function reportingItems(order: OrderState, timeZone: string): string[] {
  return order.measures
    .filter((m) => m.type === 'REPORTING_DUTY')
    .flatMap((m) => {
      const place = m.place?.name ?? '(meldplaats niet vastgelegd)';
      return slotTexts(order, m.slots ?? [], timeZone).map((when) => `Bij ${place}: ${when}.`);
    });
}

function slotText(p: Pick<ReportingSlotPattern, 'at' | 'windowMinutes'>): string {
  return `om ${p.at} uur (u kunt zich melden tot ${p.windowMinutes} minuten na dat tijdstip)`;
}

/**
 * Continuous orders report on every weekday a pattern names; separate-days orders once per order day, at the first
 * pattern naming that weekday, else the first pattern, else 12:00 (the rule of `domain/reporting/slots.ts`).
 */
function slotTexts(order: OrderState, patterns: ReportingSlotPattern[], timeZone: string): string[] {
  if (order.validity.mode === 'CONTINUOUS') {
    return patterns.length ? patterns.map((p) => `elke ${dutchWeekdays(p.days)} ${slotText(p)}`) : ['(geen meldtijden vastgelegd)'];
  }
  const days = [...new Set(order.validity.days)].sort();
  if (days.length === 0) return ['(geen dagen vastgelegd)'];
  const perDay = days.map((d) => ({ day: d, pattern: separateDayPattern(d, patterns) }));
  const distinct = new Set(perDay.map((x) => `${x.pattern.at}/${x.pattern.windowMinutes}`));
  if (distinct.size === 1) return [`op elke dag waarop dit bevel geldt ${slotText(perDay[0].pattern)}`];
  return perDay.map((x) => `op ${dutchDay(x.day, timeZone)} ${slotText(x.pattern)}`);
}

function separateDayPattern(day: string, patterns: ReportingSlotPattern[]): Pick<ReportingSlotPattern, 'at' | 'windowMinutes'> {
  const weekday = WEEKDAYS[(new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7];
  return patterns.find((p) => p.days.includes(weekday)) ?? patterns[0] ?? SEPARATE_DAY_DEFAULT;
}
