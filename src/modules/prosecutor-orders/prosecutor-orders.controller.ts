import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../../auth/actor';
import { Roles } from '../../auth/roles.decorator';
import { UuidParam } from '../../common/http/params';
import { CreateProsecutorOrderDto, ProsecutorOrderDto } from './dto/prosecutor-order.dto';
import { ProsecutorOrdersService } from './prosecutor-orders.service';

@ApiTags('persons')
@ApiBearerAuth()
@Controller('persons/:id/prosecutor-orders')
export class ProsecutorOrdersController {
  constructor(private readonly service: ProsecutorOrdersService) {}

  @Post()
  @Roles('mayor-office', 'mayor')
  @ApiCreatedResponse({ type: ProsecutorOrderDto, description: "Records the public prosecutor's behavioural order (art. 509hh Sv); checked by GW172A-OVJ-CONFLICT" })
  record(@CurrentActor() actor: Actor, @Param('id', new UuidParam('id')) id: string, @Body() dto: CreateProsecutorOrderDto): Promise<ProsecutorOrderDto> {
    return this.service.record(actor, id, dto);
  }

  @Get()
  @Roles('mayor-office', 'mayor', 'lawyer')
  @ApiHeader({ name: 'X-Purpose', required: false, description: 'Purpose or case reference, recorded in the processing log' })
  @ApiOkResponse({ type: [ProsecutorOrderDto] })
  list(@CurrentActor() actor: Actor, @Param('id', new UuidParam('id')) id: string): Promise<ProsecutorOrderDto[]> {
    return this.service.list(actor, id);
  }
}
