import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from '../../domain/shared/domain-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function invalidParam(field: string, code: string, message: string): DomainError {
  return new DomainError('INVALID_INPUT', message, { errors: [{ field, code, message }] });
}

/** A UUID path parameter; anything else is a 400 naming the parameter (the database would otherwise fail with a 500). */
@Injectable()
export class UuidParam implements PipeTransform<string, string> {
  transform(value: string, { data }: ArgumentMetadata): string {
    const field = data ?? 'id';
    if (!UUID.test(value)) throw invalidParam(field, 'isUuid', `${field} must be a UUID`);
    return value.toLowerCase();
  }
}

/** A version number path parameter (1, 2, ...). */
@Injectable()
export class VersionNumberParam implements PipeTransform<string, number> {
  transform(value: string, { data }: ArgumentMetadata): number {
    const field = data ?? 'version';
    if (!/^[1-9]\d{0,8}$/.test(value)) throw invalidParam(field, 'isPositiveInteger', `${field} must be a version number (1, 2, ...)`);
    return Number(value);
  }
}
