import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsInstant } from '../../../common/validation/validators';

export const SLOT_STATUSES = ['UPCOMING', 'OPEN', 'MET', 'MISSED', 'EXEMPT'] as const;
export type SlotStatus = (typeof SLOT_STATUSES)[number];

export class PlaceDto {
  @ApiProperty({ example: 'Politiebureau Budel' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({ example: 'GM1706' }) @Matches(/^GM\d{4}$/) municipalityCode: string;
}

export class SlotRangeQueryDto {
  @ApiPropertyOptional({ description: 'Slots opening at or after this instant (default: 7 days ago)' }) @IsOptional() @IsInstant() from?: string;
  @ApiPropertyOptional({ description: 'Slots opening before this instant (default: 35 days after from; at most 400 days after from)' })
  @IsOptional() @IsInstant()
  to?: string;
}

/** `POST /orders/{id}/check-ins`: the person reported at the desk. */
export class RegisterCheckInDto {
  @ApiProperty({ example: '2026-12-12T13:10:00+01:00', description: 'When the person reported' }) @IsInstant() at: string;
  @ApiPropertyOptional({ type: PlaceDto, description: 'Where the person reported; default: the place the order sets' })
  @IsOptional() @ValidateNested() @Type(() => PlaceDto)
  place?: PlaceDto;
}

export class MissedSlotsQueryDto {
  @ApiPropertyOptional({ enum: ['MISSED', 'MET'], default: 'MISSED' }) @IsOptional() @IsIn(['MISSED', 'MET']) status?: 'MISSED' | 'MET';
  @ApiPropertyOptional({ example: 'GM1706', description: 'Orders of, or reporting places in, this municipality' })
  @IsOptional() @Matches(/^GM\d{4}$/)
  municipality?: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() to?: string;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000) offset?: number;
}

export class SlotDto {
  @ApiProperty({ example: '2026-12-12T13:00:00+01:00' }) startsAt: string;
  @ApiProperty({ example: '2026-12-12T13:30:00+01:00', description: 'End of the window (exclusive)' }) endsAt: string;
  @ApiProperty({ example: '2026-12-12', description: 'Local day the slot belongs to' }) day: string;
  @ApiProperty({ type: PlaceDto }) place: PlaceDto;
  @ApiProperty({ enum: SLOT_STATUSES }) status: SlotStatus;
  @ApiProperty({ description: 'True once the outcome (MET or MISSED) is stored' }) recorded: boolean;
  @ApiPropertyOptional() checkInAt?: string;
  @ApiPropertyOptional({ description: 'The exemption that lifts this slot' }) exemptionId?: string;
}

export class OrderSlotsDto {
  @ApiProperty() orderId: string;
  @ApiProperty({ example: 'Europe/Amsterdam' }) timeZone: string;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ type: [SlotDto] }) slots: SlotDto[];
}

export class ListedSlotDto extends SlotDto {
  @ApiProperty() orderId: string;
  @ApiProperty() orderReference: string;
  @ApiProperty() personId: string;
  @ApiProperty() personName: string;
  @ApiProperty() municipalityCode: string;
  @ApiProperty() recordedAt: string;
}

export class SlotPageDto {
  @ApiProperty({ type: [ListedSlotDto] }) items: ListedSlotDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class CheckInSlotDto {
  @ApiProperty() startsAt: string;
  @ApiProperty() endsAt: string;
}

export class CheckInDto {
  @ApiProperty() id: string;
  @ApiProperty() orderId: string;
  @ApiProperty() personId: string;
  @ApiProperty() at: string;
  @ApiProperty({ type: PlaceDto }) place: PlaceDto;
  @ApiProperty({ description: 'The place is the one the order sets' }) placeMatches: boolean;
  @ApiProperty({ enum: ['ON_TIME', 'EARLY', 'LATE', 'NO_SLOT'] }) timing: string;
  @ApiPropertyOptional({ type: CheckInSlotDto, description: 'The slot it counts for (ON_TIME) or is nearest to (EARLY, LATE)' }) slot?: CheckInSlotDto;
  @ApiProperty({ description: 'True when this check-in meets its slot (on time, at the set place)' }) meetsSlot: boolean;
  @ApiProperty() recordedAt: string;
  @ApiProperty() recordedBy: string;
}
