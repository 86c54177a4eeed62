import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ModuleKind, ScriptTarget, transpileModule } from 'typescript';

const ROOT = join(__dirname, '..', '..');
/** The service as `npm start` runs it: compiled by `npm run build` (the bench scripts build first). */
const MAIN = join(ROOT, 'dist', 'src', 'main.js');

/**
 * Starts the real service in its own process for a benchmark, as `npm start` runs it (`node dist/src/main.js`,
 * built beforehand; not through ts-node, whose REPL module loads Node's `domain` module and so slows every event
 * emitter of the service), and resolves once it says it is ready. `nodeArgs` go to node (e.g. `--cpu-prof`),
 * `preload` modules (TypeScript, compiled here to a temporary file) are required before the service (e.g. a memory
 * reporter). stdout keeps being drained afterwards, as a terminal or log collector would.
 */
export function startService(options: { port: number; env: Record<string, string>; nodeArgs?: string[]; preload?: string[] }): Promise<ChildProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (the bench:* scripts do)`);
  const preload = (options.preload ?? []).flatMap((m) => ['-r', compiled(m)]);
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...preload, MAIN], {
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

/** Preload modules compiled in this process, by path: a benchmark starts the service more than once. */
const compiledFiles = new Map<string, string>();

/** A self-contained TypeScript module (Node built-ins only) compiled to CommonJS in a temporary folder, once. */
function compiled(module: string): string {
  let file = compiledFiles.get(module);
  if (file === undefined) {
    const source = join(ROOT, module);
    const { outputText } = transpileModule(readFileSync(source, 'utf8'), { compilerOptions: { module: ModuleKind.CommonJS, target: ScriptTarget.ES2022 } });
    file = join(mkdtempSync(join(tmpdir(), 'ordreg-preload-')), basename(source).replace(/\.ts$/, '.js'));
    writeFileSync(file, outputText);
    compiledFiles.set(module, file);
  }
  return file;
}

/** Clock ticks per second of /proc's CPU times (`getconf CLK_TCK`: 100 on Linux). */
const CLOCK_TICKS_PER_S = 100;

/**
 * CPU time in milliseconds (user + system) the service's main thread has used so far, from Linux's
 * `/proc/<pid>/task/<pid>/stat`; undefined where there is no such file. The main thread is where a Node service's
 * requests queue up, so its CPU time per request is the cost that caps throughput, and unlike requests per second it
 * hardly moves when a neighbour takes the CPU for a while.
 */
export function mainThreadCpuMs(child: ChildProcess): number | undefined {
  return cpuMsOf(`/proc/${child.pid}/task/${child.pid}/stat`);
}

/**
 * CPU time in milliseconds the whole service process has used so far, all its threads (`/proc/<pid>/stat`): besides
 * the main thread, the embedded database's worker, V8's platform threads (garbage collection) and libuv's pool (file
 * writes), which take the same two cores as the main thread and the load generator.
 */
export function processCpuMs(child: ChildProcess): number | undefined {
  return cpuMsOf(`/proc/${child.pid}/stat`);
}

/** utime + stime of a `/proc` stat file, in milliseconds; undefined where there is no such file. */
function cpuMsOf(statPath: string): number | undefined {
  try {
    const stat = readFileSync(statPath, 'utf8');
    // Fields after the command name (which is in parentheses and may hold spaces): utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
  } catch {
    return undefined;
  }
}

/** Stops a service started by `startService` (SIGTERM: a clean shutdown) and waits for it to exit. */
export async function stopService(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}
