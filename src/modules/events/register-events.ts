import { Injectable, Logger } from '@nestjs/common';

type Listener<T> = (event: T) => Promise<void> | void;

export interface PersonChange {
  personId: string;
  municipalityCode: string | null;
}

/**
 * In-process notices that the register changed, published after the change's transaction committed. Publishing
 * waits for the listeners (e.g. the breach index patching itself), so whoever made a change and then asks this
 * instance sees it; a failing listener is logged and never undoes the committed change.
 */
@Injectable()
export class RegisterEvents {
  private readonly logger = new Logger(RegisterEvents.name);
  private readonly orderListeners: Listener<string>[] = [];
  private readonly personListeners: Listener<PersonChange>[] = [];

  onOrderChanged(listener: Listener<string>): void {
    this.orderListeners.push(listener);
  }

  onPersonChanged(listener: Listener<PersonChange>): void {
    this.personListeners.push(listener);
  }

  orderChanged(orderId: string): Promise<void> {
    return this.publish(this.orderListeners, orderId);
  }

  personChanged(personId: string, municipalityCode: string | null): Promise<void> {
    return this.publish(this.personListeners, { personId, municipalityCode });
  }

  private async publish<T>(listeners: Listener<T>[], event: T): Promise<void> {
    const results = await Promise.allSettled(listeners.map(async (l) => l(event)));
    for (const r of results) if (r.status === 'rejected') this.logger.error({ err: r.reason }, 'A register listener failed');
  }
}
