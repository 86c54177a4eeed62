import { Module } from '@nestjs/common';

/** Reporting duties (meldplicht): due slots, check-ins, missed slots. Being built. */
@Module({})
export class ReportingModule {}
