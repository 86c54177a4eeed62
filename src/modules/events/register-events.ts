import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { RegisterNotice } from './register-notice';
import { RegisterNoticesRepository } from './register-notices.repository';

type Listener<T> = (event: T) => Promise<void> | void;

export interface PersonChange {
  personId: string;
  municipalityCode: string | null;
}

/**
 * Notices that the register changed. A change is announced twice:
 * - inside its transaction (`announce…`), as a PostgreSQL notification the other instances receive on commit;
 * - after the commit (`orderChanged`, `personChanged`), in-process: publishing waits for the listeners (e.g. the
 *   breach index patching itself), so whoever made a change and then asks this instance sees it.
 * Notices from other instances arrive through `deliver` and reach the same listeners. A failing listener is logged
 * and never undoes the committed change.
 */
@Injectable()
export class RegisterEvents {
  /** Identifies this process on the notification channel, so it can skip its own announcements. */
  readonly instanceId = randomUUID();
  private readonly logger = new Logger(RegisterEvents.name);
  private readonly orderListeners: Listener<string>[] = [];
  private readonly personListeners: Listener<PersonChange>[] = [];

  constructor(private readonly notices: RegisterNoticesRepository) {}

  onOrderChanged(listener: Listener<string>): void {
    this.orderListeners.push(listener);
  }

  onPersonChanged(listener: Listener<PersonChange>): void {
    this.personListeners.push(listener);
  }

  /** Call inside the transaction that writes an order version. */
  announceOrderChanged(m: EntityManager, orderId: string): Promise<void> {
    return this.notices.notify(m, { kind: 'order', orderId, origin: this.instanceId });
  }

  /** Call inside the transaction that writes a person. */
  announcePersonChanged(m: EntityManager, personId: string, municipalityCode: string | null): Promise<void> {
    return this.notices.notify(m, { kind: 'person', personId, municipalityCode, origin: this.instanceId });
  }

  orderChanged(orderId: string): Promise<void> {
    return this.publish(this.orderListeners, orderId);
  }

  personChanged(personId: string, municipalityCode: string | null): Promise<void> {
    return this.publish(this.personListeners, { personId, municipalityCode });
  }

  /** A notice another instance announced; this instance's own were applied after its commit and are skipped. */
  async deliver(notice: RegisterNotice): Promise<void> {
    if (notice.origin === this.instanceId) return;
    if (notice.kind === 'order') await this.orderChanged(notice.orderId);
    else await this.personChanged(notice.personId, notice.municipalityCode);
  }

  private async publish<T>(listeners: Listener<T>[], event: T): Promise<void> {
    const results = await Promise.allSettled(listeners.map(async (l) => l(event)));
    for (const r of results) if (r.status === 'rejected') this.logger.error({ err: r.reason }, 'A register listener failed');
  }
}
