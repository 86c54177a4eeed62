import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { Clock } from '../../common/clock';
import type { ProcessingEntry } from './processing-log.service';

interface Row {
  occurredAt: string;
  actor: string;
  roles: string;
  municipalityCode: string;
  personId: string;
  action: string;
  purpose: string | null;
  requestId: string | null;
}

const FLUSH_EVERY_MS = 200;
const FLUSH_AT_ROWS = 500;
/** Beyond this many unwritten rows (the database is away for long) the service refuses further checks. */
export const MAX_PENDING_ROWS = 100_000;

/**
 * Processing-log rows of the breach-check hot path, written in batches (one multi-row INSERT every 200 ms or 500
 * rows) instead of one round trip per check. Rows wait in memory until written; a failed write is retried; on a
 * clean shutdown everything pending is written first.
 */
@Injectable()
export class ProcessingLogBuffer implements OnApplicationShutdown {
  private readonly logger = new Logger(ProcessingLogBuffer.name);
  private pending: Row[] = [];
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  get size(): number {
    return this.pending.length;
  }

  add(actor: Actor, entry: ProcessingEntry): void {
    this.pending.push({
      occurredAt: this.clock.now().toISOString(),
      actor: actor.sub,
      roles: actor.roles.join(','),
      municipalityCode: entry.municipalityCode,
      personId: entry.personId,
      action: entry.action,
      purpose: entry.purpose?.slice(0, 500) ?? null,
      requestId: actor.requestId ?? null,
    });
    if (this.pending.length >= FLUSH_AT_ROWS) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_EVERY_MS);
  }

  /** Writes everything pending; concurrent calls share one write. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.flushing ??= this.write().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  private async write(): Promise<void> {
    const batch = this.pending;
    if (!batch.length) return;
    this.pending = [];
    try {
      await this.dataSource.query(
        `INSERT INTO processing_log (occurred_at, actor, actor_roles, municipality_code, person_id, action, purpose, request_id)
         SELECT u.at, u.actor, string_to_array(u.roles, ','), u.mc, u.pid, u.action, u.purpose, u.rid
           FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::varchar[], $5::uuid[], $6::text[], $7::text[], $8::text[])
                AS u(at, actor, roles, mc, pid, action, purpose, rid)`,
        [col(batch, 'occurredAt'), col(batch, 'actor'), col(batch, 'roles'), col(batch, 'municipalityCode'), col(batch, 'personId'), col(batch, 'action'), col(batch, 'purpose'), col(batch, 'requestId')],
      );
    } catch (e) {
      this.pending = [...batch, ...this.pending];
      this.logger.warn(`Processing log: ${batch.length} rows not written yet (${(e as Error).message}); retrying`);
      this.timer ??= setTimeout(() => void this.flush(), 1000);
    }
  }
}

function col<K extends keyof Row>(rows: Row[], key: K): Row[K][] {
  return rows.map((r) => r[key]);
}
