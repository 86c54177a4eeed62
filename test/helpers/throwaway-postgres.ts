import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** A free loopback TCP port (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A throw-away PostgreSQL 15 cluster in a temporary folder on a free port, run as the `postgres` user (the test runs
 * as root, as CI does). It can be stopped and started again under a running app. Throws, never skips, when it
 * cannot be made (no binaries, not root): a fault test that silently does nothing proves nothing.
 */
export class ThrowawayPostgres {
  private constructor(
    private readonly dir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/ordreg`;
  }

  static async create(): Promise<ThrowawayPostgres> {
    if (!existsSync(join(PG_BIN, 'initdb'))) throw new Error(`PostgreSQL binaries not found in ${PG_BIN} (set PG_BIN)`);
    if (process.getuid?.() !== 0) throw new Error('A throw-away PostgreSQL cluster needs root (to run initdb as the postgres user)');
    const dir = mkdtempSync(join(tmpdir(), 'ordreg-pg-'));
    const pgUid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    chownSync(dir, pgUid, pgUid);
    const cluster = new ThrowawayPostgres(dir, await freePort());
    cluster.asPostgres(join(PG_BIN, 'initdb'), ['-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust', '--no-sync']);
    cluster.start();
    cluster.asPostgres(join(PG_BIN, 'createdb'), ['-h', '127.0.0.1', '-p', String(cluster.port), '-U', 'postgres', 'ordreg']);
    return cluster;
  }

  start(): void {
    this.asPostgres(join(PG_BIN, 'pg_ctl'), [
      '-D', join(this.dir, 'data'), '-w', '-l', join(this.dir, 'log'),
      '-o', `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start',
    ]);
  }

  /** `immediate` is a crash (no checkpoint, clients cut off); `fast` terminates sessions with 57P01. */
  stop(mode: 'fast' | 'immediate' = 'fast'): void {
    this.asPostgres(join(PG_BIN, 'pg_ctl'), ['-D', join(this.dir, 'data'), '-m', mode, '-w', 'stop']);
  }

  destroy(): void {
    try {
      this.stop('immediate');
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private asPostgres(bin: string, args: string[]): void {
    execFileSync('runuser', ['-u', 'postgres', '--', bin, ...args], { stdio: 'pipe', timeout: 60_000 });
  }
}
