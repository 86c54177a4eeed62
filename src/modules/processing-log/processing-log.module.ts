import { Global, Module } from '@nestjs/common';
import { ProcessingLogBuffer } from './processing-log.buffer';
import { ProcessingLogService } from './processing-log.service';

@Global()
@Module({
  providers: [ProcessingLogService, ProcessingLogBuffer],
  exports: [ProcessingLogService, ProcessingLogBuffer],
})
export class ProcessingLogModule {}
