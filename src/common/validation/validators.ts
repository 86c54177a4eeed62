import { registerDecorator, ValidationOptions } from 'class-validator';
import { Duration, IANAZone } from 'luxon';

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
