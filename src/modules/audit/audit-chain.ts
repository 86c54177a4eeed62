import { auditEventHash, CURRENT_HASH_SCHEME, GENESIS_HASH } from './audit-hash';
import type { StoredAuditEvent } from './audit.repository';

/**
 * Verification of the audit hash chain (see `audit-hash.ts` and the `audit_event` migration). Each event stores the
 * hash of the event before it (`prev_hash`) and its own hash over its content and `prev_hash`. Walking the chain in
 * `seq` order and recomputing every hash exactly as `AuditService.record` computed it finds:
 * - an edited event: its recomputed hash differs from the stored one (`HASH_MISMATCH` at that event);
 * - an edited event whose stored hash was recomputed too, or a deleted event: the next event's `prev_hash` no longer
 *   names the event before it (`PREV_HASH_MISMATCH` at the next event).
 * A deleted tail (the newest events) or a chain rewritten from some point on leaves no broken link; an anchor (a head
 * seq and hash recorded elsewhere earlier, e.g. in a report or a ticket) catches both (`ANCHOR_MISMATCH`).
 */

export type ChainBreakReason = 'PREV_HASH_MISMATCH' | 'HASH_MISMATCH' | 'ANCHOR_MISMATCH';

export interface ChainBreak {
  seq: number;
  eventId: string | null;
  reason: ChainBreakReason;
  expected: string;
  found: string;
  detail: string;
}

export interface ChainVerification {
  intact: boolean;
  /** Events checked (up to and including the broken one). */
  checked: number;
  /** The newest event reached: record it somewhere to use as an anchor later. */
  head: { seq: number; hash: string } | null;
  brokenAt: ChainBreak | null;
}

export interface ChainAnchor {
  seq: number;
  hash: string;
}

/**
 * The hash of a stored event, recomputed over exactly the fields `AuditService.record` hashed, by the event's scheme.
 * An event whose content the retention purge erased is recomputed from the digests kept in its place.
 */
export function recomputeHash(e: StoredAuditEvent): string {
  const scheme = (e.hashScheme ?? CURRENT_HASH_SCHEME) === 1 ? 1 : 2;
  // Erased content is null; anything written back into an erased event must match the original digests again.
  const erased = e.erasedDigests && e.before === null && e.after === null && e.reason === null ? e.erasedDigests : null;
  return auditEventHash({
    id: e.id,
    occurredAt: new Date(e.occurredAt).toISOString(),
    actor: e.actor,
    actorRoles: e.actorRoles,
    municipalityCode: e.municipalityCode,
    entityType: e.entityType,
    entityId: e.entityId,
    action: e.action,
    before: e.before,
    after: e.after,
    reason: e.reason,
    requestId: e.requestId,
    prevHash: e.prevHash,
  }, scheme, erased);
}

/** The first problem with `event` following an event with hash `prevHash` (seq `prevSeq`), or null when it is sound. */
export function checkLink(event: StoredAuditEvent, prevHash: string, prevSeq: number | null): ChainBreak | null {
  const seq = Number(event.seq);
  if (event.prevHash !== prevHash) {
    const gap = prevSeq === null ? seq > 1 : seq !== prevSeq + 1;
    const missing = prevSeq === null ? `before seq ${seq}` : `between seq ${prevSeq} and ${seq}`;
    const detail = gap
      ? `The event does not follow on the one before it: events ${missing} are missing, or the one before was changed`
      : `The event does not follow on the one before it (seq ${prevSeq ?? '-'}): that event was changed after this one was written`;
    return { seq, eventId: event.id, reason: 'PREV_HASH_MISMATCH', expected: prevHash, found: event.prevHash, detail };
  }
  const recomputed = recomputeHash(event);
  if (recomputed !== event.hash) {
    const detail = 'The content of the event does not match its hash: the event was changed after it was written';
    return { seq, eventId: event.id, reason: 'HASH_MISMATCH', expected: recomputed, found: event.hash, detail };
  }
  return null;
}

function anchorBreak(anchor: ChainAnchor, seen: string | undefined): ChainBreak {
  const detail = seen === undefined ? `No event with seq ${anchor.seq} exists any more` : `The event with seq ${anchor.seq} no longer has the recorded hash`;
  return { seq: anchor.seq, eventId: null, reason: 'ANCHOR_MISMATCH', expected: anchor.hash, found: seen ?? '', detail };
}

/**
 * Walks the whole chain, page by page (`nextPage(afterSeq)` returns the events after `afterSeq` in seq order, an
 * empty page at the end), and reports the first broken link. With an anchor, also checks that the anchored event
 * still exists with its recorded hash.
 */
export async function verifyAuditChain(
  nextPage: (afterSeq: string | null) => Promise<StoredAuditEvent[]>,
  anchor?: ChainAnchor,
): Promise<ChainVerification> {
  let prev: { seq: number; hash: string } | null = null;
  let checked = 0;
  let anchored: string | undefined;
  for (let page = await nextPage(null); page.length > 0; page = await nextPage(page[page.length - 1].seq)) {
    for (const event of page) {
      checked += 1;
      const broken = checkLink(event, prev?.hash ?? GENESIS_HASH, prev?.seq ?? null);
      if (broken) return { intact: false, checked, head: prev, brokenAt: broken };
      prev = { seq: Number(event.seq), hash: event.hash };
      if (anchor && prev.seq === anchor.seq) anchored = event.hash;
    }
  }
  if (anchor && anchored !== anchor.hash) return { intact: false, checked, head: prev, brokenAt: anchorBreak(anchor, anchored) };
  return { intact: true, checked, head: prev, brokenAt: null };
}
