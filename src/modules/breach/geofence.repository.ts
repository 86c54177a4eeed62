import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MultiPolygon, Polygon } from 'geojson';
import { DataSource } from 'typeorm';
import type { OrderState } from '../../domain/order/order';

export interface IndexedOrderRow {
  orderId: string;
  personId: string;
  municipalityCode: string;
  timeZone: string;
  version: number;
  body: OrderState;
}

export interface ZoneVersionGeometry {
  zoneVersionId: string;
  zoneId: string;
  geometry: Polygon | MultiPolygon;
}

/** Statuses of orders that were never issued: they can never be breached, so the index leaves them out. */
const NEVER_ISSUED = `('DRAFT', 'INTENT_SENT')`;

const LATEST = `
  SELECT o.id AS "orderId", o.person_id AS "personId", o.municipality_code AS "municipalityCode",
         m.time_zone AS "timeZone", v.version, v.body
    FROM "order" o
    JOIN municipality m ON m.code = o.municipality_code
    JOIN LATERAL (SELECT version, body, status FROM order_version WHERE order_id = o.id ORDER BY version DESC LIMIT 1) v ON true`;

/** Reads for building and patching the in-memory breach index (never used on the check's hot path). */
@Injectable()
export class GeofenceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  issuedOrders(): Promise<IndexedOrderRow[]> {
    return this.dataSource.query(`${LATEST} WHERE v.status NOT IN ${NEVER_ISSUED}`);
  }

  async order(orderId: string): Promise<IndexedOrderRow | null> {
    const rows = await this.dataSource.query(`${LATEST} WHERE o.id = $1 AND v.status NOT IN ${NEVER_ISSUED}`, [orderId]);
    return rows[0] ?? null;
  }

  zoneVersions(ids: string[]): Promise<ZoneVersionGeometry[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT id AS "zoneVersionId", zone_id AS "zoneId", geometry FROM zone_version WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }

  persons(): Promise<{ id: string; municipalityCode: string }[]> {
    return this.dataSource.query(`SELECT id, municipality_code AS "municipalityCode" FROM person`);
  }
}
