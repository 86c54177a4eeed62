import type { OrderAction } from '../order/lifecycle';
import type { OrderStatus } from '../order/order';
import { DomainError } from '../shared/domain-error';
import type { LetterKind } from './letter-model';

/** What choosing a letter's version needs to know about each stored version of an order. */
export interface VersionFacts {
  version: number;
  changeKind: OrderAction;
  status: OrderStatus;
  intentSentAt?: string;
}

/** The changes that are a decision imposing the order as the letter states it (issue, extension, amendment). */
const DECISIONS: readonly OrderAction[] = ['ISSUE', 'EXTEND', 'AMEND'];
const NOT_ISSUED: readonly OrderStatus[] = ['DRAFT', 'INTENT_SENT'];

/**
 * The version a letter is rendered from. By default the intent notice comes from the version that recorded sending it
 * (SEND_INTENT), and the decision from the latest decision (ISSUE, EXTEND or AMEND): later recorded events such as a
 * review or an objection do not change what was decided. An explicit `requested` version must exist (404) and fit the
 * letter (409): an intent needs a recorded intent, a decision an order issued by then.
 */
export function letterVersion(kind: LetterKind, versions: readonly VersionFacts[], requested?: number): number {
  if (requested !== undefined) return checkedRequest(kind, versions, requested);
  const fitting = versions.filter((v) => (kind === 'INTENT' ? v.changeKind === 'SEND_INTENT' : DECISIONS.includes(v.changeKind)));
  const chosen = fitting.reduce<VersionFacts | undefined>((a, v) => (a && a.version > v.version ? a : v), undefined);
  if (!chosen) throw noLetter(kind);
  return chosen.version;
}

function checkedRequest(kind: LetterKind, versions: readonly VersionFacts[], requested: number): number {
  const found = versions.find((v) => v.version === requested);
  if (!found) throw new DomainError('NOT_FOUND', `The order has no version ${requested}`);
  if (kind === 'INTENT' && !found.intentSentAt) {
    throw new DomainError('CONFLICT', `No intent notice was recorded at version ${requested}: there is no intent letter for it`);
  }
  const issuedBy = versions.some((v) => v.changeKind === 'ISSUE' && v.version <= requested);
  if (kind === 'DECISION' && (!issuedBy || NOT_ISSUED.includes(found.status))) {
    throw new DomainError('CONFLICT', `The order was not issued at version ${requested} (${found.status}): there is no decision letter for it`);
  }
  return requested;
}

function noLetter(kind: LetterKind): DomainError {
  return kind === 'INTENT'
    ? new DomainError('CONFLICT', 'No intent notice was sent for this order: there is no intent letter')
    : new DomainError('CONFLICT', 'The order was never issued: there is no decision letter');
}
