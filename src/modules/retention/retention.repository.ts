import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OrderStatus } from '../../domain/order/order';
import type { RetainedOrder, RetainedPerson } from '../../domain/retention/retention';
import type { ErasedDigests } from '../audit/audit-hash';

/** Serialises purge runs (several instances may schedule one at the same time). */
const RETENTION_LOCK = 727_002;

export interface ErasableEvent {
  seq: string;
  hashScheme: number;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface DeletedCounts {
  orders: number;
  orderVersions: number;
  violations: number;
  checkIns: number;
  reportingSlots: number;
  persons: number;
}

/** The SQL of the retention purge: what may be purged, and the deletes (one transaction, run by the service). */
@Injectable()
export class RetentionRepository {
  async lock(m: EntityManager): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock($1)', [RETENTION_LOCK]);
  }

  /** Each municipality's 'retention.years', where it overrides the default. */
  async retentionYears(m: EntityManager): Promise<Map<string, number>> {
    const rows: { code: string; years: string | null }[] = await m.query(
      `SELECT code, config->'numbers'->>'retention.years' AS years FROM municipality`,
    );
    return new Map(rows.filter((r) => r.years !== null && Number.isFinite(Number(r.years))).map((r) => [r.code, Number(r.years)]));
  }

  /** Every order with what its latest version says about its end; no personal content. */
  async orders(m: EntityManager): Promise<RetainedOrder[]> {
    const rows: { orderId: string; personId: string; municipalityCode: string; status: OrderStatus; validUntil: Date | null; withdrawnAt: string | null; revokedAt: string | null; lastChangedAt: Date }[] =
      await m.query(
        `SELECT o.id AS "orderId", o.person_id AS "personId", o.municipality_code AS "municipalityCode", v.status,
                v.valid_until AS "validUntil", v.body->>'withdrawnAt' AS "withdrawnAt", v.body->>'revokedAt' AS "revokedAt",
                v.created_at AS "lastChangedAt"
           FROM "order" o
           JOIN LATERAL (SELECT * FROM order_version ov WHERE ov.order_id = o.id ORDER BY ov.version DESC LIMIT 1) v ON true`,
      );
    return rows.map((r) => ({
      ...r,
      validUntil: r.validUntil ? new Date(r.validUntil).toISOString() : null,
      lastChangedAt: new Date(r.lastChangedAt).toISOString(),
    }));
  }

  async persons(m: EntityManager): Promise<RetainedPerson[]> {
    const rows: { personId: string; municipalityCode: string; createdAt: Date }[] = await m.query(
      `SELECT id AS "personId", municipality_code AS "municipalityCode", created_at AS "createdAt" FROM person`,
    );
    return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
  }

  /** Deletes the orders and everything recorded under them; returns the counts and the ids of what has audit events. */
  async deleteOrders(m: EntityManager, orderIds: string[]): Promise<{ counts: Omit<DeletedCounts, 'persons'>; violationIds: string[]; checkInIds: string[] }> {
    const ids = [orderIds];
    const slots = await deleted(m, `DELETE FROM reporting_slot WHERE order_id = ANY($1::uuid[]) RETURNING id`, ids);
    const checkInIds = await deleted(m, `DELETE FROM check_in WHERE order_id = ANY($1::uuid[]) RETURNING id`, ids);
    const violationIds = await this.deleteViolations(m, orderIds);
    await m.query(`DELETE FROM reporting_cursor WHERE order_id = ANY($1::uuid[])`, ids);
    const versions = await deleted(m, `DELETE FROM order_version WHERE order_id = ANY($1::uuid[]) RETURNING id`, ids);
    const orders = await deleted(m, `DELETE FROM "order" WHERE id = ANY($1::uuid[]) RETURNING id`, ids);
    return {
      counts: { orders: orders.length, orderVersions: versions.length, violations: violationIds.length, checkIns: checkInIds.length, reportingSlots: slots.length },
      violationIds,
      checkInIds,
    };
  }

  /** Violations are immutable but deletable for retention; corrections go before what they correct. */
  private async deleteViolations(m: EntityManager, orderIds: string[]): Promise<string[]> {
    const all: string[] = [];
    for (;;) {
      const ids = await deleted(
        m,
        `DELETE FROM violation v WHERE v.order_id = ANY($1::uuid[])
            AND NOT EXISTS (SELECT 1 FROM violation c WHERE c.corrects_violation_id = v.id) RETURNING v.id`,
        [orderIds],
      );
      if (ids.length === 0) return all;
      all.push(...ids);
    }
  }

  async deletePersons(m: EntityManager, personIds: string[]): Promise<number> {
    return (await deleted(m, `DELETE FROM person WHERE id = ANY($1::uuid[]) RETURNING id`, [personIds])).length;
  }

  /** Audit events about the given entities whose content is not erased yet. */
  async erasableEvents(m: EntityManager, entities: { type: string; ids: string[] }[]): Promise<ErasableEvent[]> {
    const found: ErasableEvent[] = [];
    for (const { type, ids } of entities.filter((e) => e.ids.length)) {
      found.push(
        ...(await m.query(
          `SELECT seq::text AS seq, hash_scheme AS "hashScheme", before, after, reason FROM audit_event
            WHERE entity_type = $1 AND entity_id = ANY($2::text[]) AND erased_at IS NULL ORDER BY seq`,
          [type, ids],
        )),
      );
    }
    return found;
  }

  async eraseEvent(m: EntityManager, seq: string, digests: ErasedDigests, now: Date): Promise<void> {
    await m.query(
      `UPDATE audit_event SET before = NULL, after = NULL, reason = NULL, erased_at = $2, erased_digests = $3 WHERE seq = $1::bigint`,
      [seq, now, JSON.stringify(digests)],
    );
  }
}

/** The ids a `DELETE ... RETURNING id` removed (TypeORM answers a DELETE with `[rows, rowCount]`). */
async function deleted(m: EntityManager, sql: string, params: unknown[]): Promise<string[]> {
  const [rows] = (await m.query(sql, params)) as [{ id: string }[], number];
  return rows.map((r) => r.id);
}
