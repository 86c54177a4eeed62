import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { CurrentActor, type Actor } from '../../auth/actor';
import { Roles } from '../../auth/roles.decorator';
import { RetentionService, type PurgeReport } from './retention.service';

export class PurgeRequestDto {
  @ApiPropertyOptional({ description: 'Only report what would be deleted' })
  @IsOptional() @IsBoolean()
  dryRun?: boolean;
}

@ApiTags('retention')
@ApiBearerAuth()
@Controller('retention')
export class RetentionController {
  constructor(private readonly retention: RetentionService) {}

  /** Runs the retention purge now, for the administrator's municipalities (the schedule runs it daily for all). */
  @Post('purge')
  @HttpCode(200)
  @Roles('admin')
  @ApiOkResponse({ description: 'Counts and order ids of what was (or, dry, would be) deleted' })
  purge(@CurrentActor() actor: Actor, @Body() dto: PurgeRequestDto): Promise<PurgeReport> {
    return this.retention.purge(actor, { dryRun: dto.dryRun });
  }
}
