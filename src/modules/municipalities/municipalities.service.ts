import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import stringify from 'safe-stable-stringify';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { ALL_MUNICIPALITIES, inScope, type Scoped } from '../../auth/principal';
import { DEFAULT_RULE_NUMBERS } from '../../domain/municipality/municipality-config';
import { DomainError } from '../../domain/shared/domain-error';
import { AuditService } from '../audit/audit.service';
import type { MunicipalityDto, MunicipalitySummaryDto, UpdateMunicipalityDto } from './dto/municipality.dto';
import { MunicipalitiesRepository } from './municipalities.repository';
import type { MunicipalityEntity } from './municipality.entity';

function notFound(code: string): DomainError {
  return new DomainError('NOT_FOUND', `Municipality ${code} not found`);
}

export function toMunicipalityDto(m: MunicipalityEntity): MunicipalityDto {
  return {
    code: m.code,
    name: m.name,
    isDemo: m.isDemo,
    timeZone: m.timeZone,
    boundary: m.boundary,
    apv: m.config.apv,
    mandates: m.config.mandates ?? [],
    numbers: { ...DEFAULT_RULE_NUMBERS, ...(m.config.numbers ?? {}) },
    extraHolidays: m.config.extraHolidays ?? [],
    policyRulesAsErrors: m.config.policyRulesAsErrors ?? [],
    version: m.version,
    updatedAt: m.updatedAt.toISOString(),
  };
}

@Injectable()
export class MunicipalitiesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: MunicipalitiesRepository,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Scoped): Promise<MunicipalitySummaryDto[]> {
    const all = principal.municipalities.includes(ALL_MUNICIPALITIES) && principal.roles.includes('admin');
    return this.repository.listSummaries(all ? undefined : [...principal.municipalities]);
  }

  /** A municipality the caller may act for; any other is reported as not found (its existence is not revealed). */
  async get(principal: Scoped, code: string): Promise<MunicipalityEntity> {
    const m = inScope(principal, code) ? await this.repository.findByCode(code) : null;
    if (!m) throw notFound(code);
    return m;
  }

  async update(actor: Actor, code: string, dto: UpdateMunicipalityDto, expectedVersion: number): Promise<MunicipalityEntity> {
    return this.dataSource.transaction(async (manager) => {
      const current = inScope(actor, code) ? await this.repository.findByCode(code, manager) : null;
      if (!current) throw notFound(code);
      if (current.version !== expectedVersion) throw stale(code, current.version);
      const { version: _v, name, timeZone, boundary, ...settings } = dto;
      const next: MunicipalityEntity = {
        ...current,
        name: name ?? current.name,
        timeZone: timeZone ?? current.timeZone,
        boundary: boundary ?? current.boundary,
        config: { ...current.config, ...stripUndefined(settings) },
      };
      if (!(await this.repository.saveIfVersion(manager, next, expectedVersion))) throw stale(code, current.version + 1);
      await this.audit.record(manager, actor, {
        action: 'municipality.configured',
        entityType: 'municipality',
        entityId: code,
        municipalityCode: code,
        before: auditView(current),
        after: auditView(next),
      });
      return (await this.repository.findByCode(code, manager))!;
    });
  }
}

function stale(code: string, currentVersion: number): DomainError {
  return new DomainError('STALE_VERSION', `Municipality ${code} was changed by someone else (now version ${currentVersion}); reload and edit again`, {
    status: 412,
    currentVersion,
  });
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** What the audit trail keeps of a configuration: everything, with the (large, public) boundary as its hash. */
function auditView(m: MunicipalityEntity) {
  const boundarySha256 = m.boundary ? createHash('sha256').update(stringify(m.boundary)!).digest('hex') : null;
  return { name: m.name, timeZone: m.timeZone, config: m.config, boundarySha256 };
}
