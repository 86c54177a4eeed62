import { Module } from '@nestjs/common';
import { PersonsModule } from '../persons/persons.module';
import { ProsecutorOrdersController } from './prosecutor-orders.controller';
import { ProsecutorOrdersRepository } from './prosecutor-orders.repository';
import { ProsecutorOrdersService } from './prosecutor-orders.service';

/** The public prosecutor's behavioural orders per person, read by the order rules and the audit report. */
@Module({
  imports: [PersonsModule],
  controllers: [ProsecutorOrdersController],
  providers: [ProsecutorOrdersRepository, ProsecutorOrdersService],
  exports: [ProsecutorOrdersRepository],
})
export class ProsecutorOrdersModule {}
