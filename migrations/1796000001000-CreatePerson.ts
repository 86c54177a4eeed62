import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePerson1796000001000 implements MigrationInterface {
  name = 'CreatePerson1796000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE person (
        id                uuid        NOT NULL DEFAULT gen_random_uuid(),
        municipality_code varchar(6)  NOT NULL,
        name              text        NOT NULL,
        date_of_birth     date        NOT NULL,
        v_number          text,
        bsn               text,
        is_demo           boolean     NOT NULL DEFAULT false,
        created_at        timestamptz NOT NULL DEFAULT now(),
        created_by        text        NOT NULL,
        CONSTRAINT pk_person PRIMARY KEY (id),
        CONSTRAINT fk_person_municipality FOREIGN KEY (municipality_code)
          REFERENCES municipality (code) ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX ix_person_municipality ON person (municipality_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE person`);
  }
}
