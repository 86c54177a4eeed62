import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type DomainErrorCode } from '../../domain/shared/domain-error';
import { isDatabaseUnavailable } from './database-unavailable';
import { Problem, PROBLEM_CONTENT_TYPE, problemType, statusTitle } from './problem';

/** Seconds a client is asked to wait after a 503 (database away, processing log not recordable). */
export const RETRY_AFTER_S = 5;

const DOMAIN_STATUS: Record<DomainErrorCode, number> = {
  NOT_FOUND: 404,
  INVALID_INPUT: 400,
  RULE_VIOLATION: 422,
  CONFLICT: 409,
  STALE_VERSION: 409,
  ILLEGAL_TRANSITION: 409,
  FORBIDDEN: 403,
};

type HttpErrorBody = { slug?: string; detail?: string; message?: string | string[]; [k: string]: unknown };

function fromHttpException(e: HttpException): Problem {
  const status = e.getStatus();
  const body = e.getResponse();
  const { slug, detail, message, error: _error, statusCode: _sc, ...extensions } =
    typeof body === 'string' ? ({ message: body } as HttpErrorBody) : (body as HttpErrorBody);
  const text = detail ?? (Array.isArray(message) ? message.join('; ') : message) ?? statusTitle(status);
  // Extensions never override the problem's own members (terminus's 503 body carries `status: 'error'`).
  return { ...extensions, type: problemType(slug), title: statusTitle(status), status, detail: text };
}

function fromDomainError(e: DomainError): Problem {
  const status = (e.details['status'] as number | undefined) ?? DOMAIN_STATUS[e.code];
  const { status: _s, problemSlug, ...extensions } = e.details;
  return {
    type: problemType((problemSlug as string | undefined) ?? e.code.toLowerCase().replace(/_/g, '-')),
    title: statusTitle(status),
    status,
    detail: e.message,
    ...extensions,
  };
}

/** Fastify's own client errors (malformed JSON, body too large, wrong media type) carry a 4xx `statusCode`. */
function fromFrameworkClientError(e: unknown): Problem | undefined {
  const err = e as { statusCode?: unknown; code?: unknown; message?: unknown };
  if (typeof err?.statusCode !== 'number' || err.statusCode < 400 || err.statusCode >= 500) return undefined;
  const slug = typeof err.code === 'string' && err.code.startsWith('FST_') ? 'malformed-request' : undefined;
  return {
    type: problemType(slug),
    title: statusTitle(err.statusCode),
    status: err.statusCode,
    detail: typeof err.message === 'string' ? err.message : statusTitle(err.statusCode),
  };
}

/**
 * Maps every error to `application/problem+json` (RFC 9457). Unknown errors become a 500 that names only the
 * request id; their stack goes to the log (which carries no request bodies), never to the client.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    const problem =
      exception instanceof DomainError
        ? fromDomainError(exception)
        : exception instanceof HttpException
          ? fromHttpException(exception)
          : (fromFrameworkClientError(exception) ?? (isDatabaseUnavailable(exception) ? this.unavailable(exception) : this.internal(exception)));
    problem.instance = request.url.split('?')[0];
    problem.requestId = String(request.id);
    if (problem.status === HttpStatus.UNAUTHORIZED) reply.header('WWW-Authenticate', 'Bearer');
    if (problem.status === HttpStatus.SERVICE_UNAVAILABLE && !reply.hasHeader('Retry-After')) reply.header('Retry-After', String(RETRY_AFTER_S));
    reply.status(problem.status).header('Content-Type', PROBLEM_CONTENT_TYPE).send(problem);
  }

  /** The database is away: a quick 503 the client may retry, not a 500 (and no stack: it is not a bug). */
  private unavailable(exception: unknown): Problem {
    const e = exception as { code?: unknown; message?: unknown };
    this.logger.warn(`Database unavailable: ${typeof e.code === 'string' ? e.code : ''} ${typeof e.message === 'string' ? e.message.split('\n')[0] : ''}`.trim());
    return {
      type: problemType('database-unavailable'),
      title: statusTitle(503),
      status: 503,
      detail: 'The database is not reachable right now; retry shortly. Breach checks are still answered.',
    };
  }

  private internal(exception: unknown): Problem {
    this.logger.error({ err: exception }, 'Unhandled error');
    return {
      type: problemType(),
      title: statusTitle(500),
      status: 500,
      detail: 'An unexpected error occurred. Quote the request id when reporting it.',
    };
  }
}
