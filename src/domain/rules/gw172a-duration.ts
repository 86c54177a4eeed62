import type { Extension, OrderState } from '../order/order';
import type { Finding } from '../shared/finding';
import {
  addDaysToDay,
  addMonths,
  distinctCalendarDays,
  isBefore,
  isWithinMonthWindow,
  isWithinMonths,
  monthWindowEnd,
  parseInstant,
} from '../time/durations';
import type { RuleContext } from './rule-context';
import {
  currentEnd,
  extensionPath,
  finding,
  hasText,
  initialEnd,
  orderUnderCheck,
  ruleNumbers,
  zoneOf,
} from './rule-helpers';

function isContinuous172a(order: OrderState): boolean {
  return order.basis.kind === 'GEMW_172A' && order.validity.mode === 'CONTINUOUS';
}

function sameInstant(a: string, b: string): boolean {
  return parseInstant(a, 'UTC').toMillis() === parseInstant(b, 'UTC').toMillis();
}

/**
 * `GW172A-CONTINUOUS` (art. 172a lid 6 sub a Gemeentewet): the initial period of a continuous 172a order lasts at most
 * `gw172a.initialMaxMonths` (3) calendar months in the municipality's zone, with an exact boundary (3 months passes,
 * 3 months and 1 minute fails), and ends after it starts. The initial end is the first extension's `previousEnd` when
 * the order was extended (see `initialEnd`), so an extended order is not mistaken for a long initial period.
 */
export function checkGw172aContinuous(ctx: RuleContext): Finding[] {
  const order = ctx.order;
  if (!isContinuous172a(order) || order.validity.mode !== 'CONTINUOUS') return [];
  const start = order.validity.start;
  const end = initialEnd(order) as string;
  const months = ruleNumbers(ctx)['gw172a.initialMaxMonths'];
  if (!isBefore(start, end)) {
    return [finding(ctx, 'GW172A-CONTINUOUS', 'The period must end after it starts.', 'validity.end')];
  }
  if (isWithinMonths(start, end, months, zoneOf(ctx))) return [];
  const latest = addMonths(start, months, zoneOf(ctx));
  const message = `The initial period may last at most ${months} months: it ends ${end}, the latest allowed end is ${latest}.`;
  return [finding(ctx, 'GW172A-CONTINUOUS', message, 'validity.end')];
}

/**
 * `GW172A-EXTENSIONS` (art. 172a lid 6 sub a Gemeentewet), over the recorded extensions and, at action EXTEND, the
 * proposed one: only a continuous 172a order is extended; at most `gw172a.maxExtensions` (3) extensions; each follows
 * on the previous end, lasts at most `gw172a.extensionMaxMonths` (3) months, states the fear that still exists, and is
 * decided while the order still runs (strictly before the end it extends, and before any withdrawal or revocation:
 * an ended order needs a new order). The total never exceeds the initial plus all extension months (12) from the start.
 */
export function checkGw172aExtensions(ctx: RuleContext): Finding[] {
  const order = orderUnderCheck(ctx);
  if (order.extensions.length === 0) return [];
  if (!isContinuous172a(order)) {
    return [finding(ctx, 'GW172A-EXTENSIONS', 'Only a continuous 172a order can be extended; make a new order.', 'extensions')];
  }
  const max = ruleNumbers(ctx)['gw172a.maxExtensions'];
  const findings: Finding[] = [];
  order.extensions.forEach((extension, index) => {
    if (index >= max) {
      const message = `At most ${max} extensions are allowed; this is extension ${index + 1}.`;
      findings.push(finding(ctx, 'GW172A-EXTENSIONS', message, extensionPath(ctx, index)));
    }
    findings.push(...checkExtension(ctx, order, extension, index));
  });
  return [...findings, ...checkExtensionTotal(ctx, order)];
}

function checkExtension(ctx: RuleContext, order: OrderState, extension: Extension, index: number): Finding[] {
  const path = extensionPath(ctx, index);
  const months = ruleNumbers(ctx)['gw172a.extensionMaxMonths'];
  const findings: Finding[] = [];
  const add = (message: string, suffix = '') => findings.push(finding(ctx, 'GW172A-EXTENSIONS', message, path + suffix));
  if (!followsOnPrevious(ctx, order, index)) add('The extension must start at the end of the period it extends.', '.previousEnd');
  if (!isBefore(extension.previousEnd, extension.newEnd)) add('The new end must be after the previous end.', '.newEnd');
  else if (!isWithinMonths(extension.previousEnd, extension.newEnd, months, zoneOf(ctx))) {
    add(`An extension may last at most ${months} months (latest new end ${addMonths(extension.previousEnd, months, zoneOf(ctx))}).`, '.newEnd');
  }
  const endedAt = endedBefore(order, extension);
  if (endedAt !== undefined) {
    add(`The extension was decided at ${extension.decidedAt}, after the order ended (${endedAt}); an ended order cannot be extended, a new order is needed.`, '.decidedAt');
  }
  if (!hasText(extension.motivation?.fear)) add('Each extension needs its own motivation showing the serious fear still exists.', '.motivation.fear');
  return findings;
}

/** The first extension follows the initial end (`validity.end`, or the last recorded end when the register moves it). */
function followsOnPrevious(ctx: RuleContext, order: OrderState, index: number): boolean {
  const extension = order.extensions[index];
  if (index > 0) return sameInstant(extension.previousEnd, order.extensions[index - 1].newEnd);
  if (order.validity.mode !== 'CONTINUOUS') return false;
  const recordedEnd = currentEnd(ctx.order) as string;
  return sameInstant(extension.previousEnd, order.validity.end) || (ctx.order.extensions.length > 0 && sameInstant(order.validity.end, recordedEnd));
}

/** The instant the order had ended by when `extension` was decided, or undefined when it was still running. */
function endedBefore(order: OrderState, extension: Extension): string | undefined {
  const endings = [extension.previousEnd, order.withdrawnAt, order.revokedAt].filter((t): t is string => t !== undefined);
  return endings.find((end) => !isBefore(extension.decidedAt, end));
}

function checkExtensionTotal(ctx: RuleContext, order: OrderState): Finding[] {
  if (order.validity.mode !== 'CONTINUOUS') return [];
  const n = ruleNumbers(ctx);
  const totalMonths = n['gw172a.initialMaxMonths'] + n['gw172a.maxExtensions'] * n['gw172a.extensionMaxMonths'];
  const end = currentEnd(order) as string;
  if (isWithinMonths(order.validity.start, end, totalMonths, zoneOf(ctx))) return [];
  const message = `With its extensions the order may last at most ${totalMonths} months from its start; it ends ${end}.`;
  return [finding(ctx, 'GW172A-EXTENSIONS', message, 'extensions')];
}

/**
 * `GW172A-SEPARATE-DAYS` (art. 172a lid 6 sub b Gemeentewet): a separate-days 172a order names at least one day, at
 * most `gw172a.separateDaysMax` (90) distinct calendar days, all within one window of `gw172a.separateDaysWindowMonths`
 * (24) months from the first day (the 24 months end where the first day + 24 months begins: 24 months passes, 24 months
 * and 1 day fails). A day listed twice counts once. Mixing modes is impossible by the `Validity` type.
 */
export function checkGw172aSeparateDays(ctx: RuleContext): Finding[] {
  const { basis, validity } = ctx.order;
  if (basis.kind !== 'GEMW_172A' || validity.mode !== 'SEPARATE_DAYS') return [];
  const n = ruleNumbers(ctx);
  const days = distinctCalendarDays(validity.days, zoneOf(ctx));
  if (days.length === 0) return [finding(ctx, 'GW172A-SEPARATE-DAYS', 'A separate-days order names at least one day.', 'validity.days')];
  const findings: Finding[] = [];
  if (days.length > n['gw172a.separateDaysMax']) {
    const message = `At most ${n['gw172a.separateDaysMax']} separate days are allowed; the order names ${days.length} distinct days.`;
    findings.push(finding(ctx, 'GW172A-SEPARATE-DAYS', message, 'validity.days'));
  }
  const months = n['gw172a.separateDaysWindowMonths'];
  if (!isWithinMonthWindow(days, months)) {
    const lastAllowed = addDaysToDay(monthWindowEnd(days[0], months), -1);
    const message = `All days must lie within ${months} months: the first day is ${days[0]}, so the last allowed day is ${lastAllowed}, but the order runs to ${days[days.length - 1]}.`;
    findings.push(finding(ctx, 'GW172A-SEPARATE-DAYS', message, 'validity.days'));
  }
  return findings;
}
