import * as lockfile from 'proper-lockfile';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Thrown when another running process holds the data folder. */
export class DataFolderInUseError extends Error {
  constructor(dataDir: string, pid?: number) {
    super(
      `Data folder ${dataDir} is in use by another running service${pid ? ` (pid ${pid})` : ''}; ` +
        'stop it first or point DATA_DIR at another folder',
    );
    this.name = 'DataFolderInUseError';
  }
}

const STALE_MS = 5000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * An exclusive lock on the embedded database's data folder. A second PGlite opening the same folder corrupts
 * it, so only one process may hold it. The lock itself is `proper-lockfile` (an mkdir lock whose mtime the
 * holder refreshes; a lock not refreshed for 5 s is stale and taken over). The pid file beside it lets a
 * restart right after a SIGKILL take the lock at once instead of waiting for staleness.
 */
export class DataFolderLock {
  private constructor(
    private readonly release: () => Promise<void>,
    private readonly pidFile: string,
  ) {}

  static async acquire(dataDir: string, onCompromised: (err: Error) => void): Promise<DataFolderLock> {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const lockfilePath = join(dataDir, 'service.lock');
    const pidFile = join(dataDir, 'service.pid');
    const opts = { lockfilePath, stale: STALE_MS, realpath: false };
    if (await lockfile.check(dataDir, opts)) {
      const pid = readPid(pidFile);
      if (pid !== undefined && pid !== process.pid && !isAlive(pid)) {
        rmSync(lockfilePath, { recursive: true, force: true });
      } else {
        throw new DataFolderInUseError(dataDir, pid);
      }
    }
    let release: () => Promise<void>;
    try {
      release = await lockfile.lock(dataDir, { ...opts, update: STALE_MS / 5, onCompromised });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataFolderInUseError(dataDir, readPid(pidFile));
      throw e;
    }
    writeFileSync(pidFile, String(process.pid));
    return new DataFolderLock(release, pidFile);
  }

  async unlock(): Promise<void> {
    rmSync(this.pidFile, { force: true });
    await this.release();
  }
}

function readPid(pidFile: string): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}
