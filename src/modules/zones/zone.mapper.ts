import type { Finding } from '../../domain/shared/finding';
import type { ZoneDto, ZoneSummaryDto, ZoneVersionSummaryDto } from './dto/zone.dto';
import type { ZoneVersionRecord, ZoneVersionSummary } from './zone-records';

export function toZoneVersionSummaryDto(v: ZoneVersionSummary): ZoneVersionSummaryDto {
  return {
    zoneVersionId: v.zoneVersionId,
    version: v.version,
    name: v.name,
    description: v.description,
    bbox: [...v.bbox],
    vertexCount: v.vertexCount,
    geometryHash: v.geometryHash,
    createdAt: v.createdAt.toISOString(),
    createdBy: v.createdBy,
    reason: v.reason,
  };
}

export function toZoneSummaryDto(v: ZoneVersionSummary): ZoneSummaryDto {
  return { id: v.zoneId, municipalityCode: v.municipalityCode, isDemo: v.isDemo, ...toZoneVersionSummaryDto(v) };
}

/** A zone at one version; `findings` only on create and edit, where they were just evaluated. */
export function toZoneDto(v: ZoneVersionRecord, findings?: Finding[]): ZoneDto {
  return { ...toZoneSummaryDto(v), geometry: v.geometry, ...(findings ? { findings } : {}) };
}

/** What the audit trail keeps of a version: everything but the geometry itself, which its hash identifies. */
export function zoneAuditView(v: ZoneVersionRecord) {
  return {
    zoneVersionId: v.zoneVersionId,
    version: v.version,
    name: v.name,
    description: v.description,
    geometryHash: v.geometryHash,
    vertexCount: v.vertexCount,
    bbox: v.bbox,
  };
}
