import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { OrdersModule } from '../orders/orders.module';
import { CheckInsService } from './check-ins.service';
import { MissedSlotsJob } from './missed-slots.job';
import { ReportingOrdersService } from './reporting-orders.service';
import { ReportingSlotsService } from './reporting-slots.service';
import { ReportingController } from './reporting.controller';
import { ReportingRepository } from './reporting.repository';

/** Reporting duties (meldplicht): due slots computed from the order, check-ins, and the missed-slot job. */
@Module({
  imports: [ScheduleModule.forRoot(), OrdersModule],
  controllers: [ReportingController],
  providers: [ReportingRepository, ReportingOrdersService, ReportingSlotsService, CheckInsService, MissedSlotsJob],
  exports: [ReportingRepository],
})
export class ReportingModule {}
