import { Injectable, PipeTransform } from '@nestjs/common';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { DomainError } from '../../domain/shared/domain-error';
import type { FieldProblem } from '../problem/problem';

/** One Ajv instance: unknown fields and wrong types are errors (never removed or coerced), all reported at once. */
const ajv = addFormats(new Ajv({ allErrors: true, removeAdditional: false, coerceTypes: false, strict: true }));

/** Ajv's error as a field problem ("/position/lon" → "position.lon"; a missing or unknown field is named itself). */
function toFieldProblem(e: ErrorObject): FieldProblem {
  const base = e.instancePath.replace(/^\//, '').replace(/\/(\d+)(?=\/|$)/g, '[$1]').replace(/\//g, '.');
  const params = e.params as { missingProperty?: string; additionalProperty?: string };
  const leaf = params.missingProperty ?? params.additionalProperty;
  const field = leaf ? (base ? `${base}.${leaf}` : leaf) : base;
  if (e.keyword === 'additionalProperties') return { field, code: 'unknownField', message: `${field} is not a known field` };
  return { field, code: e.keyword, message: `${field} ${e.message ?? 'is invalid'}` };
}

/**
 * Validates a body against a compiled JSON schema: for hot routes, where class-validator's reflection costs more than
 * the work itself. Runs as a pipe, so after authentication and authorization, like every other validation.
 */
@Injectable()
export class JsonSchemaPipe implements PipeTransform<unknown, unknown> {
  private readonly validate: ValidateFunction;

  constructor(schema: object) {
    this.validate = ajv.compile(schema);
  }

  transform(value: unknown): unknown {
    if (this.validate(value)) return value;
    const errors = (this.validate.errors ?? []).map(toFieldProblem);
    const fields = [...new Set(errors.map((p) => p.field))].join(', ');
    throw new DomainError('INVALID_INPUT', `The request has ${errors.length} invalid field(s): ${fields}`, { errors, problemSlug: 'validation-error' });
  }
}
