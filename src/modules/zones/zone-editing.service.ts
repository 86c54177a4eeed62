import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { inScope } from '../../auth/principal';
import { Clock } from '../../common/clock';
import { geometryHash } from '../../domain/geometry/geometry-hash';
import { geometryBbox, vertexCount, type ZoneGeometry } from '../../domain/geometry/zone-geometry';
import { DomainError } from '../../domain/shared/domain-error';
import type { Finding } from '../../domain/shared/finding';
import { AuditService } from '../audit/audit.service';
import { MunicipalitiesRepository } from '../municipalities/municipalities.repository';
import type { MunicipalityEntity } from '../municipalities/municipality.entity';
import type { CreateZoneDto, EditZoneDto } from './dto/zone.dto';
import { zoneBoundaryFindings } from './zone-boundary';
import { readZoneGeometry, type InputCrs } from './zone-input';
import { zoneAuditView } from './zone.mapper';
import type { ZoneVersionRecord } from './zone-records';
import { ZonesRepository } from './zones.repository';

/** A zone version just written, with the rule findings it was saved with. */
export interface SavedZone {
  zone: ZoneVersionRecord;
  findings: Finding[];
}

/** The content of a version about to be written, its geometry already validated and in CRS84. */
interface VersionContent {
  name: string;
  description: string | null;
  geometry: ZoneGeometry;
  reason: string | null;
}

/**
 * Creating and editing zones. Each write is one transaction: the zone row (on create), one new immutable version
 * and its audit event land together or not at all. An edit appends a version; no version is ever changed.
 */
@Injectable()
export class ZoneEditingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ZonesRepository,
    private readonly municipalities: MunicipalitiesRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, dto: CreateZoneDto, crs: InputCrs): Promise<SavedZone> {
    const content = contentOf(dto, readZoneGeometry(dto.geometry, crs), null);
    return this.dataSource.transaction(async (manager) => {
      const municipality = await this.scopedMunicipality(manager, actor, dto.municipalityCode);
      const findings = await this.boundaryFindings(manager, content.geometry, municipality, dto.onBehalfOf);
      const createdAt = this.clock.now();
      const zoneId = await this.repository.insertZone(manager, { municipalityCode: municipality.code, createdAt, createdBy: actor.sub });
      const zone = await this.appendVersion(manager, actor, zoneId, 1, content);
      await this.audit.record(manager, actor, {
        action: 'zone.created',
        entityType: 'zone',
        entityId: zoneId,
        municipalityCode: municipality.code,
        after: { ...zoneAuditView(zone), onBehalfOf: dto.onBehalfOf ?? null, findings },
      });
      return { zone, findings };
    });
  }

  async edit(actor: Actor, zoneId: string, dto: EditZoneDto, crs: InputCrs, expectedVersion: number): Promise<SavedZone> {
    const content = contentOf(dto, readZoneGeometry(dto.geometry, crs), dto.reason ?? null);
    return this.dataSource.transaction(async (manager) => {
      const current = await this.repository.lockLatest(manager, zoneId);
      if (!current || !inScope(actor, current.municipalityCode)) throw new DomainError('NOT_FOUND', `Zone ${zoneId} not found`);
      if (current.version !== expectedVersion) throw stale(zoneId, current.version);
      const municipality = (await this.municipalities.findByCode(current.municipalityCode, manager))!;
      const findings = await this.boundaryFindings(manager, content.geometry, municipality, dto.onBehalfOf);
      const zone = await this.appendVersion(manager, actor, zoneId, current.version + 1, content);
      await this.audit.record(manager, actor, {
        action: 'zone.edited',
        entityType: 'zone',
        entityId: zoneId,
        municipalityCode: current.municipalityCode,
        before: zoneAuditView(current),
        after: { ...zoneAuditView(zone), onBehalfOf: dto.onBehalfOf ?? null, findings },
        reason: content.reason,
      });
      return { zone, findings };
    });
  }

  private async scopedMunicipality(manager: EntityManager, actor: Actor, code: string): Promise<MunicipalityEntity> {
    const municipality = inScope(actor, code) ? await this.municipalities.findByCode(code, manager) : null;
    if (!municipality) throw new DomainError('NOT_FOUND', `Municipality ${code} not found`);
    return municipality;
  }

  /** The other mayor's municipality need not be in the caller's scope, but it must exist and be another one. */
  private async boundaryFindings(
    manager: EntityManager,
    geometry: ZoneGeometry,
    municipality: MunicipalityEntity,
    onBehalfOf: string | null | undefined,
  ): Promise<Finding[]> {
    if (!onBehalfOf) return zoneBoundaryFindings(geometry, municipality.code, municipality);
    if (onBehalfOf === municipality.code) throw invalidOnBehalfOf('notAnotherMunicipality', `onBehalfOf must name a municipality other than ${onBehalfOf}`);
    const other = await this.municipalities.findByCode(onBehalfOf, manager);
    if (!other) throw invalidOnBehalfOf('unknownMunicipality', `onBehalfOf: no municipality ${onBehalfOf} is known`);
    return zoneBoundaryFindings(geometry, municipality.code, other, onBehalfOf);
  }

  private async appendVersion(
    manager: EntityManager,
    actor: Actor,
    zoneId: string,
    version: number,
    content: VersionContent,
  ): Promise<ZoneVersionRecord> {
    const { geometry } = content;
    await this.repository.insertVersion(manager, zoneId, {
      ...content,
      version,
      bbox: geometryBbox(geometry),
      vertexCount: vertexCount(geometry),
      geometryHash: geometryHash(geometry),
      createdAt: this.clock.now(),
      createdBy: actor.sub,
    });
    return (await this.repository.findLatest(zoneId, manager))!;
  }
}

function contentOf(dto: CreateZoneDto | EditZoneDto, geometry: ZoneGeometry, reason: string | null): VersionContent {
  return { name: dto.name.trim(), description: dto.description?.trim() || null, geometry, reason: reason?.trim() || null };
}

function invalidOnBehalfOf(code: string, message: string): DomainError {
  return new DomainError('INVALID_INPUT', message, { errors: [{ field: 'onBehalfOf', code, message }] });
}

function stale(zoneId: string, currentVersion: number): DomainError {
  return new DomainError('STALE_VERSION', `Zone ${zoneId} was changed by someone else (now version ${currentVersion}); reload and edit again`, {
    status: 412,
    currentVersion,
  });
}
