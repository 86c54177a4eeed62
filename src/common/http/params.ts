import { Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from '../../domain/shared/domain-error';

/** A CBS municipality code path parameter ("GM1706"); anything else is a 400 naming the parameter. */
@Injectable()
export class MunicipalityCodeParam implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^GM\d{4}$/.test(value)) {
      throw new DomainError('INVALID_INPUT', 'code must be a CBS municipality code such as GM1706', {
        errors: [{ field: 'code', code: 'matches', message: 'code must be a CBS municipality code such as GM1706' }],
      });
    }
    return value;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID path parameter; anything else is a 400 naming the parameter (never a 500 from the database). */
@Injectable()
export class UuidParam implements PipeTransform<string, string> {
  constructor(private readonly name: string = 'id') {}

  transform(value: string): string {
    if (!UUID.test(value)) {
      const message = `${this.name} must be a UUID`;
      throw new DomainError('INVALID_INPUT', message, { errors: [{ field: this.name, code: 'isUuid', message }] });
    }
    return value.toLowerCase();
  }
}
