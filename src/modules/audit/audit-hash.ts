import { createHash } from 'node:crypto';
import stringify from 'safe-stable-stringify';

/** The hash of the (virtual) event before the first one. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit event that its hash covers (everything but `seq` and `hash` itself). */
export interface HashedAuditFields {
  id: string;
  occurredAt: string;
  actor: string;
  actorRoles: string[];
  municipalityCode: string | null;
  entityType: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  requestId: string | null;
  prevHash: string;
}

/** SHA-256 over a canonical (key-sorted) JSON of the event, chained to the previous event's hash. */
export function auditEventHash(fields: HashedAuditFields): string {
  return createHash('sha256').update(stringify(fields)!).digest('hex');
}
