import { STATUS_CODES } from 'node:http';
import type { Finding } from '../../domain/shared/finding';

/** One field problem: which field (dotted path, `[i]` for list items), what check failed, and why. */
export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/** RFC 9457 problem details, as every v1 error is returned (`application/problem+json`). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldProblem[];
  findings?: Finding[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** Problem type URIs: `about:blank` when the status says it all, a stable URN when clients can act on it. */
export function problemType(slug?: string): string {
  return slug ? `urn:ordreg:problem:${slug}` : 'about:blank';
}

export function statusTitle(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}
