import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Behavioural orders of the public prosecutor (gedragsaanwijzing, art. 509hh Sv) recorded for a person, so that
 * GW172A-OVJ-CONFLICT (art. 172a lid 5 Gemeentewet) can refuse a mayor's area or group ban for the same area.
 * `valid_from`/`valid_until` are inclusive calendar days; the area is a CRS84 Polygon or MultiPolygon. Rows go with
 * their person when retention deletes it.
 */
export class CreateProsecutorOrder1796000050000 implements MigrationInterface {
  name = 'CreateProsecutorOrder1796000050000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE prosecutor_order (
        id                uuid        NOT NULL DEFAULT gen_random_uuid(),
        person_id         uuid        NOT NULL,
        municipality_code varchar(6)  NOT NULL,
        valid_from        date        NOT NULL,
        valid_until       date,
        geometry          jsonb       NOT NULL,
        reference         text,
        created_at        timestamptz NOT NULL,
        created_by        text        NOT NULL,
        CONSTRAINT pk_prosecutor_order PRIMARY KEY (id),
        CONSTRAINT ck_prosecutor_order_period CHECK (valid_until IS NULL OR valid_until >= valid_from),
        CONSTRAINT ck_prosecutor_order_geometry CHECK (geometry->>'type' IN ('Polygon','MultiPolygon')),
        CONSTRAINT fk_prosecutor_order_person FOREIGN KEY (person_id) REFERENCES person (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_prosecutor_order_person ON prosecutor_order (person_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE prosecutor_order`);
  }
}
