import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, type Actor } from '../../auth/actor';
import { Roles } from '../../auth/roles.decorator';
import { UuidParam } from '../../common/http/params';
import type { LetterKind } from '../../domain/letters/letter-model';
import { LetterQueryDto } from './dto/letter-query.dto';
import { LettersService } from './letters.service';

const READERS = ['mayor', 'mayor-office', 'lawyer'] as const;

/**
 * The letters of an order as PDF (Dutch): the intent notice (voornemen) and the decision (beschikking), each with the
 * zone maps of the exact zone versions the order holds. Police do not get them: they need the verdict, not the file.
 */
@ApiTags('letters')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Purpose', required: false, description: 'Purpose or case reference, recorded in the processing log' })
@Controller('orders/:id/letters')
export class LettersController {
  constructor(private readonly letters: LettersService) {}

  @Get('intent')
  @Roles(...READERS)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The intent notice of the version that recorded sending it (409 when none was sent)' })
  intent(@CurrentActor() a: Actor, @Param('id', new UuidParam('id')) id: string, @Query() q: LetterQueryDto, @Res({ passthrough: true }) r: FastifyReply): Promise<Buffer> {
    return this.send(r, a, id, 'INTENT', q.version);
  }

  @Get('decision')
  @Roles(...READERS)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The decision of the latest issue, extension or amendment (409 when the order was never issued)' })
  decision(@CurrentActor() a: Actor, @Param('id', new UuidParam('id')) id: string, @Query() q: LetterQueryDto, @Res({ passthrough: true }) r: FastifyReply): Promise<Buffer> {
    return this.send(r, a, id, 'DECISION', q.version);
  }

  private async send(reply: FastifyReply, actor: Actor, id: string, kind: LetterKind, version?: number): Promise<Buffer> {
    const letter = await this.letters.render(actor, id, kind, version);
    reply
      .header('Content-Type', 'application/pdf')
      .header('Content-Disposition', `attachment; filename="${letter.fileName}"`)
      .header('Cache-Control', 'no-store')
      .header('X-Order-Version', String(letter.version));
    return letter.pdf;
  }
}
