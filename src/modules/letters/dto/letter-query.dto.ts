import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class LetterQueryDto {
  @ApiPropertyOptional({ example: 4, description: 'Render the letter from this order version instead of the one it belongs to' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000)
  version?: number;
}
