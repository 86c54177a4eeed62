import { Global, Module } from '@nestjs/common';
import { ViolationsRepository } from './violations.repository';

/**
 * The register of violations as a read port for the rest of the app: the order rules read a person's violations
 * (APV-ESCALATION-STEP, incidents of a 172a REPEATED ground) without OrdersModule importing ViolationsModule, which
 * itself needs OrdersModule to register violations. Global like the audit and processing-log modules.
 */
@Global()
@Module({ providers: [ViolationsRepository], exports: [ViolationsRepository] })
export class ViolationRecordsModule {}
