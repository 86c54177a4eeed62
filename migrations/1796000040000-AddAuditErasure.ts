import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lets the retention purge erase personal content from audit events without breaking the hash chain.
 * `hash_scheme` 2 hashes `before`, `after` and `reason` through their SHA-256 digests (see `audit-hash.ts`); events
 * already written keep scheme 1 (their hash covers the content itself, so their content can never be erased).
 * An erased event has its content set to null and the digests it was hashed with kept in `erased_digests`.
 */
export class AddAuditErasure1796000040000 implements MigrationInterface {
  name = 'AddAuditErasure1796000040000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_event ADD COLUMN hash_scheme smallint NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE audit_event ALTER COLUMN hash_scheme SET DEFAULT 2`);
    await q.query(`ALTER TABLE audit_event ADD COLUMN erased_at timestamptz`);
    await q.query(`ALTER TABLE audit_event ADD COLUMN erased_digests jsonb`);
    await q.query(`ALTER TABLE audit_event ADD CONSTRAINT ck_audit_event_hash_scheme CHECK (hash_scheme IN (1, 2))`);
    await q.query(`
      ALTER TABLE audit_event ADD CONSTRAINT ck_audit_event_erasure CHECK (
        (erased_at IS NULL AND erased_digests IS NULL)
        OR (erased_at IS NOT NULL AND erased_digests IS NOT NULL AND hash_scheme >= 2
            AND before IS NULL AND after IS NULL AND reason IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_event DROP CONSTRAINT ck_audit_event_erasure`);
    await q.query(`ALTER TABLE audit_event DROP CONSTRAINT ck_audit_event_hash_scheme`);
    await q.query(`ALTER TABLE audit_event DROP COLUMN erased_digests`);
    await q.query(`ALTER TABLE audit_event DROP COLUMN erased_at`);
    await q.query(`ALTER TABLE audit_event DROP COLUMN hash_scheme`);
  }
}
