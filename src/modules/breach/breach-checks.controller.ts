import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, actorOf, type Actor } from '../../auth/actor';
import type { AuthenticatedRequest } from '../../auth/auth.guard';
import { FastRoute } from '../../common/http/fast-route';
import { Roles } from '../../auth/roles.decorator';
import { JsonSchemaPipe } from '../../common/validation/json-schema.pipe';
import { ActiveOrdersQueryDto, BreachBatchDto, BreachCheckDto, BreachCheckResultDto } from './dto/breach-check.dto';
import { BREACH_BATCH_BODY, BREACH_CHECK_BODY } from './dto/breach-check.schema';
import { BreachChecksService } from './breach-checks.service';

/** The breach check's body validation, run in its handler (see `check`). */
const CHECK_BODY = new JsonSchemaPipe(BREACH_CHECK_BODY);

/** A body validated by its JSON schema pipe: typed as the DTO, but not a class, so the class-validator pipe skips it. */
type Validated<T> = Readonly<T>;

@ApiTags('breach checks')
@ApiBearerAuth()
@Controller()
export class BreachChecksController {
  constructor(private readonly service: BreachChecksService) {}

  /**
   * Is this person, at this position and time, in breach of an order in force? The police's hot path, so a
   * {@link FastRoute}: the global guards run as on every route, then this method, without Nest's per-request promise
   * chain; the body is validated here (same schema, same 400 problem) and the actor read from the request.
   */
  @Post('breach-checks')
  @HttpCode(200)
  @Roles('police')
  @FastRoute()
  @ApiBody({ type: BreachCheckDto })
  @ApiOkResponse({ type: BreachCheckResultDto })
  check(@Req() request: AuthenticatedRequest): Promise<BreachCheckResultDto> {
    return this.service.check(actorOf(request), CHECK_BODY.transform(request.body) as Validated<BreachCheckDto>);
  }

  /** The same for a track: many positions of one person. */
  @Post('breach-checks/batch')
  @HttpCode(200)
  @Roles('police')
  @ApiBody({ type: BreachBatchDto })
  batch(@CurrentActor() actor: Actor, @Body(new JsonSchemaPipe(BREACH_BATCH_BODY)) dto: Validated<BreachBatchDto>) {
    return this.service.batch(actor, dto);
  }

  /** What applies here: orders in force whose zone and schedule cover the point at `at` (default now). */
  @Get('active-orders')
  @Roles('police')
  activeOrders(@CurrentActor() actor: Actor, @Query() q: ActiveOrdersQueryDto) {
    return this.service.activeOrders(actor, { lon: q.lon, lat: q.lat }, q.at);
  }
}
