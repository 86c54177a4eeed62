import { BadRequestException } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from 'helmet';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { globalGuards } from './app.module';
import type { AppConfig } from './config/app-config';
import { registerFastRoutes } from './common/http/fast-route';
import { registerRequestLogging } from './common/logging';
import { reservedKeyPath } from './common/validation/reserved-keys';
import { contentSecurityPolicy, registerWebAssets } from './modules/web/web-assets';

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
  // The CSP also lets the web pages load base-map tiles and reach the OpenID Connect issuer (see web-assets.ts).
  // helmet's middleware is built once here; @fastify/helmet would build it anew (and parse the CSP) on every request.
  const securityHeaders = helmet({ contentSecurityPolicy: contentSecurityPolicy(config) });
  app.getHttpAdapter().getInstance().addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (err) => done(err as Error | undefined)));
  app.enableCors({ origin: config.corsOrigins.length ? config.corsOrigins : false, methods: ['GET', 'POST', 'PUT'], maxAge: 600 });
  app.setGlobalPrefix(API_PREFIX);
  registerWebAssets(app);
  const fastify = app.getHttpAdapter().getInstance();
  registerRequestLogging(fastify);
  registerFastRoutes(app, globalGuards(config).map((guard) => app.get(guard)));
  // Keys such as "constructor" would be dropped silently by the DTO transform; unknown fields are a 400 (style guide).
  // Every request body of this API is a JSON object: a bare null, number, string or list is refused.
  fastify.addHook('preValidation', (request, _reply, done) => {
    const { body } = request;
    if (body !== undefined && (body === null || typeof body !== 'object' || Array.isArray(body))) {
      const message = 'The request body must be a JSON object';
      return done(new BadRequestException({ slug: 'malformed-request', detail: message, errors: [{ field: '(body)', code: 'notAnObject', message }] }));
    }
    const field = reservedKeyPath(body);
    if (field === undefined) return done();
    const message = `${field} is a reserved key or nests deeper than any request body of this API`;
    done(new BadRequestException({ slug: 'malformed-request', detail: message, errors: [{ field, code: 'reservedKey', message }] }));
  });
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
