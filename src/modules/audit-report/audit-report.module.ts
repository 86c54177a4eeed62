import { Module } from '@nestjs/common';
import { MunicipalitiesModule } from '../municipalities/municipalities.module';
import { ProsecutorOrdersModule } from '../prosecutor-orders/prosecutor-orders.module';
import { ZonesModule } from '../zones/zones.module';
import { AuditEvaluatorFactory } from './audit-evaluator';
import { AuditReportController } from './audit-report.controller';
import { AuditReportRepository } from './audit-report.repository';
import { AuditReportService } from './audit-report.service';

/**
 * The lawyers' audit report over all orders (`GET /audit/orders`). Reads only: it imports the modules below it for
 * the municipalities' configuration, the zone versions (GW172A-ZONE-IN-MUNICIPALITY) and the recorded prosecutor
 * orders (GW172A-OVJ-CONFLICT), reads the order versions
 * with its own set-based queries, and reuses the orders' pure `historyFrom` (no provider of OrdersModule is needed).
 */
@Module({
  imports: [MunicipalitiesModule, ProsecutorOrdersModule, ZonesModule],
  controllers: [AuditReportController],
  providers: [AuditReportRepository, AuditEvaluatorFactory, AuditReportService],
})
export class AuditReportModule {}
