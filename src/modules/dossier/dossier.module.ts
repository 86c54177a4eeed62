import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { PersonsModule } from '../persons/persons.module';
import { ReportingModule } from '../reporting/reporting.module';
import { DossierController } from './dossier.controller';
import { DossierService } from './dossier.service';

/**
 * A person's dossier for the case meeting: orders, versions, violations, missed reports, APV escalation step.
 * Violations are read through the global ViolationRecordsModule.
 */
@Module({
  imports: [OrdersModule, PersonsModule, ReportingModule],
  controllers: [DossierController],
  providers: [DossierService],
})
export class DossierModule {}
