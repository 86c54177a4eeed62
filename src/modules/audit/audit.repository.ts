import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CURRENT_HASH_SCHEME, GENESIS_HASH, type ErasedDigests, type HashedAuditFields } from './audit-hash';

/** Serialises writers of the audit chain for the rest of their transaction (any constant works; this is ours). */
const AUDIT_CHAIN_LOCK = 727_001;

/** An audit event as stored, with the fields its hash covers (`HashedAuditFields`) plus `seq` and `hash`. */
export interface StoredAuditEvent extends Omit<HashedAuditFields, 'occurredAt'> {
  seq: string;
  occurredAt: Date;
  hash: string;
  /** How `hash` was computed (see `HashScheme`); absent means the current scheme. */
  hashScheme?: number;
  /** Set when the retention purge erased `before`, `after` and `reason`: the digests the hash covers instead. */
  erasedDigests?: ErasedDigests | null;
}

const EVENT_COLUMNS = `seq::text AS seq, id, occurred_at AS "occurredAt", actor, actor_roles AS "actorRoles",
  municipality_code AS "municipalityCode", entity_type AS "entityType", entity_id AS "entityId", action, before, after,
  reason, request_id AS "requestId", prev_hash AS "prevHash", hash, hash_scheme AS "hashScheme", erased_digests AS "erasedDigests"`;

@Injectable()
export class AuditRepository {
  /** Takes the chain lock and returns the hash of the newest event; the caller appends within the same transaction. */
  async lockChainHead(manager: EntityManager): Promise<string> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const rows: { hash: string }[] = await manager.query('SELECT hash FROM audit_event ORDER BY seq DESC LIMIT 1');
    return rows[0]?.hash ?? GENESIS_HASH;
  }

  async append(manager: EntityManager, row: Record<string, unknown>): Promise<void> {
    await manager.query(
      `INSERT INTO audit_event (id, occurred_at, actor, actor_roles, municipality_code, entity_type, entity_id,
                                action, before, after, reason, request_id, prev_hash, hash, hash_scheme)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [
        row.id, row.occurredAt, row.actor, row.actorRoles, row.municipalityCode, row.entityType, row.entityId,
        row.action, JSON.stringify(row.before ?? null), JSON.stringify(row.after ?? null), row.reason, row.requestId,
        row.prevHash, row.hash, row.hashScheme ?? CURRENT_HASH_SCHEME,
      ],
    );
  }

  /** The events of one entity in the given municipalities, oldest first (the history a lawyer reads). */
  async findForEntity(manager: EntityManager, entityType: string, entityId: string, municipalities: string[]): Promise<StoredAuditEvent[]> {
    return manager.query(
      `SELECT ${EVENT_COLUMNS} FROM audit_event
        WHERE entity_type = $1 AND entity_id = $2 AND municipality_code = ANY($3)
        ORDER BY audit_event.seq`,
      [entityType, entityId, municipalities],
    );
  }

  /** Up to `limit` events after `afterSeq`, in chain order: the verifier walks the whole chain page by page. */
  async pageAfter(manager: EntityManager, afterSeq: string | null, limit: number): Promise<StoredAuditEvent[]> {
    return manager.query(
      `SELECT ${EVENT_COLUMNS} FROM audit_event WHERE ($1::bigint IS NULL OR audit_event.seq > $1::bigint) ORDER BY audit_event.seq LIMIT $2`,
      [afterSeq, limit],
    );
  }
}
