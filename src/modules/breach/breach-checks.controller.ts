import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../../auth/actor';
import { Roles } from '../../auth/roles.decorator';
import { ActiveOrdersQueryDto, BreachBatchDto, BreachCheckDto, BreachCheckResultDto } from './dto/breach-check.dto';
import { BreachChecksService } from './breach-checks.service';

@ApiTags('breach checks')
@ApiBearerAuth()
@Controller()
export class BreachChecksController {
  constructor(private readonly service: BreachChecksService) {}

  /** Is this person, at this position and time, in breach of an order in force? */
  @Post('breach-checks')
  @HttpCode(200)
  @Roles('police')
  @ApiOkResponse({ type: BreachCheckResultDto })
  check(@CurrentActor() actor: Actor, @Body() dto: BreachCheckDto): BreachCheckResultDto {
    return this.service.check(actor, dto);
  }

  /** The same for a track: many positions of one person. */
  @Post('breach-checks/batch')
  @HttpCode(200)
  @Roles('police')
  batch(@CurrentActor() actor: Actor, @Body() dto: BreachBatchDto) {
    return this.service.batch(actor, dto);
  }

  /** What applies here: orders in force whose zone and schedule cover the point at `at` (default now). */
  @Get('active-orders')
  @Roles('police')
  activeOrders(@CurrentActor() actor: Actor, @Query() q: ActiveOrdersQueryDto) {
    return this.service.activeOrders(actor, { lon: q.lon, lat: q.lat }, q.at);
  }
}
