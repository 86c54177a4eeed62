import { MAX_BATCH_POSITIONS, NO_CONTROL_CHARACTERS } from './breach-check.dto';

/**
 * JSON schemas of the breach-check bodies, validated by a compiled (Ajv) validator instead of class-validator:
 * this is the police's hot path, and a compiled schema costs a fraction. They state the same rules as the DTOs in
 * `breach-check.dto.ts` (which document the API); keep the two in step.
 */
const RFC3339_WITH_OFFSET = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})$';

const instant = { type: 'string', format: 'date-time', pattern: RFC3339_WITH_OFFSET } as const;
const coordinates = {
  lon: { type: 'number', minimum: -180, maximum: 180 },
  lat: { type: 'number', minimum: -90, maximum: 90 },
  accuracyM: { type: 'number', minimum: 0, maximum: 10_000 },
} as const;
const common = {
  personId: { type: 'string', format: 'uuid' },
  groupSize: { type: 'integer', minimum: 1, maximum: 10_000 },
  purpose: { type: 'string', maxLength: 200, pattern: NO_CONTROL_CHARACTERS.source },
} as const;

export const BREACH_CHECK_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['personId', 'position', 'at'],
  properties: {
    ...common,
    position: { type: 'object', additionalProperties: false, required: ['lon', 'lat'], properties: coordinates },
    at: instant,
  },
} as const;

export const BREACH_BATCH_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['personId', 'positions'],
  properties: {
    ...common,
    positions: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_BATCH_POSITIONS,
      items: { type: 'object', additionalProperties: false, required: ['lon', 'lat', 'at'], properties: { ...coordinates, at: instant } },
    },
  },
} as const;
