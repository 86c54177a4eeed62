import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsInt, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';

const MUNICIPALITY_CODE = /^GM\d{4}$/;
const NOT_BLANK = /\S/;

const GEOMETRY_DOC = {
  description:
    'GeoJSON Polygon or MultiPolygon (or a Feature of one). CRS84 longitude/latitude by default; RD New metres with ' +
    'the header Content-Crs: EPSG:28992. Rings closed, at least 4 positions, no self-intersection, holes inside ' +
    'their shell, within the Netherlands, at most 10,000 positions.',
  type: 'object',
  additionalProperties: true,
  example: { type: 'Polygon', coordinates: [[[5.5715, 51.2717], [5.5775, 51.2717], [5.5775, 51.2753], [5.5715, 51.2753], [5.5715, 51.2717]]] },
} as const;

/** Fields a zone's content has on create and on edit. `geometry` is checked in full by the service. */
class ZoneContentDto {
  @ApiProperty({ example: 'Winkelgebied centrum Budel', maxLength: 200 })
  @IsString() @Matches(NOT_BLANK, { message: 'name must not be blank' }) @MaxLength(200)
  name: string;

  @ApiProperty(GEOMETRY_DOC)
  @IsDefined()
  geometry: unknown;

  @ApiPropertyOptional({ description: 'Absent on an edit means the new version has no description', maxLength: 4000 })
  @IsOptional() @IsString() @MaxLength(4000)
  description?: string | null;

  @ApiPropertyOptional({
    example: 'GM0988',
    description: 'CBS code of the mayor on whose request the zone is drawn (art. 172a lid 3): the zone must lie within that municipality instead',
  })
  @IsOptional() @Matches(MUNICIPALITY_CODE, { message: 'onBehalfOf must be a CBS municipality code such as GM0988' })
  onBehalfOf?: string | null;
}

/** `POST /zones`. */
export class CreateZoneDto extends ZoneContentDto {
  @ApiProperty({ example: 'GM1706' })
  @Matches(MUNICIPALITY_CODE, { message: 'municipalityCode must be a CBS municipality code such as GM1706' })
  municipalityCode: string;
}

/** `PUT /zones/{id}`: the full content of the new version. */
export class EditZoneDto extends ZoneContentDto {
  @ApiPropertyOptional({ description: 'Why the zone changes (kept with the version and in the audit trail)', maxLength: 2000 })
  @IsOptional() @IsString() @MaxLength(2000)
  reason?: string | null;

  @ApiPropertyOptional({ description: 'The version this edit is based on (alternative to If-Match)' })
  @IsOptional() @IsInt() @Min(1)
  version?: number;
}

export class ListZonesQueryDto {
  @ApiPropertyOptional({ example: 'GM1706', description: 'Only this municipality (default: every municipality in scope)' })
  @IsOptional() @Matches(MUNICIPALITY_CODE, { message: 'municipality must be a CBS municipality code such as GM1706' })
  municipality?: string;
}

export class ZoneFindingDto {
  @ApiProperty({ example: 'GW172A-ZONE-IN-MUNICIPALITY' }) ruleId: string;
  @ApiProperty({ enum: ['error', 'warning'] }) severity: 'error' | 'warning';
  @ApiProperty() message: string;
  @ApiProperty({ example: 'art. 172a lid 1 Gemeentewet' }) citation: string;
  @ApiPropertyOptional() path?: string;
}

/** One version of a zone, without geometry. */
export class ZoneVersionSummaryDto {
  @ApiProperty({ format: 'uuid' }) zoneVersionId: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ description: '[minLon, minLat, maxLon, maxLat] (CRS84)', type: [Number], example: [5.5715, 51.2717, 5.5775, 51.2753] })
  bbox: number[];
  @ApiProperty({ description: 'Positions, closing positions included' }) vertexCount: number;
  @ApiProperty({ description: 'SHA-256 of the canonical geometry' }) geometryHash: string;
  @ApiProperty({ description: 'When this version was made' }) createdAt: string;
  @ApiProperty({ description: 'Who made this version (token subject)' }) createdBy: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
}

/** A zone in a list: its newest version, without geometry. */
export class ZoneSummaryDto extends ZoneVersionSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'GM1706' }) municipalityCode: string;
  @ApiProperty() isDemo: boolean;
}

/** A zone at one version, with its geometry in CRS84. */
export class ZoneDto extends ZoneSummaryDto {
  @ApiProperty({ description: 'GeoJSON Polygon or MultiPolygon (CRS84)', type: 'object', additionalProperties: true })
  geometry: unknown;
  @ApiPropertyOptional({
    type: [ZoneFindingDto],
    description: 'On create and edit: warnings of GW172A-ZONE-IN-MUNICIPALITY (an error refuses the zone with 422)',
  })
  findings?: ZoneFindingDto[];
}
