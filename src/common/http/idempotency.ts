import { createHash } from 'node:crypto';
import stringify from 'safe-stable-stringify';
import { DomainError } from '../../domain/shared/domain-error';

/**
 * `Idempotency-Key` for registrations the police apps retry on bad connections (check-ins, violations). The key is
 * stored with the row under a unique (recorded_by, idempotency_key) constraint, so a retry, even one racing the first
 * request, stores nothing new and gets the first result back. The same key with a different request is refused.
 */

const KEY = /^[\x21-\x7e]{1,255}$/;

/** The validated header value, or undefined when the client sent none (then nothing is deduplicated). */
export function idempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!KEY.test(header)) {
    const message = 'Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID is a good choice)';
    throw new DomainError('INVALID_INPUT', message, { errors: [{ field: 'Idempotency-Key', code: 'invalid', message }] });
  }
  return header;
}

/** A fingerprint of what was asked (the route's target and its body), to recognise a retry of the same request. */
export function requestHash(target: string, body: unknown): string {
  return createHash('sha256').update(`${target}\n${stringify(body)}`).digest('hex');
}

/** A retry must be the same request; the same key with another body is a client bug (422). */
export function assertSameRequest(key: string, storedHash: string | null, hash: string): void {
  if (storedHash !== null && storedHash.trim() !== hash) {
    throw new DomainError('CONFLICT', `Idempotency-Key ${key} was already used for a different request; use a new key for a new registration`, { status: 422 });
  }
}

/** A registration's result with whether it was replayed from an earlier request with the same key. */
export interface Registered<T> {
  body: T;
  replayed: boolean;
}
