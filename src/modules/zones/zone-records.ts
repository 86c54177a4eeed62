import type { Bbox, ZoneGeometry } from '../../domain/geometry/zone-geometry';

/** One version of a zone as stored, without its geometry (lists and summaries). */
export interface ZoneVersionSummary {
  zoneId: string;
  zoneVersionId: string;
  municipalityCode: string;
  isDemo: boolean;
  version: number;
  name: string;
  description: string | null;
  bbox: Bbox;
  vertexCount: number;
  geometryHash: string;
  /** When, and by whom (token subject), this version was made. */
  createdAt: Date;
  createdBy: string;
  reason: string | null;
}

/** One version of a zone as stored, with its geometry (CRS84). */
export interface ZoneVersionRecord extends ZoneVersionSummary {
  geometry: ZoneGeometry;
}

/** What a new version stores; the repository derives nothing itself. */
export interface NewZoneVersion {
  version: number;
  name: string;
  description: string | null;
  geometry: ZoneGeometry;
  bbox: Bbox;
  vertexCount: number;
  geometryHash: string;
  createdAt: Date;
  createdBy: string;
  reason: string | null;
}
