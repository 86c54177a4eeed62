import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsInstant } from '../../../common/validation/validators';
import { VIOLATION_KINDS, type ViolationKind } from '../../../domain/reporting/violations';
import { PositionDto } from '../../orders/dto/order-payload.dto';

/** `POST /orders/{id}/violations`: a breach an officer found, with the police report (PV) reference. */
export class RegisterViolationDto {
  @ApiProperty({ example: '2026-12-12T22:15:00+01:00' }) @IsInstant() at: string;
  @ApiProperty({ type: PositionDto, description: 'Where the breach was found (CRS84)' }) @ValidateNested() @Type(() => PositionDto) position: PositionDto;
  @ApiProperty({ example: 'PL2100-2026-412', description: 'Proces-verbaal (police report) reference' })
  @IsString() @IsNotEmpty() @MaxLength(100)
  reportRef: string;
  @ApiProperty({ enum: VIOLATION_KINDS }) @IsIn(VIOLATION_KINDS as string[]) kind: ViolationKind;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) description?: string;
  @ApiPropertyOptional({ description: 'The registered violation this entry corrects (violations are immutable)' })
  @IsOptional() @IsUUID()
  correctsViolationId?: string;
}

export class ViolationListQueryDto {
  @ApiPropertyOptional({ example: 'GM1706' }) @IsOptional() @Matches(/^GM\d{4}$/) municipality?: string;
  @ApiPropertyOptional({ description: 'Violations at or after this instant' }) @IsOptional() @IsInstant() from?: string;
  @ApiPropertyOptional({ description: 'Violations before this instant' }) @IsOptional() @IsInstant() to?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() orderId?: string;
  @ApiPropertyOptional({ enum: VIOLATION_KINDS }) @IsOptional() @IsIn(VIOLATION_KINDS as string[]) kind?: ViolationKind;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000) offset?: number;
}

export class ViolationDto {
  @ApiProperty() id: string;
  @ApiProperty() orderId: string;
  @ApiProperty() orderReference: string;
  @ApiProperty({ description: 'Order version in force when the violation was registered' }) orderVersion: number;
  @ApiProperty() personId: string;
  @ApiProperty() municipalityCode: string;
  @ApiProperty({ example: '2026-12-12T22:15:00+01:00' }) at: string;
  @ApiProperty({ type: PositionDto }) position: PositionDto;
  @ApiProperty() reportRef: string;
  @ApiProperty({ enum: VIOLATION_KINDS }) kind: ViolationKind;
  @ApiPropertyOptional() description?: string;
  @ApiProperty({ example: 'art. 184 Sr', description: 'BREACH-SANCTION: art. 184 Sr for 172(3)/172a orders, the APV article for APV orders' })
  statutoryLabel: string;
  @ApiProperty({ enum: ['GEMW_172_3', 'GEMW_172A', 'APV'] }) basisKind: string;
  @ApiPropertyOptional() correctsViolationId?: string;
  @ApiProperty() recordedAt: string;
  @ApiProperty() recordedBy: string;
}

/** A violation in a list, with the later entry that corrects it, if any. */
export class ListedViolationDto extends ViolationDto {
  @ApiPropertyOptional({ description: 'Set when a later entry corrects this one: that entry supersedes it' }) correctedByViolationId?: string;
}

export class ViolationPageDto {
  @ApiProperty({ type: [ListedViolationDto] }) items: ListedViolationDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
