import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../../common/validation/validators';

const GEOMETRY_DOC = {
  description: 'Area of the behavioural order: a GeoJSON Polygon or MultiPolygon (or a Feature wrapping one) in CRS84',
  example: { type: 'Polygon', coordinates: [[[5.57, 51.27], [5.58, 51.27], [5.58, 51.28], [5.57, 51.28], [5.57, 51.27]]] },
};

export class CreateProsecutorOrderDto {
  @ApiProperty({ example: '2026-12-01', description: 'First day the behavioural order applies (inclusive)' })
  @IsCalendarDate()
  from: string;

  @ApiPropertyOptional({ example: '2027-03-01', description: 'Last day it applies (inclusive); absent means open-ended' })
  @IsOptional() @IsCalendarDate()
  until?: string;

  /** Checked in full by the service with the zone geometry validation. */
  @ApiProperty(GEOMETRY_DOC)
  @IsDefined()
  geometry: unknown;

  @ApiPropertyOptional({ example: 'OM-PARKET-2026-0412', maxLength: 200, description: "The prosecutor's reference" })
  @IsOptional() @IsString() @Matches(/\S/, { message: 'reference must not be blank' }) @MaxLength(200)
  reference?: string;
}

export class ProsecutorOrderDto {
  @ApiProperty() id: string;
  @ApiProperty() personId: string;
  @ApiProperty() municipalityCode: string;
  @ApiProperty({ example: '2026-12-01' }) from: string;
  @ApiPropertyOptional({ example: '2027-03-01' }) until?: string;
  @ApiProperty({ description: 'GeoJSON Polygon or MultiPolygon in CRS84' }) geometry: unknown;
  @ApiPropertyOptional() reference?: string;
  @ApiProperty() createdAt: string;
}
