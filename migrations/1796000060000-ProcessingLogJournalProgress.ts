import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exactly-once for processing-log rows that travel through the local journal (breach checks), kept per journal
 * instance instead of per row: the transaction of each batch locks its instance's row here, inserts the rows numbered
 * above `written_seq` and moves it to the batch's highest number, so a replay (or a retried insert whose first try
 * did commit) skips the rows already in.
 * That replaces the unique, random `entry_id` of every row, whose index cost each insert about a quarter of its time
 * in the embedded database (a random key lands on a random index page). Rows written directly (in the transaction
 * of the read they record) never had an entry id and are unaffected.
 */
export class ProcessingLogJournalProgress1796000060000 implements MigrationInterface {
  name = 'ProcessingLogJournalProgress1796000060000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE processing_log_journal_progress (
        instance    text        NOT NULL,
        written_seq bigint      NOT NULL,
        updated_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_processing_log_journal_progress PRIMARY KEY (instance)
      )`);
    await q.query(`ALTER TABLE processing_log DROP CONSTRAINT uq_processing_log_entry_id`);
    await q.query(`ALTER TABLE processing_log DROP COLUMN entry_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE processing_log ADD COLUMN entry_id uuid`);
    await q.query(`ALTER TABLE processing_log ADD CONSTRAINT uq_processing_log_entry_id UNIQUE (entry_id)`);
    await q.query(`DROP TABLE processing_log_journal_progress`);
  }
}
