/** The PostgreSQL channel on which every instance announces committed register changes to the others. */
export const REGISTER_CHANNEL = 'ordreg_register';

/** Longest payload accepted from the channel (PostgreSQL allows 8000 bytes; ours are far below). */
const MAX_PAYLOAD = 1000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MUNICIPALITY = /^GM\d{4}$/;

/**
 * A committed change as announced on the channel: ids only (never personal data), plus the announcing instance, so
 * that an instance can skip its own announcements (it already applied them after its commit).
 */
export type RegisterNotice =
  | { kind: 'order'; orderId: string; origin: string }
  | { kind: 'person'; personId: string; municipalityCode: string | null; origin: string };

export function encodeNotice(notice: RegisterNotice): string {
  return JSON.stringify(notice);
}

/** The notice in a channel payload, or null when the payload is not one of ours (it is then ignored). */
export function parseNotice(payload: string | undefined): RegisterNotice | null {
  if (!payload || payload.length > MAX_PAYLOAD) return null;
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(payload) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (!v || typeof v !== 'object' || typeof v.origin !== 'string' || !v.origin) return null;
  if (v.kind === 'order' && typeof v.orderId === 'string' && UUID.test(v.orderId)) {
    return { kind: 'order', orderId: v.orderId, origin: v.origin };
  }
  const municipality = v.municipalityCode;
  const validMunicipality = municipality === null || (typeof municipality === 'string' && MUNICIPALITY.test(municipality));
  if (v.kind === 'person' && typeof v.personId === 'string' && UUID.test(v.personId) && validMunicipality) {
    return { kind: 'person', personId: v.personId, municipalityCode: municipality as string | null, origin: v.origin };
  }
  return null;
}
