import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../../auth/actor';
import { Roles } from '../../auth/roles.decorator';
import { AuditEventsQueryDto, AuditHistoryDto, AuditVerifyQueryDto, ChainVerificationDto } from './dto/audit-event.dto';
import { anchorOf, AuditTrailService } from './audit-trail.service';

/** The audit trail for municipal lawyers: read-only. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/events')
export class AuditController {
  constructor(private readonly trail: AuditTrailService) {}

  /** Who changed what, when and why, for one order, zone, person or municipality configuration (caller's municipalities). */
  @Get()
  @Roles('lawyer')
  @ApiHeader({ name: 'X-Purpose', required: false, description: 'Purpose or case reference, recorded in the processing log' })
  @ApiOkResponse({ type: AuditHistoryDto, description: '404 when no event of the entity lies in the caller\'s municipalities' })
  history(@CurrentActor() actor: Actor, @Query() q: AuditEventsQueryDto): Promise<AuditHistoryDto> {
    return this.trail.history(actor, q.entity, q.id);
  }

  /**
   * Walks the whole hash chain and reports the first broken link (seq, expected vs found). The answer holds only
   * sequence numbers and hashes, no content, so administrators may run it too.
   */
  @Get('verify')
  @Roles('lawyer', 'admin')
  @ApiOkResponse({ type: ChainVerificationDto })
  verify(@Query() q: AuditVerifyQueryDto): Promise<ChainVerificationDto> {
    return this.trail.verify(anchorOf(q.anchorSeq, q.anchorHash));
  }
}
