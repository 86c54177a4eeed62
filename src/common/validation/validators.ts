import { registerDecorator, ValidationOptions } from 'class-validator';
import { DateTime, Duration, IANAZone } from 'luxon';

function custom(name: string, test: (value: unknown) => boolean, message: string, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name,
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} ${message}`, ...options },
      validator: { validate: test },
    });
}

/** An IANA time zone luxon knows, e.g. "Europe/Amsterdam". */
export const IsIanaTimeZone = (o?: ValidationOptions) =>
  custom('isIanaTimeZone', (v) => typeof v === 'string' && IANAZone.isValidZone(v), 'must be an IANA time zone', o);

/** A positive ISO 8601 duration such as "PT24H", "P4W" or "P3M". */
export const IsIsoDuration = (o?: ValidationOptions) =>
  custom(
    'isIsoDuration',
    (v) => typeof v === 'string' && v.length <= 40 && Duration.fromISO(v).isValid && Duration.fromISO(v).toMillis() > 0,
    'must be a positive ISO 8601 duration such as "PT24H" or "P4W"',
    o,
  );

/** Structural check only (type and nesting); the zone rules validate geometry in full. */
export const IsPolygonGeometry = (o?: ValidationOptions) =>
  custom(
    'isPolygonGeometry',
    (v) => {
      const g = v as { type?: unknown; coordinates?: unknown };
      return (g?.type === 'Polygon' || g?.type === 'MultiPolygon') && Array.isArray(g.coordinates);
    },
    'must be a GeoJSON Polygon or MultiPolygon',
    o,
  );

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 instant with an offset ("2026-05-01T12:00:00+02:00"), and a real one (no 30 February). */
export const IsInstant = (o?: ValidationOptions) =>
  custom(
    'isInstant',
    (v) => typeof v === 'string' && RFC3339.test(v) && DateTime.fromISO(v, { setZone: true }).isValid,
    'must be an RFC 3339 instant with an offset, e.g. 2026-05-01T12:00:00+02:00',
    o,
  );

/** A calendar date "YYYY-MM-DD" that exists. */
export const IsCalendarDate = (o?: ValidationOptions) =>
  custom(
    'isCalendarDate',
    (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && DateTime.fromISO(v).isValid,
    'must be an existing calendar date "YYYY-MM-DD"',
    o,
  );

/** A wall-clock time "HH:mm". */
export const IsTimeOfDay = (o?: ValidationOptions) =>
  custom('isTimeOfDay', (v) => typeof v === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(v), 'must be a time "HH:mm"', o);
