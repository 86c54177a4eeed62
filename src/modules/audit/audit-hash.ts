import { createHash } from 'node:crypto';
import stringify from 'safe-stable-stringify';

/** The hash of the (virtual) event before the first one. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * How an event's hash is computed (column `hash_scheme`).
 * 1: over the fields themselves (events written before retention erasure existed; their content can never be erased).
 * 2: over the fields with `before`, `after` and `reason` each replaced by the SHA-256 of its canonical JSON, so the
 *    retention purge can erase that content later, keeping the digests (`erased_digests`), and the chain still verifies.
 */
export type HashScheme = 1 | 2;
export const CURRENT_HASH_SCHEME: HashScheme = 2;

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

/** Digests of the erasable content of a scheme-2 event, kept when the content itself is erased. */
export interface ErasedDigests {
  before: string;
  after: string;
  reason: string;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** SHA-256 of one erasable field's canonical (key-sorted) JSON. */
export function contentDigest(value: unknown): string {
  return sha256(stringify(value ?? null)!);
}

/** The digests a scheme-2 hash covers, computed from the content. */
export function erasableDigests(fields: Pick<HashedAuditFields, 'before' | 'after' | 'reason'>): ErasedDigests {
  return { before: contentDigest(fields.before), after: contentDigest(fields.after), reason: contentDigest(fields.reason) };
}

/**
 * SHA-256 over a canonical (key-sorted) JSON of the event, chained to the previous event's hash. For scheme 2 the
 * erasable content enters through its digests: computed from the content, or, for an erased event, the stored ones.
 */
export function auditEventHash(fields: HashedAuditFields, scheme: HashScheme = CURRENT_HASH_SCHEME, erased?: ErasedDigests | null): string {
  if (scheme === 1) return sha256(stringify(fields)!);
  const d = erased ?? erasableDigests(fields);
  return sha256(stringify({ ...fields, before: d.before, after: d.after, reason: d.reason, hashScheme: 2 })!);
}
