import { area, feature, featureCollection, intersect } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import type { DateTime } from 'luxon';
import type { ProsecutorOrder } from '../municipality/municipality-config';
import type { ReportingPlace } from '../order/order';
import type { Finding } from '../shared/finding';
import { parseInstant, parseInstantOrDay, toRfc3339 } from '../time/durations';
import type { RuleContext } from './rule-context';
import { finding, hasText, orderSpan, orderStart, orderUnderCheck, zoneOf } from './rule-helpers';

/**
 * `GW172A-REPORT-ELSEWHERE` (art. 172a lid 4 Gemeentewet): a reporting place in another municipality needs a recorded
 * notice to that municipality's mayor, given timely: not later than the start of the order, and not dated after `now`
 * (a notice still to come is not given). A calendar-day notice counts from the start of that day. No notice is needed
 * for a place in the municipality on whose behalf the order is given (lid 3) when that mayor's request is recorded:
 * the request is that mayor's own knowledge of the order.
 */
export function checkGw172aReportElsewhere(ctx: RuleContext): Finding[] {
  if (ctx.order.basis.kind !== 'GEMW_172A') return [];
  return ctx.order.measures.flatMap((measure, index) =>
    measure.type === 'REPORTING_DUTY' && measure.place ? checkReportingPlace(ctx, measure.place, `measures[${index}].place`) : [],
  );
}

function checkReportingPlace(ctx: RuleContext, place: ReportingPlace, path: string): Finding[] {
  const { basis } = ctx.order;
  if (place.municipalityCode === ctx.municipality.code) return [];
  if (basis.onBehalfOf === place.municipalityCode && hasText(basis.onBehalfOfRequestAt)) return [];
  const where = `Reporting place "${place.name}" lies in ${place.municipalityCode}`;
  if (!hasText(place.noticeToMayorAt)) {
    return [finding(ctx, 'GW172A-REPORT-ELSEWHERE', `${where}: record the notice to that municipality's mayor.`, `${path}.noticeToMayorAt`)];
  }
  const notice = parseInstantOrDay(place.noticeToMayorAt, zoneOf(ctx), 'startOfDay');
  if (notice > parseInstant(ctx.now, zoneOf(ctx))) {
    const message = `${where}: the notice to its mayor is dated ${place.noticeToMayorAt}, which has not yet happened.`;
    return [finding(ctx, 'GW172A-REPORT-ELSEWHERE', message, `${path}.noticeToMayorAt`)];
  }
  const start = orderStart(ctx.order, zoneOf(ctx));
  if (start && notice > start) {
    const message = `${where}: the notice to its mayor (${place.noticeToMayorAt}) must come before the order starts (${toRfc3339(start)}).`;
    return [finding(ctx, 'GW172A-REPORT-ELSEWHERE', message, `${path}.noticeToMayorAt`)];
  }
  return [];
}

/**
 * `GW172A-OVJ-CONFLICT` (art. 172a lid 5 Gemeentewet, art. 509hh Sv): no 172a area ban or group ban for an area where
 * the public prosecutor gave the same person a behavioural order. An error for every zone of such a measure whose
 * geometry overlaps (shares area with; touching edges are no overlap) a recorded prosecutor order that runs at some time
 * during the order's span. Calendar-day `from`/`until` of a prosecutor order are inclusive days. When such a prosecutor
 * order exists but a zone's geometry is missing from `zoneGeometries`, the overlap cannot be ruled out: also an error.
 */
export function checkGw172aOvjConflict(ctx: RuleContext): Finding[] {
  const order = orderUnderCheck(ctx);
  const span = orderSpan(order, zoneOf(ctx));
  if (order.basis.kind !== 'GEMW_172A' || !span) return [];
  const relevant = ctx.municipality.prosecutorOrders.filter(
    (p) => p.personId === order.personId && runsDuring(p, span, zoneOf(ctx)),
  );
  if (relevant.length === 0) return [];
  return order.measures.flatMap((measure, m) =>
    measure.type === 'REPORTING_DUTY'
      ? []
      : (measure.zoneIds ?? []).flatMap((zoneId, z) => zoneConflicts(ctx, zoneId, relevant, `measures[${m}].zoneIds[${z}]`)),
  );
}

function runsDuring(p: ProsecutorOrder, span: { start: DateTime; end: DateTime }, timeZone: string): boolean {
  const from = parseInstantOrDay(p.from, timeZone, 'startOfDay');
  const until = p.until ? parseInstantOrDay(p.until, timeZone, 'endOfDay') : undefined;
  return from < span.end && (until === undefined || span.start < until);
}

function zoneConflicts(ctx: RuleContext, zoneId: string, orders: ProsecutorOrder[], path: string): Finding[] {
  const geometry = ctx.zoneGeometries.get(zoneId);
  if (!geometry) {
    const message = `Zone ${zoneId}: geometry not available, so overlap with the prosecutor's behavioural order cannot be ruled out.`;
    return [finding(ctx, 'GW172A-OVJ-CONFLICT', message, path)];
  }
  return orders
    .filter((p) => areasOverlap(geometry, p.geometry))
    .map((p) => {
      const reference = p.reference ? ` (${p.reference})` : '';
      const message = `Zone ${zoneId} overlaps the area of the prosecutor's behavioural order${reference}; the mayor may not give an area or group ban there.`;
      return finding(ctx, 'GW172A-OVJ-CONFLICT', message, path);
    });
}

/** True when two (multi)polygons share area; a shared edge or corner alone is no overlap. */
export function areasOverlap(a: Polygon | MultiPolygon, b: Polygon | MultiPolygon): boolean {
  const shared = intersect(featureCollection([feature(a), feature(b)]));
  return shared !== null && area(shared) > 0;
}
