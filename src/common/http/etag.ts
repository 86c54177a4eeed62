import { DomainError } from '../../domain/shared/domain-error';

/** The strong ETag of a versioned resource. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * The version a client edited, from `If-Match` (an ETag this service gave out) or the body's `version`.
 * Returns undefined when the client sent neither (last-writer-wins is not offered for these resources, so
 * callers that require it refuse with 428).
 */
export function expectedVersion(ifMatch: string | undefined, bodyVersion: number | undefined): number | undefined {
  if (ifMatch !== undefined) {
    const m = /^(?:W\/)?"(\d+)"$/.exec(ifMatch.trim());
    if (!m) throw new DomainError('INVALID_INPUT', 'If-Match must be an ETag of this resource, e.g. "3"', { status: 400 });
    const v = Number(m[1]);
    if (bodyVersion !== undefined && bodyVersion !== v) {
      throw new DomainError('INVALID_INPUT', 'If-Match and body version disagree', { status: 400 });
    }
    return v;
  }
  return bodyVersion;
}

export function requireExpectedVersion(ifMatch: string | undefined, bodyVersion: number | undefined): number {
  const v = expectedVersion(ifMatch, bodyVersion);
  if (v === undefined) {
    throw new DomainError('CONFLICT', 'Send the version you edited (If-Match header or "version" field)', { status: 428 });
  }
  return v;
}
