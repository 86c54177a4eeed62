import { localInstant } from '../../domain/reporting/slots';
import type { ListedViolationDto, ViolationDto } from './dto/violation.dto';
import type { ViolationRow } from './violations.repository';

/** A violation as registered: only stored, immutable fields, so a replayed registration answers the same body. */
export function toViolationDto(r: ViolationRow): ViolationDto {
  return {
    id: r.id,
    orderId: r.orderId,
    orderReference: r.orderReference,
    orderVersion: r.orderVersion,
    personId: r.personId,
    municipalityCode: r.municipalityCode,
    at: localInstant(new Date(r.at).getTime(), r.timeZone),
    position: { lon: r.lon, lat: r.lat },
    reportRef: r.reportRef,
    kind: r.kind,
    description: r.description ?? undefined,
    statutoryLabel: r.statutoryLabel,
    basisKind: r.basisKind,
    correctsViolationId: r.correctsViolationId ?? undefined,
    recordedAt: localInstant(new Date(r.recordedAt).getTime(), r.timeZone),
    recordedBy: r.recordedBy,
  };
}

export function toListedViolationDto(r: ViolationRow): ListedViolationDto {
  return { ...toViolationDto(r), correctedByViolationId: r.correctedById ?? undefined };
}
