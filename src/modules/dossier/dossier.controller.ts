import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, type Actor } from '../../auth/actor';
import { Roles } from '../../auth/roles.decorator';
import { UuidParam } from '../../common/http/params';
import { dossierCsv } from './dossier.csv';
import { DossierService } from './dossier.service';
import { DossierDto } from './dto/dossier.dto';

/**
 * The person's dossier for the weekly case meeting. Police and mayor's office take part in the meeting; the municipal
 * lawyer reads it too, because objections and appeals against an escalated ban or an extension turn on exactly these
 * facts (earlier bans, violations, missed reports). Every read is logged with its purpose.
 */
@ApiTags('dossier')
@ApiBearerAuth()
@Controller('persons')
export class DossierController {
  constructor(private readonly service: DossierService) {}

  @Get(':id/dossier')
  @Roles('police', 'mayor', 'mayor-office', 'lawyer')
  @ApiHeader({ name: 'X-Purpose', required: false, description: 'Purpose or case reference (e.g. the case meeting), recorded in the processing log' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: DossierDto, description: 'JSON, or CSV with Accept: text/csv' })
  async read(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParam('id')) id: string,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DossierDto | string> {
    const dossier = await this.service.read(actor, id);
    if (!wantsCsv(accept)) return dossier;
    reply.header('Content-Type', 'text/csv; charset=utf-8');
    reply.header('Content-Disposition', `attachment; filename="dossier-${id}.csv"`);
    return dossierCsv(dossier);
  }
}

/** CSV when the client asks for text/csv before (or without) JSON. */
function wantsCsv(accept: string | undefined): boolean {
  const types = (accept ?? '').split(',').map((t) => t.split(';')[0].trim().toLowerCase());
  const csv = types.indexOf('text/csv');
  const json = types.indexOf('application/json');
  return csv >= 0 && (json < 0 || csv < json);
}
