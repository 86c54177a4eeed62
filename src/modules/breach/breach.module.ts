import { Module } from '@nestjs/common';
import { BreachChecksController } from './breach-checks.controller';
import { BreachChecksService } from './breach-checks.service';
import { GeofenceRepository } from './geofence.repository';
import { GeofenceService } from './geofence.service';

@Module({
  controllers: [BreachChecksController],
  providers: [GeofenceRepository, GeofenceService, BreachChecksService],
  exports: [GeofenceService],
})
export class BreachModule {}
