import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who looked up whom, when and why (AVG art. 10 / UAVG art. 33): every read of a person's data. No foreign key to
 * person: the log outlives the personal data it is about (retention deletes the person, not the trace).
 */
export class CreateProcessingLog1796000006000 implements MigrationInterface {
  name = 'CreateProcessingLog1796000006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE processing_log (
        id                bigint      GENERATED ALWAYS AS IDENTITY,
        occurred_at       timestamptz NOT NULL,
        actor             text        NOT NULL,
        actor_roles       text[]      NOT NULL DEFAULT '{}',
        municipality_code varchar(6),
        person_id         uuid,
        action            text        NOT NULL,
        purpose           text,
        request_id        text,
        CONSTRAINT pk_processing_log PRIMARY KEY (id)
      )`);
    await q.query(`CREATE INDEX ix_processing_log_person ON processing_log (person_id, occurred_at)`);
    await q.query(`CREATE INDEX ix_processing_log_actor ON processing_log (actor, occurred_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE processing_log`);
  }
}
