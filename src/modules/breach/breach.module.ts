import { Module } from '@nestjs/common';
import { BreachChecksController } from './breach-checks.controller';
import { BreachChecksService } from './breach-checks.service';
import { GeofenceRepository } from './geofence.repository';
import { GeofenceService } from './geofence.service';
import { RegisterSyncRepository } from './register-sync.repository';
import { RegisterSyncService } from './register-sync.service';

@Module({
  controllers: [BreachChecksController],
  providers: [GeofenceRepository, GeofenceService, BreachChecksService, RegisterSyncRepository, RegisterSyncService],
  exports: [GeofenceService, RegisterSyncService],
})
export class BreachModule {}
