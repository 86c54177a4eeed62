import { Body, Controller, Get, Headers, HttpCode, Param, ParseIntPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, type Actor } from '../../auth/actor';
import { Roles } from '../../auth/roles.decorator';
import { etagOf, requireExpectedVersion } from '../../common/http/etag';
import { UuidParam } from '../../common/http/params';
import * as L from './dto/lifecycle.dto';
import { OrderPayloadDto, UpdateDraftDto } from './dto/order-payload.dto';
import { OrderAsOfQueryDto, OrderListQueryDto } from './dto/order-query.dto';
import { OrderDto } from './dto/order-response.dto';
import { OrderDraftingService } from './order-drafting.service';
import { OrderLifecycleService } from './order-lifecycle.service';
import { OrderQueriesService } from './order-queries.service';

const READERS = ['mayor', 'mayor-office', 'police', 'lawyer'] as const;
const Id = () => Param('id', new UuidParam('id'));
type Reply = FastifyReply;

/** Orders: drafts, the mayor's decisions, recorded events and reads. Every change answers with the new version. */
@ApiTags('orders')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Purpose', required: false, description: 'Purpose or case reference, recorded in the processing log' })
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly drafting: OrderDraftingService,
    private readonly lifecycle: OrderLifecycleService,
    private readonly queries: OrderQueriesService,
  ) {}

  @Post()
  @Roles('mayor-office', 'mayor', 'police')
  @ApiCreatedResponse({ type: OrderDto, description: 'The draft with its findings' })
  async create(@CurrentActor() a: Actor, @Body() dto: OrderPayloadDto, @Res({ passthrough: true }) r: Reply): Promise<OrderDto> {
    return tagged(r, await this.drafting.create(a, dto));
  }

  @Get()
  @Roles(...READERS)
  @ApiOkResponse({ type: [OrderDto] })
  list(@CurrentActor() a: Actor, @Query() q: OrderListQueryDto): Promise<OrderDto[]> {
    return this.queries.list(a, { ...q, limit: q.limit ?? 50, offset: q.offset ?? 0 });
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOkResponse({ type: OrderDto })
  async get(@CurrentActor() a: Actor, @Id() id: string, @Query() q: OrderAsOfQueryDto, @Res({ passthrough: true }) r: Reply): Promise<OrderDto> {
    return tagged(r, await this.queries.get(a, id, q.asOf ? new Date(q.asOf) : undefined));
  }

  @Get(':id/versions')
  @Roles('mayor', 'mayor-office', 'lawyer')
  versions(@CurrentActor() a: Actor, @Id() id: string) {
    return this.queries.versions(a, id);
  }

  @Get(':id/versions/:n')
  @Roles('mayor', 'mayor-office', 'lawyer')
  @ApiOkResponse({ type: OrderDto })
  version(@CurrentActor() a: Actor, @Id() id: string, @Param('n', ParseIntPipe) n: number): Promise<OrderDto> {
    return this.queries.version(a, id, n);
  }

  @Put(':id')
  @Roles('mayor-office', 'mayor', 'police')
  @ApiOkResponse({ type: OrderDto, description: 'A draft edit; issued orders change through amendments' })
  async update(@CurrentActor() a: Actor, @Id() id: string, @Body() dto: UpdateDraftDto, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: Reply) {
    return tagged(r, await this.drafting.updateDraft(a, id, dto, requireExpectedVersion(m, dto.version)));
  }

  @Post(':id/intent')
  @HttpCode(200)
  @Roles('mayor-office', 'mayor')
  async intent(@CurrentActor() a: Actor, @Id() id: string, @Body() dto: L.SendIntentDto, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: Reply) {
    return tagged(r, await this.lifecycle.sendIntent(a, id, requireExpectedVersion(m, dto.version), dto));
  }

  @Post(':id/view')
  @HttpCode(200)
  @Roles('mayor-office', 'mayor')
  async view(@CurrentActor() a: Actor, @Id() id: string, @Body() dto: L.RecordViewDto, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: Reply) {
    return tagged(r, await this.lifecycle.recordView(a, id, requireExpectedVersion(m, dto.version), dto));
  }

  @Post(':id/issue')
  @HttpCode(200)
  @Roles('mayor', 'police')
  @ApiOkResponse({ type: OrderDto, description: '422 with findings when a rule refuses it' })
  async issue(@CurrentActor() a: Actor, @Id() id: string, @Body() dto: L.IssueDto, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: Reply) {
    return tagged(r, await this.lifecycle.issue(a, id, requireExpectedVersion(m, dto.version), dto));
  }

  @Post(':id/extensions')
  @HttpCode(200)
  @Roles('mayor')
  async extend(@CurrentActor() a: Actor, @Id() id: string, @Body() dto: L.ExtendDto, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: Reply) {
    return tagged(r, await this.lifecycle.extend(a, id, requireExpectedVersion(m, dto.version), dto));
  }

  @Post(':id/amendments')
  @HttpCode(200)
  @Roles('mayor')
  async amend(@CurrentActor() a: Actor, @Id() id: string, @Body() dto: L.AmendDto, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: Reply) {
    return tagged(r, await this.lifecycle.amend(a, id, requireExpectedVersion(m, dto.version), dto));
  }

  @Post(':id/exemptions')
  @HttpCode(200)
  @Roles('mayor')
  async exempt(@CurrentActor() a: Actor, @Id() id: string, @Body() dto: L.ExemptionDto, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: Reply) {
    return tagged(r, await this.lifecycle.grantExemption(a, id, requireExpectedVersion(m, dto.version), dto));
  }

  @Post(':id/withdrawal')
  @HttpCode(200)
  @Roles('mayor')
  async withdraw(@CurrentActor() a: Actor, @Id() id: string, @Body() dto: L.WithdrawDto, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: Reply) {
    return tagged(r, await this.lifecycle.withdraw(a, id, requireExpectedVersion(m, dto.version), dto));
  }

  @Post(':id/objections')
  @HttpCode(200)
  @Roles('mayor', 'mayor-office')
  async objection(@CurrentActor() a: Actor, @Id() id: string, @Body() dto: L.ObjectionDto, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: Reply) {
    return tagged(r, await this.lifecycle.recordObjection(a, id, requireExpectedVersion(m, dto.version), dto));
  }

  @Post(':id/suspensions')
  @HttpCode(200)
  @Roles('mayor', 'mayor-office')
  async suspend(@CurrentActor() a: Actor, @Id() id: string, @Body() dto: L.SuspensionDto, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: Reply) {
    return tagged(r, await this.lifecycle.suspend(a, id, requireExpectedVersion(m, dto.version), dto));
  }

  @Post(':id/suspensions/lift')
  @HttpCode(200)
  @Roles('mayor', 'mayor-office')
  async lift(@CurrentActor() a: Actor, @Id() id: string, @Body() dto: L.LiftSuspensionDto, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: Reply) {
    return tagged(r, await this.lifecycle.liftSuspension(a, id, requireExpectedVersion(m, dto.version), dto));
  }

  @Post(':id/revocation')
  @HttpCode(200)
  @Roles('mayor')
  async revoke(@CurrentActor() a: Actor, @Id() id: string, @Body() dto: L.RevokeDto, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: Reply) {
    return tagged(r, await this.lifecycle.revoke(a, id, requireExpectedVersion(m, dto.version), dto));
  }

  @Post(':id/reviews')
  @HttpCode(200)
  @Roles('mayor', 'mayor-office')
  async review(@CurrentActor() a: Actor, @Id() id: string, @Body() dto: L.ReviewDto, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: Reply) {
    return tagged(r, await this.lifecycle.recordReview(a, id, requireExpectedVersion(m, dto.version), dto));
  }
}

function tagged(reply: Reply, order: OrderDto): OrderDto {
  reply.header('ETag', etagOf(order.version));
  return order;
}
