import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { GENESIS_HASH } from './audit-hash';

/** Serialises writers of the audit chain for the rest of their transaction (any constant works; this is ours). */
const AUDIT_CHAIN_LOCK = 727_001;

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
                                action, before, after, reason, request_id, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        row.id, row.occurredAt, row.actor, row.actorRoles, row.municipalityCode, row.entityType, row.entityId,
        row.action, JSON.stringify(row.before ?? null), JSON.stringify(row.after ?? null), row.reason, row.requestId,
        row.prevHash, row.hash,
      ],
    );
  }
}
