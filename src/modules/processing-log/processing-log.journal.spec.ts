import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProcessingLogJournal, readSegment, type JournalRow } from './processing-log.journal';

function row(n: number): JournalRow {
  return {
    seq: n,
    occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    actor: 'officer-1',
    roles: 'police',
    municipalityCode: 'GM1706',
    personId: randomUUID(),
    action: 'breach-check',
    purpose: n % 2 ? `zaak ${n}` : null,
    requestId: `req-${n}`,
  };
}

/** The rows as the buffer hands them to the journal. */
function lines(rows: readonly JournalRow[]): string[] {
  return rows.map((r) => JSON.stringify(r));
}

/** Segment files in the folder (not the lock folders). */
function segments(dir: string): string[] {
  return readdirSync(dir).filter((n) => n.endsWith('.journal'));
}

describe('ProcessingLogJournal', () => {
  let dir: string;
  const journals: ProcessingLogJournal[] = [];
  const open = async (rotateBytes?: number) => {
    const j = await ProcessingLogJournal.open(dir, () => undefined, rotateBytes);
    journals.push(j);
    return j;
  };

  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'ordreg-journal-')), 'queue', 'db');
  });
  afterEach(async () => {
    await Promise.all(journals.splice(0).map((j) => j.close(false)));
    rmSync(join(dir, '..', '..'), { recursive: true, force: true });
  });

  it('appends rows durably to a 0600 file in a 0700 folder and reads them back in order', async () => {
    const j = await open();
    const rows = [row(1), row(2), row(3)];
    await j.append(lines(rows.slice(0, 2)), 2);
    await j.append(lines(rows.slice(2)), 3);
    expect(await j.ownRows()).toEqual(rows);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const [file] = segments(dir);
    expect(statSync(join(dir, file)).mode & 0o777).toBe(0o600);
  });

  it('empties the segment once the database holds every row in it, and keeps it while it does not', async () => {
    const j = await open();
    await j.append(lines([row(1), row(2)]), 2);
    await j.release(1);
    expect(await j.ownRows()).toHaveLength(2);
    await j.release(2);
    expect(await j.ownRows()).toEqual([]);
    const more = row(3);
    await j.append(lines([more]), 3);
    expect(await j.ownRows()).toEqual([more]);
  });

  it('rotates a large segment that still holds unwritten rows and deletes it once they are written', async () => {
    const j = await open(256 * 1024);
    const many = Array.from({ length: 1500 }, (_, i) => row(i + 1)); // > 256 KiB
    await j.append(lines(many), 1500);
    await j.release(10);
    const after = row(2000);
    await j.append(lines([after]), 1501);
    expect(segments(dir)).toHaveLength(2);
    expect(await j.ownRows()).toEqual([...many, after]);
    await j.release(1500);
    expect(segments(dir)).toHaveLength(1);
    expect(await j.ownRows()).toEqual([after]);
  });

  it('replays a crashed instance\'s segments once, skips a torn last line, and deletes them after the write', async () => {
    const crashed = await open();
    const rows = [row(1), row(2), row(3)];
    await crashed.append(lines(rows), 3);
    // A crash mid-append leaves half a line; that row was never acknowledged.
    appendFileSync(join(dir, segments(dir)[0]), '\n{"seq":4,"occurredAt":"2026-01-01T00:00:04.000Z","personId":"6f1c2a1e-0000-4000-8000-0000000');
    const survivor = await open();
    const written: JournalRow[] = [];
    const instances: string[] = [];
    const write = async (batch: JournalRow[], instance: string) => void (written.push(...batch), instances.push(instance));
    // The crashed instance's pid is ours (same process), which the journal reads as an earlier life: adoptable.
    expect(await survivor.adoptOrphans(write)).toBe(3);
    expect(written).toEqual(rows);
    expect(instances).toEqual([crashed.instance]); // the rows go with their instance, whose numbers they carry
    expect(segments(dir).filter((n) => n.startsWith(crashed.instance))).toEqual([]);
    expect(await survivor.adoptOrphans(write)).toBe(0);
  });

  it('reads the rows of a journal of an earlier version (an id per row, no number) and skips lines that are neither', async () => {
    const legacy = { ...row(1), seq: undefined, id: randomUUID() };
    const path = join(dir, 'elsewhere.4242.cafebabe-1.journal');
    mkdirSync(dir, { recursive: true });
    const numbered = row(5);
    const lines = [legacy, { ...row(2), seq: 0 }, { ...row(3), seq: 1.5 }, { ...row(4), seq: undefined }, numbered];
    writeFileSync(path, lines.map((r) => JSON.stringify(r)).join('\n') + '\n', { mode: 0o600 });
    expect(await readSegment(path)).toEqual([JSON.parse(JSON.stringify(legacy)), numbered]);
  });

  it('keeps an orphan segment when its rows cannot be written yet, and replays it later', async () => {
    const crashed = await open();
    const rows = [row(1)];
    await crashed.append(lines(rows), 1);
    const survivor = await open();
    await expect(survivor.adoptOrphans(async () => Promise.reject(new Error('connect ECONNREFUSED')))).rejects.toThrow('ECONNREFUSED');
    expect(segments(dir).filter((n) => n.startsWith(crashed.instance))).toHaveLength(1);
    const written: JournalRow[] = [];
    expect(await survivor.adoptOrphans(async (batch) => void written.push(...batch))).toBe(1);
    expect(written).toEqual(rows);
  });

  it('leaves a running instance\'s segments alone (its lock is fresh and its pid alive)', async () => {
    const survivor = await open();
    // Another live process on this host: our parent (jest's worker host or the shell).
    const name = `${survivor.instance.split('.')[0]}.${process.ppid}.abcdef12`;
    writeFileSync(join(dir, `${name}-1.journal`), `${JSON.stringify(row(1))}\n`, { mode: 0o600 });
    const lockfile = await import('proper-lockfile');
    const release = await lockfile.lock(join(dir, name), { lockfilePath: join(dir, `${name}.lock`), realpath: false, stale: 30_000 });
    try {
      expect(await survivor.adoptOrphans(async () => undefined)).toBe(0);
      expect(existsSync(join(dir, `${name}-1.journal`))).toBe(true);
    } finally {
      await release();
    }
    // Once released (the process stopped with rows unwritten) the next scan replays it.
    expect(await survivor.adoptOrphans(async () => undefined)).toBe(1);
  });

  it('deletes its own segments on a clean close when all rows are written, and leaves them when not', async () => {
    const a = await open();
    await a.append(lines([row(1)]), 1);
    await a.close(true);
    expect(existsSync(dir)).toBe(false); // nothing left: the empty folder goes too
    const b = await open();
    await b.append(lines([row(2)]), 1);
    await b.close(false);
    const [left] = segments(dir);
    expect(await readSegment(join(dir, left))).toHaveLength(1);
    expect(readFileSync(join(dir, left), 'utf8')).not.toContain('"position"');
  });
});
