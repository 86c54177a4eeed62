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
