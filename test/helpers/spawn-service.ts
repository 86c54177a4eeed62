import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

// Rate limits no process test reaches unless it sets its own.
const HIGH_RATE_LIMITS = { RATE_LIMIT_READS: '1000000', RATE_LIMIT_WRITES: '1000000', RATE_LIMIT_BREACH_CHECKS: '1000000' };
const ROOT = join(__dirname, '..', '..');

export interface SpawnedService {
  proc: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the service's base URL once it logs that it is ready. */
  ready(timeoutMs?: number): Promise<string>;
  exited: Promise<number | null>;
}

/** Starts `src/main.ts` (the `npm start` entry point) as a separate process with the given environment. */
export function spawnService(env: Record<string, string>): SpawnedService {
  const proc = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'development', LOG_LEVEL: 'info', PORT: '0', ...HIGH_RATE_LIMITS, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return {
    proc,
    stdout: () => out,
    stderr: () => err,
    exited,
    ready: (timeoutMs = 60_000) =>
      new Promise<string>((resolve, reject) => {
        const started = Date.now();
        const poll = setInterval(() => {
          const m = /API: (http:\/\/[^\s]+)\/api\/v1/.exec(out);
          if (m) {
            clearInterval(poll);
            resolve(m[1]);
          } else if (proc.exitCode !== null || Date.now() - started > timeoutMs) {
            clearInterval(poll);
            reject(new Error(`service not ready (exit ${proc.exitCode}): ${err}${out.slice(-2000)}`));
          }
        }, 100);
      }),
  };
}
