import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { hasRole, inScope } from '../../auth/principal';
import { DomainError } from '../../domain/shared/domain-error';
import { AuditService } from '../audit/audit.service';
import { RegisterEvents } from '../events/register-events';
import { MunicipalitiesRepository } from '../municipalities/municipalities.repository';
import { ProcessingLogService } from '../processing-log/processing-log.service';
import type { CreatePersonDto, PersonDto, PersonMinimalDto, PersonSearchQueryDto } from './dto/person.dto';
import { PersonsRepository, type PersonRow } from './persons.repository';

function notFound(id: string): DomainError {
  return new DomainError('NOT_FOUND', `Person ${id} not found`);
}

function toMinimal(p: PersonRow): PersonMinimalDto {
  return { id: p.id, municipalityCode: p.municipalityCode, name: p.name, dateOfBirth: p.dateOfBirth };
}

function toFull(p: PersonRow): PersonDto {
  return { ...toMinimal(p), identifiers: { vNumber: p.vNumber ?? undefined, bsn: p.bsn ?? undefined }, createdAt: p.createdAt.toISOString() };
}

/**
 * Persons hold criminal-law personal data: scoped to the municipality that registered them, every read recorded
 * in the processing log, the police shown only what identifies the person. The audit trail names which fields
 * were set, not their values.
 */
@Injectable()
export class PersonsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: PersonsRepository,
    private readonly municipalities: MunicipalitiesRepository,
    private readonly audit: AuditService,
    private readonly processingLog: ProcessingLogService,
    private readonly events: RegisterEvents,
  ) {}

  async create(actor: Actor, dto: CreatePersonDto): Promise<PersonDto> {
    if (!inScope(actor, dto.municipalityCode) || !(await this.municipalities.findByCode(dto.municipalityCode))) {
      throw new DomainError('NOT_FOUND', `Municipality ${dto.municipalityCode} not found`);
    }
    const created = await this.dataSource.transaction(async (m) => {
      const row = await this.repository.insert(
        m,
        { municipalityCode: dto.municipalityCode, name: dto.name, dateOfBirth: dto.dateOfBirth, vNumber: dto.identifiers?.vNumber ?? null, bsn: dto.identifiers?.bsn ?? null },
        actor.sub,
      );
      const fields = ['name', 'dateOfBirth', ...Object.keys(dto.identifiers ?? {}).map((k) => `identifiers.${k}`)];
      await this.audit.record(m, actor, { action: 'person.created', entityType: 'person', entityId: row.id, municipalityCode: row.municipalityCode, after: { fields } });
      await this.events.announcePersonChanged(m, row.id, row.municipalityCode);
      return toFull(row);
    });
    await this.events.personChanged(created.id, created.municipalityCode);
    return created;
  }

  /** The person as the caller may see them (police: minimal), with the read logged. */
  async read(actor: Actor, id: string): Promise<PersonDto | PersonMinimalDto> {
    const row = await this.findInScope(actor, id);
    await this.processingLog.record(actor, { action: 'person.read', personId: id, municipalityCode: row.municipalityCode, purpose: actor.purpose });
    return hasRole(actor, 'mayor', 'mayor-office', 'lawyer') ? toFull(row) : toMinimal(row);
  }

  /**
   * Persons in the caller's municipalities whose name contains `query`, shown as `read` shows them (police:
   * minimal). Every person returned is a read of personal data, so each gets a processing-log row.
   */
  async search(actor: Actor, dto: PersonSearchQueryDto): Promise<Array<PersonDto | PersonMinimalDto>> {
    const codes = dto.municipality ? actor.municipalities.filter((c) => c === dto.municipality) : [...actor.municipalities];
    if (codes.length === 0) return [];
    const rows = await this.repository.searchByName(codes, dto.query.trim(), dto.limit ?? 20);
    await this.processingLog.recordMany(
      actor,
      rows.map((r) => ({ action: 'person.read', personId: r.id, municipalityCode: r.municipalityCode, purpose: actor.purpose })),
    );
    const full = hasRole(actor, 'mayor', 'mayor-office', 'lawyer');
    return rows.map((r) => (full ? toFull(r) : toMinimal(r)));
  }

  /** For other services: the person if the caller may act for their municipality, else not found. */
  async findInScope(actor: Actor, id: string, manager?: EntityManager): Promise<PersonRow> {
    const row = await this.repository.findById(id, manager);
    if (!row || !inScope(actor, row.municipalityCode)) throw notFound(id);
    return row;
  }
}
