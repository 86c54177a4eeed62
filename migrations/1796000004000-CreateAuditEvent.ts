import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Append-only audit trail. Each row stores the hash of the previous row (`prev_hash`) and its own `hash`
 * over its content and `prev_hash`, so an edited or deleted row breaks the chain where it happened.
 */
export class CreateAuditEvent1796000004000 implements MigrationInterface {
  name = 'CreateAuditEvent1796000004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_event (
        seq               bigint      GENERATED ALWAYS AS IDENTITY,
        id                uuid        NOT NULL DEFAULT gen_random_uuid(),
        occurred_at       timestamptz NOT NULL,
        actor             text        NOT NULL,
        actor_roles       text[]      NOT NULL DEFAULT '{}',
        municipality_code varchar(6),
        entity_type       text        NOT NULL,
        entity_id         text        NOT NULL,
        action            text        NOT NULL,
        before            jsonb,
        after             jsonb,
        reason            text,
        request_id        text,
        prev_hash         char(64)    NOT NULL,
        hash              char(64)    NOT NULL,
        CONSTRAINT pk_audit_event PRIMARY KEY (seq),
        CONSTRAINT uq_audit_event_id UNIQUE (id)
      )`);
    await q.query(`CREATE INDEX ix_audit_event_entity ON audit_event (entity_type, entity_id, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_event`);
  }
}
