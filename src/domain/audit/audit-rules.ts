import type { ZoneGeometry } from '../geometry/zone-geometry';
import { ZONE_IN_MUNICIPALITY, zoneWithinBoundary } from '../geometry/zone-within-boundary';
import type { MunicipalityConfig } from '../municipality/municipality-config';
import type { OrderState } from '../order/order';
import { ORDER_RULE_IDS } from '../rules/catalogue';
import { checkOrder } from '../rules/check-order';
import { checkGw172aAmend } from '../rules/gw172a-lifecycle';
import { buildRuleContext, type RuleContextInput } from '../rules/rule-context';
import type { Finding } from '../shared/finding';

/**
 * The rules as the lawyers' audit re-runs them over stored orders: every rule of the catalogue (action CHECK, at the
 * audit's moment), GW172A-AMEND over every recorded amendment as it was decided, and GW172A-ZONE-IN-MUNICIPALITY over
 * the zone versions the order holds. Same rule functions as the API: nothing is re-encoded here.
 */

/** Every rule id the audit reports on, in catalogue order (the zone rule, owned by the zones, last). */
export const AUDIT_RULE_IDS: readonly string[] = [...ORDER_RULE_IDS, ZONE_IN_MUNICIPALITY];

/** An amendment as recorded: the version it made, the version it replaced, and when it was decided. */
export interface RecordedAmendment {
  version: number;
  decidedAt: string;
  order: OrderState;
  previous: OrderState;
}

/** The catalogue's findings for a stored order (action CHECK): `checkOrder` over the context. */
export function catalogueFindings(input: RuleContextInput): Finding[] {
  return checkOrder(buildRuleContext({ ...input, action: { kind: 'CHECK' } }));
}

/**
 * `GW172A-AMEND` (art. 172a lid 7 and 9 Gemeentewet) over each recorded amendment, judged at the moment it was made.
 * The direction is the one the version recorded (`lastAmendment`); versions from before it was recorded count as in the
 * person's favour, so for them the new-facts demand of a detrimental change (lid 7) is not re-checked.
 */
export function amendmentFindings(amendments: readonly RecordedAmendment[], municipality: MunicipalityConfig): Finding[] {
  return amendments.flatMap((a) => {
    const ctx = buildRuleContext({
      order: { ...a.order, version: a.version },
      municipality,
      now: a.decidedAt,
      action: { kind: 'AMEND', previous: { ...a.previous, version: a.version - 1 }, direction: a.order.lastAmendment?.direction ?? 'FAVOUR' },
    });
    return checkGw172aAmend(ctx).map((f) => ({
      ...f,
      message: `Amendment (version ${a.version}, ${a.decidedAt}): ${f.message}`,
      path: `versions[${a.version}]${f.path ? `.${f.path}` : ''}`,
    }));
  });
}

/**
 * `GW172A-ZONE-IN-MUNICIPALITY` (art. 172a lid 1 and 3 Gemeentewet) for one zone version against the boundary of the
 * municipality it must lie in: null when inside, a warning when no boundary is stored or the zone is missing.
 */
export function zoneInMunicipalityFinding(
  zone: ZoneGeometry | undefined,
  owner: { code: string; boundary?: ZoneGeometry },
  onBehalfOf?: string,
): Finding | null {
  const citation = onBehalfOf ? 'art. 172a lid 3 Gemeentewet' : 'art. 172a lid 1 Gemeentewet';
  if (!zone) return { ruleId: ZONE_IN_MUNICIPALITY, severity: 'warning', message: 'The zone version the order holds was not found', citation };
  if (!owner.boundary) {
    const message = `No boundary is stored for ${owner.code}, so the register could not check that the zone lies within it`;
    return { ruleId: ZONE_IN_MUNICIPALITY, severity: 'warning', message, citation };
  }
  return zoneWithinBoundary(zone, owner.boundary, { municipalityCode: owner.code, onBehalfOf });
}

/**
 * The zone findings of an order: for each zone version of each area or group ban, the finding `check` gives (the
 * caller caches it per zone version and municipality), pointed at `measures[m].zoneIds[z]`.
 */
export function orderZoneFindings(order: OrderState, check: (zoneVersionId: string) => Finding | null): Finding[] {
  return order.measures.flatMap((measure, m) =>
    measure.type === 'REPORTING_DUTY'
      ? []
      : (measure.zoneVersionIds ?? []).flatMap((id, z) => {
          const found = check(id);
          return found ? [{ ...found, path: `measures[${m}].zoneIds[${z}]` }] : [];
        }),
  );
}
