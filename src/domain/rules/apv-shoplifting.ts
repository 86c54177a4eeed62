import type { MunicipalityConfig } from '../municipality/municipality-config';
import type { HearingSkippedGround, Incident, Motivation, OrderDraft, Procedure } from '../order/order';
import { DomainError } from '../shared/domain-error';
import { addIsoDuration } from '../time/durations';
import { sortedLadder } from './apv-ladder';

/** The standard duration of the shop-theft ban: 24 elapsed hours. */
export const SHOPLIFTING_BAN_DURATION = 'PT24H';

export interface ShopliftingBanInput {
  municipality: MunicipalityConfig;
  personId: string;
  /** The zone(s) of the shopping area. */
  shoppingAreaZoneIds: string[];
  /** Start of the ban, RFC 3339 (normally the moment it is handed over). */
  start: string;
  /** The shop theft, with the police report reference when there is one. */
  incident: Incident;
  signatory: Procedure['signatory'];
  motivation?: Motivation;
  /** Defaults to `URGENCY`: the ban is handed over on the spot (Awb 4:11 sub a); override when a hearing was held. */
  hearingSkippedGround?: HearingSkippedGround | null;
  notifiedAt?: string;
  notificationMethod?: Procedure['notificationMethod'];
}

/**
 * `APV-SHOPLIFTING-24H` (policy; toolbox 3.2 and the municipality's APV area-ban article): builds the standard draft
 * after shop theft: an ordinary APV step-1 area ban of the shopping area for 24 elapsed hours from `start`, on the
 * configured APV article. It is a template, not a check: the draft goes through `checkOrder` like any other (a
 * municipality whose step 1 allows less than 24 hours gets an APV-MAX-DURATION error there). Throws
 * `DomainError('INVALID_INPUT')` when the municipality has no APV area-ban provision or no zone is given.
 */
export function shopliftingBanDraft(input: ShopliftingBanInput): OrderDraft {
  const apv = input.municipality.apv;
  if (!apv) throw new DomainError('INVALID_INPUT', `${input.municipality.name} has no APV area-ban provision configured.`);
  if (input.shoppingAreaZoneIds.length === 0) throw new DomainError('INVALID_INPUT', 'The shopping area needs at least one zone.');
  const end = addIsoDuration(input.start, SHOPLIFTING_BAN_DURATION, input.municipality.timeZone);
  const procedure: Procedure = { signatory: input.signatory };
  const ground = input.hearingSkippedGround === undefined ? 'URGENCY' : input.hearingSkippedGround;
  if (ground) procedure.hearingSkippedGround = ground;
  if (input.motivation) procedure.motivation = input.motivation;
  if (input.notifiedAt) procedure.notifiedAt = input.notifiedAt;
  if (input.notificationMethod) procedure.notificationMethod = input.notificationMethod;
  return {
    municipalityCode: input.municipality.code,
    personId: input.personId,
    basis: { kind: 'APV', apvArticle: apv.article, apvStep: sortedLadder(apv)[0]?.step ?? 1 },
    measures: [{ type: 'AREA_BAN', zoneIds: [...input.shoppingAreaZoneIds] }],
    validity: { mode: 'CONTINUOUS', start: input.start, end },
    incidents: [input.incident],
    procedure,
  };
}
