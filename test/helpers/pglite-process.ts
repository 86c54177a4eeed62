import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './throwaway-postgres';

/** PGlite served on a fixed loopback port by a child process (`pglite-server.mjs`): killable and restartable. */
export class PgliteProcess {
  private proc?: ChildProcess;

  private constructor(
    private readonly dir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  static async create(): Promise<PgliteProcess> {
    const server = new PgliteProcess(mkdtempSync(join(tmpdir(), 'ordreg-pglite-')), await freePort());
    await server.start();
    return server;
  }

  start(): Promise<void> {
    const proc = spawn(process.execPath, [join(__dirname, 'pglite-server.mjs'), join(this.dir, 'pgdata'), String(this.port)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proc = proc;
    let out = '';
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`PGlite did not start: ${out}`)), 60_000);
      proc.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('READY')) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`PGlite exited (${code}): ${out}`));
      });
    });
  }

  /** SIGKILL: the database vanishes as in a crash (PGlite's folder survives it). */
  async stop(): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGKILL');
    await exited;
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
