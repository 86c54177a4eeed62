import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A client-made id for processing-log rows that travel through the local durable queue (breach checks): replaying
 * the queue after a crash between the database insert and the queue's truncation writes no row twice. Rows written
 * directly (in the transaction of the read they record) leave it null; nulls never collide.
 */
export class AddProcessingLogEntryId1796000030000 implements MigrationInterface {
  name = 'AddProcessingLogEntryId1796000030000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE processing_log ADD COLUMN entry_id uuid`);
    await q.query(`ALTER TABLE processing_log ADD CONSTRAINT uq_processing_log_entry_id UNIQUE (entry_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE processing_log DROP CONSTRAINT uq_processing_log_entry_id`);
    await q.query(`ALTER TABLE processing_log DROP COLUMN entry_id`);
  }
}
