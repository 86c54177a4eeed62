import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsInstant } from '../../../common/validation/validators';
import { AcknowledgementDto, IncidentDto, MeasureDto, MotivationDto, SignatoryDto, ValidityDto } from './order-payload.dto';

/** Every lifecycle request names the version it acts on (or sends If-Match). */
export class VersionedDto {
  @ApiPropertyOptional({ description: 'The version acted on (alternative to If-Match)' }) @IsOptional() @IsInt() @Min(1) version?: number;
}

/** A change whose reason is optional (recorded with the version and in the audit trail). */
export class ReasonedDto extends VersionedDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

export class AcknowledgingDto extends ReasonedDto {
  @ApiPropertyOptional({ type: [AcknowledgementDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(40) @ValidateNested({ each: true }) @Type(() => AcknowledgementDto)
  acknowledgements?: AcknowledgementDto[];
}

export class SendIntentDto extends ReasonedDto {
  @ApiProperty() @IsInstant() intentSentAt: string;
  @ApiPropertyOptional({ description: 'Deadline for the view' }) @IsOptional() @IsInstant() viewDeadline?: string;
}

export class RecordViewDto extends ReasonedDto {
  @ApiPropertyOptional() @IsOptional() @IsInstant() viewReceivedAt?: string;
  @ApiPropertyOptional({ description: 'The deadline passed without a view' }) @IsOptional() @IsBoolean() noViewReceived?: boolean;
}

export class IssueDto extends AcknowledgingDto {
  @ApiProperty() @IsInstant() notifiedAt: string;
  @ApiProperty({ enum: ['HANDED', 'MAIL', 'ELECTRONIC', 'OTHER'] }) @IsIn(['HANDED', 'MAIL', 'ELECTRONIC', 'OTHER']) notificationMethod: 'HANDED' | 'MAIL' | 'ELECTRONIC' | 'OTHER';
  @ApiPropertyOptional({ type: SignatoryDto }) @IsOptional() @ValidateNested() @Type(() => SignatoryDto) signatory?: SignatoryDto;
}

export class ExtendDto extends AcknowledgingDto {
  @ApiProperty({ description: 'The new end of the order' }) @IsInstant() newEnd: string;
  @ApiPropertyOptional({ description: 'When the mayor decided (default: now)' }) @IsOptional() @IsInstant() decidedAt?: string;
  @ApiProperty({ type: MotivationDto, description: 'Why the serious fear still exists' }) @ValidateNested() @Type(() => MotivationDto) motivation: MotivationDto;
}

export class AmendDto extends AcknowledgingDto {
  @ApiProperty({ enum: ['DETRIMENT', 'FAVOUR'] }) @IsIn(['DETRIMENT', 'FAVOUR']) direction: 'DETRIMENT' | 'FAVOUR';
  @ApiPropertyOptional({ type: [MeasureDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => MeasureDto)
  measures?: MeasureDto[];
  @ApiPropertyOptional({ type: ValidityDto }) @IsOptional() @ValidateNested() @Type(() => ValidityDto) validity?: ValidityDto;
  @ApiPropertyOptional({ type: [IncidentDto], description: 'New facts the amendment rests on' })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => IncidentDto)
  newIncidents?: IncidentDto[];
  @ApiProperty({ type: MotivationDto }) @ValidateNested() @Type(() => MotivationDto) motivation: MotivationDto;
  @ApiPropertyOptional() @IsOptional() @IsInstant() intentSentAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() viewReceivedAt?: string;
  @ApiPropertyOptional({ enum: ['URGENCY', 'VIEW_ALREADY_GIVEN', 'NOTICE_DEFEATS_PURPOSE'] })
  @IsOptional() @IsIn(['URGENCY', 'VIEW_ALREADY_GIVEN', 'NOTICE_DEFEATS_PURPOSE'])
  hearingSkippedGround?: 'URGENCY' | 'VIEW_ALREADY_GIVEN' | 'NOTICE_DEFEATS_PURPOSE';
  @ApiProperty() @IsInstant() notifiedAt: string;
  @ApiProperty({ enum: ['HANDED', 'MAIL', 'ELECTRONIC', 'OTHER'] }) @IsIn(['HANDED', 'MAIL', 'ELECTRONIC', 'OTHER']) notificationMethod: 'HANDED' | 'MAIL' | 'ELECTRONIC' | 'OTHER';
}

export class ExemptionDto extends AcknowledgingDto {
  @ApiProperty() @IsInstant() from: string;
  @ApiProperty() @IsInstant() until: string;
  @ApiPropertyOptional({ description: 'Only for these zones (default: all zones of the order)' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsUUID('all', { each: true })
  zoneIds?: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) conditions?: string;
}

export class WithdrawDto extends VersionedDto {
  @ApiPropertyOptional({ description: 'When the withdrawal takes effect (default: now)' }) @IsOptional() @IsInstant() at?: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) reason: string;
}

export class ObjectionDto extends ReasonedDto {
  @ApiProperty() @IsInstant() receivedAt: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) reference?: string;
}

export class SuspensionDto extends ReasonedDto {
  @ApiProperty({ description: 'Start of the court suspension' }) @IsInstant() from: string;
  @ApiPropertyOptional({ description: 'End, when the court set one' }) @IsOptional() @IsInstant() until?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) court?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) caseReference?: string;
}

export class LiftSuspensionDto extends ReasonedDto {
  @ApiProperty() @IsInstant() at: string;
}

export class RevokeDto extends VersionedDto {
  @ApiProperty() @IsInstant() at: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) reason: string;
}

export class ReviewDto extends ReasonedDto {
  @ApiPropertyOptional({ description: 'Default: now' }) @IsOptional() @IsInstant() reviewedAt?: string;
  @ApiProperty({ description: 'Why the order is still needed' }) @IsString() @IsNotEmpty() @MaxLength(4000) conclusion: string;
}
