import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Min } from 'class-validator';

export const AUDITED_ENTITIES = ['order', 'zone', 'person', 'municipality'] as const;
export type AuditedEntity = (typeof AUDITED_ENTITIES)[number];

export class AuditEventsQueryDto {
  @ApiProperty({ enum: AUDITED_ENTITIES, description: 'Kind of entity whose history to read' })
  @IsIn(AUDITED_ENTITIES as unknown as string[])
  entity: AuditedEntity;

  @ApiProperty({ description: 'Id of the order, zone or person (UUID), or the CBS code of the municipality', example: 'GM1706' })
  @Matches(/^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|GM\d{4})$/, {
    message: 'id must be a UUID, or a CBS code such as GM1706 for entity municipality',
  })
  id: string;
}

export class AuditChangeDto {
  @ApiProperty({ example: 'procedure.notifiedAt' }) path: string;
  @ApiPropertyOptional({ description: 'Value before (absent: the field did not exist)' }) before?: unknown;
  @ApiPropertyOptional({ description: 'Value after (absent: the field was removed)' }) after?: unknown;
}

export class AuditEventDto {
  @ApiProperty({ description: 'Position in the hash chain' }) seq: number;
  @ApiProperty() id: string;
  @ApiProperty({ description: 'When (RFC 3339)' }) occurredAt: string;
  @ApiProperty({ description: 'Who: subject of the token (or system job)' }) actor: string;
  @ApiProperty({ type: [String] }) actorRoles: string[];
  @ApiProperty({ example: 'order.extend' }) action: string;
  @ApiProperty() entityType: string;
  @ApiProperty() entityId: string;
  @ApiProperty() municipalityCode: string;
  @ApiPropertyOptional({ description: 'Why: the reason recorded with the change' }) reason?: string;
  @ApiPropertyOptional() requestId?: string;
  @ApiProperty({ description: 'The entity before the change (null for a creation)', nullable: true }) before: unknown;
  @ApiProperty({ description: 'The entity after the change', nullable: true }) after: unknown;
  @ApiProperty({ type: [AuditChangeDto], description: 'What changed: each changed field with its value before and after' })
  changes: AuditChangeDto[];
}

export class AuditHistoryDto {
  @ApiProperty({ enum: AUDITED_ENTITIES }) entity: AuditedEntity;
  @ApiProperty() id: string;
  @ApiProperty({ type: [AuditEventDto], description: 'Oldest first' }) events: AuditEventDto[];
}

export class AuditVerifyQueryDto {
  @ApiPropertyOptional({ description: 'Seq of an event recorded earlier as the head (an anchor); give with anchorHash' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  anchorSeq?: number;

  @ApiPropertyOptional({ description: 'The hash recorded for anchorSeq' })
  @IsOptional() @Matches(/^[0-9a-f]{64}$/, { message: 'anchorHash must be 64 lowercase hex digits' })
  anchorHash?: string;
}

export class ChainHeadDto {
  @ApiProperty() seq: number;
  @ApiProperty() hash: string;
}

export class ChainBreakDto {
  @ApiProperty({ description: 'Seq of the first event whose link is broken' }) seq: number;
  @ApiPropertyOptional({ nullable: true }) eventId: string | null;
  @ApiProperty({ enum: ['PREV_HASH_MISMATCH', 'HASH_MISMATCH', 'ANCHOR_MISMATCH'] }) reason: string;
  @ApiProperty({ description: 'The hash the chain requires there' }) expected: string;
  @ApiProperty({ description: 'The hash stored there' }) found: string;
  @ApiProperty() detail: string;
}

export class ChainVerificationDto {
  @ApiProperty() intact: boolean;
  @ApiProperty({ description: 'Events checked' }) checked: number;
  @ApiPropertyOptional({ type: ChainHeadDto, nullable: true, description: 'The newest event checked; record it to use as an anchor' })
  head: ChainHeadDto | null;
  @ApiPropertyOptional({ type: ChainBreakDto, nullable: true }) brokenAt: ChainBreakDto | null;
  @ApiProperty() verifiedAt: string;
}
