import { DomainError } from '../shared/domain-error';
import type { OrderState, OrderStatus } from './order';
import { currentEnd } from '../rules/rule-helpers';

/** Every change the register can make to an order; each one writes a new order version. */
export type OrderAction =
  | 'CREATE'
  | 'UPDATE_DRAFT'
  | 'SEND_INTENT'
  | 'RECORD_VIEW'
  | 'ISSUE'
  | 'EXTEND'
  | 'AMEND'
  | 'GRANT_EXEMPTION'
  | 'RECORD_OBJECTION'
  | 'SUSPEND'
  | 'LIFT_SUSPENSION'
  | 'WITHDRAW'
  | 'REVOKE'
  | 'RECORD_REVIEW';

const RUNNING: OrderStatus[] = ['ISSUED', 'EXTENDED', 'AMENDED'];
const PREPARING: OrderStatus[] = ['DRAFT', 'INTENT_SENT'];

/**
 * From which (effective) statuses each action may start. `EXPIRED` is effective, never stored: an issued order
 * whose validity has ended. Extending it is let through so that `GW172A-EXTENSIONS` can say why it is refused.
 */
const ALLOWED_FROM: Record<Exclude<OrderAction, 'CREATE'>, OrderStatus[]> = {
  UPDATE_DRAFT: PREPARING,
  SEND_INTENT: ['DRAFT'],
  RECORD_VIEW: ['INTENT_SENT'],
  ISSUE: PREPARING,
  EXTEND: [...RUNNING, 'EXPIRED'],
  AMEND: RUNNING,
  GRANT_EXEMPTION: RUNNING,
  RECORD_OBJECTION: [...RUNNING, 'SUSPENDED', 'EXPIRED', 'WITHDRAWN'],
  SUSPEND: RUNNING,
  LIFT_SUSPENSION: ['SUSPENDED'],
  WITHDRAW: [...PREPARING, ...RUNNING, 'SUSPENDED'],
  REVOKE: [...RUNNING, 'SUSPENDED', 'EXPIRED'],
  RECORD_REVIEW: RUNNING,
};

/** The status an order shows at `now`: its recorded status, or EXPIRED once a running order's validity ended. */
export function effectiveStatus(order: OrderState, now: string): OrderStatus {
  if (!RUNNING.includes(order.status)) return order.status;
  const end = lastDayEnd(order);
  return end !== undefined && Date.parse(end) <= Date.parse(now) ? 'EXPIRED' : order.status;
}

function lastDayEnd(order: OrderState): string | undefined {
  if (order.validity.mode === 'CONTINUOUS') return currentEnd(order);
  const last = [...order.validity.days].sort().at(-1);
  // A separate day ends at the next local midnight; a day's margin is enough to call the order expired after it.
  return last ? new Date(Date.parse(`${last}T00:00:00Z`) + 2 * 86_400_000).toISOString() : undefined;
}

/** Refuses an action the order's status does not allow (409 problem with a clear detail). */
export function assertTransition(action: Exclude<OrderAction, 'CREATE'>, status: OrderStatus): void {
  if (!ALLOWED_FROM[action].includes(status)) {
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      `An order that is ${status} cannot take the action ${action}; allowed from: ${ALLOWED_FROM[action].join(', ')}`,
      { status: 409, currentStatus: status, action },
    );
  }
}

/** The recorded status after an action (suspension remembers the status it interrupted, in `order`). */
export function statusAfter(action: OrderAction, order: OrderState): OrderStatus {
  switch (action) {
    case 'CREATE':
    case 'UPDATE_DRAFT':
      return order.status ?? 'DRAFT';
    case 'SEND_INTENT':
      return 'INTENT_SENT';
    case 'ISSUE':
      return 'ISSUED';
    case 'EXTEND':
      return 'EXTENDED';
    case 'AMEND':
      return 'AMENDED';
    case 'SUSPEND':
      return 'SUSPENDED';
    case 'LIFT_SUSPENSION':
      return order.statusBeforeSuspension ?? 'ISSUED';
    case 'WITHDRAW':
      return 'WITHDRAWN';
    case 'REVOKE':
      return 'REVOKED';
    default:
      return order.status;
  }
}
