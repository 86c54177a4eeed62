import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ListedSlotDto } from '../../reporting/dto/reporting.dto';
import { ListedViolationDto } from '../../violations/dto/violation.dto';

export class DossierPersonDto {
  @ApiProperty() id: string;
  @ApiProperty() municipalityCode: string;
  @ApiProperty() name: string;
  @ApiProperty() dateOfBirth: string;
  @ApiPropertyOptional({ description: "Mayor's office and lawyer only: V-number and BSN (COA, IND and DT&V match on them)" })
  identifiers?: { vNumber?: string; bsn?: string };
}

export class DossierVersionDto {
  @ApiProperty() version: number;
  @ApiProperty() status: string;
  @ApiProperty() changeKind: string;
  @ApiProperty() changedAt: string;
  @ApiPropertyOptional({ description: "Not shown to the police" }) changedBy?: string;
  @ApiPropertyOptional({ description: "Not shown to the police" }) reason?: string;
}

export class DossierOrderDto {
  @ApiProperty() id: string;
  @ApiProperty() reference: string;
  @ApiProperty() municipalityCode: string;
  @ApiProperty({ description: 'kind, ground, apvArticle, apvStep' }) basis: unknown;
  @ApiProperty({ example: ['AREA_BAN', 'REPORTING_DUTY'] }) measures: string[];
  @ApiProperty() validity: unknown;
  @ApiPropertyOptional({ description: 'End of a continuous order after its extensions' }) currentEnd?: string;
  @ApiProperty({ description: 'Effective status now (EXPIRED once a running order ended)' }) status: string;
  @ApiProperty() recordedStatus: string;
  @ApiPropertyOptional() withdrawnAt?: string;
  @ApiPropertyOptional() revokedAt?: string;
  @ApiProperty() extensions: number;
  @ApiProperty({ type: [DossierVersionDto] }) versions: DossierVersionDto[];
}

export class ApvPriorDto {
  @ApiProperty() orderId: string;
  @ApiProperty() step: number;
  @ApiProperty({ enum: ['ORDER', 'VIOLATION'] }) via: string;
  @ApiProperty() at: string;
}

export class ApvEscalationDto {
  @ApiProperty() municipalityCode: string;
  @ApiProperty({ example: '2:79' }) article: string;
  @ApiProperty() lookBackMonths: number;
  @ApiProperty({ description: 'The instant the step is computed for (now)' }) asOf: string;
  @ApiProperty({ description: 'APV-ESCALATION-STEP: the highest ladder step a new APV ban starting now may have' }) step: number;
  @ApiPropertyOptional({ example: 'P4W', description: 'Longest ban at that step' }) maxDuration?: string;
  @ApiProperty({ type: [ApvPriorDto], description: 'Earlier bans and violations within the look-back that open the step' }) priors: ApvPriorDto[];
}

/** One page for the weekly case meeting (municipality, police, COA, IND, DT&V). */
export class DossierDto {
  @ApiProperty() generatedAt: string;
  @ApiProperty({ type: DossierPersonDto }) person: DossierPersonDto;
  @ApiProperty({ type: [DossierOrderDto] }) orders: DossierOrderDto[];
  @ApiProperty({ type: [ListedViolationDto] }) violations: ListedViolationDto[];
  @ApiProperty({ type: [ListedSlotDto] }) missedReports: ListedSlotDto[];
  @ApiPropertyOptional({ type: ApvEscalationDto, description: "Absent when the person's municipality has no APV area-ban provision" })
  apvEscalation?: ApvEscalationDto;
}
