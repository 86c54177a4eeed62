import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface SeedZone {
  municipalityCode: string;
  name: string;
  description?: string;
  geometry: unknown;
  bbox: [number, number, number, number];
  vertexCount: number;
  geometryHash: string;
}

@Injectable()
export class SeedRepository {
  /** Marks a data set as loaded; false when it already was (so a concurrent or repeated start loads nothing twice). */
  async claim(manager: EntityManager, name: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      'INSERT INTO seed_history (name) VALUES ($1) ON CONFLICT (name) DO NOTHING RETURNING name',
      [name],
    );
    return rows.length === 1;
  }

  async upsertMunicipalities(manager: EntityManager, rows: { code: string; name: string; boundary: unknown }[]): Promise<string[]> {
    const inserted: { code: string }[] = await manager.query(
      `INSERT INTO municipality (code, name, boundary)
       SELECT r.code, r.name, r.boundary
         FROM jsonb_to_recordset($1::jsonb) AS r(code varchar, name text, boundary jsonb)
       ON CONFLICT (code) DO NOTHING
       RETURNING code`,
      [JSON.stringify(rows)],
    );
    return inserted.map((r) => r.code);
  }

  async configureDemoMunicipality(manager: EntityManager, code: string, timeZone: string, config: unknown): Promise<void> {
    await manager.query(
      `UPDATE municipality SET time_zone = $2, config = $3::jsonb, is_demo = true, version = version + 1, updated_at = now()
        WHERE code = $1`,
      [code, timeZone, JSON.stringify(config)],
    );
  }

  async insertZone(manager: EntityManager, z: SeedZone, createdBy: string): Promise<string> {
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO zone (municipality_code, is_demo, created_by) VALUES ($1, true, $2) RETURNING id`,
      [z.municipalityCode, createdBy],
    );
    await manager.query(
      `INSERT INTO zone_version (zone_id, version, name, description, geometry, bbox_min_lon, bbox_min_lat,
                                 bbox_max_lon, bbox_max_lat, vertex_count, geometry_hash, created_by, reason)
       VALUES ($1, 1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10, $11, 'demo data')`,
      [id, z.name, z.description ?? null, JSON.stringify(z.geometry), ...z.bbox, z.vertexCount, z.geometryHash, createdBy],
    );
    return id;
  }
}
