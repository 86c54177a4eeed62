import { Module } from '@nestjs/common';
import { MunicipalitiesModule } from '../municipalities/municipalities.module';
import { ZoneEditingService } from './zone-editing.service';
import { ZonesController } from './zones.controller';
import { ZonesRepository } from './zones.repository';
import { ZonesService } from './zones.service';

/**
 * Zones and their immutable versions. Exports `ZonesService` for the modules that hold zone versions (orders):
 * `resolveCurrentVersions` and `getVersionsByIds`, called inside the caller's transaction.
 */
@Module({
  imports: [MunicipalitiesModule],
  controllers: [ZonesController],
  providers: [ZonesRepository, ZonesService, ZoneEditingService],
  exports: [ZonesService],
})
export class ZonesModule {}
