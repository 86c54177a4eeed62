import { BadRequestException } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import type { FieldProblem } from './problem';

function join(parent: string, property: string): string {
  if (!parent) return property;
  return /^\d+$/.test(property) ? `${parent}[${property}]` : `${parent}.${property}`;
}

/** Flattens class-validator's error tree into field problems with dotted paths ("basis.kind", "measures[0].type"). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = join(parent, e.property);
    const own = Object.entries(e.constraints ?? {}).map(([code, message]) => ({
      field,
      code: code === 'whitelistValidation' ? 'unknownField' : code,
      message: code === 'whitelistValidation' ? `${field} is not a known field` : message,
    }));
    return [...own, ...flattenValidationErrors(e.children ?? [], field)];
  });
}

/** The ValidationPipe's exception factory: a 400 whose problem body lists every field problem. */
export function validationExceptionFactory(errors: ValidationError[]): BadRequestException {
  const fieldProblems = flattenValidationErrors(errors);
  return new BadRequestException({
    slug: 'validation-error',
    detail: `The request has ${fieldProblems.length} invalid field(s): ${[...new Set(fieldProblems.map((p) => p.field))].join(', ')}`,
    errors: fieldProblems,
  });
}
