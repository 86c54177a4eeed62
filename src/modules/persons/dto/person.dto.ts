import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { registerDecorator } from 'class-validator';
import { isValidBsn, isValidVNumber } from '../../../domain/person/identifiers';
import { IsCalendarDate } from '../../../common/validation/validators';

function Check(name: string, test: (v: string) => boolean, message: string) {
  return (object: object, propertyName: string) =>
    registerDecorator({ name, target: object.constructor, propertyName, options: { message }, validator: { validate: (v) => typeof v === 'string' && test(v) } });
}

export class IdentifiersDto {
  @ApiPropertyOptional({ example: '1234567890', description: 'V-number (vreemdelingennummer), 10 digits' })
  @IsOptional() @Check('isVNumber', isValidVNumber, 'identifiers.vNumber must be 10 digits')
  vNumber?: string;
  @ApiPropertyOptional({ example: '111222333', description: 'BSN, 9 digits passing the elfproef' })
  @IsOptional() @Check('isBsn', isValidBsn, 'identifiers.bsn must be a valid BSN (9 digits, elfproef)')
  bsn?: string;
}

export class CreatePersonDto {
  @ApiProperty({ example: 'GM1706' }) @Matches(/^GM\d{4}$/) municipalityCode: string;
  @ApiProperty({ example: 'J. Jansen' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({ example: '1999-04-12' }) @IsCalendarDate() dateOfBirth: string;
  @ApiPropertyOptional({ type: IdentifiersDto }) @IsOptional() @ValidateNested() @Type(() => IdentifiersDto) identifiers?: IdentifiersDto;
}

/** What the police see of a person: enough to identify them, nothing more. */
export class PersonMinimalDto {
  @ApiProperty() id: string;
  @ApiProperty() municipalityCode: string;
  @ApiProperty() name: string;
  @ApiProperty() dateOfBirth: string;
}

export class PersonDto extends PersonMinimalDto {
  @ApiProperty({ type: IdentifiersDto }) identifiers: IdentifiersDto;
  @ApiProperty() createdAt: string;
}

export class PersonSearchQueryDto {
  @ApiProperty({ example: 'Jans', description: 'Part of the name (at least 2 characters, case-insensitive)' })
  @IsString() @Matches(/\S.*\S/, { message: 'query must hold at least 2 characters' }) @MaxLength(100)
  query: string;
  @ApiPropertyOptional({ example: 'GM1706', description: 'Only this municipality (default: all of the caller\'s)' })
  @IsOptional() @Matches(/^GM\d{4}$/, { message: 'municipality must be a CBS code such as GM1706' })
  municipality?: string;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50) limit?: number;
}
