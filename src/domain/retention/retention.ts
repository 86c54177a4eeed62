import { DateTime } from 'luxon';
import type { OrderStatus } from '../order/order';

/** What the purge needs to know of an order: its latest version's status and dates, nothing personal. */
export interface RetainedOrder {
  orderId: string;
  personId: string;
  municipalityCode: string;
  status: OrderStatus;
  /** End of the validity (extensions included; the last separate day's end), if the order has one. */
  validUntil: string | null;
  withdrawnAt?: string | null;
  revokedAt?: string | null;
  /** When the latest version was written. */
  lastChangedAt: string;
}

/** A person, for persons without any order (registered, then never used). */
export interface RetainedPerson {
  personId: string;
  municipalityCode: string;
  createdAt: string;
}

export interface PurgePlan {
  orderIds: string[];
  /** Persons none of whose orders is within retention any more (or who never had one, past retention). */
  personIds: string[];
}

const NEVER_ISSUED: OrderStatus[] = ['DRAFT', 'INTENT_SENT'];

const latest = (...instants: (string | null | undefined)[]): string | null =>
  instants.filter((i): i is string => Boolean(i)).reduce<string | null>((a, b) => (a === null || Date.parse(b) > Date.parse(a) ? b : a), null);

/**
 * When an order ended, for retention (AVG art. 5(1)(e): kept no longer than necessary): a withdrawal or revocation
 * ends it then; an order never issued ends when it was last touched or its validity passed, whichever is later; any
 * other order at the end of its validity. Null: it has not ended (or has no end, which a valid order never lacks).
 */
export function orderEndedAt(order: RetainedOrder): string | null {
  if (order.status === 'WITHDRAWN') return order.withdrawnAt ?? order.lastChangedAt;
  if (order.status === 'REVOKED') return order.revokedAt ?? order.lastChangedAt;
  if (NEVER_ISSUED.includes(order.status)) return latest(order.lastChangedAt, order.validUntil);
  return order.validUntil;
}

/** The instant data that ended at `endedAt` may be deleted: the retention period later (whole months, in UTC). */
export function retentionExpiresAt(endedAt: string, retentionYears: number): string {
  return DateTime.fromISO(endedAt, { zone: 'utc' }).plus({ months: Math.round(retentionYears * 12) }).toISO()!;
}

function expired(endedAt: string | null, years: number, now: string): boolean {
  return endedAt !== null && Date.parse(retentionExpiresAt(endedAt, years)) <= Date.parse(now);
}

/**
 * What the retention purge deletes at `now`: every order that ended longer ago than its municipality's retention
 * period, and every person all of whose orders are deleted (a person with one order still within retention keeps
 * their data), plus persons without any order whose registration is past retention. `orders` must hold every order
 * of each person concerned; `retentionYears` gives the municipality's 'retention.years'. Orders and persons of
 * municipalities outside `inScope` (a scoped administrator's run) are kept, and so are their persons.
 */
export function planPurge(
  orders: RetainedOrder[],
  persons: RetainedPerson[],
  retentionYears: (municipalityCode: string) => number,
  now: string,
  inScope: (municipalityCode: string) => boolean = () => true,
): PurgePlan {
  const orderIds: string[] = [];
  const keeps = new Set<string>();
  const hasOrders = new Set<string>();
  for (const order of orders) {
    hasOrders.add(order.personId);
    if (inScope(order.municipalityCode) && expired(orderEndedAt(order), retentionYears(order.municipalityCode), now)) orderIds.push(order.orderId);
    else keeps.add(order.personId);
  }
  const personIds = persons
    .filter((p) => inScope(p.municipalityCode))
    .filter((p) => (hasOrders.has(p.personId) ? !keeps.has(p.personId) : expired(p.createdAt, retentionYears(p.municipalityCode), now)))
    .map((p) => p.personId);
  return { orderIds, personIds };
}
