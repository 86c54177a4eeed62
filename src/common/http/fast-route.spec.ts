import {
  Body,
  CallHandler,
  CanActivate,
  Controller,
  ExecutionContext,
  ForbiddenException,
  HttpCode,
  Injectable,
  Module,
  NestInterceptor,
  Post,
  Req,
  SetMetadata,
  UnauthorizedException,
  UsePipes,
  ValidationPipe,
  type Type,
} from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, NestFactory, Reflector } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { tap } from 'rxjs';
import { DomainError } from '../../domain/shared/domain-error';
import { ProblemDetailsFilter } from '../problem/problem-details.filter';
import { FastRoute, registerFastRoutes } from './fast-route';

const ROLE = 'role';

/** A global guard in the style of the app's auth guard: a header for a token, the route's declared role. */
@Injectable()
class HeaderGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const given = request.headers['x-role'];
    if (given === undefined) throw new UnauthorizedException('A role header is required');
    const needed = this.reflector.get<string>(ROLE, context.getHandler());
    if (given === 'slow') return Promise.resolve(needed === 'police'); // the guard's asynchronous path
    if (given !== needed) throw new ForbiddenException(`Needs ${needed}`);
    return true;
  }
}

/** Marks the responses that went through Nest's interceptors, which a fast route does not. */
@Injectable()
class MarkingInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler) {
    return next.handle().pipe(tap(() => context.switchToHttp().getResponse<FastifyReply>().header('x-nest-pipeline', 'yes')));
  }
}

@Controller()
class SampleController {
  @Post('fast')
  @HttpCode(200)
  @SetMetadata(ROLE, 'police')
  @FastRoute()
  fast(@Req() request: FastifyRequest) {
    const body = request.body as { fail?: boolean };
    if (body.fail) throw new DomainError('NOT_FOUND', 'Person not found');
    return Promise.resolve({ route: 'fast', echo: body });
  }

  @Post('created')
  @SetMetadata(ROLE, 'police')
  @FastRoute()
  created(@Req() _request: FastifyRequest) {
    return { route: 'created' };
  }

  @Post('lawyers')
  @HttpCode(200)
  @SetMetadata(ROLE, 'lawyer')
  @FastRoute()
  lawyers(@Req() _request: FastifyRequest) {
    return { route: 'lawyers' };
  }

  @Post('nest')
  @HttpCode(200)
  @SetMetadata(ROLE, 'police')
  nest(@Req() request: FastifyRequest) {
    return { route: 'nest', echo: request.body };
  }
}

async function appWith(controller: Type<unknown>): Promise<NestFastifyApplication> {
  @Module({
    controllers: [controller],
    providers: [HeaderGuard, { provide: APP_FILTER, useClass: ProblemDetailsFilter }, { provide: APP_INTERCEPTOR, useClass: MarkingInterceptor }],
  })
  class SampleModule {}
  const app = await NestFactory.create<NestFastifyApplication>(SampleModule, new FastifyAdapter(), { logger: false });
  app.useGlobalGuards(app.get(HeaderGuard));
  registerFastRoutes(app, [app.get(HeaderGuard)]);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

describe('FastRoute', () => {
  let app: NestFastifyApplication;
  const post = (url: string, role: string | undefined, payload: object = { a: 1 }) =>
    app.inject({ method: 'POST', url, payload, headers: role === undefined ? {} : { 'x-role': role } });

  beforeAll(async () => {
    app = await appWith(SampleController);
  });
  afterAll(() => app.close());

  it('answers from the method, without Nest\'s pipeline (its interceptor does not run), with the declared status', async () => {
    const fast = await post('/fast', 'police');
    expect(fast.statusCode).toBe(200);
    expect(fast.json()).toEqual({ route: 'fast', echo: { a: 1 } });
    expect(fast.headers['x-nest-pipeline']).toBeUndefined();
    const nest = await post('/nest', 'police');
    expect(nest.json()).toEqual({ route: 'nest', echo: { a: 1 } });
    expect(nest.headers['x-nest-pipeline']).toBe('yes');
    expect((await post('/created', 'police')).statusCode).toBe(201); // POST without @HttpCode, as Nest answers
  });

  it('runs the global guards with the route\'s metadata: 401, 403, and a guard that answers with a promise', async () => {
    const missing = await post('/fast', undefined);
    expect(missing.statusCode).toBe(401);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json()).toMatchObject({ status: 401, detail: 'A role header is required', instance: '/fast' });
    expect((await post('/fast', 'mayor')).statusCode).toBe(403);
    expect((await post('/fast', 'slow')).statusCode).toBe(200);
    expect((await post('/lawyers', 'slow')).statusCode).toBe(403); // the promise says no
  });

  it('hands an error of the method to Nest\'s exception layer (the same problem+json as on any route)', async () => {
    const res = await post('/fast', 'police', { fail: true });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 404, detail: 'Person not found', instance: '/fast' });
  });

  it('refuses to start with a fast route that takes more than the request or declares pipes of its own', async () => {
    @Controller()
    class WithBody {
      @Post('x')
      @FastRoute()
      x(@Body() body: object) {
        return body;
      }
    }
    await expect(appWith(WithBody)).rejects.toThrow('Fast route WithBody.x must take the request (@Req()) as its only parameter');

    @Controller()
    @UsePipes(new ValidationPipe())
    class WithPipes {
      @Post('y')
      @FastRoute()
      y(@Req() request: FastifyRequest) {
        return request.body;
      }
    }
    await expect(appWith(WithPipes)).rejects.toThrow('Fast route WithPipes.y declares pipes of its own');
  });
});
