import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MultiPolygon, Polygon } from 'geojson';
import { DataSource, type EntityManager } from 'typeorm';
import type { ProsecutorOrder } from '../../domain/municipality/municipality-config';

export interface ProsecutorOrderRow {
  id: string;
  personId: string;
  municipalityCode: string;
  from: string;
  until: string | null;
  geometry: Polygon | MultiPolygon;
  reference: string | null;
  createdAt: Date;
}

/** A stored row as the rules read it (`GW172A-OVJ-CONFLICT`). */
export function toRuleInput(row: ProsecutorOrderRow): ProsecutorOrder {
  return { personId: row.personId, geometry: row.geometry, from: row.from, until: row.until ?? undefined, reference: row.reference ?? undefined };
}

const COLUMNS = `id, person_id AS "personId", municipality_code AS "municipalityCode",
                 to_char(valid_from, 'YYYY-MM-DD') AS "from", to_char(valid_until, 'YYYY-MM-DD') AS "until",
                 geometry, reference, created_at AS "createdAt"`;

@Injectable()
export class ProsecutorOrdersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, p: Omit<ProsecutorOrderRow, 'id'>, createdBy: string): Promise<ProsecutorOrderRow> {
    const [row] = await manager.query(
      `INSERT INTO prosecutor_order (person_id, municipality_code, valid_from, valid_until, geometry, reference, created_at, created_by)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8) RETURNING ${COLUMNS}`,
      [p.personId, p.municipalityCode, p.from, p.until, JSON.stringify(p.geometry), p.reference, p.createdAt, createdBy],
    );
    return row;
  }

  /** The person's recorded orders, oldest first. */
  async forPerson(personId: string, manager: EntityManager = this.dataSource.manager): Promise<ProsecutorOrderRow[]> {
    return this.forPersons([personId], undefined, manager);
  }

  /** The recorded orders of these persons, oldest first; with `asOf`, only those recorded by then. */
  async forPersons(personIds: string[], asOf?: Date, manager: EntityManager = this.dataSource.manager): Promise<ProsecutorOrderRow[]> {
    if (!personIds.length) return [];
    return manager.query(
      `SELECT ${COLUMNS} FROM prosecutor_order
        WHERE person_id = ANY($1::uuid[]) AND ($2::timestamptz IS NULL OR created_at <= $2)
        ORDER BY created_at, id`,
      [personIds, asOf ?? null],
    );
  }
}
