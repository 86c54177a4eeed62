import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../../auth/roles.decorator';
import { RegisterSyncService } from '../breach/register-sync.service';
import { ProcessingLogBuffer } from '../processing-log/processing-log.buffer';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly processingLog: ProcessingLogBuffer,
    private readonly sync: RegisterSyncService,
  ) {}

  /**
   * Readiness: 200 when the database answers within 1.5 s, else 503 (breach checks are still answered from memory
   * then). Also says how many processing-log rows wait for the database.
   */
  @Get()
  @Public()
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 1500 }),
      () => this.indicators.check('processingLog').up({ pendingRows: this.processingLog.size }),
      // Informational: an instance that does not hear the others still answers (from an index it resyncs later).
      () => this.indicators.check('registerSync').up(this.sync.status),
    ]);
  }

  /** Liveness: 200 while the process serves HTTP, whatever the database does. */
  @Get('live')
  @Public()
  @HealthCheck()
  live() {
    return this.health.check([]);
  }
}
