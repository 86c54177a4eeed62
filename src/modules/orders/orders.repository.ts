import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import type { Finding } from '../../domain/shared/finding';
import type { OrderState, OrderStatus } from '../../domain/order/order';
import type { OrderAction } from '../../domain/order/lifecycle';

/** One stored version of an order, with the order's identity. */
export interface OrderVersionRow {
  orderId: string;
  reference: string;
  municipalityCode: string;
  personId: string;
  orderCreatedAt: Date;
  orderCreatedBy: string;
  versionId: string;
  version: number;
  status: OrderStatus;
  changeKind: OrderAction;
  body: OrderState;
  findings: Finding[];
  zoneVersionIds: string[];
  createdAt: Date;
  createdBy: string;
  reason: string | null;
}

export interface NewVersion {
  orderId: string;
  version: number;
  changeKind: OrderAction;
  body: OrderState;
  findings: Finding[];
  validFrom: string | null;
  validUntil: string | null;
  zoneVersionIds: string[];
  createdAt: Date;
  createdBy: string;
  reason?: string | null;
}

export interface OrderFilter {
  municipalities: string[];
  status?: string;
  basis?: string;
  personId?: string;
  limit: number;
  offset: number;
}

const SELECT = `
  SELECT o.id AS "orderId", o.reference, o.municipality_code AS "municipalityCode", o.person_id AS "personId",
         o.created_at AS "orderCreatedAt", o.created_by AS "orderCreatedBy",
         v.id AS "versionId", v.version, v.status, v.change_kind AS "changeKind", v.body, v.findings,
         v.zone_version_ids AS "zoneVersionIds", v.created_at AS "createdAt", v.created_by AS "createdBy", v.reason
    FROM "order" o JOIN order_version v ON v.order_id = o.id`;

const UNIQUE_VIOLATION = '23505';

/** All SQL about orders. Versions are only ever inserted; the latest version is the order's current state. */
@Injectable()
export class OrdersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insertOrder(m: EntityManager, o: { municipalityCode: string; personId: string; reference: string; createdBy: string; createdAt: Date }): Promise<string> {
    const [{ id }] = await m.query(
      `INSERT INTO "order" (municipality_code, person_id, reference, created_by, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [o.municipalityCode, o.personId, o.reference, o.createdBy, o.createdAt],
    );
    return id;
  }

  /** Inserts a version; false when that version number exists already (someone else saved first). */
  async insertVersion(m: EntityManager, v: NewVersion): Promise<boolean> {
    try {
      await m.query(
        `INSERT INTO order_version (order_id, version, status, change_kind, basis_kind, ground, valid_from, valid_until,
                                    zone_version_ids, body, findings, created_at, created_by, reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::uuid[], $10::jsonb, $11::jsonb, $12, $13, $14)`,
        [
          v.orderId, v.version, v.body.status, v.changeKind, v.body.basis.kind, v.body.basis.ground ?? null, v.validFrom,
          v.validUntil, v.zoneVersionIds, JSON.stringify(v.body), JSON.stringify(v.findings), v.createdAt, v.createdBy, v.reason ?? null,
        ],
      );
      return true;
    } catch (e) {
      if (e instanceof QueryFailedError && (e.driverError as { code?: string })?.code === UNIQUE_VIOLATION) return false;
      throw e;
    }
  }

  /** The latest version; with `forUpdate`, the order row is locked for the rest of the transaction. */
  async findLatest(orderId: string, m: EntityManager = this.dataSource.manager, forUpdate = false): Promise<OrderVersionRow | null> {
    if (forUpdate) await m.query(`SELECT id FROM "order" WHERE id = $1 FOR UPDATE`, [orderId]);
    const rows = await m.query(`${SELECT} WHERE o.id = $1 ORDER BY v.version DESC LIMIT 1`, [orderId]);
    return rows[0] ?? null;
  }

  /** The version the register held at `asOf` (the latest created at or before it). */
  async findAsOf(orderId: string, asOf: Date): Promise<OrderVersionRow | null> {
    const rows = await this.dataSource.query(`${SELECT} WHERE o.id = $1 AND v.created_at <= $2 ORDER BY v.version DESC LIMIT 1`, [orderId, asOf]);
    return rows[0] ?? null;
  }

  async findVersion(orderId: string, version: number): Promise<OrderVersionRow | null> {
    const rows = await this.dataSource.query(`${SELECT} WHERE o.id = $1 AND v.version = $2`, [orderId, version]);
    return rows[0] ?? null;
  }

  async listVersions(orderId: string): Promise<OrderVersionRow[]> {
    return this.dataSource.query(`${SELECT} WHERE o.id = $1 ORDER BY v.version`, [orderId]);
  }

  /** The latest version of each order matching the filter, newest orders first. */
  async list(f: OrderFilter): Promise<OrderVersionRow[]> {
    return this.dataSource.query(
      `${SELECT}
        WHERE v.version = (SELECT max(version) FROM order_version WHERE order_id = o.id)
          AND o.municipality_code = ANY($1)
          AND ($2::text IS NULL OR v.status = $2)
          AND ($3::text IS NULL OR v.basis_kind = $3)
          AND ($4::uuid IS NULL OR o.person_id = $4)
        ORDER BY o.created_at DESC, o.id
        LIMIT $5 OFFSET $6`,
      [f.municipalities, f.status ?? null, f.basis ?? null, f.personId ?? null, f.limit, f.offset],
    );
  }

  /** The latest version of every other order of the person (for the escalation ladder and the 172a ground). */
  async latestForPerson(personId: string, excludeOrderId: string | null, m: EntityManager = this.dataSource.manager): Promise<OrderVersionRow[]> {
    return m.query(
      `${SELECT}
        WHERE o.person_id = $1 AND ($2::uuid IS NULL OR o.id <> $2)
          AND v.version = (SELECT max(version) FROM order_version WHERE order_id = o.id)`,
      [personId, excludeOrderId],
    );
  }
}
