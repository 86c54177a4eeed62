import type { ReportingPlace } from '../order/order';
import type { DueSlot } from './slots';

/**
 * Matching a check-in (a person reporting at the police desk) to the due slots of the reporting duty
 * (`BREACH-REPORTING`: a slot is met by a check-in at the set place within the slot's window).
 *
 * - `ON_TIME`: a slot's window [start, end) contains the check-in; with overlapping windows the earliest slot not met
 *   yet gets it. It meets that slot when the place matches too.
 * - `EARLY` / `LATE`: no window contains it, but a slot opens or closed within `MATCH_HORIZON_MS`; the nearest one is
 *   named so the desk and the dossier see it. It meets nothing.
 * - `NO_SLOT`: nothing due near it. Recorded all the same.
 */

export type CheckInTiming = 'ON_TIME' | 'EARLY' | 'LATE' | 'NO_SLOT';

/** How far from a window an early or late check-in is still related to that slot. */
export const MATCH_HORIZON_MS = 12 * 3_600_000;

/** Where the person reported, as the desk records it. */
export interface CheckInPlace {
  name: string;
  municipalityCode: string;
}

export interface CheckInMatch {
  timing: CheckInTiming;
  /** The slot the check-in counts for (ON_TIME) or is nearest to (EARLY, LATE); null for NO_SLOT. */
  slot: DueSlot | null;
}

/** `BREACH-REPORTING`: which slot a check-in at `at` (epoch ms) belongs to; `met` holds starts of slots already met. */
export function matchCheckIn(slots: readonly DueSlot[], at: number, met: ReadonlySet<number> = new Set()): CheckInMatch {
  const containing = slots.filter((s) => s.start <= at && at < s.end).sort((a, b) => a.start - b.start);
  if (containing.length > 0) return { timing: 'ON_TIME', slot: containing.find((s) => !met.has(s.start)) ?? containing[0] };
  let nearest: { slot: DueSlot; distance: number } | null = null;
  for (const slot of slots) {
    const distance = at < slot.start ? slot.start - at : at - slot.end;
    if (distance <= MATCH_HORIZON_MS && (!nearest || distance < nearest.distance)) nearest = { slot, distance };
  }
  if (!nearest) return { timing: 'NO_SLOT', slot: null };
  return { timing: at < nearest.slot.start ? 'EARLY' : 'LATE', slot: nearest.slot };
}

/** The range of slot starts that can relate to a check-in at `at`: windows are at most one day long. */
export function slotSearchRange(at: number): { start: number; end: number } {
  return { start: at - 86_400_000 - MATCH_HORIZON_MS, end: at + MATCH_HORIZON_MS + 1 };
}

function normalise(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** True when the desk's place is the order's reporting place (same municipality, same name ignoring case and spacing). */
export function samePlace(required: ReportingPlace, given: CheckInPlace): boolean {
  return required.municipalityCode === given.municipalityCode && normalise(required.name) === normalise(given.name);
}

/** Whether a check-in meets its slot: inside the slot's window and at the set place. */
export function meetsSlot(match: CheckInMatch, placeMatches: boolean): boolean {
  return match.timing === 'ON_TIME' && placeMatches && match.slot !== null;
}
