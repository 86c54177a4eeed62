import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../../auth/actor';
import { Roles } from '../../auth/roles.decorator';
import { OrderPayloadDto } from './dto/order-payload.dto';
import { OrderCheckResultDto } from './dto/order-response.dto';
import { OrderDraftingService } from './order-drafting.service';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('order-checks')
export class OrderChecksController {
  constructor(private readonly drafting: OrderDraftingService) {}

  /** Dry run: the findings (and objection deadline) of an order payload; nothing is stored. */
  @Post()
  @HttpCode(200)
  @Roles('mayor-office', 'mayor', 'lawyer', 'police')
  @ApiOkResponse({ type: OrderCheckResultDto })
  check(@CurrentActor() actor: Actor, @Body() dto: OrderPayloadDto): Promise<OrderCheckResultDto> {
    return this.drafting.check(actor, dto);
  }
}
