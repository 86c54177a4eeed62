import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, Matches, registerDecorator, type ValidationOptions } from 'class-validator';
import { DateTime } from 'luxon';
import { AUDIT_RULE_IDS } from '../../../domain/audit/audit-rules';
import { IsInstant } from '../../../common/validation/validators';
import { FindingDto } from '../../orders/dto/order-response.dto';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A calendar day "YYYY-MM-DD" or an RFC 3339 instant with an offset. */
function IsDayOrInstant(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isDayOrInstant',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a calendar day YYYY-MM-DD or an RFC 3339 instant with an offset`, ...options },
      validator: {
        validate: (v: unknown) => typeof v === 'string' && (DAY.test(v) || INSTANT.test(v)) && DateTime.fromISO(v, { setZone: true }).isValid,
      },
    });
}

/** An unencoded "+" of an offset arrives as a space in a query string; take it back. */
const plusRestored = () => Transform(({ value }) => (typeof value === 'string' ? value.replace(/ (\d{2}:\d{2})$/, '+$1') : value));

export class AuditReportQueryDto {
  @ApiPropertyOptional({ example: 'GM1706', description: 'One municipality (default: all of the caller\'s)' })
  @IsOptional() @Matches(/^GM\d{4}$/, { message: 'municipality must be a CBS code such as GM1706' })
  municipality?: string;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'Orders whose period (with extensions) ends after the start of this day (Europe/Amsterdam) or this instant' })
  @IsOptional() @plusRestored() @IsDayOrInstant()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Orders whose period starts before the end of this day (Europe/Amsterdam), or before this instant' })
  @IsOptional() @plusRestored() @IsDayOrInstant()
  to?: string;

  @ApiPropertyOptional({ enum: ['GEMW_172_3', 'GEMW_172A', 'APV'] })
  @IsOptional() @IsIn(['GEMW_172_3', 'GEMW_172A', 'APV'])
  basis?: 'GEMW_172_3' | 'GEMW_172A' | 'APV';

  @ApiPropertyOptional({ enum: AUDIT_RULE_IDS, description: 'Only orders with a finding of this rule id' })
  @IsOptional() @IsIn(AUDIT_RULE_IDS as string[])
  ruleId?: string;

  @ApiPropertyOptional({ example: '2026-05-01T12:00:00+02:00', description: 'The register as it knew each order then' })
  @IsOptional() @plusRestored() @IsInstant()
  asOf?: string;
}

export class PeriodLengthDto {
  @ApiProperty({ description: 'Calendar days in the municipality\'s time zone' }) days: number;
  @ApiProperty({ description: 'Calendar months' }) months: number;
  @ApiProperty({ description: 'Elapsed hours' }) hours: number;
}

export class ExtensionLengthDto extends PeriodLengthDto {
  @ApiProperty() decidedAt: string;
  @ApiProperty() previousEnd: string;
  @ApiProperty() newEnd: string;
}

export class AuditExtensionsDto {
  @ApiProperty() count: number;
  @ApiProperty({ type: [ExtensionLengthDto] }) lengths: ExtensionLengthDto[];
}

export class AuditSeparateDaysDto {
  @ApiProperty({ description: 'Distinct calendar days' }) count: number;
  @ApiProperty() firstDay: string;
  @ApiProperty() lastDay: string;
  @ApiProperty({ type: PeriodLengthDto, description: 'From the start of the first day to the end of the last' }) window: PeriodLengthDto;
}

export class AuditDurationDto {
  @ApiProperty({ description: 'Total duration in days: the continuous period with its extensions, or the number of separate days' })
  totalDays: number;
  @ApiPropertyOptional({ type: PeriodLengthDto, nullable: true, description: 'Continuous orders: the whole period, extensions included' })
  total: PeriodLengthDto | null;
  @ApiPropertyOptional({ type: PeriodLengthDto, nullable: true, description: 'Continuous orders: the initial period' })
  initial: PeriodLengthDto | null;
}

export class AuditBasisDto {
  @ApiProperty({ enum: ['GEMW_172_3', 'GEMW_172A', 'APV'] }) kind: 'GEMW_172_3' | 'GEMW_172A' | 'APV';
  @ApiPropertyOptional({ nullable: true, enum: ['SINGLE_SERIOUS', 'REPEATED', 'LEADING_ROLE', 'PRIVATE_SANCTION'] }) ground: string | null;
  @ApiPropertyOptional({ nullable: true }) apvArticle: string | null;
  @ApiPropertyOptional({ nullable: true }) apvStep: number | null;
  @ApiPropertyOptional({ nullable: true }) onBehalfOf: string | null;
}

export class AuditHearingDto {
  @ApiProperty({ enum: ['VIEW_RECEIVED', 'NO_VIEW_RECEIVED', 'SKIPPED', 'AWAITING_VIEW', 'NOT_HEARD'] }) status: string;
  @ApiPropertyOptional({ nullable: true }) intentSentAt: string | null;
  @ApiPropertyOptional({ nullable: true }) viewDeadline: string | null;
  @ApiPropertyOptional({ nullable: true }) viewReceivedAt: string | null;
  @ApiProperty() noViewReceived: boolean;
  @ApiPropertyOptional({ nullable: true, enum: ['URGENCY', 'VIEW_ALREADY_GIVEN', 'NOTICE_DEFEATS_PURPOSE'] }) skippedGround: string | null;
}

export class AuditMotivationDto {
  @ApiProperty({ description: 'Nothing the rules require is missing' }) complete: boolean;
  @ApiProperty({ type: [String], example: ['fear', 'suitability'] }) present: string[];
  @ApiProperty({ type: [String], example: ['balance'] }) missing: string[];
  @ApiPropertyOptional({ nullable: true }) deferredUntil: string | null;
}

/** One order in the audit report. The person is referenced by id only. */
export class AuditOrderDto {
  @ApiProperty() orderId: string;
  @ApiProperty() reference: string;
  @ApiProperty() municipalityCode: string;
  @ApiProperty({ description: 'The person\'s id (no name)' }) personId: string;
  @ApiProperty({ description: 'The version shown (the latest, or the one in force at asOf)' }) version: number;
  @ApiProperty() versionCreatedAt: string;
  @ApiProperty({ type: AuditBasisDto }) basis: AuditBasisDto;
  @ApiProperty({ type: [String], example: ['AREA_BAN', 'REPORTING_DUTY'] }) measures: string[];
  @ApiProperty({ enum: ['CONTINUOUS', 'SEPARATE_DAYS'] }) mode: string;
  @ApiPropertyOptional({ nullable: true }) start: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'End after extensions (half-open)' }) end: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'End of the initial period' }) initialEnd: string | null;
  @ApiProperty({ type: AuditDurationDto }) duration: AuditDurationDto;
  @ApiProperty({ type: AuditExtensionsDto }) extensions: AuditExtensionsDto;
  @ApiPropertyOptional({ type: AuditSeparateDaysDto, nullable: true }) separateDays: AuditSeparateDaysDto | null;
  @ApiPropertyOptional({ nullable: true }) notifiedAt: string | null;
  @ApiPropertyOptional({ nullable: true }) notificationMethod: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Last day to object (YYYY-MM-DD)' }) objectionDeadline: string | null;
  @ApiProperty({ type: AuditHearingDto }) hearing: AuditHearingDto;
  @ApiProperty({ type: AuditMotivationDto }) motivation: AuditMotivationDto;
  @ApiProperty({ description: 'Status at the moment of evaluation (EXPIRED once ended)' }) status: string;
  @ApiProperty({ description: 'Status recorded by the version' }) recordedStatus: string;
  @ApiProperty({ type: [FindingDto], description: 'Findings of every rule, re-run at the moment of evaluation' }) findings: FindingDto[];
  @ApiProperty() errors: number;
  @ApiProperty() warnings: number;
}

export class RuleCountDto {
  @ApiProperty() ruleId: string;
  @ApiProperty({ description: 'Orders with at least one finding of the rule' }) orders: number;
  @ApiProperty() findings: number;
  @ApiProperty() errors: number;
  @ApiProperty() warnings: number;
}

export class DurationBucketDto {
  @ApiPropertyOptional({ nullable: true, description: 'Upper bound in days (inclusive); null: above the last bound' }) upToDays: number | null;
  @ApiProperty() count: number;
}

export class DurationStatsDto {
  @ApiProperty() count: number;
  @ApiPropertyOptional({ nullable: true }) minDays: number | null;
  @ApiPropertyOptional({ nullable: true }) medianDays: number | null;
  @ApiPropertyOptional({ nullable: true }) p90Days: number | null;
  @ApiPropertyOptional({ nullable: true }) maxDays: number | null;
  @ApiPropertyOptional({ nullable: true }) meanDays: number | null;
  @ApiProperty({ type: [DurationBucketDto] }) buckets: DurationBucketDto[];
}

export class AuditSummaryDto {
  @ApiProperty() orders: number;
  @ApiProperty({ example: { GEMW_172_3: 1, GEMW_172A: 12, APV: 40 } }) perBasis: Record<string, number>;
  @ApiProperty({ type: [RuleCountDto] }) perRuleId: RuleCountDto[];
  @ApiProperty({ type: DurationStatsDto }) durations: DurationStatsDto;
}

export class AuditFiltersDto {
  @ApiProperty({ type: [String] }) municipalities: string[];
  @ApiPropertyOptional({ nullable: true }) from: string | null;
  @ApiPropertyOptional({ nullable: true }) to: string | null;
  @ApiPropertyOptional({ nullable: true }) basis: string | null;
  @ApiPropertyOptional({ nullable: true }) ruleId: string | null;
  @ApiPropertyOptional({ nullable: true }) asOf: string | null;
}

export class AuditReportDto {
  @ApiProperty() generatedAt: string;
  @ApiProperty({ description: 'The moment the rules were evaluated at: asOf when given, else now' }) evaluatedAt: string;
  @ApiProperty({ type: AuditFiltersDto }) filters: AuditFiltersDto;
  @ApiProperty({ type: AuditSummaryDto }) summary: AuditSummaryDto;
  @ApiProperty({ type: [AuditOrderDto] }) orders: AuditOrderDto[];
}
