import type { MultiPolygon, Polygon } from 'geojson';
import type { MunicipalityConfig } from '../municipality/municipality-config';
import type { Exemption, Extension, OrderDraft, OrderState, PersonHistory } from '../order/order';

/** Whether an amendment changes the order to the person's detriment (lid 7) or in their favour (lid 9). */
export type AmendmentDirection = 'DETRIMENT' | 'FAVOUR';

/**
 * The lifecycle step the rules are asked about. The rules evaluate the order as it would stand after the step:
 * - `CHECK`: the order as it is (a draft before issuing, or an issued order in an audit). Nothing is assumed notified.
 * - `ISSUE`: the order is being issued; the notification (date and method) must now be recorded.
 * - `EXTEND`: `extension` is proposed; the rules see it appended to `order.extensions` and check it like the others.
 * - `AMEND`: `order` is the proposed new version, `previous` the version it replaces; the new version is a new decision
 *   (notified, motivated; a detrimental change also heard and based on new facts).
 * - `GRANT_EXEMPTION`: `exemption` is proposed; the rules see it appended to `order.exemptions`.
 */
export type RuleAction =
  | { kind: 'CHECK' }
  | { kind: 'ISSUE' }
  | { kind: 'EXTEND'; extension: Extension }
  | { kind: 'AMEND'; previous: OrderState; direction: AmendmentDirection }
  | { kind: 'GRANT_EXEMPTION'; exemption: Exemption };

export type RuleActionKind = RuleAction['kind'];

/** Everything a rule may look at. Rules are pure: they read this and return findings, nothing else. */
export interface RuleContext {
  /** The order under check; a draft enters through `toOrderState` (status DRAFT, no lifecycle records). */
  order: OrderState;
  municipality: MunicipalityConfig;
  /** Earlier orders, registered violations and date of birth of the person (APV ladder, GW172A-MINOR). */
  history: PersonHistory;
  /** The moment of evaluation, RFC 3339 with offset (from the injected clock; never read from the system). */
  now: string;
  /** Geometries (CRS84) of the zones the order names, by zone id, for GW172A-OVJ-CONFLICT. */
  zoneGeometries: ReadonlyMap<string, Polygon | MultiPolygon>;
  action: RuleAction;
}

/** What `buildRuleContext` accepts: drafts and optional parts are filled with their neutral defaults. */
export interface RuleContextInput {
  order: OrderDraft | OrderState;
  municipality: MunicipalityConfig;
  history?: PersonHistory;
  now: string;
  zoneGeometries?: ReadonlyMap<string, Polygon | MultiPolygon>;
  action?: RuleAction;
}

/** A person without earlier orders or violations. */
export const EMPTY_HISTORY: PersonHistory = { earlierOrders: [], violations: [] };

function isOrderState(order: OrderDraft | OrderState): order is OrderState {
  return 'status' in order && Array.isArray((order as OrderState).extensions);
}

/** An order draft as a not yet issued `OrderState` (status DRAFT, no extensions, exemptions or suspensions). */
export function toOrderState(order: OrderDraft | OrderState): OrderState {
  if (isOrderState(order)) return order;
  return { ...order, status: 'DRAFT', extensions: [], exemptions: [], suspensions: [] };
}

/** Builds a `RuleContext`, defaulting history to empty, geometries to none and the action to `CHECK`. */
export function buildRuleContext(input: RuleContextInput): RuleContext {
  return {
    order: toOrderState(input.order),
    municipality: input.municipality,
    history: input.history ?? EMPTY_HISTORY,
    now: input.now,
    zoneGeometries: input.zoneGeometries ?? new Map(),
    action: input.action ?? { kind: 'CHECK' },
  };
}
