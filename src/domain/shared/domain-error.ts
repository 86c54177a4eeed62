/**
 * Error raised by the domain core or the application services. The HTTP layer maps `code` to a
 * problem+json response; the domain never knows about HTTP.
 */
export type DomainErrorCode =
  | 'NOT_FOUND'
  | 'INVALID_INPUT'
  | 'RULE_VIOLATION'
  | 'CONFLICT'
  | 'STALE_VERSION'
  | 'ILLEGAL_TRANSITION'
  | 'FORBIDDEN';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
