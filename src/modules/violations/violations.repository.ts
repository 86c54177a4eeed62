import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { RegisteredViolation, ViolationKind } from '../../domain/reporting/violations';

/** One registered violation, with the order's reference, the zone of its municipality and its correction, if any. */
export interface ViolationRow {
  id: string;
  orderId: string;
  orderReference: string;
  orderVersion: number;
  personId: string;
  municipalityCode: string;
  timeZone: string;
  basisKind: string;
  at: Date;
  lon: number;
  lat: number;
  reportRef: string;
  kind: ViolationKind;
  description: string | null;
  statutoryLabel: string;
  correctsViolationId: string | null;
  correctedById: string | null;
  recordedAt: Date;
  recordedBy: string;
  requestHash: string | null;
}

export type NewViolation = Omit<ViolationRow, 'id' | 'orderReference' | 'timeZone' | 'correctedById'> & { idempotencyKey: string | null };

export interface ViolationFilter {
  municipalities: string[];
  from?: string;
  to?: string;
  orderId?: string;
  kind?: string;
  limit: number;
  offset: number;
}

const SELECT = `
  SELECT v.id, v.order_id AS "orderId", o.reference AS "orderReference", v.order_version AS "orderVersion",
         v.person_id AS "personId", v.municipality_code AS "municipalityCode", mu.time_zone AS "timeZone",
         v.basis_kind AS "basisKind", v.at, v.lon, v.lat, v.report_ref AS "reportRef", v.kind, v.description,
         v.statutory_label AS "statutoryLabel", v.corrects_violation_id AS "correctsViolationId", c.id AS "correctedById",
         v.recorded_at AS "recordedAt", v.recorded_by AS "recordedBy", v.request_hash AS "requestHash"
    FROM violation v
    JOIN "order" o ON o.id = v.order_id
    JOIN municipality mu ON mu.code = v.municipality_code
    LEFT JOIN violation c ON c.corrects_violation_id = v.id`;

const FILTER = `
   WHERE v.municipality_code = ANY($1)
     AND ($2::timestamptz IS NULL OR v.at >= $2)
     AND ($3::timestamptz IS NULL OR v.at < $3)
     AND ($4::uuid IS NULL OR v.order_id = $4)
     AND ($5::text IS NULL OR v.kind = $5)`;

/** All SQL about violations. Rows are only ever inserted (a trigger refuses updates). */
@Injectable()
export class ViolationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts a violation; null when the same caller already stored one under the same idempotency key. */
  async insert(m: EntityManager, v: NewViolation): Promise<string | null> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO violation (order_id, order_version, person_id, municipality_code, basis_kind, at, lon, lat, report_ref, kind,
                              description, statutory_label, corrects_violation_id, recorded_at, recorded_by, idempotency_key, request_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
       ON CONFLICT ON CONSTRAINT uq_violation_idempotency DO NOTHING
       RETURNING id`,
      [
        v.orderId, v.orderVersion, v.personId, v.municipalityCode, v.basisKind, v.at, v.lon, v.lat, v.reportRef, v.kind,
        v.description, v.statutoryLabel, v.correctsViolationId, v.recordedAt, v.recordedBy, v.idempotencyKey, v.requestHash,
      ],
    );
    return rows[0]?.id ?? null;
  }

  async findById(id: string, m: EntityManager = this.dataSource.manager): Promise<ViolationRow | null> {
    const rows = await m.query(`${SELECT} WHERE v.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async findByIdempotencyKey(recordedBy: string, key: string, m: EntityManager = this.dataSource.manager): Promise<ViolationRow | null> {
    const rows = await m.query(`${SELECT} WHERE v.recorded_by = $1 AND v.idempotency_key = $2`, [recordedBy, key]);
    return rows[0] ?? null;
  }

  /** A page of violations in the municipalities, newest first, with the total count of the filter. */
  async list(f: ViolationFilter): Promise<{ rows: ViolationRow[]; total: number }> {
    const params = [f.municipalities, f.from ?? null, f.to ?? null, f.orderId ?? null, f.kind ?? null];
    const rows = await this.dataSource.query(`${SELECT} ${FILTER} ORDER BY v.at DESC, v.id LIMIT $6 OFFSET $7`, [...params, f.limit, f.offset]);
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM violation v ${FILTER}`, params);
    return { rows, total };
  }

  /** Every violation of the person in the municipalities (the dossier), oldest first. */
  async forPerson(personId: string, municipalities: string[]): Promise<ViolationRow[]> {
    return this.dataSource.query(`${SELECT} WHERE v.person_id = $1 AND v.municipality_code = ANY($2) ORDER BY v.at, v.id`, [personId, municipalities]);
  }

  /** The person's current violations (those no later entry corrects), as the order rules read them. */
  async historyForPerson(personId: string, m: EntityManager = this.dataSource.manager): Promise<RegisteredViolation[]> {
    const rows: { id: string; at: Date; orderId: string; kind: ViolationKind }[] = await m.query(
      `SELECT v.id, v.at, v.order_id AS "orderId", v.kind
         FROM violation v
        WHERE v.person_id = $1 AND NOT EXISTS (SELECT 1 FROM violation c WHERE c.corrects_violation_id = v.id)
        ORDER BY v.at, v.id`,
      [personId],
    );
    return rows.map((r) => ({ id: r.id, at: new Date(r.at).toISOString(), orderId: r.orderId, kind: r.kind }));
  }

  /**
   * The current violations of many persons at once (for the audit report), as the register knew them at `asOf`:
   * registered by then and not corrected by then.
   */
  async historyForPersons(personIds: string[], asOf?: Date): Promise<(RegisteredViolation & { personId: string })[]> {
    if (!personIds.length) return [];
    const rows: { personId: string; id: string; at: Date; orderId: string; kind: ViolationKind }[] = await this.dataSource.query(
      `SELECT v.person_id AS "personId", v.id, v.at, v.order_id AS "orderId", v.kind
         FROM violation v
        WHERE v.person_id = ANY($1::uuid[]) AND ($2::timestamptz IS NULL OR v.recorded_at <= $2)
          AND NOT EXISTS (SELECT 1 FROM violation c
                           WHERE c.corrects_violation_id = v.id AND ($2::timestamptz IS NULL OR c.recorded_at <= $2))
        ORDER BY v.at, v.id`,
      [personIds, asOf ?? null],
    );
    return rows.map((r) => ({ personId: r.personId, id: r.id, at: new Date(r.at).toISOString(), orderId: r.orderId, kind: r.kind }));
  }
}
