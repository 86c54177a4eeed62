import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance } from 'fastify';
import pino, { type Logger as Pino } from 'pino';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';

/** The id of the request being handled, for every log line written while handling it. */
const requestContext = new AsyncLocalStorage<string>();

/** A request slower than this is logged even when it succeeded. */
export const SLOW_REQUEST_MS = 500;

/** The process's one pino logger: JSON lines, each written while a request is handled carrying its `requestId`. */
export function createRootLogger(level: string): Pino {
  return pino(
    {
      level,
      // A fresh object each time: pino merges the line's own fields into it.
      mixin: () => {
        const requestId = requestContext.getStore();
        return requestId === undefined ? {} : { requestId };
      },
    },
    // Buffered writes to stdout (flushed at 4 KiB and on exit): a write per line costs the breach check ~10%.
    pino.destination({ dest: 1, minLength: 4096, sync: false }),
  );
}

let root: Pino | undefined;

/**
 * Structured JSON logs (nestjs-pino as Nest's logger) without a per-request logging middleware: a request is logged
 * by {@link registerRequestLogging} only when it failed (status >= 400) or was slow, and never with its headers,
 * body or query string, so no personal data reaches the log. The root logger is made once per process.
 */
export function loggerOptions(config: AppConfig): Params {
  root ??= createRootLogger(config.logLevel);
  return { pinoHttp: { logger: root }, forRoutes: [] };
}

/**
 * Request hooks: the request id becomes the context of everything the request runs (so any log line written meanwhile
 * carries it), and the request is logged — method, route pattern (not the path: it may hold ids), status, time — when
 * it failed or took longer than {@link SLOW_REQUEST_MS}. Successful fast requests, the police's hot path, write nothing.
 */
export function registerRequestLogging(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) => requestContext.run(String(request.id), done));
  fastify.addHook('onResponse', (request, reply, done) => {
    const statusCode = reply.statusCode;
    const responseTimeMs = Math.round(reply.elapsedTime * 10) / 10;
    if (statusCode >= 400 || responseTimeMs >= SLOW_REQUEST_MS) {
      const line = { requestId: String(request.id), method: request.method, route: request.routeOptions.url ?? '(no route)', statusCode, responseTimeMs };
      if (statusCode >= 500) root?.error(line, 'request failed');
      else if (statusCode >= 400) root?.info(line, 'request refused');
      else root?.warn(line, 'slow request');
    }
    done();
  });
}
