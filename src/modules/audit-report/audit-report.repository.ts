import type { EarlierOrder } from '../orders/order-rules.service';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { OrderState } from '../../domain/order/order';

/** An order as the audit reads it: its latest version (or its version at `asOf`), with the person's date of birth. */
export interface AuditOrderRow {
  orderId: string;
  reference: string;
  municipalityCode: string;
  personId: string;
  dateOfBirth: string | null;
  version: number;
  changeKind: string;
  versionCreatedAt: Date;
  orderCreatedAt: Date;
  body: OrderState;
}

export interface AuditOrderFilter {
  municipalities: string[];
  basis?: string;
  /** Orders whose stored validity envelope ends after `from` and starts before `to` (refined in memory). */
  from?: Date;
  to?: Date;
  /** The register as it was then: versions created at or before it, orders created later absent. */
  asOf?: Date;
}

/** An earlier order of a person, for the APV escalation ladder (only the parts `historyFrom` reads). */
export interface HistoryOrderRow extends EarlierOrder {
  personId: string;
}

/** A recorded amendment: the version it made and the version before it. */
export interface AmendmentRow {
  orderId: string;
  version: number;
  createdAt: Date;
  body: OrderState;
  previousBody: OrderState;
}

/**
 * The version of each order that counts: the latest one, or the latest created at or before $2 (asOf). One lateral
 * index probe per order on (order_id, version); no N+1.
 */
const VERSION_AT = `
  JOIN LATERAL (
    SELECT version, change_kind, created_at, body, basis_kind, valid_from, valid_until
      FROM order_version
     WHERE order_id = o.id AND ($2::timestamptz IS NULL OR created_at <= $2)
     ORDER BY version DESC
     LIMIT 1) v ON true`;

/** All SQL of the lawyers' audit report: three set-based queries per report, whatever the number of orders. */
@Injectable()
export class AuditReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The orders of the report, each at the version that counts, ordered by municipality and creation. */
  async orders(f: AuditOrderFilter): Promise<AuditOrderRow[]> {
    return this.dataSource.query(
      `SELECT o.id AS "orderId", o.reference, o.municipality_code AS "municipalityCode", o.person_id AS "personId",
              to_char(p.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth", v.version, v.change_kind AS "changeKind",
              v.created_at AS "versionCreatedAt", o.created_at AS "orderCreatedAt", v.body
         FROM "order" o
         ${VERSION_AT}
         LEFT JOIN person p ON p.id = o.person_id
        WHERE o.municipality_code = ANY($1)
          AND ($3::text IS NULL OR v.basis_kind = $3)
          AND ($4::timestamptz IS NULL OR v.valid_until IS NULL OR v.valid_until > $4)
          AND ($5::timestamptz IS NULL OR v.valid_from IS NULL OR v.valid_from < $5)
        ORDER BY o.municipality_code, o.created_at, o.id`,
      [f.municipalities, f.asOf ?? null, f.basis ?? null, f.from ?? null, f.to ?? null],
    );
  }

  /**
   * The APV orders of the given persons (any municipality, as the rules see them when an order is made), at the
   * version that counts: the earlier bans the escalation ladder (APV-ESCALATION-STEP) looks back on.
   */
  async apvOrdersOfPersons(personIds: string[], asOf?: Date): Promise<HistoryOrderRow[]> {
    if (personIds.length === 0) return [];
    return this.dataSource.query(
      `SELECT o.id AS "orderId", o.person_id AS "personId",
              jsonb_build_object('basis', v.body->'basis', 'validity', v.body->'validity',
                                 'extensions', v.body->'extensions', 'status', v.body->'status') AS body
         FROM "order" o
         ${VERSION_AT}
        WHERE o.person_id = ANY($1::uuid[]) AND v.basis_kind = 'APV'`,
      [personIds, asOf ?? null],
    );
  }

  /** Every amendment (change kind AMEND) of the given orders recorded by `asOf`, with the version it replaced. */
  async amendments(orderIds: string[], asOf?: Date): Promise<AmendmentRow[]> {
    if (orderIds.length === 0) return [];
    return this.dataSource.query(
      `SELECT v.order_id AS "orderId", v.version, v.created_at AS "createdAt", v.body, p.body AS "previousBody"
         FROM order_version v
         JOIN order_version p ON p.order_id = v.order_id AND p.version = v.version - 1
        WHERE v.change_kind = 'AMEND' AND v.order_id = ANY($1::uuid[])
          AND ($2::timestamptz IS NULL OR v.created_at <= $2)
        ORDER BY v.order_id, v.version`,
      [orderIds, asOf ?? null],
    );
  }
}
