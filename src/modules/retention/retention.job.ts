import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { RetentionService } from './retention.service';

const JOB_NAME = 'retention.purge';
/** Cron expressions are read in the register's time zone (every municipality here uses it). */
const CRON_TIME_ZONE = 'Europe/Amsterdam';

/** Runs the retention purge on the configured schedule (`RETENTION_PURGE_CRON`, daily by default). */
@Injectable()
export class RetentionJob implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionJob.name);
  private job: CronJob | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
    private readonly retention: RetentionService,
  ) {}

  onModuleInit(): void {
    if (!this.config.retention.scheduled) return;
    this.job = CronJob.from({ cronTime: this.config.retention.cron, timeZone: CRON_TIME_ZONE, onTick: () => this.tick(), start: true });
    this.registry.addCronJob(JOB_NAME, this.job);
  }

  async tick(): Promise<void> {
    try {
      await this.retention.purge();
    } catch (e) {
      this.logger.error({ err: e }, 'Retention purge failed; the next run tries again');
    }
  }

  onApplicationShutdown(): void {
    void this.job?.stop();
  }
}
