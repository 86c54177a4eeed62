import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '../../auth/actor';
import { Clock } from '../../common/clock';
import { closingStarts, newlyMissed } from '../../domain/reporting/missed';
import { localInstant, reportingSlots } from '../../domain/reporting/slots';
import { AuditService } from '../audit/audit.service';
import { OrdersRepository } from '../orders/orders.repository';
import { ReportingRepository, type DutyCandidate } from './reporting.repository';

const JOB_ACTOR = { ...SYSTEM_ACTOR, sub: 'system:missed-slots' };
/** How often the job looks; a missed slot shows up in the missed list at most this long after its window closed. */
export const MISSED_SLOTS_INTERVAL_MS = 60_000;

export interface MissedSlotsRun {
  orders: number;
  missed: number;
}

/**
 * `BREACH-REPORTING`: records as MISSED every due slot whose window closed without a check-in meeting it.
 *
 * Each order has a cursor: the instant up to which closed windows were looked at. A run takes every order with a
 * reporting duty whose cursor lags behind now (and behind the order's end), and per order, in one transaction with its
 * cursor row locked, records the slots whose window closed in (cursor, now] and moves the cursor to now. So:
 * - after downtime the next run catches up on every window that closed meanwhile, however long ago;
 * - a repeated or concurrent run (several instances) records nothing twice (row lock, unique (order, start));
 * - instants, not wall-clock times, are compared, and the interval is elapsed time, so DST changes do not matter.
 */
@Injectable()
export class MissedSlotsJob {
  private readonly logger = new Logger(MissedSlotsJob.name);
  private running: Promise<MissedSlotsRun> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ReportingRepository,
    private readonly orders: OrdersRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  @Interval('reporting.missed-slots', MISSED_SLOTS_INTERVAL_MS)
  async tick(): Promise<void> {
    try {
      const run = await this.detectMissed();
      if (run.missed > 0) this.logger.log(`Recorded ${run.missed} missed reporting slot(s) of ${run.orders} order(s)`);
    } catch (e) {
      this.logger.error({ err: e }, 'Missed-slot detection failed; the next run catches up');
    }
  }

  /** One run over all orders (a run already in progress in this instance is joined, not doubled). */
  detectMissed(): Promise<MissedSlotsRun> {
    this.running ??= this.runOnce().finally(() => (this.running = null));
    return this.running;
  }

  private async runOnce(): Promise<MissedSlotsRun> {
    const now = this.clock.now();
    const candidates = await this.repository.dutyCandidates(now);
    let missed = 0;
    for (const candidate of candidates) missed += await this.processOrder(candidate, now);
    return { orders: candidates.length, missed };
  }

  private processOrder(candidate: DutyCandidate, now: Date): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const cursor = await this.repository.lockCursor(m, candidate.orderId, now);
      if (cursor && cursor >= now) return 0;
      const current = (await this.orders.findLatest(candidate.orderId, m)) ?? candidate;
      const range = closingStarts(cursor?.getTime() ?? null, now.getTime(), 0);
      const slots = reportingSlots(current.body, candidate.timeZone, range);
      const recorded = await this.repository.recordedStarts(m, candidate.orderId, new Date(range.start), now);
      const missed = newlyMissed(slots, cursor?.getTime() ?? null, now.getTime(), recorded);
      const inserted = await this.repository.insertMissed(m, missed.map((s) => ({
        orderId: candidate.orderId, orderVersion: current.version, personId: candidate.personId, municipalityCode: candidate.municipalityCode,
        placeMunicipalityCode: s.place.municipalityCode, startsAt: new Date(s.start), endsAt: new Date(s.end), localDay: s.day, place: s.place,
        outcome: 'MISSED' as const, checkInId: null, recordedAt: now,
      })));
      await this.repository.advanceCursor(m, candidate.orderId, now, now);
      if (inserted.length) await this.recordAudit(m, candidate, inserted);
      return inserted.length;
    });
  }

  private recordAudit(m: Parameters<AuditService['record']>[0], candidate: DutyCandidate, starts: Date[]): Promise<void> {
    return this.audit.record(m, JOB_ACTOR, {
      action: 'reporting.slots-missed',
      entityType: 'order',
      entityId: candidate.orderId,
      municipalityCode: candidate.municipalityCode,
      after: { missedSlots: starts.map((d) => localInstant(new Date(d).getTime(), candidate.timeZone)) },
    });
  }
}
