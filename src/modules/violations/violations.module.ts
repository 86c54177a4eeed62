import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { ViolationRecordsModule } from './violation-records.module';
import { ViolationsController } from './violations.controller';
import { ViolationsService } from './violations.service';

/** Registered violations of orders (police, with PV reference), immutable; corrections are new entries. */
@Module({
  imports: [OrdersModule, ViolationRecordsModule],
  controllers: [ViolationsController],
  providers: [ViolationsService],
})
export class ViolationsModule {}
