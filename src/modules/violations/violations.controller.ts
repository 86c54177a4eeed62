import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, type Actor } from '../../auth/actor';
import { Roles } from '../../auth/roles.decorator';
import { UuidParam } from '../../common/http/params';
import { idempotencyKey } from '../../common/http/idempotency';
import { RegisterViolationDto, ViolationDto, ViolationListQueryDto, ViolationPageDto } from './dto/violation.dto';
import { ViolationsService } from './violations.service';

/** Violations the police found: registered with a PV reference on an order, listed for police and mayor's office. */
@ApiTags('violations')
@ApiBearerAuth()
@Controller()
export class ViolationsController {
  constructor(private readonly service: ViolationsService) {}

  @Post('orders/:id/violations')
  @HttpCode(201)
  @Roles('police')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key stores nothing new and answers the first result' })
  @ApiCreatedResponse({ type: ViolationDto, description: '409 when the order was not in force at `at`; 422 when the order has no measure of that kind' })
  async register(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParam('id')) orderId: string,
    @Body() dto: RegisterViolationDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ViolationDto> {
    const result = await this.service.register(actor, orderId, dto, idempotencyKey(key));
    if (result.replayed) reply.header('Idempotent-Replayed', 'true');
    return result.body;
  }

  @Get('violations')
  @Roles('police', 'mayor', 'mayor-office')
  @ApiHeader({ name: 'X-Purpose', required: false, description: 'Purpose or case reference, recorded in the processing log' })
  @ApiOkResponse({ type: ViolationPageDto })
  list(@CurrentActor() actor: Actor, @Query() q: ViolationListQueryDto): Promise<ViolationPageDto> {
    return this.service.list(actor, q);
  }
}
