import { Injectable } from '@nestjs/common';
import type { MultiPolygon, Polygon } from 'geojson';
import type { EntityManager } from 'typeorm';
import { ALL_MUNICIPALITIES, inScope, type Scoped } from '../../auth/principal';
import { DomainError } from '../../domain/shared/domain-error';
import type { ZoneVersionRecord, ZoneVersionSummary } from './zone-records';
import { ZonesRepository } from './zones.repository';

/** The zone version an order holds (`resolveCurrentVersions`). */
export interface CurrentZoneVersion {
  zoneId: string;
  zoneVersionId: string;
  version: number;
  geometry: Polygon | MultiPolygon;
}

/** A zone version as orders, letters and the geofence read it back (`getVersionsByIds`). */
export interface ZoneVersionRef extends CurrentZoneVersion {
  name: string;
  geometryHash: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function zoneNotFound(zoneId: string): DomainError {
  return new DomainError('NOT_FOUND', `Zone ${zoneId} not found`);
}

/**
 * Reading zones: for the API (scoped: a zone of a municipality outside the caller's scope is "not found") and for
 * the modules that hold zone versions (orders), which call inside their own transaction.
 */
@Injectable()
export class ZonesService {
  constructor(private readonly repository: ZonesRepository) {}

  /** The newest version of a zone the caller may see. */
  async get(principal: Scoped, zoneId: string): Promise<ZoneVersionRecord> {
    const latest = await this.repository.findLatest(zoneId);
    if (!latest || !inScope(principal, latest.municipalityCode)) throw zoneNotFound(zoneId);
    return latest;
  }

  async getVersion(principal: Scoped, zoneId: string, version: number): Promise<ZoneVersionRecord> {
    const found = await this.repository.findVersion(zoneId, version);
    if (!found || !inScope(principal, found.municipalityCode)) {
      throw new DomainError('NOT_FOUND', `Zone ${zoneId} has no version ${version}`);
    }
    return found;
  }

  async listVersions(principal: Scoped, zoneId: string): Promise<ZoneVersionSummary[]> {
    const versions = await this.repository.listVersions(zoneId);
    if (!versions.length || !inScope(principal, versions[0].municipalityCode)) throw zoneNotFound(zoneId);
    return versions;
  }

  /** Newest versions of the zones of one municipality, or of every municipality in the caller's scope. */
  async list(principal: Scoped, municipalityCode?: string): Promise<ZoneVersionSummary[]> {
    if (municipalityCode) {
      if (!inScope(principal, municipalityCode)) throw new DomainError('NOT_FOUND', `Municipality ${municipalityCode} not found`);
      return this.repository.listLatest([municipalityCode]);
    }
    const all = principal.municipalities.includes(ALL_MUNICIPALITIES) && principal.roles.includes('admin');
    return this.repository.listLatest(all ? undefined : [...principal.municipalities]);
  }

  /**
   * The current version of each zone an order names, keyed by zone id. Every id must be a zone of
   * `municipalityCode`; otherwise INVALID_INPUT naming `field` and the unknown ids (a zone of another municipality
   * is reported as unknown, so its existence is not revealed).
   */
  async resolveCurrentVersions(
    manager: EntityManager,
    municipalityCode: string,
    zoneIds: string[],
    field = 'zoneIds',
  ): Promise<Map<string, CurrentZoneVersion>> {
    const wanted = [...new Set(zoneIds)];
    const valid = wanted.filter((id) => UUID.test(id));
    const found = valid.length ? await this.repository.findLatestOfZones(manager, municipalityCode, valid) : [];
    const byId = new Map(found.map((v) => [v.zoneId, currentOf(v)]));
    const unknown = wanted.filter((id) => !byId.has(id.toLowerCase()));
    if (unknown.length) throw unknownZones(unknown, municipalityCode, field);
    return new Map(wanted.map((id) => [id, byId.get(id.toLowerCase())!]));
  }

  /** Zone versions by id (any municipality: the caller has already checked the order that holds them). */
  async getVersionsByIds(manager: EntityManager | undefined, zoneVersionIds: string[]): Promise<Map<string, ZoneVersionRef>> {
    const valid = [...new Set(zoneVersionIds)].filter((id) => UUID.test(id));
    const found = valid.length ? await this.repository.findVersionsByIds(manager, valid) : [];
    return new Map(found.map((v) => [v.zoneVersionId, { ...currentOf(v), name: v.name, geometryHash: v.geometryHash }]));
  }
}

function currentOf(v: ZoneVersionRecord): CurrentZoneVersion {
  return { zoneId: v.zoneId, zoneVersionId: v.zoneVersionId, version: v.version, geometry: v.geometry };
}

function unknownZones(ids: string[], municipalityCode: string, field: string): DomainError {
  const message = `Unknown zone ${ids.join(', ')} (not a zone of ${municipalityCode})`;
  return new DomainError('INVALID_INPUT', message, {
    errors: ids.map((id) => ({ field, code: 'unknownZone', message: `Unknown zone ${id} (not a zone of ${municipalityCode})` })),
  });
}
