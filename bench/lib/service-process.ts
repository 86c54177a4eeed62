import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * Starts the real service (`src/main.ts`) in its own process for a benchmark and resolves once it says it is ready.
 * `nodeArgs` go to node (e.g. `--cpu-prof`), `preload` modules are required before the service (e.g. a memory
 * reporter). stdout keeps being drained afterwards, as a terminal or log collector would.
 */
export function startService(options: { port: number; env: Record<string, string>; nodeArgs?: string[]; preload?: string[] }): Promise<ChildProcess> {
  const preload = (options.preload ?? []).flatMap((m) => ['-r', m]);
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '-r', 'ts-node/register/transpile-only', ...preload, 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', PORT: String(options.port), ...options.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('Service ready')) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`service exited with ${code}: ${out.slice(-2000)}`)));
  });
}

/** Stops a service started by `startService` (SIGTERM: a clean shutdown) and waits for it to exit. */
export async function stopService(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}
