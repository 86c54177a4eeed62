import { Global, Module } from '@nestjs/common';
import { ProcessingLogService } from './processing-log.service';

@Global()
@Module({ providers: [ProcessingLogService], exports: [ProcessingLogService] })
export class ProcessingLogModule {}
