import { MigrationInterface, QueryRunner } from 'typeorm';

const STATUSES = `'DRAFT','INTENT_SENT','ISSUED','EXTENDED','AMENDED','SUSPENDED','WITHDRAWN','EXPIRED','REVOKED'`;

/**
 * An order is an identity; every change is a new immutable `order_version` (the latest is the current state).
 * The unique (order_id, version) pair is the optimistic lock: two edits of the same version cannot both land.
 */
export class CreateOrder1796000003000 implements MigrationInterface {
  name = 'CreateOrder1796000003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "order" (
        id                uuid        NOT NULL DEFAULT gen_random_uuid(),
        municipality_code varchar(6)  NOT NULL,
        person_id         uuid        NOT NULL,
        reference         text        NOT NULL,
        created_at        timestamptz NOT NULL DEFAULT now(),
        created_by        text        NOT NULL,
        CONSTRAINT pk_order PRIMARY KEY (id),
        CONSTRAINT uq_order_reference UNIQUE (reference),
        CONSTRAINT fk_order_municipality FOREIGN KEY (municipality_code)
          REFERENCES municipality (code) ON DELETE RESTRICT,
        CONSTRAINT fk_order_person FOREIGN KEY (person_id) REFERENCES person (id) ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX ix_order_municipality ON "order" (municipality_code)`);
    await q.query(`CREATE INDEX ix_order_person ON "order" (person_id)`);
    await q.query(`
      CREATE TABLE order_version (
        id               uuid        NOT NULL DEFAULT gen_random_uuid(),
        order_id         uuid        NOT NULL,
        version          integer     NOT NULL,
        status           text        NOT NULL,
        change_kind      text        NOT NULL,
        basis_kind       text        NOT NULL,
        ground           text,
        valid_from       timestamptz,
        valid_until      timestamptz,
        zone_version_ids uuid[]      NOT NULL DEFAULT '{}',
        body             jsonb       NOT NULL,
        findings         jsonb       NOT NULL DEFAULT '[]'::jsonb,
        created_at       timestamptz NOT NULL DEFAULT now(),
        created_by       text        NOT NULL,
        reason           text,
        CONSTRAINT pk_order_version PRIMARY KEY (id),
        CONSTRAINT uq_order_version_order_version UNIQUE (order_id, version),
        CONSTRAINT ck_order_version_version CHECK (version >= 1),
        CONSTRAINT ck_order_version_status CHECK (status IN (${STATUSES})),
        CONSTRAINT ck_order_version_basis CHECK (basis_kind IN ('GEMW_172_3','GEMW_172A','APV')),
        CONSTRAINT fk_order_version_order FOREIGN KEY (order_id) REFERENCES "order" (id) ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX ix_order_version_validity ON order_version (valid_from, valid_until)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE order_version`);
    await q.query(`DROP TABLE "order"`);
  }
}
