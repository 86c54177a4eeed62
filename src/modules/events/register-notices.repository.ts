import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { encodeNotice, REGISTER_CHANNEL, type RegisterNotice } from './register-notice';

@Injectable()
export class RegisterNoticesRepository {
  /**
   * Queues the notice in the caller's transaction: PostgreSQL delivers it to the listening instances only if and
   * when that transaction commits, so nobody hears of a change that was rolled back.
   */
  async notify(m: EntityManager, notice: RegisterNotice): Promise<void> {
    await m.query('SELECT pg_notify($1, $2)', [REGISTER_CHANNEL, encodeNotice(notice)]);
  }
}
