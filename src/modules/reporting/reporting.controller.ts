import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, type Actor } from '../../auth/actor';
import { Roles } from '../../auth/roles.decorator';
import { UuidParam } from '../../common/http/params';
import { CheckInsService } from './check-ins.service';
import { CheckInDto, MissedSlotsQueryDto, OrderSlotsDto, RegisterCheckInDto, SlotPageDto, SlotRangeQueryDto } from './dto/reporting.dto';
import { idempotencyKey } from '../../common/http/idempotency';
import { ReportingSlotsService } from './reporting-slots.service';

const Id = () => Param('id', new UuidParam('id'));

/** Reporting duties (meldplicht): the due slots of an order, check-ins at the police desk, missed slots. */
@ApiTags('reporting')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Purpose', required: false, description: 'Purpose or case reference, recorded in the processing log' })
@Controller()
export class ReportingController {
  constructor(
    private readonly slots: ReportingSlotsService,
    private readonly checkIns: CheckInsService,
  ) {}

  @Get('orders/:id/reporting-slots')
  @Roles('police', 'mayor', 'mayor-office', 'lawyer')
  @ApiOkResponse({ type: OrderSlotsDto, description: 'Slots opening in [from, to) with their status now: UPCOMING, OPEN, MET, MISSED or EXEMPT' })
  ofOrder(@CurrentActor() actor: Actor, @Id() id: string, @Query() q: SlotRangeQueryDto): Promise<OrderSlotsDto> {
    return this.slots.ofOrder(actor, id, q);
  }

  @Post('orders/:id/check-ins')
  @HttpCode(201)
  @Roles('police')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key stores nothing new and answers the first result' })
  @ApiCreatedResponse({ type: CheckInDto, description: 'Stored also when early, late or near no slot (see timing and meetsSlot)' })
  async checkIn(
    @CurrentActor() actor: Actor,
    @Id() id: string,
    @Body() dto: RegisterCheckInDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CheckInDto> {
    const result = await this.checkIns.register(actor, id, dto, idempotencyKey(key));
    if (result.replayed) reply.header('Idempotent-Replayed', 'true');
    return result.body;
  }

  @Get('reporting-slots')
  @Roles('police')
  @ApiOkResponse({ type: SlotPageDto, description: 'Recorded MISSED (default) or MET slots of orders of, or reporting places in, the municipalities' })
  list(@CurrentActor() actor: Actor, @Query() q: MissedSlotsQueryDto): Promise<SlotPageDto> {
    return this.slots.list(actor, q);
  }
}
