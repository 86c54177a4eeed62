import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsInstant } from '../../../common/validation/validators';

/** A stated purpose is free text for the processing log: no control characters (also the compiled schema's rule). */
export const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001F\u007F]*$/u;

/** The most positions one batch (a track) may hold. */
export const MAX_BATCH_POSITIONS = 1000;

export class CheckPositionDto {
  @ApiProperty({ example: 5.5745 }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-180) @Max(180) lon: number;
  @ApiProperty({ example: 51.2735 }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-90) @Max(90) lat: number;
  @ApiPropertyOptional({ example: 8, description: 'Accuracy radius of the fix in metres' })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(10_000)
  accuracyM?: number;
}

export class BreachCheckDto {
  @ApiProperty() @IsUUID() personId: string;
  @ApiProperty({ type: CheckPositionDto }) @ValidateNested() @Type(() => CheckPositionDto) position: CheckPositionDto;
  @ApiProperty({ example: '2026-12-12T22:30:00+01:00', description: 'Any instant, past or future' }) @IsInstant() at: string;
  @ApiPropertyOptional({ description: 'Persons in the group, the person included' }) @IsOptional() @IsInt() @Min(1) @Max(10_000) groupSize?: number;
  @ApiPropertyOptional({ description: 'Purpose or case reference, recorded in the processing log' }) @IsOptional() @IsString() @MaxLength(200) @Matches(NO_CONTROL_CHARACTERS) purpose?: string;
}

export class TrackPositionDto extends CheckPositionDto {
  @ApiProperty() @IsInstant() at: string;
}

export class BreachBatchDto {
  @ApiProperty() @IsUUID() personId: string;
  @ApiProperty({ type: [TrackPositionDto], description: `At most ${MAX_BATCH_POSITIONS} positions` })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_BATCH_POSITIONS) @ValidateNested({ each: true }) @Type(() => TrackPositionDto)
  positions: TrackPositionDto[];
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(10_000) groupSize?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) @Matches(NO_CONTROL_CHARACTERS) purpose?: string;
}

export class ActiveOrdersQueryDto {
  @ApiProperty({ example: 5.5745 }) @Type(() => Number) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-180) @Max(180) lon: number;
  @ApiProperty({ example: 51.2735 }) @Type(() => Number) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-90) @Max(90) lat: number;
  @ApiPropertyOptional({ description: 'Default: now' }) @IsOptional() @IsInstant() at?: string;
}

export class BreachCheckResultDto {
  @ApiProperty({ enum: ['BREACH', 'NO_BREACH', 'UNCERTAIN', 'POTENTIAL_BREACH'] }) verdict: string;
  @ApiProperty({ description: 'Per order, measure and zone: what matched and which rules decided' }) evidence: unknown[];
  @ApiProperty() personId: string;
  @ApiProperty() at: string;
  @ApiProperty({ description: 'When the in-memory register last agreed with the database' }) dataAsOf: string;
}
