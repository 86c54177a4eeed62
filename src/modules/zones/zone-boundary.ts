import type { ZoneGeometry } from '../../domain/geometry/zone-geometry';
import { ZONE_IN_MUNICIPALITY, zoneWithinBoundary } from '../../domain/geometry/zone-within-boundary';
import { DomainError } from '../../domain/shared/domain-error';
import type { Finding } from '../../domain/shared/finding';

/** The municipality a zone must lie in: the issuing one, or the one on whose behalf the zone is drawn. */
export interface BoundaryOwner {
  code: string;
  boundary: ZoneGeometry | null;
}

/**
 * GW172A-ZONE-IN-MUNICIPALITY for a zone being saved: the warnings to return with it, or a RULE_VIOLATION (422 with
 * `findings`) when the zone lies clearly outside. Without a stored boundary the rule cannot be checked, which is a
 * warning rather than a refusal: the register must not block a mayor because reference data is missing.
 */
export function zoneBoundaryFindings(
  geometry: ZoneGeometry,
  issuingCode: string,
  owner: BoundaryOwner,
  onBehalfOf?: string,
): Finding[] {
  if (!owner.boundary) return [missingBoundary(owner.code, onBehalfOf)];
  const finding = zoneWithinBoundary(geometry, owner.boundary, { municipalityCode: issuingCode, onBehalfOf, path: 'geometry' });
  if (!finding) return [];
  if (finding.severity === 'error') {
    throw new DomainError('RULE_VIOLATION', `The zone does not lie within ${owner.code}: ${finding.message}`, { findings: [finding] });
  }
  return [finding];
}

function missingBoundary(code: string, onBehalfOf?: string): Finding {
  return {
    ruleId: ZONE_IN_MUNICIPALITY,
    severity: 'warning',
    message: `No boundary is stored for ${code}, so the register could not check that the zone lies within it`,
    citation: onBehalfOf ? 'art. 172a lid 3 Gemeentewet' : 'art. 172a lid 1 Gemeentewet',
    path: 'geometry',
  };
}
