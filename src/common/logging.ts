import type { IncomingMessage } from 'node:http';
import pino from 'pino';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';

/**
 * Structured JSON logs with the request id on every line. Requests are logged by method, path (no query string:
 * it could carry search terms) and status; never headers, bodies or tokens, so no personal data reaches the log.
 */
export function loggerOptions(config: AppConfig): Params {
  return {
    pinoHttp: [{
      level: config.logLevel,
      genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id?: string }).id ?? 'unknown',
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url?.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customAttributeKeys: { reqId: 'requestId' },
      redact: { paths: ['req.headers', 'res.headers'], remove: true },
      quietReqLogger: true,
    },
    // Buffered writes to stdout (flushed at 4 KiB and on exit): one write per request costs breach checks ~10%.
    pino.destination({ dest: 1, minLength: 4096, sync: false })],
  };
}
