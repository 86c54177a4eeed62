import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { Clock } from '../../common/clock';
import { validateZoneGeometry } from '../../domain/geometry/zone-validation';
import { DomainError } from '../../domain/shared/domain-error';
import { AuditService } from '../audit/audit.service';
import { PersonsService } from '../persons/persons.service';
import { ProcessingLogService } from '../processing-log/processing-log.service';
import type { CreateProsecutorOrderDto, ProsecutorOrderDto } from './dto/prosecutor-order.dto';
import { ProsecutorOrdersRepository, type ProsecutorOrderRow } from './prosecutor-orders.repository';

function toDto(r: ProsecutorOrderRow): ProsecutorOrderDto {
  return {
    id: r.id,
    personId: r.personId,
    municipalityCode: r.municipalityCode,
    from: r.from,
    until: r.until ?? undefined,
    geometry: r.geometry,
    reference: r.reference ?? undefined,
    createdAt: new Date(r.createdAt).toISOString(),
  };
}

function invalid(field: string, code: string, message: string): DomainError {
  return new DomainError('INVALID_INPUT', message, { errors: [{ field, code, message }] });
}

/**
 * The public prosecutor's behavioural orders (art. 509hh Sv) recorded for a person: scoped like the person, each
 * recording audited in its own transaction, each read logged. The rules read them for GW172A-OVJ-CONFLICT.
 */
@Injectable()
export class ProsecutorOrdersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ProsecutorOrdersRepository,
    private readonly persons: PersonsService,
    private readonly audit: AuditService,
    private readonly processingLog: ProcessingLogService,
    private readonly clock: Clock,
  ) {}

  async record(actor: Actor, personId: string, dto: CreateProsecutorOrderDto): Promise<ProsecutorOrderDto> {
    const { problems, geometry } = validateZoneGeometry(dto.geometry, { field: 'geometry' });
    if (!geometry) {
      const fields = [...new Set(problems.map((p) => p.field))].join(', ');
      throw new DomainError('INVALID_INPUT', `The geometry is invalid: ${fields}`, { errors: problems });
    }
    if (dto.until !== undefined && dto.until < dto.from) throw invalid('until', 'beforeFrom', 'until must not be before from');
    return this.dataSource.transaction(async (m) => {
      const person = await this.persons.findInScope(actor, personId, m);
      const row = await this.repository.insert(
        m,
        { personId, municipalityCode: person.municipalityCode, from: dto.from, until: dto.until ?? null, geometry, reference: dto.reference ?? null, createdAt: this.clock.now() },
        actor.sub,
      );
      const fields = ['from', 'geometry', ...(dto.until ? ['until'] : []), ...(dto.reference ? ['reference'] : [])];
      await this.audit.record(m, actor, {
        action: 'person.prosecutor-order-recorded',
        entityType: 'person',
        entityId: personId,
        municipalityCode: person.municipalityCode,
        after: { prosecutorOrderId: row.id, fields },
      });
      return toDto(row);
    });
  }

  /** The person's recorded behavioural orders; a read of the person's data, so logged. */
  async list(actor: Actor, personId: string): Promise<ProsecutorOrderDto[]> {
    const person = await this.persons.findInScope(actor, personId);
    const rows = await this.repository.forPerson(personId);
    await this.processingLog.record(actor, { action: 'person.read', personId, municipalityCode: person.municipalityCode, purpose: actor.purpose });
    return rows.map(toDto);
  }
}
