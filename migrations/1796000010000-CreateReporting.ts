import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reporting duties (meldplicht). Due slots are computed from the order's current version (src/domain/reporting);
 * only facts are stored:
 * - `check_in`: every check-in the police desk registers, with how it matched (on time, early, late, no slot);
 * - `reporting_slot`: a slot materialised once it has an outcome: MET by a check-in, or MISSED when its window closed
 *   without one (the missed-slot job). One row per (order, opening instant), so the job and the desk are idempotent;
 * - `reporting_cursor`: per order, up to which instant the job has looked for closed windows (catch-up after downtime).
 */
export class CreateReporting1796000010000 implements MigrationInterface {
  name = 'CreateReporting1796000010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE check_in (
        id                uuid        NOT NULL DEFAULT gen_random_uuid(),
        order_id          uuid        NOT NULL,
        order_version     integer     NOT NULL,
        person_id         uuid        NOT NULL,
        municipality_code varchar(6)  NOT NULL,
        at                timestamptz NOT NULL,
        place             jsonb       NOT NULL,
        place_matches     boolean     NOT NULL,
        timing            text        NOT NULL,
        slot_starts_at    timestamptz,
        slot_ends_at      timestamptz,
        meets_slot        boolean     NOT NULL,
        recorded_at       timestamptz NOT NULL,
        recorded_by       text        NOT NULL,
        idempotency_key   text,
        request_hash      char(64),
        CONSTRAINT pk_check_in PRIMARY KEY (id),
        CONSTRAINT uq_check_in_idempotency UNIQUE (recorded_by, idempotency_key),
        CONSTRAINT ck_check_in_timing CHECK (timing IN ('ON_TIME','EARLY','LATE','NO_SLOT')),
        CONSTRAINT ck_check_in_slot CHECK ((timing = 'NO_SLOT') = (slot_starts_at IS NULL)),
        CONSTRAINT fk_check_in_order FOREIGN KEY (order_id) REFERENCES "order" (id) ON DELETE RESTRICT,
        CONSTRAINT fk_check_in_person FOREIGN KEY (person_id) REFERENCES person (id) ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX ix_check_in_order_at ON check_in (order_id, at)`);
    await q.query(`
      CREATE TABLE reporting_slot (
        id                      uuid        NOT NULL DEFAULT gen_random_uuid(),
        order_id                uuid        NOT NULL,
        order_version           integer     NOT NULL,
        person_id               uuid        NOT NULL,
        municipality_code       varchar(6)  NOT NULL,
        place_municipality_code varchar(6)  NOT NULL,
        starts_at               timestamptz NOT NULL,
        ends_at                 timestamptz NOT NULL,
        local_day               date        NOT NULL,
        place                   jsonb       NOT NULL,
        outcome                 text        NOT NULL,
        check_in_id             uuid,
        recorded_at             timestamptz NOT NULL,
        CONSTRAINT pk_reporting_slot PRIMARY KEY (id),
        CONSTRAINT uq_reporting_slot_order_start UNIQUE (order_id, starts_at),
        CONSTRAINT ck_reporting_slot_window CHECK (ends_at > starts_at),
        CONSTRAINT ck_reporting_slot_outcome CHECK (outcome IN ('MET','MISSED')),
        CONSTRAINT ck_reporting_slot_met CHECK ((outcome = 'MET') = (check_in_id IS NOT NULL)),
        CONSTRAINT fk_reporting_slot_order FOREIGN KEY (order_id) REFERENCES "order" (id) ON DELETE RESTRICT,
        CONSTRAINT fk_reporting_slot_person FOREIGN KEY (person_id) REFERENCES person (id) ON DELETE RESTRICT,
        CONSTRAINT fk_reporting_slot_check_in FOREIGN KEY (check_in_id) REFERENCES check_in (id) ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX ix_reporting_slot_municipality ON reporting_slot (municipality_code, outcome, starts_at)`);
    await q.query(`CREATE INDEX ix_reporting_slot_place ON reporting_slot (place_municipality_code, outcome, starts_at)`);
    await q.query(`CREATE INDEX ix_reporting_slot_person ON reporting_slot (person_id, starts_at)`);
    await q.query(`
      CREATE TABLE reporting_cursor (
        order_id        uuid        NOT NULL,
        processed_until timestamptz NOT NULL,
        updated_at      timestamptz NOT NULL,
        CONSTRAINT pk_reporting_cursor PRIMARY KEY (order_id),
        CONSTRAINT fk_reporting_cursor_order FOREIGN KEY (order_id) REFERENCES "order" (id) ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reporting_cursor`);
    await q.query(`DROP TABLE reporting_slot`);
    await q.query(`DROP TABLE check_in`);
  }
}
