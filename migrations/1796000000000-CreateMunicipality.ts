import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMunicipality1796000000000 implements MigrationInterface {
  name = 'CreateMunicipality1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE municipality (
        code        varchar(6)  NOT NULL,
        name        text        NOT NULL,
        time_zone   text        NOT NULL DEFAULT 'Europe/Amsterdam',
        boundary    jsonb,
        config      jsonb       NOT NULL DEFAULT '{}'::jsonb,
        is_demo     boolean     NOT NULL DEFAULT false,
        version     integer     NOT NULL DEFAULT 1,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_municipality PRIMARY KEY (code),
        CONSTRAINT ck_municipality_code CHECK (code ~ '^GM[0-9]{4}$'),
        CONSTRAINT ck_municipality_version CHECK (version >= 1)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE municipality`);
  }
}
