import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../../auth/roles.decorator';

/** Registered only with BENCH_NOOP_ROUTE=true: the framework's ceiling for the HTTP benchmark. */
@ApiExcludeController()
@Controller('bench')
export class BenchController {
  @Get('noop')
  @Public()
  noop(): { ok: true } {
    return { ok: true };
  }
}
