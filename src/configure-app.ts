import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from '@fastify/helmet';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AppConfig } from './config/app-config';

export const API_PREFIX = 'api/v1';
export const API_VERSION = '1.0.0';

const INCOMING_REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/**
 * The HTTP adapter. Fastify, because breach checks are the hot path and it serves about twice Express's requests
 * per second here. No trailing-slash aliases (`/health/` is a 404), a body limit, and the request id taken from
 * a well-formed `X-Request-Id` or made fresh.
 */
export function createHttpAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    routerOptions: { ignoreTrailingSlash: false, ignoreDuplicateSlashes: false },
    genReqId: (req: IncomingMessage) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && INCOMING_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
  });
}

/** Everything `main.ts` and the tests share, so tests run exactly the production pipeline. */
export async function configureApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  app.useLogger(app.get(Logger));
  // Security headers on every response; the OpenAPI docs page needs its own inline styles, which helmet's default allows.
  await app.register(helmet);
  app.enableCors({ origin: config.corsOrigins.length ? config.corsOrigins : false, methods: ['GET', 'POST', 'PUT'], maxAge: 600 });
  app.setGlobalPrefix(API_PREFIX);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    (request.raw as typeof request.raw & { id?: string }).id = String(request.id);
    reply.header('API-Version', API_VERSION);
    reply.header('X-Request-Id', request.id);
    done();
  });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Register of mayoral orders')
      .setDescription(
        'Area bans, group bans and reporting duties of Dutch mayors (art. 172(3) and 172a Gemeentewet, APV), ' +
          'with breach checks for the police and an audit trail for municipal lawyers.',
      )
      .setVersion(API_VERSION)
      .addServer('/')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, document, {
    jsonDocumentUrl: `${API_PREFIX}/openapi.json`,
    yamlDocumentUrl: `${API_PREFIX}/openapi.yaml`,
    useGlobalPrefix: false,
  });
}
