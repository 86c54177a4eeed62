import type { MultiPolygon, Polygon } from 'geojson';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsIanaTimeZone, IsIsoDuration, IsPolygonGeometry } from '../../../common/validation/validators';

const APV_ARTICLE = /^\d{1,2}:\d{1,3}[a-z]?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class ApvLadderStepDto {
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(10) step: number;
  @ApiProperty({ example: 'PT24H', description: 'ISO 8601 duration' }) @IsIsoDuration() maxDuration: string;
  @ApiPropertyOptional({ example: 'PT48H' }) @IsOptional() @IsIsoDuration() minDuration?: string;
}

export class ApvAreaBanConfigDto {
  @ApiProperty({ example: '2:78' }) @Matches(APV_ARTICLE, { message: 'article must look like "2:78"' }) article: string;
  @ApiProperty({ type: [ApvLadderStepDto] })
  @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => ApvLadderStepDto)
  ladder: ApvLadderStepDto[];
  @ApiProperty({ example: 6 }) @IsInt() @Min(1) @Max(60) lookBackMonths: number;
}

export class ApvMandateDto {
  @ApiProperty({ enum: ['POLICE', 'BOA'] }) @IsIn(['POLICE', 'BOA']) holderRole: 'POLICE' | 'BOA';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) holderName?: string;
  @ApiProperty({ example: '2:78' }) @Matches(APV_ARTICLE, { message: 'apvArticle must look like "2:78"' }) apvArticle: string;
  @ApiProperty({ example: '2026-01-01' }) @Matches(DATE) @IsDateString({ strict: true }) from: string;
  @ApiPropertyOptional({ example: '2026-12-31' }) @IsOptional() @Matches(DATE) @IsDateString({ strict: true }) until?: string;
}

export class RuleNumbersDto {
  @IsOptional() @IsNumber() @Min(0) 'gw172a.initialMaxMonths'?: number;
  @IsOptional() @IsNumber() @Min(0) 'gw172a.maxExtensions'?: number;
  @IsOptional() @IsNumber() @Min(0) 'gw172a.extensionMaxMonths'?: number;
  @IsOptional() @IsNumber() @Min(0) 'gw172a.separateDaysMax'?: number;
  @IsOptional() @IsNumber() @Min(0) 'gw172a.separateDaysWindowMonths'?: number;
  @IsOptional() @IsNumber() @Min(0) 'gw172_3.warnAfterDays'?: number;
  @IsOptional() @IsNumber() @Min(0) 'review.warnAfterWeeks'?: number;
  @IsOptional() @IsNumber() @Min(0) 'retention.years'?: number;
}

/** `PUT /municipalities/{code}`: the admin's configuration. Absent fields stay as they are. */
export class UpdateMunicipalityDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) name?: string;
  @ApiPropertyOptional({ example: 'Europe/Amsterdam' }) @IsOptional() @IsIanaTimeZone() timeZone?: string;
  @ApiPropertyOptional({ description: 'GeoJSON Polygon or MultiPolygon (CRS84)' })
  @IsOptional() @IsObject() @IsPolygonGeometry()
  boundary?: Polygon | MultiPolygon;
  @ApiPropertyOptional({ type: ApvAreaBanConfigDto })
  @IsOptional() @ValidateNested() @Type(() => ApvAreaBanConfigDto)
  apv?: ApvAreaBanConfigDto;
  @ApiPropertyOptional({ type: [ApvMandateDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => ApvMandateDto)
  mandates?: ApvMandateDto[];
  @ApiPropertyOptional({ type: RuleNumbersDto })
  @IsOptional() @ValidateNested() @Type(() => RuleNumbersDto)
  numbers?: RuleNumbersDto;
  @ApiPropertyOptional({ example: ['2027-05-05'] })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @Matches(DATE, { each: true }) @IsDateString({ strict: true }, { each: true })
  extraHolidays?: string[];
  @ApiPropertyOptional({ example: ['GW172A-REVIEW'] })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @Matches(/^[A-Z0-9-]+$/, { each: true })
  policyRulesAsErrors?: string[];
  @ApiPropertyOptional({ description: 'The version this edit is based on (alternative to If-Match)' })
  @IsOptional() @IsInt() @Min(1)
  version?: number;
}

export class MunicipalitySummaryDto {
  @ApiProperty({ example: 'GM1706' }) code: string;
  @ApiProperty({ example: 'Cranendonck' }) name: string;
  @ApiProperty() isDemo: boolean;
}

export class MunicipalityDto extends MunicipalitySummaryDto {
  @ApiProperty({ example: 'Europe/Amsterdam' }) timeZone: string;
  @ApiPropertyOptional({ description: 'GeoJSON (CRS84), simplified CBS/PDOK boundary' }) boundary: unknown;
  @ApiPropertyOptional({ type: ApvAreaBanConfigDto }) apv?: ApvAreaBanConfigDto;
  @ApiProperty({ type: [ApvMandateDto] }) mandates: ApvMandateDto[];
  @ApiProperty({ description: 'Rule numbers in force (defaults merged with overrides)' }) numbers: Record<string, number>;
  @ApiProperty() extraHolidays: string[];
  @ApiProperty() policyRulesAsErrors: string[];
  @ApiProperty() version: number;
  @ApiProperty() updatedAt: string;
}
