import * as lockfile from 'proper-lockfile';
import { randomUUID } from 'node:crypto';
import { constants as fsConstants, promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * One processing-log row as the journal keeps it until the database has it. `seq` numbers the rows of one journal
 * instance in the order they were added: the database records per instance the highest number it holds, which makes
 * replays idempotent. A journal of an earlier version holds an `id` per row instead (replayed as it is).
 */
export interface JournalRow {
  seq?: number;
  /** Only in journals written before rows were numbered. */
  id?: string;
  occurredAt: string;
  actor: string;
  roles: string;
  municipalityCode: string;
  personId: string;
  action: string;
  purpose: string | null;
  requestId: string | null;
}

interface Segment {
  path: string;
  file?: FileHandle;
  size: number;
  /** The buffer's sequence number of the last row appended to this segment. */
  lastSeq: number;
}

const SEGMENT_EXT = '.journal';
const LOCK_EXT = '.lock';
/** A holder refreshes its lock every 5 s; a lock not refreshed for 30 s belongs to a process that is gone. */
const LOCK_STALE_MS = 30_000;
const LOCK_UPDATE_MS = 5_000;
/**
 * A segment that still holds unwritten rows is closed (and a fresh one started) once it reaches this size. Under a
 * steady load new rows arrive while each database write runs, so the active segment is seldom all written and
 * emptied: it grows until it rotates. Starting a segment (create, then fsync the folder) holds up the appends
 * behind it, so segments are large: at 10,000 checks a second (about 2.5 MB of rows) one rotation every second
 * or two. With 256 KiB segments (ten rotations a second) the HTTP benchmark ran 11,400-12,300 checks/s, with
 * 4 MiB 13,200-13,600 (one machine, runs minutes apart, 500-row database batches). A replay reads one segment at a time.
 */
const ROTATE_BYTES = 4 * 1024 * 1024;
/** Segments are opened for appending, with synchronized data writes where the platform has them (Linux, macOS). */
const SYNC_ON_WRITE = typeof fsConstants.O_DSYNC === 'number';
const SEGMENT_FLAGS = fsConstants.O_WRONLY | fsConstants.O_APPEND | fsConstants.O_CREAT | (SYNC_ON_WRITE ? fsConstants.O_DSYNC : 0);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The local, fsync'ed queue of processing-log rows: an append-only journal in a 0700 folder, files 0600 (the rows
 * name persons). Each process writes its own segments (`<host>.<pid>.<random>-<n>.journal`) under a
 * `proper-lockfile` lock, so several instances may share the folder; segments of an instance that is gone
 * (crashed, or stopped while the database was away) are adopted by whoever finds them and replayed.
 * All file operations of one journal run one after another.
 */
export class ProcessingLogJournal {
  private active?: Segment;
  private readonly closed: Segment[] = [];
  private ops: Promise<unknown> = Promise.resolve();
  private segmentNo = 0;
  private isClosed = false;

  private constructor(
    readonly dir: string,
    readonly instance: string,
    private readonly unlock: () => Promise<void>,
    private readonly rotateBytes: number,
  ) {}

  /** `rotateBytes`: the segment size at which a segment still holding unwritten rows is rotated. */
  static async open(dir: string, onLockCompromised: (err: Error) => void, rotateBytes = ROTATE_BYTES): Promise<ProcessingLogJournal> {
    const instance = `${hostname().replace(/[^A-Za-z0-9_-]/g, '_')}.${process.pid}.${randomUUID().slice(0, 8)}`;
    for (let attempt = 1; ; attempt++) {
      await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
      await fsp.chmod(dir, 0o700);
      try {
        const unlock = await lockfile.lock(join(dir, instance), { ...lockOptions(dir, instance), update: LOCK_UPDATE_MS, onCompromised: onLockCompromised });
        return new ProcessingLogJournal(dir, instance, unlock, rotateBytes);
      } catch (e) {
        // Another instance closing removed the (then empty) folder between our mkdir and our lock: make it again.
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 3) throw e;
      }
    }
  }

  /**
   * Appends rows and makes them durable: one write to a segment opened with `O_DSYNC` (the write returns once the
   * data is on disk, as write + fdatasync would, in one system call and one trip to the thread pool), or write +
   * fdatasync where the platform has no `O_DSYNC`. `lines` are the rows as JSON texts (`JSON.stringify` of a
   * {@link JournalRow}, which holds no line break); `lastSeq` is the buffer's number of the last row.
   */
  append(lines: readonly string[], lastSeq: number): Promise<void> {
    return this.run(async () => {
      if (this.isClosed) throw new Error('journal closed');
      const segment = this.active ?? (this.active = await this.newSegment());
      // The leading newline ends any torn line a failed earlier write may have left.
      const data = Buffer.from(`\n${lines.join('\n')}\n`);
      try {
        for (let at = 0; at < data.length; ) at += (await segment.file!.write(data, at)).bytesWritten;
        if (!SYNC_ON_WRITE) await segment.file!.datasync();
      } catch (e) {
        await this.retire(segment);
        throw e;
      }
      segment.size += data.length;
      segment.lastSeq = lastSeq;
    });
  }

  /**
   * Forgets what the database now holds (every row up to `writtenSeq`): deletes closed segments, empties the active
   * one when all of it is written, or closes it for a fresh one when it has grown and still holds unwritten rows.
   */
  release(writtenSeq: number): Promise<void> {
    return this.run(async () => {
      for (const segment of this.closed.filter((s) => s.lastSeq <= writtenSeq)) {
        await fsp.rm(segment.path, { force: true });
        this.closed.splice(this.closed.indexOf(segment), 1);
      }
      const active = this.active;
      if (!active || active.size === 0) return;
      if (active.lastSeq <= writtenSeq) {
        await active.file!.truncate(0);
        await active.file!.datasync();
        active.size = 0;
      } else if (active.size >= this.rotateBytes) {
        await this.retire(active);
      }
    });
  }

  /** Rows in this journal's own segments (the bytes on disk), for tests and diagnostics. */
  async ownRows(): Promise<JournalRow[]> {
    await this.ops;
    const names = (await fsp.readdir(this.dir)).filter((n) => n.startsWith(`${this.instance}-`) && n.endsWith(SEGMENT_EXT));
    return (await Promise.all(names.sort(bySegmentNo).map((n) => readSegment(join(this.dir, n))))).flat();
  }

  /**
   * Replays the segments of instances that are gone: `write` must store the rows of that instance idempotently
   * (by their `seq`); a segment is deleted only after its rows are written. Returns how many rows were replayed.
   */
  async adoptOrphans(write: (rows: JournalRow[], instance: string) => Promise<void>): Promise<number> {
    const names = await fsp.readdir(this.dir);
    const segments = names.filter((n) => n.endsWith(SEGMENT_EXT));
    // Locks without segments (an instance that crashed with nothing queued) are taken and so cleared too.
    const locks = names.filter((n) => n.endsWith(LOCK_EXT)).map((n) => n.slice(0, -LOCK_EXT.length));
    const instances = [...new Set([...segments.map(instanceOf), ...locks])].filter((i) => i !== this.instance);
    let replayed = 0;
    for (const instance of instances) {
      const release = await this.tryLock(instance);
      if (!release) continue;
      try {
        for (const name of segments.filter((n) => instanceOf(n) === instance).sort(bySegmentNo)) {
          const rows = await readSegment(join(this.dir, name));
          for (let i = 0; i < rows.length; i += 1000) await write(rows.slice(i, i + 1000), instance);
          await fsp.rm(join(this.dir, name), { force: true });
          replayed += rows.length;
        }
      } finally {
        await release().catch(() => undefined);
      }
    }
    return replayed;
  }

  /** Closes the files and releases the lock; `allWritten` deletes this instance's segments, else they stay for replay. */
  close(allWritten: boolean): Promise<void> {
    return this.run(async () => {
      if (this.isClosed) return;
      this.isClosed = true;
      const segments = [...this.closed, ...(this.active ? [this.active] : [])];
      for (const segment of segments) {
        await segment.file?.close().catch(() => undefined);
        if (allWritten || segment.size === 0) await fsp.rm(segment.path, { force: true });
      }
      await this.unlock().catch(() => undefined);
      // An empty folder is not left behind (one per database the service ever used); a non-empty one stays.
      await fsp.rmdir(this.dir).catch(() => undefined);
    });
  }

  private run<T>(op: () => Promise<T>): Promise<T> {
    const next = this.ops.then(op, op);
    this.ops = next.catch(() => undefined);
    return next;
  }

  private async newSegment(): Promise<Segment> {
    const path = join(this.dir, `${this.instance}-${++this.segmentNo}${SEGMENT_EXT}`);
    const file = await fsp.open(path, SEGMENT_FLAGS, 0o600);
    // The new name must survive a crash too: sync the folder.
    const folder = await fsp.open(this.dir, 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
    return { path, file, size: 0, lastSeq: 0 };
  }

  private async retire(segment: Segment): Promise<void> {
    await segment.file?.close().catch(() => undefined);
    segment.file = undefined;
    if (this.active === segment) this.active = undefined;
    this.closed.push(segment);
  }

  /** Takes the lock of another instance's segments if that instance is gone; undefined when it still runs. */
  private async tryLock(instance: string): Promise<(() => Promise<void>) | undefined> {
    const options = lockOptions(this.dir, instance);
    if (await lockfile.check(join(this.dir, instance), options)) {
      // On this host a dead pid frees the lock at once; elsewhere only staleness does (pids are not comparable).
      const [host, pid] = instance.split('.');
      const sameHost = host === hostname().replace(/[^A-Za-z0-9_-]/g, '_');
      if (!sameHost || isAlive(Number(pid))) return undefined;
      await fsp.rm(options.lockfilePath, { recursive: true, force: true });
    }
    try {
      return await lockfile.lock(join(this.dir, instance), { ...options, update: LOCK_UPDATE_MS, onCompromised: () => undefined });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ELOCKED') return undefined;
      throw e;
    }
  }
}

function lockOptions(dir: string, instance: string) {
  return { lockfilePath: join(dir, `${instance}${LOCK_EXT}`), stale: LOCK_STALE_MS, realpath: false };
}

function instanceOf(segmentName: string): string {
  return segmentName.slice(0, segmentName.lastIndexOf('-'));
}

function bySegmentNo(a: string, b: string): number {
  const no = (n: string) => Number(n.slice(n.lastIndexOf('-') + 1, -SEGMENT_EXT.length));
  return no(a) - no(b);
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return false; // our own pid on a segment that is not ours: an earlier life (containers)
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The complete rows of a segment; a torn last line (a crash mid-write, never acknowledged) is skipped. */
export async function readSegment(path: string): Promise<JournalRow[]> {
  const text = await fsp.readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? '' : Promise.reject(e)));
  const rows = new Map<string | number, JournalRow>();
  for (const line of text.split('\n')) {
    const row = parseRow(line);
    if (row) rows.set(row.seq ?? (row.id as string), row);
  }
  return [...rows.values()];
}

function parseRow(line: string): JournalRow | undefined {
  if (!line.trim()) return undefined;
  try {
    const row = JSON.parse(line) as JournalRow;
    const numbered = Number.isSafeInteger(row?.seq) && (row.seq as number) > 0;
    const legacy = row?.seq === undefined && typeof row?.id === 'string' && UUID.test(row.id);
    return (numbered || legacy) && typeof row.personId === 'string' && typeof row.occurredAt === 'string' ? row : undefined;
  } catch {
    return undefined;
  }
}
