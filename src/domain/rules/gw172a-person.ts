import { DateTime } from 'luxon';
import type { Finding } from '../shared/finding';
import { isCalendarDay, parseInstant } from '../time/durations';
import type { RuleContext } from './rule-context';
import { finding, hasText, motivationDeferred, orderStart, zoneOf } from './rule-helpers';

/** Incidents needed for the ground `REPEATED` ("repeatedly disturbed order"). */
export const MIN_INCIDENTS_REPEATED = 2;
/** Age under which a 172a order gets the GW172A-MINOR warning. */
export const MINOR_AGE = 12;

function is172a(ctx: RuleContext): boolean {
  return ctx.order.basis.kind === 'GEMW_172A';
}

/**
 * `GW172A-GROUND` (art. 172a lid 1 and 2 Gemeentewet): a 172a order names its ground and the recorded facts support
 * it. `REPEATED` needs at least two incidents, `SINGLE_SERIOUS` one incident marked serious, `LEADING_ROLE` and
 * `PRIVATE_SANCTION` at least one recorded incident (the group disturbance, or the stadium ban). Incidents dated after
 * `now` are not facts yet and do not count.
 */
export function checkGw172aGround(ctx: RuleContext): Finding[] {
  if (!is172a(ctx)) return [];
  const ground = ctx.order.basis.ground;
  if (!ground) return [finding(ctx, 'GW172A-GROUND', 'A 172a order needs a ground (art. 172a lid 1 or 2).', 'basis.ground')];
  const now = parseInstant(ctx.now, zoneOf(ctx));
  const facts = ctx.order.incidents.filter((incident) => parseInstant(incident.at, zoneOf(ctx)) <= now);
  if (ground === 'REPEATED' && facts.length < MIN_INCIDENTS_REPEATED) {
    const message = `Ground REPEATED needs at least ${MIN_INCIDENTS_REPEATED} recorded incidents; ${facts.length} recorded.`;
    return [finding(ctx, 'GW172A-GROUND', message, 'incidents')];
  }
  if (ground === 'SINGLE_SERIOUS' && !facts.some((incident) => incident.serious === true)) {
    return [finding(ctx, 'GW172A-GROUND', 'Ground SINGLE_SERIOUS needs a recorded incident marked serious.', 'incidents')];
  }
  if (facts.length === 0) {
    return [finding(ctx, 'GW172A-GROUND', `Ground ${ground} needs at least one recorded incident supporting it.`, 'incidents')];
  }
  return [];
}

/**
 * `GW172A-FEAR` (art. 172a lid 1 Gemeentewet): the motivation of a 172a order states the serious fear of further
 * disturbance (`procedure.motivation.fear`). While a motivation is validly deferred for urgency (Awb 3:47, see
 * `AWB-3-47-DEFERRED`) its absence is not yet a finding here. Extensions carry their own fear (`GW172A-EXTENSIONS`).
 */
export function checkGw172aFear(ctx: RuleContext): Finding[] {
  if (!is172a(ctx) || hasText(ctx.order.procedure.motivation?.fear) || motivationDeferred(ctx)) return [];
  const message = 'The motivation must state the serious fear of further disturbance ("ernstige vrees voor verdere verstoring").';
  return [finding(ctx, 'GW172A-FEAR', message, 'procedure.motivation.fear')];
}

/**
 * `GW172A-MINOR` (policy; art. 172b Gemeentewet): a 172a order for a person younger than 12 on the order's first day
 * (in the municipality's zone) gets a warning: for under-12s the law has the order to the parent (art. 172b). A person
 * is 12 from the 12th birthday on.
 */
export function checkGw172aMinor(ctx: RuleContext): Finding[] {
  const dateOfBirth = ctx.history.dateOfBirth;
  if (!is172a(ctx) || !dateOfBirth || !isCalendarDay(dateOfBirth)) return [];
  const start = orderStart(ctx.order, zoneOf(ctx));
  if (!start) return [];
  const twelfthBirthday = DateTime.fromISO(dateOfBirth, { zone: 'UTC' }).plus({ years: MINOR_AGE }).toISODate() as string;
  if ((start.toISODate() as string) >= twelfthBirthday) return [];
  const message = `The person is under ${MINOR_AGE} when the order starts; consider an order to the parent (art. 172b).`;
  return [finding(ctx, 'GW172A-MINOR', message, 'personId')];
}
