import { Injectable } from '@nestjs/common';
import type { Actor } from '../../auth/actor';
import { inScope } from '../../auth/principal';
import { composeLetter } from '../../domain/letters/compose-letter';
import type { LetterKind, LetterZone } from '../../domain/letters/letter-model';
import { letterVersion } from '../../domain/letters/letter-version';
import { DomainError } from '../../domain/shared/domain-error';
import { OrderRulesService } from '../orders/order-rules.service';
import { OrdersRepository, type OrderVersionRow } from '../orders/orders.repository';
import { PersonsService } from '../persons/persons.service';
import { ProcessingLogService } from '../processing-log/processing-log.service';
import { ZonesService } from '../zones/zones.service';
import { LetterPdfRenderer } from './letter-pdf.renderer';

export interface RenderedLetter {
  pdf: Buffer;
  fileName: string;
  version: number;
}

/**
 * The intent and decision letters of an order, rendered on demand from a stored version (nothing is stored). A
 * download shows the person's data, so each one is scoped like every order read (404 outside the caller's
 * municipalities) and recorded in the processing log.
 */
@Injectable()
export class LettersService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly rules: OrderRulesService,
    private readonly zones: ZonesService,
    private readonly persons: PersonsService,
    private readonly processingLog: ProcessingLogService,
    private readonly renderer: LetterPdfRenderer,
  ) {}

  async render(actor: Actor, orderId: string, kind: LetterKind, requested?: number): Promise<RenderedLetter> {
    const rows = await this.orders.listVersions(orderId);
    if (!rows.length || !inScope(actor, rows[0].municipalityCode)) throw new DomainError('NOT_FOUND', `Order ${orderId} not found`);
    const facts = rows.map((r) => ({ version: r.version, changeKind: r.changeKind, status: r.status, intentSentAt: r.body.procedure.intentSentAt }));
    const row = rows.find((r) => r.version === letterVersion(kind, facts, requested))!;
    const person = await this.persons.findInScope(actor, row.personId);
    const letter = composeLetter({
      kind,
      orderId,
      reference: row.reference,
      order: row.body,
      version: row.version,
      changeKind: row.changeKind,
      versionCreatedAt: new Date(row.createdAt).toISOString(),
      municipality: await this.rules.municipalityConfig(row.municipalityCode),
      person: { name: person.name, dateOfBirth: person.dateOfBirth },
      zones: await this.heldZones(row),
    });
    const pdf = await this.renderer.render(letter);
    await this.processingLog.record(actor, { action: 'letter.read', personId: row.personId, municipalityCode: row.municipalityCode, purpose: actor.purpose });
    return { pdf, fileName: letter.fileName, version: row.version };
  }

  private async heldZones(row: OrderVersionRow): Promise<LetterZone[]> {
    const ids = row.body.measures.flatMap((m) => m.zoneVersionIds ?? []);
    if (!ids.length) return [];
    const found = await this.zones.getVersionsByIds(undefined, ids);
    return [...found.values()].map((z) => ({ zoneVersionId: z.zoneVersionId, zoneId: z.zoneId, name: z.name, version: z.version, geometryHash: z.geometryHash, geometry: z.geometry }));
  }
}
