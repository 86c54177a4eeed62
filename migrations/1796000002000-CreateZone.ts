import { MigrationInterface, QueryRunner } from 'typeorm';

/** A zone is an identity; its geometry lives in immutable versions, so an order keeps the map it was issued with. */
export class CreateZone1796000002000 implements MigrationInterface {
  name = 'CreateZone1796000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE zone (
        id                uuid        NOT NULL DEFAULT gen_random_uuid(),
        municipality_code varchar(6)  NOT NULL,
        is_demo           boolean     NOT NULL DEFAULT false,
        created_at        timestamptz NOT NULL DEFAULT now(),
        created_by        text        NOT NULL,
        CONSTRAINT pk_zone PRIMARY KEY (id),
        CONSTRAINT fk_zone_municipality FOREIGN KEY (municipality_code)
          REFERENCES municipality (code) ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX ix_zone_municipality ON zone (municipality_code)`);
    await q.query(`
      CREATE TABLE zone_version (
        id             uuid             NOT NULL DEFAULT gen_random_uuid(),
        zone_id        uuid             NOT NULL,
        version        integer          NOT NULL,
        name           text             NOT NULL,
        description    text,
        geometry       jsonb            NOT NULL,
        bbox_min_lon   double precision NOT NULL,
        bbox_min_lat   double precision NOT NULL,
        bbox_max_lon   double precision NOT NULL,
        bbox_max_lat   double precision NOT NULL,
        vertex_count   integer          NOT NULL,
        geometry_hash  char(64)         NOT NULL,
        created_at     timestamptz      NOT NULL DEFAULT now(),
        created_by     text             NOT NULL,
        reason         text,
        CONSTRAINT pk_zone_version PRIMARY KEY (id),
        CONSTRAINT uq_zone_version_zone_version UNIQUE (zone_id, version),
        CONSTRAINT ck_zone_version_version CHECK (version >= 1),
        CONSTRAINT fk_zone_version_zone FOREIGN KEY (zone_id) REFERENCES zone (id) ON DELETE RESTRICT
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE zone_version`);
    await q.query(`DROP TABLE zone`);
  }
}
