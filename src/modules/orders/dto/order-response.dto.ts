import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FindingDto {
  @ApiProperty({ example: 'GW172A-CONTINUOUS' }) ruleId: string;
  @ApiProperty({ enum: ['error', 'warning'] }) severity: 'error' | 'warning';
  @ApiProperty() message: string;
  @ApiProperty({ example: 'art. 172a lid 6 sub a Gemeentewet' }) citation: string;
  @ApiPropertyOptional({ example: 'validity.end' }) path?: string;
}

/** An order as the register holds it at one version. The police get it without incidents and procedure. */
export class OrderDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'GM1706-2026-3F9A1C2B' }) reference: string;
  @ApiProperty() municipalityCode: string;
  @ApiProperty() personId: string;
  @ApiProperty() version: number;
  @ApiProperty({ description: 'Effective status at the time asked (EXPIRED once a running order has ended)' }) status: string;
  @ApiProperty({ description: 'Status recorded by the last change' }) recordedStatus: string;
  @ApiProperty() basis: unknown;
  @ApiProperty() measures: unknown[];
  @ApiProperty() validity: unknown;
  @ApiPropertyOptional() incidents?: unknown[];
  @ApiPropertyOptional() procedure?: unknown;
  @ApiProperty() extensions: unknown[];
  @ApiProperty() exemptions: unknown[];
  @ApiProperty() suspensions: unknown[];
  @ApiPropertyOptional() objections?: unknown[];
  @ApiPropertyOptional() acknowledgements?: unknown[];
  @ApiPropertyOptional() withdrawnAt?: string;
  @ApiPropertyOptional() revokedAt?: string;
  @ApiPropertyOptional({ description: 'The latest amendment: DETRIMENT (art. 172a lid 7) or FAVOUR (lid 9), and when' }) lastAmendment?: unknown;
  @ApiPropertyOptional({ description: 'Last day to object (YYYY-MM-DD), once notified' }) objectionDeadline?: string;
  @ApiProperty({ type: [FindingDto] }) findings: FindingDto[];
  @ApiProperty() changeKind: string;
  @ApiProperty() changedAt: string;
  @ApiProperty() changedBy: string;
  @ApiPropertyOptional() changeReason?: string;
  @ApiProperty() createdAt: string;
}

export class OrderCheckResultDto {
  @ApiProperty({ type: [FindingDto] }) findings: FindingDto[];
  @ApiPropertyOptional({ example: '2027-01-12' }) objectionDeadline?: string;
}
