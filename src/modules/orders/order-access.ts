import type { Actor } from '../../auth/actor';
import { hasRole } from '../../auth/principal';
import type { BasisKind, SignatoryRole } from '../../domain/order/order';
import { DomainError } from '../../domain/shared/domain-error';

/**
 * Police and boa may only make APV orders (under a recorded mandate, which the APV-MANDATE rule checks); only the
 * mayor's office drafts 172(3) and 172a orders. Refused with 403 otherwise.
 */
export function assertMayDraft(actor: Actor, basis: BasisKind): void {
  if (basis !== 'APV' && !hasRole(actor, 'mayor', 'mayor-office')) {
    throw new DomainError('FORBIDDEN', 'Only the mayor\'s office drafts orders under art. 172(3) or 172a Gemeentewet');
  }
}

/**
 * The signatory of an issued order must be who the token says: the mayor signs as MAYOR or ACTING_MAYOR, police
 * as POLICE or BOA (APV only). A 172(3)/172a order can never be signed by someone without the mayor role.
 */
export function assertMaySign(actor: Actor, basis: BasisKind, signatory: SignatoryRole): void {
  const mayorSigns = signatory === 'MAYOR' || signatory === 'ACTING_MAYOR';
  if (mayorSigns ? !hasRole(actor, 'mayor') : !hasRole(actor, 'police') || basis !== 'APV') {
    throw new DomainError('FORBIDDEN', `A caller with roles ${actor.roles.join(', ')} cannot sign as ${signatory} on basis ${basis}`);
  }
}
