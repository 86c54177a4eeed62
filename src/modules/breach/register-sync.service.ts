import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { RegisterEvents } from '../events/register-events';
import { RegisterListener } from '../events/register-listener';
import { parseNotice } from '../events/register-notice';
import { GeofenceService } from './geofence.service';
import { RegisterSyncRepository, type RegisterFingerprint } from './register-sync.repository';

/**
 * Keeps this instance's breach index in step with changes other instances commit to the same PostgreSQL:
 * - listens for their notifications (a dedicated connection) and patches the index through `RegisterEvents`;
 * - after the listening connection was lost and is back, rebuilds the index (notifications of the gap are gone);
 * - as a safety net, every `SYNC_RESYNC_INTERVAL_S` compares the number of order versions and persons in the
 *   database with the number this instance started from plus the changes it heard of, and rebuilds on a mismatch.
 * Embedded PGlite serves one process only, so there nothing is listened to (the periodic check still runs).
 */
@Injectable()
export class RegisterSyncService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RegisterSyncService.name);
  private listener?: RegisterListener;
  private timer?: NodeJS.Timeout;
  private base?: RegisterFingerprint;
  private heard = { orderVersions: 0, persons: 0 };
  private checking = false;
  private lastResyncAt?: Date;
  private resyncs = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: RegisterEvents,
    private readonly geofence: GeofenceService,
    private readonly repository: RegisterSyncRepository,
  ) {}

  /** Runs before the index's first build (an application-bootstrap hook), so no change can fall in between. */
  async onModuleInit(): Promise<void> {
    this.events.onOrderChanged(() => void this.heard.orderVersions++);
    this.events.onPersonChanged(() => void this.heard.persons++);
    const db = this.config.database;
    if (this.config.sync.listen && db.mode === 'external') await this.listen(db.url, db.connectTimeoutMs);
    this.base = await this.repository.fingerprint().catch(() => undefined);
    const every = this.config.sync.resyncIntervalMs;
    if (every > 0) this.timer = setInterval(() => void this.check(), every).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.listener?.stop();
  }

  /** For health and diagnostics: whether this instance hears the others, and when it last rebuilt. */
  get status() {
    return {
      listener: this.listener?.status ?? { state: 'disabled' as const },
      resyncs: this.resyncs,
      lastResyncAt: this.lastResyncAt?.toISOString() ?? null,
      indexDataAsOf: this.geofence.dataAsOf.toISOString(),
    };
  }

  /**
   * Compares the database with what this instance has heard of since its last (re)build, and rebuilds when they
   * differ. Public so that operations and tests can trigger the safety net without waiting for the timer.
   */
  async check(): Promise<boolean> {
    if (this.checking) return false;
    this.checking = true;
    try {
      const now = await this.repository.fingerprint();
      const base = this.base;
      const inStep = base && now.orderVersions === base.orderVersions + this.heard.orderVersions && now.persons === base.persons + this.heard.persons;
      if (inStep) return false;
      await this.resync('the periodic check found changes this instance did not hear of');
      return true;
    } catch (e) {
      this.logger.warn(`Register sync check failed: ${(e as Error).message}`);
      return false;
    } finally {
      this.checking = false;
    }
  }

  private async listen(url: string, connectTimeoutMs: number): Promise<void> {
    const name = `ordreg-sync-${this.events.instanceId}`;
    this.listener = new RegisterListener({
      url,
      applicationName: name,
      connectTimeoutMs,
      minDelayMs: this.config.sync.reconnectDelayMs,
      onPayload: (payload) => this.receive(payload),
      onLost: (err) => this.logger.warn(`Register notifications connection lost (${err.message}); reconnecting`),
      onReconnected: () =>
        this.resync('the notifications connection was lost and is back').catch((e: Error) => {
          this.base = undefined;
          this.logger.warn(`Register resync failed: ${e.message}`);
        }),
    });
    try {
      await this.listener.start();
      this.logger.log(`Listening for register changes of other instances as ${name}`);
    } catch (e) {
      this.logger.warn(`Cannot listen for register changes yet (${(e as Error).message}); retrying in the background`);
    }
  }

  private receive(payload: string | undefined): void {
    const notice = parseNotice(payload);
    if (!notice) return void this.logger.warn('Ignored a malformed register notification');
    void this.events.deliver(notice);
  }

  private async resync(reason: string): Promise<void> {
    const base = await this.repository.fingerprint();
    this.heard = { orderVersions: 0, persons: 0 };
    this.base = base;
    try {
      await this.geofence.resync();
    } catch (e) {
      this.base = undefined; // so that the next periodic check tries again
      throw e;
    }
    this.resyncs++;
    this.lastResyncAt = new Date();
    this.logger.log(`Breach index resynchronised: ${reason}`);
  }
}
