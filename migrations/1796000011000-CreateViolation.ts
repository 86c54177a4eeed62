import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Registered violations of orders (with the police report reference). A violation is immutable once registered: a
 * correction is a new row naming the one it corrects (`corrects_violation_id`, at most one direct correction each),
 * and a trigger refuses every UPDATE. Deletion stays possible for the retention job (personal data).
 */
export class CreateViolation1796000011000 implements MigrationInterface {
  name = 'CreateViolation1796000011000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE violation (
        id                    uuid             NOT NULL DEFAULT gen_random_uuid(),
        order_id              uuid             NOT NULL,
        order_version         integer          NOT NULL,
        person_id             uuid             NOT NULL,
        municipality_code     varchar(6)       NOT NULL,
        basis_kind            text             NOT NULL,
        at                    timestamptz      NOT NULL,
        lon                   double precision NOT NULL,
        lat                   double precision NOT NULL,
        report_ref            text             NOT NULL,
        kind                  text             NOT NULL,
        description           text,
        statutory_label       text             NOT NULL,
        corrects_violation_id uuid,
        recorded_at           timestamptz      NOT NULL,
        recorded_by           text             NOT NULL,
        idempotency_key       text,
        request_hash          char(64),
        CONSTRAINT pk_violation PRIMARY KEY (id),
        CONSTRAINT uq_violation_idempotency UNIQUE (recorded_by, idempotency_key),
        CONSTRAINT uq_violation_corrects UNIQUE (corrects_violation_id),
        CONSTRAINT ck_violation_kind CHECK (kind IN ('AREA_BAN','GROUP_BAN','MISSED_REPORT')),
        CONSTRAINT ck_violation_position CHECK (lon BETWEEN -180 AND 180 AND lat BETWEEN -90 AND 90),
        CONSTRAINT ck_violation_not_self CHECK (corrects_violation_id IS DISTINCT FROM id),
        CONSTRAINT fk_violation_order FOREIGN KEY (order_id) REFERENCES "order" (id) ON DELETE RESTRICT,
        CONSTRAINT fk_violation_person FOREIGN KEY (person_id) REFERENCES person (id) ON DELETE RESTRICT,
        CONSTRAINT fk_violation_corrects FOREIGN KEY (corrects_violation_id) REFERENCES violation (id) ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX ix_violation_municipality_at ON violation (municipality_code, at)`);
    await q.query(`CREATE INDEX ix_violation_order ON violation (order_id, at)`);
    await q.query(`CREATE INDEX ix_violation_person ON violation (person_id, at)`);
    await q.query(`
      CREATE FUNCTION violation_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a registered violation is immutable; register a correction instead' USING ERRCODE = 'restrict_violation';
      END $$`);
    await q.query(`CREATE TRIGGER tr_violation_immutable BEFORE UPDATE ON violation FOR EACH ROW EXECUTE FUNCTION violation_immutable()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE violation`);
    await q.query(`DROP FUNCTION violation_immutable()`);
  }
}
