import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

export interface PersonRow {
  id: string;
  municipalityCode: string;
  name: string;
  dateOfBirth: string;
  vNumber: string | null;
  bsn: string | null;
  createdAt: Date;
}

const COLUMNS = `id, municipality_code AS "municipalityCode", name, to_char(date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth",
                 v_number AS "vNumber", bsn, created_at AS "createdAt"`;

@Injectable()
export class PersonsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, p: Omit<PersonRow, 'id' | 'createdAt'>, createdBy: string): Promise<PersonRow> {
    const [row] = await manager.query(
      `INSERT INTO person (municipality_code, name, date_of_birth, v_number, bsn, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [p.municipalityCode, p.name, p.dateOfBirth, p.vNumber, p.bsn, createdBy],
    );
    return row;
  }

  /** Persons of these municipalities whose name contains `text` (case-insensitive), by name, at most `limit`. */
  async searchByName(municipalityCodes: string[], text: string, limit: number): Promise<PersonRow[]> {
    const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM person WHERE municipality_code = ANY($1) AND name ILIKE $2 ORDER BY name, date_of_birth, id LIMIT $3`,
      [municipalityCodes, pattern, limit],
    );
  }

  async findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<PersonRow | null> {
    const rows: PersonRow[] = await manager.query(`SELECT ${COLUMNS} FROM person WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }
}
