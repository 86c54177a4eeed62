import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { OrderState, ReportingPlace } from '../../domain/order/order';
import type { CheckInTiming } from '../../domain/reporting/check-in';

export type SlotOutcome = 'MET' | 'MISSED';

/** A slot with an outcome, as stored. */
export interface SlotRow {
  orderId: string;
  orderVersion: number;
  personId: string;
  municipalityCode: string;
  startsAt: Date;
  endsAt: Date;
  localDay: string;
  place: ReportingPlace;
  outcome: SlotOutcome;
  checkInId: string | null;
  recordedAt: Date;
}

/** A stored slot in a cross-order list, with what the police need to act on it. */
export interface ListedSlotRow extends SlotRow {
  orderReference: string;
  personName: string;
  timeZone: string;
  checkInAt: Date | null;
}

export interface CheckInRow {
  id: string;
  orderId: string;
  orderVersion: number;
  personId: string;
  municipalityCode: string;
  at: Date;
  place: { name: string; municipalityCode: string };
  placeMatches: boolean;
  timing: CheckInTiming;
  slotStartsAt: Date | null;
  slotEndsAt: Date | null;
  meetsSlot: boolean;
  recordedAt: Date;
  recordedBy: string;
  requestHash: string | null;
}

export type NewCheckIn = Omit<CheckInRow, 'id'> & { idempotencyKey: string | null };

/** An order whose reporting duty may have windows that closed since the job last looked. */
export interface DutyCandidate {
  orderId: string;
  municipalityCode: string;
  personId: string;
  version: number;
  body: OrderState;
  timeZone: string;
}

export interface SlotFilter {
  municipalities: string[];
  outcome: SlotOutcome;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

const SLOT = `s.order_id AS "orderId", s.order_version AS "orderVersion", s.person_id AS "personId",
  s.municipality_code AS "municipalityCode", s.starts_at AS "startsAt", s.ends_at AS "endsAt",
  to_char(s.local_day, 'YYYY-MM-DD') AS "localDay", s.place, s.outcome, s.check_in_id AS "checkInId", s.recorded_at AS "recordedAt"`;

const CHECK_IN = `SELECT id, order_id AS "orderId", order_version AS "orderVersion", person_id AS "personId",
  municipality_code AS "municipalityCode", at, place, place_matches AS "placeMatches", timing, slot_starts_at AS "slotStartsAt",
  slot_ends_at AS "slotEndsAt", meets_slot AS "meetsSlot", recorded_at AS "recordedAt", recorded_by AS "recordedBy",
  request_hash AS "requestHash" FROM check_in`;

const LISTED = `SELECT ${SLOT}, o.reference AS "orderReference", p.name AS "personName", mu.time_zone AS "timeZone", ci.at AS "checkInAt"
  FROM reporting_slot s JOIN "order" o ON o.id = s.order_id JOIN person p ON p.id = s.person_id
  JOIN municipality mu ON mu.code = s.municipality_code LEFT JOIN check_in ci ON ci.id = s.check_in_id`;

const LIST_FILTER = `WHERE (s.municipality_code = ANY($1) OR s.place_municipality_code = ANY($1)) AND s.outcome = $2
  AND ($3::timestamptz IS NULL OR s.starts_at >= $3) AND ($4::timestamptz IS NULL OR s.starts_at < $4)`;

/** All SQL of reporting duties: check-ins, slots with an outcome, and the missed-slot job's cursors. */
@Injectable()
export class ReportingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts a check-in; null when the same caller already stored one under the same idempotency key. */
  async insertCheckIn(m: EntityManager, c: NewCheckIn): Promise<string | null> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO check_in (order_id, order_version, person_id, municipality_code, at, place, place_matches, timing, slot_starts_at,
                             slot_ends_at, meets_slot, recorded_at, recorded_by, idempotency_key, request_hash)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT ON CONSTRAINT uq_check_in_idempotency DO NOTHING RETURNING id`,
      [c.orderId, c.orderVersion, c.personId, c.municipalityCode, c.at, JSON.stringify(c.place), c.placeMatches, c.timing, c.slotStartsAt,
        c.slotEndsAt, c.meetsSlot, c.recordedAt, c.recordedBy, c.idempotencyKey, c.requestHash],
    );
    return rows[0]?.id ?? null;
  }

  async findCheckIn(id: string, m: EntityManager = this.dataSource.manager): Promise<CheckInRow | null> {
    const rows = await m.query(`${CHECK_IN} WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async findCheckInByKey(recordedBy: string, key: string, m: EntityManager = this.dataSource.manager): Promise<CheckInRow | null> {
    const rows = await m.query(`${CHECK_IN} WHERE recorded_by = $1 AND idempotency_key = $2`, [recordedBy, key]);
    return rows[0] ?? null;
  }

  /**
   * Records a slot as met by a check-in; a slot the job already recorded as missed becomes met (the desk registered
   * the check-in late). Returns the outcome the slot had before, or null when it had none; a slot already met keeps
   * its first check-in.
   */
  async markMet(m: EntityManager, s: SlotRow & { placeMunicipalityCode: string }): Promise<SlotOutcome | null> {
    const [before] = await m.query(`SELECT outcome FROM reporting_slot WHERE order_id = $1 AND starts_at = $2 FOR UPDATE`, [s.orderId, s.startsAt]);
    await m.query(
      `INSERT INTO reporting_slot (order_id, order_version, person_id, municipality_code, place_municipality_code, starts_at, ends_at,
                                   local_day, place, outcome, check_in_id, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, 'MET', $10, $11)
       ON CONFLICT ON CONSTRAINT uq_reporting_slot_order_start DO UPDATE
         SET outcome = 'MET', check_in_id = EXCLUDED.check_in_id, recorded_at = EXCLUDED.recorded_at
         WHERE reporting_slot.outcome = 'MISSED'`,
      [s.orderId, s.orderVersion, s.personId, s.municipalityCode, s.placeMunicipalityCode, s.startsAt, s.endsAt, s.localDay,
        JSON.stringify(s.place), s.checkInId, s.recordedAt],
    );
    return before?.outcome ?? null;
  }

  /** Inserts missed slots; slots that already have an outcome are left alone. Returns the starts inserted. */
  async insertMissed(m: EntityManager, slots: (SlotRow & { placeMunicipalityCode: string })[]): Promise<Date[]> {
    if (slots.length === 0) return [];
    const rows: { startsAt: Date }[] = await m.query(
      `INSERT INTO reporting_slot (order_id, order_version, person_id, municipality_code, place_municipality_code, starts_at, ends_at,
                                   local_day, place, outcome, recorded_at)
       SELECT x.order_id, x.order_version, x.person_id, x.municipality_code, x.place_municipality_code, x.starts_at, x.ends_at,
              x.local_day, x.place, 'MISSED', x.recorded_at
         FROM jsonb_to_recordset($1::jsonb) AS x(order_id uuid, order_version int, person_id uuid, municipality_code varchar,
              place_municipality_code varchar, starts_at timestamptz, ends_at timestamptz, local_day date, place jsonb, recorded_at timestamptz)
       ON CONFLICT ON CONSTRAINT uq_reporting_slot_order_start DO NOTHING
       RETURNING starts_at AS "startsAt"`,
      [JSON.stringify(slots.map(toRecord))],
    );
    return rows.map((r) => r.startsAt);
  }

  /** Starts of the order's slots with an outcome in [from, to). */
  async recordedStarts(m: EntityManager, orderId: string, from: Date, to: Date, outcome?: SlotOutcome): Promise<Set<number>> {
    const rows: { startsAt: Date }[] = await m.query(
      `SELECT starts_at AS "startsAt" FROM reporting_slot WHERE order_id = $1 AND starts_at >= $2 AND starts_at < $3 AND ($4::text IS NULL OR outcome = $4)`,
      [orderId, from, to, outcome ?? null],
    );
    return new Set(rows.map((r) => new Date(r.startsAt).getTime()));
  }

  /** The order's slots with an outcome, opening in [from, to), with the time of the check-in that met them. */
  async slotsOfOrder(orderId: string, from: Date, to: Date): Promise<ListedSlotRow[]> {
    return this.dataSource.query(`${LISTED} WHERE s.order_id = $1 AND s.starts_at >= $2 AND s.starts_at < $3 ORDER BY s.starts_at`, [orderId, from, to]);
  }

  /** A page of slots with an outcome whose order or reporting place lies in the municipalities, newest first. */
  async listSlots(f: SlotFilter): Promise<{ rows: ListedSlotRow[]; total: number }> {
    const params = [f.municipalities, f.outcome, f.from ?? null, f.to ?? null];
    const rows = await this.dataSource.query(`${LISTED} ${LIST_FILTER} ORDER BY s.starts_at DESC, s.order_id LIMIT $5 OFFSET $6`, [...params, f.limit, f.offset]);
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM reporting_slot s ${LIST_FILTER}`, params);
    return { rows, total };
  }

  /** The person's missed slots of orders in the municipalities (the dossier), oldest first. */
  async missedOfPerson(personId: string, municipalities: string[]): Promise<ListedSlotRow[]> {
    return this.dataSource.query(`${LISTED} WHERE s.person_id = $1 AND s.municipality_code = ANY($2) AND s.outcome = 'MISSED' ORDER BY s.starts_at`, [
      personId,
      municipalities,
    ]);
  }

  /**
   * Orders with a reporting duty that were issued and whose windows may have closed after the job's cursor: the
   * cursor is behind `now` and behind the end of the order (plus a day, the longest window).
   */
  async dutyCandidates(now: Date): Promise<DutyCandidate[]> {
    return this.dataSource.query(
      `SELECT o.id AS "orderId", o.municipality_code AS "municipalityCode", o.person_id AS "personId", v.version, v.body, mu.time_zone AS "timeZone"
         FROM "order" o
         JOIN order_version v ON v.order_id = o.id AND v.version = (SELECT max(version) FROM order_version WHERE order_id = o.id)
         JOIN municipality mu ON mu.code = o.municipality_code
         LEFT JOIN reporting_cursor c ON c.order_id = o.id
        WHERE v.status NOT IN ('DRAFT', 'INTENT_SENT')
          AND v.body -> 'measures' @> '[{"type": "REPORTING_DUTY"}]'::jsonb
          AND (c.processed_until IS NULL OR c.processed_until < LEAST($1::timestamptz, v.valid_until + interval '1 day',
               (v.body ->> 'withdrawnAt')::timestamptz + interval '1 day', (v.body ->> 'revokedAt')::timestamptz + interval '1 day'))
        ORDER BY o.id`,
      [now],
    );
  }

  /** Locks the order's cursor for this transaction and returns it (null: never processed). */
  async lockCursor(m: EntityManager, orderId: string, now: Date): Promise<Date | null> {
    await m.query(`INSERT INTO reporting_cursor (order_id, processed_until, updated_at) VALUES ($1, '-infinity', $2) ON CONFLICT DO NOTHING`, [orderId, now]);
    const [row] = await m.query(
      `SELECT CASE WHEN processed_until = '-infinity' THEN NULL ELSE processed_until END AS "processedUntil"
         FROM reporting_cursor WHERE order_id = $1 FOR UPDATE`,
      [orderId],
    );
    return row.processedUntil ? new Date(row.processedUntil) : null;
  }

  async advanceCursor(m: EntityManager, orderId: string, processedUntil: Date, now: Date): Promise<void> {
    await m.query(`UPDATE reporting_cursor SET processed_until = $2, updated_at = $3 WHERE order_id = $1`, [orderId, processedUntil, now]);
  }
}

function toRecord(s: SlotRow & { placeMunicipalityCode: string }) {
  return {
    order_id: s.orderId,
    order_version: s.orderVersion,
    person_id: s.personId,
    municipality_code: s.municipalityCode,
    place_municipality_code: s.placeMunicipalityCode,
    starts_at: s.startsAt.toISOString(),
    ends_at: s.endsAt.toISOString(),
    local_day: s.localDay,
    place: s.place,
    recorded_at: s.recordedAt.toISOString(),
  };
}
