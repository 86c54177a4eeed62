import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { WEEKDAYS } from '../../../domain/order/order';
import { IsCalendarDate, IsInstant, IsTimeOfDay } from '../../../common/validation/validators';

const CBS = /^GM\d{4}$/;
const TEXT = 10_000;

export class BasisDto {
  @ApiProperty({ enum: ['GEMW_172_3', 'GEMW_172A', 'APV'] }) @IsIn(['GEMW_172_3', 'GEMW_172A', 'APV']) kind: 'GEMW_172_3' | 'GEMW_172A' | 'APV';
  @ApiPropertyOptional({ enum: ['SINGLE_SERIOUS', 'REPEATED', 'LEADING_ROLE', 'PRIVATE_SANCTION'] })
  @IsOptional() @IsIn(['SINGLE_SERIOUS', 'REPEATED', 'LEADING_ROLE', 'PRIVATE_SANCTION'])
  ground?: 'SINGLE_SERIOUS' | 'REPEATED' | 'LEADING_ROLE' | 'PRIVATE_SANCTION';
  @ApiPropertyOptional({ example: '2:78' }) @IsOptional() @Matches(/^\d{1,2}:\d{1,3}[a-z]?$/) apvArticle?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(10) apvStep?: number;
  @ApiPropertyOptional({ example: 'GM0243' }) @IsOptional() @Matches(CBS) onBehalfOf?: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() onBehalfOfRequestAt?: string;
}

export class ScheduleWindowDto {
  @ApiProperty({ enum: WEEKDAYS, isArray: true })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(7) @ArrayUnique() @IsIn(WEEKDAYS as string[], { each: true })
  days: ('MON' | 'TUE' | 'WED' | 'THU' | 'FRI' | 'SAT' | 'SUN')[];
  @ApiProperty({ example: '20:00' }) @IsTimeOfDay() from: string;
  @ApiProperty({ example: '06:00' }) @IsTimeOfDay() to: string;
}

export class ReportingSlotDto {
  @ApiProperty({ enum: WEEKDAYS, isArray: true })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(7) @ArrayUnique() @IsIn(WEEKDAYS as string[], { each: true })
  days: ('MON' | 'TUE' | 'WED' | 'THU' | 'FRI' | 'SAT' | 'SUN')[];
  @ApiProperty({ example: '13:00' }) @IsTimeOfDay() at: string;
  @ApiProperty({ example: 30 }) @IsInt() @Min(1) @Max(1440) windowMinutes: number;
}

export class PositionDto {
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-180) @Max(180) lon: number;
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-90) @Max(90) lat: number;
}

export class ReportingPlaceDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({ example: 'GM1706' }) @Matches(CBS) municipalityCode: string;
  @ApiPropertyOptional({ type: PositionDto }) @IsOptional() @ValidateNested() @Type(() => PositionDto) position?: PositionDto;
  @ApiPropertyOptional() @IsOptional() @IsInstant() noticeToMayorAt?: string;
}

export class MeasureDto {
  @ApiProperty({ enum: ['AREA_BAN', 'GROUP_BAN', 'REPORTING_DUTY'] })
  @IsIn(['AREA_BAN', 'GROUP_BAN', 'REPORTING_DUTY'])
  type: 'AREA_BAN' | 'GROUP_BAN' | 'REPORTING_DUTY';
  @ApiPropertyOptional({ type: [String] })
  @ValidateIf((m: MeasureDto) => m.type !== 'REPORTING_DUTY' || m.zoneIds !== undefined)
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @ArrayUnique() @IsUUID('all', { each: true })
  zoneIds?: string[];
  @ApiPropertyOptional({ type: [ScheduleWindowDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ScheduleWindowDto)
  schedule?: ScheduleWindowDto[];
  @ApiPropertyOptional({ type: ReportingPlaceDto })
  @ValidateIf((m: MeasureDto) => m.type === 'REPORTING_DUTY' || m.place !== undefined)
  @ValidateNested() @Type(() => ReportingPlaceDto)
  place?: ReportingPlaceDto;
  @ApiPropertyOptional({ type: [ReportingSlotDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ReportingSlotDto)
  slots?: ReportingSlotDto[];
}

export class ValidityDto {
  @ApiProperty({ enum: ['CONTINUOUS', 'SEPARATE_DAYS'] }) @IsIn(['CONTINUOUS', 'SEPARATE_DAYS']) mode: 'CONTINUOUS' | 'SEPARATE_DAYS';
  @ApiPropertyOptional({ example: '2026-12-01T00:00:00+01:00' }) @ValidateIf((v: ValidityDto) => v.mode === 'CONTINUOUS') @IsInstant() start?: string;
  @ApiPropertyOptional({ example: '2027-03-01T00:00:00+01:00' }) @ValidateIf((v: ValidityDto) => v.mode === 'CONTINUOUS') @IsInstant() end?: string;
  @ApiPropertyOptional({ example: ['2026-12-06', '2026-12-20'] })
  @ValidateIf((v: ValidityDto) => v.mode === 'SEPARATE_DAYS')
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(400) @ArrayUnique() @IsCalendarDate({ each: true })
  days?: string[];
}

export class IncidentDto {
  @ApiProperty() @IsInstant() at: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(4000) description: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() serious?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) reportRef?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() violationId?: string;
}

export class MotivationDto {
  @ApiPropertyOptional({ description: 'The serious fear of further disturbance' }) @IsOptional() @IsString() @MaxLength(TEXT) fear?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT) suitability?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT) necessity?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT) balance?: string;
}

export class SignatoryDto {
  @ApiProperty({ enum: ['MAYOR', 'ACTING_MAYOR', 'POLICE', 'BOA'] }) @IsIn(['MAYOR', 'ACTING_MAYOR', 'POLICE', 'BOA']) role: 'MAYOR' | 'ACTING_MAYOR' | 'POLICE' | 'BOA';
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name: string;
}

export class ProcedureDto {
  @ApiPropertyOptional() @IsOptional() @IsInstant() intentSentAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() viewDeadline?: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() viewReceivedAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() noViewReceived?: boolean;
  @ApiPropertyOptional({ enum: ['URGENCY', 'VIEW_ALREADY_GIVEN', 'NOTICE_DEFEATS_PURPOSE'] })
  @IsOptional() @IsIn(['URGENCY', 'VIEW_ALREADY_GIVEN', 'NOTICE_DEFEATS_PURPOSE'])
  hearingSkippedGround?: 'URGENCY' | 'VIEW_ALREADY_GIVEN' | 'NOTICE_DEFEATS_PURPOSE';
  @ApiPropertyOptional({ type: MotivationDto }) @IsOptional() @ValidateNested() @Type(() => MotivationDto) motivation?: MotivationDto;
  @ApiPropertyOptional() @IsOptional() @IsInstant() motivationDeferredUntil?: string;
  @ApiProperty({ type: SignatoryDto }) @ValidateNested() @Type(() => SignatoryDto) signatory: SignatoryDto;
  @ApiPropertyOptional() @IsOptional() @IsInstant() notifiedAt?: string;
  @ApiPropertyOptional({ enum: ['HANDED', 'MAIL', 'ELECTRONIC', 'OTHER'] })
  @IsOptional() @IsIn(['HANDED', 'MAIL', 'ELECTRONIC', 'OTHER'])
  notificationMethod?: 'HANDED' | 'MAIL' | 'ELECTRONIC' | 'OTHER';
}

export class AcknowledgementDto {
  @ApiProperty({ example: 'GW172-3-ACUTE' }) @Matches(/^[A-Z0-9-]{3,40}$/) ruleId: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) reason: string;
}

/** The order payload (`POST /orders`, `POST /order-checks`, draft edits). Field names are the client contract. */
export class OrderPayloadDto {
  @ApiProperty({ example: 'GM1706' }) @Matches(CBS, { message: 'municipalityCode must be a CBS code such as GM1706' }) municipalityCode: string;
  @ApiProperty() @IsUUID() personId: string;
  @ApiProperty({ type: BasisDto }) @ValidateNested() @Type(() => BasisDto) basis: BasisDto;
  @ApiProperty({ type: [MeasureDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => MeasureDto)
  measures: MeasureDto[];
  @ApiProperty({ type: ValidityDto }) @ValidateNested() @Type(() => ValidityDto) validity: ValidityDto;
  @ApiPropertyOptional({ type: [IncidentDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => IncidentDto)
  incidents?: IncidentDto[];
  @ApiProperty({ type: ProcedureDto }) @ValidateNested() @Type(() => ProcedureDto) procedure: ProcedureDto;
  @ApiPropertyOptional({ type: [AcknowledgementDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(40) @ValidateNested({ each: true }) @Type(() => AcknowledgementDto)
  acknowledgements?: AcknowledgementDto[];
}

/** A draft edit: the whole payload again, plus the version edited. */
export class UpdateDraftDto extends OrderPayloadDto {
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) version?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}
