import { Logger } from '@nestjs/common';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { Client } from 'pg';
import { DataFolderInUseError, DataFolderLock } from '../../src/database/data-folder-lock';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres';

jest.setTimeout(60_000);

/** The embedded database (PGlite in a worker thread) on a data folder of its own, outside the suite's database. */
describe('EmbeddedPostgres', () => {
  const dirs: string[] = [];
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'ordreg-embedded-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  async function query(db: EmbeddedPostgres, sql: string): Promise<unknown[]> {
    const client = new Client({ host: db.connection.host, port: db.connection.port, user: db.connection.username, database: db.connection.database });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  }

  it('serves the folder over its socket, holds the folder lock while running, and keeps the data across a stop', async () => {
    const dir = folder();
    const db = await EmbeddedPostgres.start(dir, () => undefined);
    await query(db, 'CREATE TABLE t (n int); INSERT INTO t VALUES (42)');
    await expect(DataFolderLock.acquire(dir, () => undefined)).rejects.toBeInstanceOf(DataFolderInUseError);
    await Promise.all([db.stop(), db.stop()]); // a second stop waits for the first

    const again = await EmbeddedPostgres.start(dir, () => undefined);
    try {
      expect(await query(again, 'SELECT n FROM t')).toEqual([{ n: 42 }]);
    } finally {
      await again.stop();
    }
  });

  it('serves on loopback TCP when the socket path would be too long', async () => {
    const dir = join(folder(), 'x'.repeat(100));
    const db = await EmbeddedPostgres.start(dir, () => undefined);
    try {
      expect(db.connection.host).toBe('127.0.0.1');
      expect(await query(db, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await db.stop();
    }
  });

  it('logs a worker that dies later; database calls then fail, and stop still releases the folder', async () => {
    const dir = folder();
    const db = await EmbeddedPostgres.start(dir, () => undefined);
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      // What a crash of the thread looks like from outside (the worker is private: no other way in).
      await (db as unknown as { worker: Worker }).worker.terminate();
      await expect(query(db, 'SELECT 1')).rejects.toThrow();
      expect(logged).toHaveBeenCalledWith(expect.stringMatching(/^Embedded database stopped unexpectedly \(exit code 1\)/));
      await db.stop();
      const lock = await DataFolderLock.acquire(dir, () => undefined);
      await lock.unlock();
    } finally {
      logged.mockRestore();
    }
  });

  it('rejects the start with the worker\'s error when PGlite cannot open the folder, and releases the lock', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'pgdata'), 'not a folder');
    await expect(EmbeddedPostgres.start(dir, () => undefined)).rejects.toThrow(/PGlite failed: .*ErrnoError/);
    const lock = await DataFolderLock.acquire(dir, () => undefined);
    await lock.unlock();
  });
});
