import { Module } from '@nestjs/common';

/** The lawyers' audit report over all orders. Being built. */
@Module({})
export class AuditReportModule {}
