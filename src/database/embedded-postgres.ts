import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
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

/** What the worker is told: module paths resolved here, so the inline worker needs no module resolution of its own. */
interface WorkerInput {
  pglite: string;
  pgliteSocket: string;
  pgdata: string;
  /** The Unix socket to serve on, or undefined for a random loopback TCP port. */
  socketPath?: string;
}

/**
 * The worker thread's code, plain JavaScript given inline (`eval`), so it runs the same from dist/, under ts-node and
 * under Jest without a compiled file of its own. It opens PGlite, serves it, says `{ ready: "<host:port or path>" }`,
 * and on any message stops serving, closes PGlite (a clean shutdown with checkpoint) and exits 0. A failure is thrown
 * out of the worker, so the main thread sees it as the worker's `error` event.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { rmSync } = require('node:fs');
const { PGlite } = require(workerData.pglite);
const { PGLiteSocketServer } = require(workerData.pgliteSocket);
// PGlite's file-system errors are plain objects ({ name: 'ErrnoError', errno }) without a message: wrap them.
const fail = (e) => process.nextTick(() => {
  throw e instanceof Error ? e : new Error(\`PGlite failed: \${JSON.stringify(e)}\`);
});
(async () => {
  const db = await PGlite.create(workerData.pgdata);
  const { socketPath } = workerData;
  // A socket file left by a killed process would block the bind; the main thread holds the folder lock, so it is ours.
  if (socketPath) rmSync(socketPath, { force: true });
  const server = new PGLiteSocketServer(socketPath ? { db, path: socketPath } : { db, host: '127.0.0.1', port: 0 });
  await server.start();
  parentPort.once('message', () => {
    (async () => {
      await server.stop();
      await db.close();
      process.exit(0);
    })().catch(fail);
  });
  parentPort.postMessage({ ready: server.getServerConn() });
})().catch(fail);
`;

/**
 * PostgreSQL compiled to WebAssembly (PGlite), stored in a data folder and served to the `pg` driver through
 * `@electric-sql/pglite-socket`: on a Unix socket inside the (0700) data folder when the path fits, else on a
 * random loopback port. PGlite is single-connection, so clients use a pool of one.
 *
 * PGlite and its socket server run in a worker thread: the database's work (WebAssembly, synchronous while a query
 * runs) then never blocks the service's event loop, and the service talks to it over the socket like to any
 * PostgreSQL. The data-folder lock stays in the main thread, which owns the folder for the whole process. A worker
 * that dies later is logged; from then on database calls fail as with any database that went away.
 */
export class EmbeddedPostgres {
  private readonly logger = new Logger(EmbeddedPostgres.name);
  private stopping = false;
  /** Set when the worker exited without being asked to: the crash is logged then, not again at stop. */
  private crashed = false;
  private stopped?: Promise<void>;

  private constructor(
    private readonly lock: DataFolderLock,
    private readonly worker: Worker,
    private readonly exited: Promise<WorkerExit>,
    readonly connection: EmbeddedConnection,
  ) {
    void exited.then(({ code, error }) => {
      if (this.stopping) return;
      this.crashed = true;
      this.logger.error(`Embedded database stopped unexpectedly (exit code ${code}${error ? `: ${error.message}` : ''}); database calls fail until the service restarts`);
    });
  }

  static async start(dataDir: string, onLockLost: (err: Error) => void): Promise<EmbeddedPostgres> {
    const lock = await DataFolderLock.acquire(dataDir, onLockLost);
    try {
      const socketPath = join(dataDir, `.s.PGSQL.${SOCKET_PORT}`);
      const useSocket = socketPath.length <= MAX_SOCKET_PATH;
      const { worker, exited, serverConn } = await startWorker({
        pglite: require.resolve('@electric-sql/pglite'),
        pgliteSocket: require.resolve('@electric-sql/pglite-socket'),
        pgdata: join(dataDir, 'pgdata'),
        socketPath: useSocket ? socketPath : undefined,
      });
      const port = useSocket ? SOCKET_PORT : Number(serverConn.split(':').pop());
      const host = useSocket ? dataDir : '127.0.0.1';
      return new EmbeddedPostgres(lock, worker, exited, { host, port, username: 'postgres', database: 'postgres' });
    } catch (e) {
      await lock.unlock();
      throw e;
    }
  }

  /**
   * Stops serving, checkpoints and closes PGlite (in its worker, which then exits), then releases the data folder.
   * Calling it again waits for the same stop.
   */
  stop(): Promise<void> {
    return (this.stopped ??= this.shutdown());
  }

  private async shutdown(): Promise<void> {
    this.stopping = true;
    const crashedBefore = this.crashed;
    this.worker.postMessage('stop');
    const { code, error } = await this.exited;
    await this.lock.unlock();
    if (!crashedBefore && code !== 0) throw error ?? new Error(`Embedded database exited with code ${code} while stopping`);
  }
}

interface WorkerExit {
  code: number;
  /** The exception that ended the worker, if one did. */
  error?: Error;
}

/** Starts the worker and waits until it serves; rejects with the worker's error if it fails on the way. */
function startWorker(input: WorkerInput): Promise<{ worker: Worker; exited: Promise<WorkerExit>; serverConn: string }> {
  // No inherited node options: the host's preloads (ts-node, a benchmark's memory reporter) are not for this thread.
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: input, execArgv: [] });
  let error: Error | undefined;
  worker.on('error', (e) => (error = e));
  const exited = new Promise<WorkerExit>((resolve) => worker.once('exit', (code) => resolve({ code, error })));
  return new Promise((resolve, reject) => {
    worker.once('message', (m: { ready: string }) => resolve({ worker, exited, serverConn: m.ready }));
    void exited.then(({ code }) => reject(error ?? new Error(`Embedded database exited with code ${code} before it was ready`)));
  });
}
