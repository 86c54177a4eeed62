import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { NewZoneVersion, ZoneVersionRecord, ZoneVersionSummary } from './zone-records';

/** Columns of a version without its geometry, named as `ZoneVersionSummary` (bbox columns folded in `toSummary`). */
const SUMMARY_COLUMNS = `
  v.zone_id AS "zoneId", v.id AS "zoneVersionId", z.municipality_code AS "municipalityCode", z.is_demo AS "isDemo",
  v.version, v.name, v.description, v.bbox_min_lon AS "minLon", v.bbox_min_lat AS "minLat",
  v.bbox_max_lon AS "maxLon", v.bbox_max_lat AS "maxLat", v.vertex_count AS "vertexCount",
  v.geometry_hash AS "geometryHash", v.created_at AS "createdAt", v.created_by AS "createdBy", v.reason`;

const RECORD_COLUMNS = `${SUMMARY_COLUMNS}, v.geometry`;

/** The newest version of each zone, joined to its zone. */
const LATEST = `
  FROM zone z
  JOIN LATERAL (SELECT * FROM zone_version lv WHERE lv.zone_id = z.id ORDER BY lv.version DESC LIMIT 1) v ON true`;

type Row = Omit<ZoneVersionRecord, 'bbox'> & { minLon: number; minLat: number; maxLon: number; maxLat: number };

function toSummary({ minLon, minLat, maxLon, maxLat, geometry: _g, ...rest }: Row): ZoneVersionSummary {
  return { ...rest, bbox: [minLon, minLat, maxLon, maxLat] };
}

function toRecord(row: Row): ZoneVersionRecord {
  return { ...toSummary(row), geometry: row.geometry };
}

/** All SQL of zones and their immutable versions. Versions are only ever inserted, never updated. */
@Injectable()
export class ZonesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insertZone(manager: EntityManager, z: { municipalityCode: string; createdAt: Date; createdBy: string }): Promise<string> {
    const [{ id }]: { id: string }[] = await manager.query(
      'INSERT INTO zone (municipality_code, created_at, created_by) VALUES ($1, $2, $3) RETURNING id',
      [z.municipalityCode, z.createdAt, z.createdBy],
    );
    return id;
  }

  async insertVersion(manager: EntityManager, zoneId: string, v: NewZoneVersion): Promise<string> {
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO zone_version (zone_id, version, name, description, geometry, bbox_min_lon, bbox_min_lat, bbox_max_lon,
                                 bbox_max_lat, vertex_count, geometry_hash, created_at, created_by, reason)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       RETURNING id`,
      [zoneId, v.version, v.name, v.description, JSON.stringify(v.geometry), ...v.bbox, v.vertexCount, v.geometryHash,
        v.createdAt, v.createdBy, v.reason],
    );
    return id;
  }

  /**
   * Locks the zone for the rest of the transaction and returns its newest version, so that two edits of the same
   * version cannot both append one (the second waits, then sees the first's version).
   */
  async lockLatest(manager: EntityManager, zoneId: string): Promise<ZoneVersionRecord | null> {
    const locked: unknown[] = await manager.query('SELECT id FROM zone WHERE id = $1 FOR UPDATE', [zoneId]);
    return locked.length ? this.findLatest(zoneId, manager) : null;
  }

  async findLatest(zoneId: string, manager: EntityManager = this.dataSource.manager): Promise<ZoneVersionRecord | null> {
    const rows: Row[] = await manager.query(`SELECT ${RECORD_COLUMNS} ${LATEST} WHERE z.id = $1`, [zoneId]);
    return rows.length ? toRecord(rows[0]) : null;
  }

  async findVersion(zoneId: string, version: number): Promise<ZoneVersionRecord | null> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${RECORD_COLUMNS} FROM zone_version v JOIN zone z ON z.id = v.zone_id WHERE v.zone_id = $1 AND v.version = $2`,
      [zoneId, version],
    );
    return rows.length ? toRecord(rows[0]) : null;
  }

  async listVersions(zoneId: string): Promise<ZoneVersionSummary[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS} FROM zone_version v JOIN zone z ON z.id = v.zone_id WHERE v.zone_id = $1 ORDER BY v.version`,
      [zoneId],
    );
    return rows.map(toSummary);
  }

  /** The newest version of every zone of the given municipalities (of all when `codes` is undefined). */
  async listLatest(codes?: string[]): Promise<ZoneVersionSummary[]> {
    const where = codes ? 'WHERE z.municipality_code = ANY($1::varchar[])' : '';
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS} ${LATEST} ${where} ORDER BY z.municipality_code, v.name, z.id`,
      codes ? [codes] : [],
    );
    return rows.map(toSummary);
  }

  /** The newest versions of the given zones that belong to the municipality; other ids are left out. */
  async findLatestOfZones(manager: EntityManager, municipalityCode: string, zoneIds: string[]): Promise<ZoneVersionRecord[]> {
    const rows: Row[] = await manager.query(
      `SELECT ${RECORD_COLUMNS} ${LATEST} WHERE z.id = ANY($1::uuid[]) AND z.municipality_code = $2`,
      [zoneIds, municipalityCode],
    );
    return rows.map(toRecord);
  }

  async findVersionsByIds(manager: EntityManager = this.dataSource.manager, zoneVersionIds: string[]): Promise<ZoneVersionRecord[]> {
    const rows: Row[] = await manager.query(
      `SELECT ${RECORD_COLUMNS} FROM zone_version v JOIN zone z ON z.id = v.zone_id WHERE v.id = ANY($1::uuid[])`,
      [zoneVersionIds],
    );
    return rows.map(toRecord);
  }
}
