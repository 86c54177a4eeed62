import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { Clock } from '../../common/clock';

export type ProcessingAction = 'person.read' | 'person.created' | 'order.read' | 'letter.read' | 'breach-check' | 'active-orders.read' | 'dossier.read' | 'audit.read' | 'violation.read' | 'reporting.read';

export interface ProcessingEntry {
  action: ProcessingAction;
  personId: string;
  municipalityCode: string;
  /** The purpose or case reference the asker stated (header `X-Purpose`), if any. */
  purpose?: string;
}

/** Records every read of a person's data: who, when, about whom, why. Positions and contents are never logged. */
@Injectable()
export class ProcessingLogService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async record(actor: Actor, entry: ProcessingEntry, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO processing_log (occurred_at, actor, actor_roles, municipality_code, person_id, action, purpose, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [this.clock.now(), actor.sub, actor.roles, entry.municipalityCode, entry.personId, entry.action, entry.purpose?.slice(0, 500) ?? null, actor.requestId ?? null],
    );
  }

  /** Records many reads in one statement (a report listing many persons' orders logs one row per person). */
  async recordMany(actor: Actor, entries: ProcessingEntry[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (entries.length === 0) return;
    await manager.query(
      `INSERT INTO processing_log (occurred_at, actor, actor_roles, municipality_code, person_id, action, purpose, request_id)
       SELECT $1, $2, $3, e.municipality_code, e.person_id, e.action, e.purpose, $4
         FROM unnest($5::text[], $6::uuid[], $7::text[], $8::text[]) AS e(municipality_code, person_id, action, purpose)`,
      [
        this.clock.now(), actor.sub, actor.roles, actor.requestId ?? null,
        entries.map((e) => e.municipalityCode), entries.map((e) => e.personId), entries.map((e) => e.action),
        entries.map((e) => e.purpose?.slice(0, 500) ?? null),
      ],
    );
  }
}
