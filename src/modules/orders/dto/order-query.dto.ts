import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { IsInstant } from '../../../common/validation/validators';

export class OrderAsOfQueryDto {
  @ApiPropertyOptional({ example: '2026-05-01T12:00:00+02:00', description: 'The order as the register knew it then' })
  @IsOptional() @IsInstant()
  asOf?: string;
}

export class OrderListQueryDto {
  @ApiPropertyOptional({ example: 'GM1706' }) @IsOptional() @Matches(/^GM\d{4}$/) municipality?: string;
  @ApiPropertyOptional() @IsOptional() @IsIn(['DRAFT', 'INTENT_SENT', 'ISSUED', 'EXTENDED', 'AMENDED', 'SUSPENDED', 'WITHDRAWN', 'REVOKED']) status?: string;
  @ApiPropertyOptional() @IsOptional() @IsIn(['GEMW_172_3', 'GEMW_172A', 'APV']) basis?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() personId?: string;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000) offset?: number;
}
