import { Body, Controller, Get, Headers, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, type Actor } from '../../auth/actor';
import { Roles } from '../../auth/roles.decorator';
import { etagOf, requireExpectedVersion } from '../../common/http/etag';
import { CreateZoneDto, EditZoneDto, ListZonesQueryDto, ZoneDto, ZoneSummaryDto, ZoneVersionSummaryDto } from './dto/zone.dto';
import { ZoneEditingService } from './zone-editing.service';
import { parseContentCrs, RESPONSE_CRS } from './zone-input';
import { toZoneDto, toZoneSummaryDto, toZoneVersionSummaryDto } from './zone.mapper';
import { UuidParam, VersionNumberParam } from './zone-params';
import { ZonesService } from './zones.service';

const CONTENT_CRS_DOC = {
  name: 'Content-Crs',
  required: false,
  description: 'CRS of the geometry sent: OGC:CRS84 (default), EPSG:4326, or EPSG:28992 (RD New metres)',
};

@ApiTags('zones')
@ApiBearerAuth()
@Controller('zones')
export class ZonesController {
  constructor(
    private readonly zones: ZonesService,
    private readonly editing: ZoneEditingService,
  ) {}

  @Post()
  @Roles('mayor-office', 'mayor')
  @ApiHeader(CONTENT_CRS_DOC)
  @ApiCreatedResponse({ type: ZoneDto, description: 'Version 1; 422 with findings when the zone lies outside the municipality' })
  async create(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateZoneDto,
    @Headers('content-crs') contentCrs: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ZoneDto> {
    const { zone, findings } = await this.editing.create(actor, dto, parseContentCrs(contentCrs));
    reply.header('Location', `/api/v1/zones/${zone.zoneId}`).header('ETag', etagOf(zone.version)).header('Content-Crs', RESPONSE_CRS);
    return toZoneDto(zone, findings);
  }

  @Put(':id')
  @Roles('mayor-office', 'mayor')
  @ApiHeader(CONTENT_CRS_DOC)
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag of the version edited (or send "version")' })
  @ApiOkResponse({ type: ZoneDto, description: 'The new version' })
  async edit(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: EditZoneDto,
    @Headers('content-crs') contentCrs: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ZoneDto> {
    const crs = parseContentCrs(contentCrs);
    const { zone, findings } = await this.editing.edit(actor, id, dto, crs, requireExpectedVersion(ifMatch, dto.version));
    reply.header('ETag', etagOf(zone.version)).header('Content-Crs', RESPONSE_CRS);
    return toZoneDto(zone, findings);
  }

  @Get()
  @Roles('mayor-office', 'mayor', 'lawyer', 'police', 'admin')
  @ApiOkResponse({ type: [ZoneSummaryDto] })
  async list(@CurrentActor() actor: Actor, @Query() query: ListZonesQueryDto): Promise<ZoneSummaryDto[]> {
    return (await this.zones.list(actor, query.municipality)).map(toZoneSummaryDto);
  }

  @Get(':id')
  @Roles('mayor-office', 'mayor', 'lawyer', 'police', 'admin')
  @ApiOkResponse({ type: ZoneDto, description: 'The newest version' })
  async get(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ZoneDto> {
    const zone = await this.zones.get(actor, id);
    reply.header('ETag', etagOf(zone.version)).header('Content-Crs', RESPONSE_CRS);
    return toZoneDto(zone);
  }

  @Get(':id/versions')
  @Roles('mayor-office', 'mayor', 'lawyer', 'police', 'admin')
  @ApiOkResponse({ type: [ZoneVersionSummaryDto], description: 'Every version, oldest first, without geometry' })
  async versions(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<ZoneVersionSummaryDto[]> {
    return (await this.zones.listVersions(actor, id)).map(toZoneVersionSummaryDto);
  }

  @Get(':id/versions/:n')
  @Roles('mayor-office', 'mayor', 'lawyer', 'police', 'admin')
  @ApiOkResponse({ type: ZoneDto, description: 'One version, as it was made (versions never change)' })
  async version(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('n', VersionNumberParam) n: number,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ZoneDto> {
    const zone = await this.zones.getVersion(actor, id, n);
    reply.header('Content-Crs', RESPONSE_CRS);
    return toZoneDto(zone);
  }
}
