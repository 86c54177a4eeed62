import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, type Actor } from '../../auth/actor';
import { Roles } from '../../auth/roles.decorator';
import { CSV_CONTENT_TYPE, prefersCsv, toAuditCsv } from './audit-report.csv';
import { AuditReportService } from './audit-report.service';
import { AuditReportDto, AuditReportQueryDto } from './dto/audit-report.dto';

/**
 * The lawyers' audit report. Lawyers audit; the mayor may read it too: the mayor is the authority responsible for
 * these orders (and their processing), must withdraw an order once it is no longer needed (172a lid 9), and can
 * already read every order of the municipality in full, so the report shows the mayor nothing new. The mayor's office
 * staff and the police cannot.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditReportController {
  constructor(private readonly reports: AuditReportService) {}

  @Get('orders')
  @Roles('lawyer', 'mayor')
  @ApiProduces('application/json', 'text/csv')
  @ApiHeader({ name: 'Accept', required: false, description: '`text/csv` for a spreadsheet (UTF-8 with BOM, Dutch headers); JSON otherwise' })
  @ApiHeader({ name: 'X-Purpose', required: false, description: 'Purpose or case reference, recorded in the processing log' })
  @ApiOkResponse({ type: AuditReportDto, description: 'Every order with durations, extensions, procedure and findings by rule id; 404 for a municipality outside the caller\'s scope' })
  async orders(
    @CurrentActor() actor: Actor,
    @Query() q: AuditReportQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuditReportDto | string> {
    const report = await this.reports.report(actor, q);
    reply.header('Vary', 'Accept');
    if (!prefersCsv(accept)) return report;
    const day = report.generatedAt.slice(0, 10);
    reply.header('Content-Type', CSV_CONTENT_TYPE).header('Content-Disposition', `attachment; filename="audit-besluiten-${day}.csv"`);
    return toAuditCsv(report.orders);
  }
}
