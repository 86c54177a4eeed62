import { MigrationInterface, QueryRunner } from 'typeorm';

/** Which reference and demo data sets were loaded, so each loads once (and deleted demo data stays deleted). */
export class CreateSeedHistory1796000005000 implements MigrationInterface {
  name = 'CreateSeedHistory1796000005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE seed_history (
        name       text        NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_seed_history PRIMARY KEY (name)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE seed_history`);
  }
}
