import 'reflect-metadata';
import { loadConfig } from '../config/app-config';
import { DataFolderInUseError } from '../database/data-folder-lock';
import { describeDatabase, openDatabase } from '../database/open-database';

/**
 * `npm run migration:run | migration:revert | migration:show` on either database. In embedded mode it opens the
 * data folder only when no service holds it (the folder lock refuses otherwise: a running service migrates itself
 * at start-up).
 */
async function main(command: string | undefined): Promise<void> {
  if (!['run', 'revert', 'show'].includes(command ?? '')) throw new Error('usage: migrate.ts run|revert|show');
  const config = loadConfig();
  const db = await openDatabase(config).catch((e: Error) => {
    if (e instanceof DataFolderInUseError) {
      throw new Error(`${e.message}. A running service applies migrations itself at start-up.`);
    }
    throw e;
  });
  try {
    const where = describeDatabase(config);
    if (command === 'run') {
      const applied = await db.dataSource.runMigrations({ transaction: 'each' });
      process.stdout.write(applied.length ? `Applied on ${where}: ${applied.map((m) => m.name).join(', ')}\n` : `No pending migrations on ${where}\n`);
    } else if (command === 'revert') {
      const before = await executed(db.dataSource);
      await db.dataSource.undoLastMigration({ transaction: 'each' });
      process.stdout.write(before.length ? `Reverted on ${where}: ${before[before.length - 1]}\n` : `Nothing to revert on ${where}\n`);
    } else {
      const done = await executed(db.dataSource);
      const all = db.dataSource.migrations.map((m) => m.name ?? m.constructor.name);
      for (const name of all) process.stdout.write(`${done.includes(name) ? '[X]' : '[ ]'} ${name}\n`);
    }
  } finally {
    await db.close();
  }
}

async function executed(ds: import('typeorm').DataSource): Promise<string[]> {
  const table = await ds.query(`SELECT to_regclass('typeorm_migrations') AS t`);
  if (!table[0].t) return [];
  const rows: { name: string }[] = await ds.query('SELECT name FROM typeorm_migrations ORDER BY id');
  return rows.map((r) => r.name);
}

main(process.argv[2]).catch((e: Error) => {
  process.stderr.write(`migrate: ${e.message}\n`);
  process.exit(1);
});
