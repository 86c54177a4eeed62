import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleInit,
  ServiceUnavailableException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { Clock } from '../../common/clock';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { ProcessingLogJournal, type JournalRow } from './processing-log.journal';
import type { ProcessingEntry } from './processing-log.service';

/** A row as queued: numbered in the order added (the journal and the database's progress mark rely on it). */
interface QueuedRow extends JournalRow {
  seq: number;
  /**
   * Its JSON text, made once by the journal append or the database batch, whichever comes first (see jsonOf). While
   * the database is away it stays with the row: at MAX_PENDING_ROWS about 30 MB more.
   */
  json?: string;
}

/** Rows handed to the journal in one append, in order of their numbers. */
interface JournalGroup {
  lastSeq: number;
  /** 'written' once the journal holds them; 'failed' if the append failed (the database write covers them then). */
  state: 'writing' | 'written' | 'failed';
}

interface Waiter {
  seq: number;
  /** When the answer waiting stops waiting with a 503 (`performance.now()` ms: monotonic, unlike the wall clock). */
  deadline: number;
  resolve: () => void;
  reject: (e: Error) => void;
}

const FLUSH_EVERY_MS = 200;
/**
 * A database write as soon as this many rows wait (else every FLUSH_EVERY_MS). Each write costs the event loop a
 * statement and the journal a trim that holds up its appends; under load fewer, larger writes gave the HTTP
 * benchmark 14,900-15,100 checks/s against 13,200-13,600 with 500 (PGlite: the rows cost the same each way).
 */
const FLUSH_AT_ROWS = 4000;
const RETRY_AFTER_MS = 1000;
const ORPHAN_SCAN_EVERY_MS = 10_000;
/** Beyond this many unwritten rows (the database is away for long) the service refuses further checks. */
export const MAX_PENDING_ROWS = 100_000;
/** How long a response waits for its processing-log row to become durable before it is refused (503). */
export const DURABLE_WAIT_MS = 5000;

/**
 * Processing-log rows of the breach-check hot path. Each row gets the next number of this process's journal instance
 * and is appended to a local fsync'ed journal (group commit: while one append is in flight the next rows gather) and
 * written to the database in batches (a transaction every 200 ms or 4,000 rows that inserts the rows above the
 * instance's progress mark and moves the mark, so a replayed or retried row is skipped; see {@link writeRows}). A
 * row is durable once either holds it; the answer that added a row waits for `durable(seq)` (see the breach-checks
 * service). While the database is away rows wait in memory and the journal, retried every second; journal segments
 * are dropped once the database has their rows, and segments left by a crashed process are replayed at start-up (and
 * every 10 s, for other instances' leftovers).
 */
@Injectable()
export class ProcessingLogBuffer implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ProcessingLogBuffer.name);
  private journal?: ProcessingLogJournal;
  /** Rows not yet in the database, in order. */
  private pending: QueuedRow[] = [];
  /** Rows not yet appended to the journal, in order. */
  private unjournaled: QueuedRow[] = [];
  private seq = 0;
  /** Every row up to here is in the journal or the database. */
  private journaledSeq = 0;
  private writtenSeq = 0;
  private waiters: Waiter[] = [];
  /** Journal appends not yet counted into `journaledSeq`, oldest first; one at most is writing, the newest. */
  private groups: JournalGroup[] = [];
  private timer?: NodeJS.Timeout;
  /** One timer for the oldest waiter's deadline (waiters are queued in order of their deadlines), not one per answer. */
  private deadlineTimer?: NodeJS.Timeout;
  private orphanTimer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  private stopped = false;
  private readonly ownInstance = `buffer.${process.pid}.${randomUUID().slice(0, 8)}`;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    this.journal = await ProcessingLogJournal.open(this.config.processingLogQueueDir, (err) =>
      this.logger.error(`Processing-log journal lock lost (${err.message}); rows stay in memory until written`),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.replayOrphans();
    this.orphanTimer = setInterval(() => void this.replayOrphans(), ORPHAN_SCAN_EVERY_MS).unref();
  }

  /** Rows not yet written to the database. */
  get size(): number {
    return this.pending.length;
  }

  /** The number of the last row added: a response that saw it added waits for `durable(lastSeq)`. */
  get lastSeq(): number {
    return this.seq;
  }

  /** Queues a row and returns its number: the answer it belongs to waits for `durable(seq)`. */
  add(actor: Actor, entry: ProcessingEntry): number {
    const row: QueuedRow = {
      seq: ++this.seq,
      occurredAt: this.clock.now().toISOString(),
      actor: storableText(actor.sub),
      roles: storableText(actor.roles.join(',')),
      municipalityCode: entry.municipalityCode,
      personId: entry.personId,
      action: entry.action,
      purpose: entry.purpose === undefined ? null : storableText(entry.purpose.slice(0, 500)),
      requestId: actor.requestId === undefined ? null : storableText(actor.requestId),
    };
    this.pending.push(row);
    this.unjournaled.push(row);
    this.kickJournal();
    if (this.pending.length >= FLUSH_AT_ROWS) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_EVERY_MS);
    return row.seq;
  }

  /** Resolves once every row up to `seq` is in the journal or the database; 503 after `DURABLE_WAIT_MS`. */
  durable(seq: number = this.seq): Promise<void> {
    if (seq <= Math.max(this.journaledSeq, this.writtenSeq)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ seq, deadline: performance.now() + DURABLE_WAIT_MS, resolve, reject });
      this.deadlineTimer ??= setTimeout(() => this.expireWaiters(), DURABLE_WAIT_MS).unref();
    });
  }

  /** Writes everything pending to the database; concurrent calls share one write. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.flushing ??= this.write().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  /** Rows in this process's journal segments (diagnostics and tests). */
  journalRows(): Promise<JournalRow[]> {
    return this.journal?.ownRows() ?? Promise.resolve([]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.orphanTimer) clearInterval(this.orphanTimer);
    await this.flush();
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    while (this.journalBusy()) await new Promise((r) => setTimeout(r, 5));
    if (this.pending.length) this.logger.warn(`Processing log: ${this.pending.length} rows stay in the journal for the next start`);
    const allWritten = this.pending.length === 0;
    await this.journal?.close(allWritten);
    // Only the owner drops its mark, once its segments are gone (a crash before this leaves a row nothing needs). A
    // crashed instance's mark stays after a replay: if that instance was only stalled (its lock gone stale), its
    // later writes still find their rows written.
    if (allWritten) await this.forgetProgress();
  }

  /**
   * The journal instance whose rows this buffer numbers: the one its segments are named after, or (no journal, as in
   * unit tests) one of its own, so that two processes never share a progress mark.
   */
  private get instance(): string {
    return this.journal?.instance ?? this.ownInstance;
  }

  /** Appends the rows gathered to the journal, unless an append is in flight (its end appends the next group). */
  private kickJournal(): void {
    if (this.journalBusy() || !this.journal || !this.unjournaled.length) return;
    const rows = this.unjournaled;
    this.unjournaled = [];
    const group: JournalGroup = { lastSeq: rows[rows.length - 1].seq, state: 'writing' };
    this.groups.push(group);
    void this.appendGroup(this.journal, rows, group);
  }

  private journalBusy(): boolean {
    return this.groups.at(-1)?.state === 'writing';
  }

  private async appendGroup(journal: ProcessingLogJournal, rows: readonly QueuedRow[], group: JournalGroup): Promise<void> {
    try {
      await journal.append(rows.map(jsonOf), group.lastSeq);
      group.state = 'written';
    } catch (e) {
      // The rows are still in memory and reach the database; their answers wait for that instead.
      group.state = 'failed';
      this.logger.error(`Processing-log journal: ${rows.length} rows not appended (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    } finally {
      this.settle();
      if (!this.stopped) this.kickJournal();
    }
  }

  private async write(): Promise<void> {
    const batch = this.pending;
    if (!batch.length) return;
    this.pending = [];
    try {
      await this.writeRows(batch, this.instance);
      this.writtenSeq = batch[batch.length - 1].seq;
      this.settle();
      await this.journal?.release(this.writtenSeq).catch((e: Error) => this.logger.warn(`Processing-log journal not trimmed (${e.message})`));
    } catch (e) {
      this.pending = [...batch, ...this.pending];
      this.logger.warn(`Processing log: ${batch.length} rows not written yet (${(e as Error).message}); retrying`);
      if (!this.stopped) this.timer ??= setTimeout(() => void this.flush(), RETRY_AFTER_MS);
    }
  }

  /**
   * Answers the waiters whose rows are all durable. The journal counts only up to its first append that is still
   * writing, or that failed and is not yet in the database: an answer is never given while a row up to its own is
   * held in memory only (a later append succeeding does not make a failed one's rows durable).
   */
  private settle(): void {
    while (this.groups.length) {
      const group = this.groups[0];
      if (group.state === 'writing' || (group.state === 'failed' && group.lastSeq > this.writtenSeq)) break;
      this.journaledSeq = group.lastSeq;
      this.groups.shift();
    }
    const upTo = Math.max(this.journaledSeq, this.writtenSeq);
    while (this.waiters.length && this.waiters[0].seq <= upTo) this.waiters.shift()!.resolve();
  }

  /** Refuses the answers whose deadline passed, then waits for the next deadline if any answer still waits. */
  private expireWaiters(): void {
    this.deadlineTimer = undefined;
    const now = performance.now();
    while (this.waiters.length && this.waiters[0].deadline <= now) {
      this.waiters.shift()!.reject(new ServiceUnavailableException({ slug: 'processing-log-unavailable', detail: 'The processing log cannot be recorded right now' }));
    }
    if (this.waiters.length) this.deadlineTimer = setTimeout(() => this.expireWaiters(), this.waiters[0].deadline - now).unref();
  }

  /** Writes the rows of journals left by processes that are gone (also runs at start-up and every 10 s). */
  async replayOrphans(): Promise<void> {
    try {
      const replayed = (await this.journal?.adoptOrphans((rows, instance) => this.writeRows(rows.map(storableRow), instance))) ?? 0;
      if (replayed) this.logger.log(`Processing log: ${replayed} rows replayed from journals left by an earlier process`);
    } catch (e) {
      this.logger.warn(`Processing log: journal replay deferred (${(e as Error).message})`);
    }
  }

  /**
   * Writes rows of a journal instance to the database (the batches of this process, and replays of other
   * instances' journals), idempotently per instance: in one transaction, the instance's progress row is locked (made
   * if new), the rows numbered above its mark are inserted, and the mark moves to the batch's highest number. So a
   * replay, or a retry of an insert that did commit though its answer was lost, writes no row twice; and a second
   * writer of the same instance (another process replaying a journal whose owner only seemed gone, its lock gone
   * stale) waits for the lock, and its insert, a statement with a snapshot of its own, sees the first one's mark. Rows
   * of one instance reach the database in the order of their numbers (the buffer writes one batch at a time; a replay
   * reads segments in order), so everything up to the mark is in. Rows of a journal of an earlier version (no
   * number) are written as they are. The batch goes as one JSON text (the rows' journal lines joined, unpacked by
   * `json_to_recordset`), not as nine array parameters that the driver escapes value by value on the event loop;
   * `json`, not `jsonb`, as the text is read once and need not be converted (PGlite in one process, 2,700-row
   * batches: 42.0 against 44.7 µs a row).
   */
  async writeRows(rows: readonly JournalRow[], instance: string): Promise<void> {
    let lastSeq = 0;
    const texts: string[] = [];
    for (const row of rows) {
      if (row.seq !== undefined && row.seq > lastSeq) lastSeq = row.seq;
      texts.push(jsonOf(row));
    }
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `INSERT INTO processing_log_journal_progress (instance, written_seq) VALUES ($1, 0)
         ON CONFLICT (instance) DO UPDATE SET updated_at = now()`,
        [instance],
      );
      await m.query(
        `WITH rows AS (
           INSERT INTO processing_log (occurred_at, actor, actor_roles, municipality_code, person_id, action, purpose, request_id)
           SELECT u."occurredAt", u.actor, string_to_array(u.roles, ','), u."municipalityCode", u."personId", u.action, u.purpose, u."requestId"
             FROM json_to_recordset($1::json)
                  AS u(seq bigint, "occurredAt" timestamptz, actor text, roles text, "municipalityCode" varchar, "personId" uuid, action text, purpose text, "requestId" text),
                  processing_log_journal_progress p
            WHERE p.instance = $2 AND (u.seq IS NULL OR u.seq > p.written_seq)
         )
         UPDATE processing_log_journal_progress SET written_seq = greatest(written_seq, $3), updated_at = now() WHERE instance = $2`,
        [`[${texts.join(',')}]`, instance, lastSeq],
      );
    });
  }

  /** Drops this instance's progress mark at a clean stop (a failure only leaves a small row). */
  private async forgetProgress(): Promise<void> {
    await this.dataSource
      .query(`DELETE FROM processing_log_journal_progress WHERE instance = $1`, [this.instance])
      .catch((e: Error) => this.logger.warn(`Processing log: progress of journal ${this.instance} not dropped (${e.message})`));
  }
}

/** String methods of ES2024 (Node 20 has them; the project's TypeScript lib is ES2023). */
interface WellFormedness {
  isWellFormed(): boolean;
  toWellFormed(): string;
}

/**
 * A lone UTF-16 surrogate (JSON writes it as an escape that PostgreSQL refuses) or a NUL (which text cannot hold)
 * would make the database refuse the whole batch, on every retry: each becomes U+FFFD, as the UTF-8 encoding of a
 * text parameter would make a lone surrogate. Applied to the caller-supplied texts as a row is queued (the check is
 * native, so the batch's JSON needs no replacer), and to rows replayed from journals.
 */
export function storableText(value: string): string {
  const text = value as string & WellFormedness;
  if (text.isWellFormed() && !value.includes('\u0000')) return value;
  return text.toWellFormed().replaceAll('\u0000', '\uFFFD');
}

/**
 * The row's JSON text, made once (before `json` is set, so the text does not hold itself): by the journal append or
 * by the database batch, whichever comes first (a row still gathering for the journal when its batch is written).
 */
function jsonOf(row: JournalRow & { json?: string }): string {
  return (row.json ??= JSON.stringify(row));
}

/** A journal row with every text storable (see {@link storableText}); a journal left by an earlier version may hold others. */
function storableRow(row: JournalRow): JournalRow {
  const texts = Object.entries(row).map(([k, v]) => [k, typeof v === 'string' ? storableText(v) : v]);
  return Object.fromEntries(texts) as JournalRow;
}


