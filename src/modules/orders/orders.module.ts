import { Module } from '@nestjs/common';
import { MunicipalitiesModule } from '../municipalities/municipalities.module';
import { PersonsModule } from '../persons/persons.module';
import { ProsecutorOrdersModule } from '../prosecutor-orders/prosecutor-orders.module';
import { ZonesModule } from '../zones/zones.module';
import { OrderChecksController } from './order-checks.controller';
import { OrderDraftingService } from './order-drafting.service';
import { OrderLifecycleService } from './order-lifecycle.service';
import { OrderQueriesService } from './order-queries.service';
import { OrderRulesService } from './order-rules.service';
import { OrderVersioningService } from './order-versioning.service';
import { OrdersController } from './orders.controller';
import { OrdersRepository } from './orders.repository';

@Module({
  imports: [MunicipalitiesModule, PersonsModule, ProsecutorOrdersModule, ZonesModule],
  controllers: [OrdersController, OrderChecksController],
  providers: [OrdersRepository, OrderRulesService, OrderVersioningService, OrderQueriesService, OrderDraftingService, OrderLifecycleService],
  exports: [OrdersRepository, OrderQueriesService, OrderRulesService],
})
export class OrdersModule {}
