import { Body, Controller, Get, Headers, Param, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, type Actor } from '../../auth/actor';
import { Roles } from '../../auth/roles.decorator';
import { etagOf, requireExpectedVersion } from '../../common/http/etag';
import { MunicipalityCodeParam } from '../../common/http/params';
import { MunicipalityDto, MunicipalitySummaryDto, UpdateMunicipalityDto } from './dto/municipality.dto';
import { MunicipalitiesService, toMunicipalityDto } from './municipalities.service';

@ApiTags('municipalities')
@ApiBearerAuth()
@Controller('municipalities')
export class MunicipalitiesController {
  constructor(private readonly service: MunicipalitiesService) {}

  @Get()
  @Roles('admin', 'mayor', 'mayor-office', 'police', 'lawyer')
  @ApiOkResponse({ type: [MunicipalitySummaryDto] })
  list(@CurrentActor() actor: Actor): Promise<MunicipalitySummaryDto[]> {
    return this.service.list(actor);
  }

  @Get(':code')
  @Roles('admin', 'mayor', 'mayor-office', 'police', 'lawyer')
  @ApiOkResponse({ type: MunicipalityDto })
  async get(
    @CurrentActor() actor: Actor,
    @Param('code', MunicipalityCodeParam) code: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MunicipalityDto> {
    const m = await this.service.get(actor, code);
    reply.header('ETag', etagOf(m.version));
    return toMunicipalityDto(m);
  }

  @Put(':code')
  @Roles('admin')
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag of the version edited (or send "version")' })
  @ApiOkResponse({ type: MunicipalityDto })
  async update(
    @CurrentActor() actor: Actor,
    @Param('code', MunicipalityCodeParam) code: string,
    @Body() dto: UpdateMunicipalityDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MunicipalityDto> {
    const m = await this.service.update(actor, code, dto, requireExpectedVersion(ifMatch, dto.version));
    reply.header('ETag', etagOf(m.version));
    return toMunicipalityDto(m);
  }
}
