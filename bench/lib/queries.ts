import { seededRandom } from '../../src/domain/geofence/synthetic-zones';
import { Dataset, WEEK_MS, WEEK_START, ZoneSpec } from './dataset';
import { randomInDisc, randomOnLand } from './netherlands';

/** "Is this person here and now in breach?" as an officer asks it (position with the fix's accuracy). */
export interface PersonCheck {
  personId: string;
  lon: number;
  lat: number;
  accuracyM: number;
  groupSize?: number;
  at: string;
}

/** "What applies at this point now?" */
export interface PointQuestion {
  lon: number;
  lat: number;
  at: string;
}

/** A distinct instant of the query week, to the second (each check has its own time stamp). */
function instant(rand: () => number): string {
  return new Date(WEEK_START + Math.floor(rand() * (WEEK_MS / 1000)) * 1000).toISOString();
}

/**
 * A person with orders (uniformly), at a point within 1.5 radii of one of their zones (so inside, near the edge or
 * just outside), with a GPS accuracy of 5–50 m (mostly small); one check in five reports a group of 2–8.
 */
export function personChecks(ds: Dataset, n: number, seed: number): PersonCheck[] {
  const rand = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const personId = ds.persons[Math.floor(rand() * ds.persons.length)];
    const versions = (ds.ordersByPerson.get(personId) ?? []).flatMap((o) => o.measures.flatMap((m) => m.zoneVersionIds ?? []));
    const zone = ds.zoneByVersion.get(versions[Math.floor(rand() * versions.length)]) as ZoneSpec;
    const [lon, lat] = randomInDisc(rand, zone.lon, zone.lat, 1.5 * zone.radiusM);
    const accuracyM = Math.round(5 + 45 * rand() ** 2);
    const groupSize = rand() < 0.2 ? 2 + Math.floor(rand() * 7) : undefined;
    return { personId, lon, lat, accuracyM, groupSize, at: instant(rand) };
  });
}

/**
 * Half at a random point of the country, half within 1.3 radii of a zone picked per (order, zone version): where the
 * police stand, so the busy city-centre zones come up as often as the orders they hold.
 */
export function pointQuestions(ds: Dataset, n: number, seed: number): PointQuestion[] {
  const rand = seededRandom(seed);
  return Array.from({ length: n }, () => {
    let lon: number;
    let lat: number;
    if (rand() < 0.5) {
      [lon, lat] = randomOnLand(rand);
    } else {
      const entry = ds.entries[Math.floor(rand() * ds.entries.length)];
      const zone = ds.zoneByVersion.get(entry.zoneVersionId) as ZoneSpec;
      [lon, lat] = randomInDisc(rand, zone.lon, zone.lat, 1.3 * zone.radiusM);
    }
    return { lon, lat, at: instant(rand) };
  });
}
