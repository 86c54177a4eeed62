import { Module } from '@nestjs/common';
import { RetentionController } from './retention.controller';
import { RetentionJob } from './retention.job';
import { RetentionRepository } from './retention.repository';
import { RetentionService } from './retention.service';

/** Retention: the scheduled purge of personal data past the municipality's retention period. */
@Module({
  controllers: [RetentionController],
  providers: [RetentionRepository, RetentionService, RetentionJob],
  exports: [RetentionService],
})
export class RetentionModule {}
