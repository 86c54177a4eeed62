import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DataFolderLock } from './data-folder-lock';

/** How the ordinary `pg` driver reaches the embedded database. */
export interface EmbeddedConnection {
  host: string;
  port: number;
  username: string;
  database: string;
}

const SOCKET_PORT = 5432;
/** Unix socket paths are limited to ~107 bytes; beyond that the server listens on loopback TCP instead. */
const MAX_SOCKET_PATH = 100;

/**
 * PostgreSQL compiled to WebAssembly (PGlite), stored in a data folder and served to the `pg` driver through
 * `@electric-sql/pglite-socket`: on a Unix socket inside the (0700) data folder when the path fits, else on a
 * random loopback port. PGlite is single-connection, so clients use a pool of one.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly lock: DataFolderLock,
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    readonly connection: EmbeddedConnection,
  ) {}

  static async start(dataDir: string, onLockLost: (err: Error) => void): Promise<EmbeddedPostgres> {
    const lock = await DataFolderLock.acquire(dataDir, onLockLost);
    try {
      const db = await PGlite.create(join(dataDir, 'pgdata'));
      const socketPath = join(dataDir, `.s.PGSQL.${SOCKET_PORT}`);
      const useSocket = socketPath.length <= MAX_SOCKET_PATH;
      // A socket file left by a killed process would block the bind; we hold the folder lock, so it is ours.
      if (useSocket) rmSync(socketPath, { force: true });
      const server = new PGLiteSocketServer(
        useSocket ? { db, path: socketPath } : { db, host: '127.0.0.1', port: 0 },
      );
      await server.start();
      const port = useSocket ? SOCKET_PORT : Number(server.getServerConn().split(':').pop());
      const host = useSocket ? dataDir : '127.0.0.1';
      return new EmbeddedPostgres(lock, db, server, { host, port, username: 'postgres', database: 'postgres' });
    } catch (e) {
      await lock.unlock();
      throw e;
    }
  }

  /** Stops serving, checkpoints and closes PGlite, then releases the data folder. */
  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
    await this.lock.unlock();
  }
}
