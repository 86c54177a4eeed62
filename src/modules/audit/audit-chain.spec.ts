import { auditEventHash, GENESIS_HASH } from './audit-hash';
import { checkLink, verifyAuditChain } from './audit-chain';
import type { StoredAuditEvent } from './audit.repository';

/** A chain of `n` events as `AuditService.record` writes them (hash over the fields and the previous hash). */
function chain(n: number): StoredAuditEvent[] {
  const events: StoredAuditEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const fields = {
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      occurredAt: new Date(Date.UTC(2026, 11, 1, 9, 0, i)).toISOString(),
      actor: 'dev-mayor',
      actorRoles: ['mayor'],
      municipalityCode: 'GM1706',
      entityType: 'order',
      entityId: 'o1',
      action: 'order.extend',
      before: { version: i, nested: { a: [1, 2, { b: 'x' }] } },
      after: { nested: { a: [1, 2, { b: 'y' }] }, version: i + 1 },
      reason: i % 2 ? 'Vrees bestaat nog' : null,
      requestId: null,
      prevHash,
    };
    const hash = auditEventHash(fields);
    events.push({ ...fields, seq: String(i), occurredAt: new Date(fields.occurredAt), hash });
    prevHash = hash;
  }
  return events;
}

function pager(events: StoredAuditEvent[], size: number) {
  return async (after: string | null) => events.filter((e) => after === null || Number(e.seq) > Number(after)).slice(0, size);
}

describe('verifyAuditChain', () => {
  it('verifies an intact chain across pages, with its head', async () => {
    const events = chain(7);
    await expect(verifyAuditChain(pager(events, 3))).resolves.toEqual({ intact: true, checked: 7, head: { seq: 7, hash: events[6].hash }, brokenAt: null });
    await expect(verifyAuditChain(pager([], 3))).resolves.toEqual({ intact: true, checked: 0, head: null, brokenAt: null });
  });

  it('finds an edited event at that event (HASH_MISMATCH), whatever field was edited', async () => {
    for (const edit of [{ reason: 'anders' }, { after: { version: 99 } }, { actorRoles: ['lawyer'] }, { occurredAt: new Date(0) }]) {
      const events = chain(5);
      events[2] = { ...events[2], ...edit };
      const result = await verifyAuditChain(pager(events, 2));
      expect(result.brokenAt).toMatchObject({ seq: 3, reason: 'HASH_MISMATCH', found: events[2].hash });
      expect(result).toMatchObject({ intact: false, checked: 3, head: { seq: 2 } });
    }
  });

  it('finds a re-hashed edit and a deletion at the next event (PREV_HASH_MISMATCH), naming the gap', async () => {
    const events = chain(5);
    const deleted = events.filter((e) => e.seq !== '3');
    const result = await verifyAuditChain(pager(deleted, 10));
    expect(result.brokenAt).toMatchObject({ seq: 4, reason: 'PREV_HASH_MISMATCH', expected: events[1].hash, found: events[2].hash });
    expect(result.brokenAt!.detail).toMatch(/between seq 2 and 4 are missing/);
    const first = await verifyAuditChain(pager(events.slice(1), 10));
    expect(first.brokenAt).toMatchObject({ seq: 2, reason: 'PREV_HASH_MISMATCH', expected: GENESIS_HASH });
  });

  it('checks an anchor: present with its hash, or broken', async () => {
    const events = chain(4);
    await expect(verifyAuditChain(pager(events, 2), { seq: 4, hash: events[3].hash })).resolves.toMatchObject({ intact: true });
    const truncated = await verifyAuditChain(pager(events.slice(0, 3), 2), { seq: 4, hash: events[3].hash });
    expect(truncated.brokenAt).toMatchObject({ seq: 4, reason: 'ANCHOR_MISMATCH', expected: events[3].hash, found: '' });
    const rewritten = await verifyAuditChain(pager(events, 2), { seq: 2, hash: 'f'.repeat(64) });
    expect(rewritten.brokenAt).toMatchObject({ seq: 2, reason: 'ANCHOR_MISMATCH', found: events[1].hash });
  });

  it('accepts a sound link', () => {
    const events = chain(2);
    expect(checkLink(events[1], events[0].hash, 1)).toBeNull();
  });
});
