import { ForbiddenException, HttpStatus, RequestMethod, type CanActivate, type Type } from '@nestjs/common';
import {
  EXCEPTION_FILTERS_METADATA,
  GUARDS_METADATA,
  HTTP_CODE_METADATA,
  INTERCEPTORS_METADATA,
  METHOD_METADATA,
  PIPES_METADATA,
  ROUTE_ARGS_METADATA,
} from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { RouteConfig, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { isObservable, lastValueFrom } from 'rxjs';

/** The route-config key a fast route is marked with (Nest hands a route's `@RouteConfig` to Fastify). */
const FAST_ROUTE = 'fastRoute';

interface FastRouteMark {
  controller: Type<unknown>;
  key: string;
}

type Handler = (request: FastifyRequest) => unknown;

/**
 * Marks a controller method that Fastify calls directly, without Nest's per-request pipeline: the app's global
 * guards run (the same instances, in the same order, with an execution context naming this controller and method,
 * so `@Roles()` and `@Public()` work as on every route), then the method with the request. Everything else stays as
 * on any route: it is a Nest route (the OpenAPI document and the route listings of the tests see it), Fastify's
 * hooks run (security headers, request id, logging, the body checks), and a thrown error reaches Nest's exception
 * layer through Fastify's error handler (so the same problem+json).
 *
 * What it saves is the promise chain Nest wraps each handler in (guards consumer, parameter pipes, interceptors,
 * response controller): on the breach check, the police's hot path, a measurable share of its throughput (see the
 * README's HTTP benchmark). So the method may take only `@Req()`, and neither it nor its controller may declare
 * guards, pipes, interceptors or exception filters of its own: {@link registerFastRoutes} refuses to start otherwise.
 */
export function FastRoute(): MethodDecorator {
  return (target, key, descriptor) => {
    const mark: FastRouteMark = { controller: target.constructor as Type<unknown>, key: String(key) };
    RouteConfig({ [FAST_ROUTE]: mark })(target, key, descriptor);
  };
}

/**
 * Makes the routes marked {@link FastRoute} fast as Nest registers them (call before `app.init()`). `guards` are
 * the app's global guards in Nest's order: the same list the app module registers as `APP_GUARD`.
 */
export function registerFastRoutes(app: NestFastifyApplication, guards: readonly CanActivate[]): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRoute', (route: RouteOptions) => {
      const mark = (route.config as Record<string, unknown> | undefined)?.[FAST_ROUTE] as FastRouteMark | undefined;
      if (mark) route.handler = fastHandler(app, mark, guards);
    });
}

function fastHandler(app: NestFastifyApplication, { controller, key }: FastRouteMark, guards: readonly CanActivate[]) {
  const method = (controller.prototype as Record<string, Handler>)[key];
  assertFastRoute(controller, key, method);
  const instance = app.get(controller, { strict: false });
  const status = statusOf(method);
  const call = (request: FastifyRequest) => method.call(instance, request);
  return function fastRoute(request: FastifyRequest, reply: FastifyReply): unknown {
    reply.code(status);
    const passed = passGuards(guards, new ExecutionContextHost([request, reply, undefined], controller, method), 0);
    return passed === true ? call(request) : passed.then(() => call(request));
  };
}

/** Runs the guards from `from` on; synchronous while they are (a cached token), as Nest's guards consumer is. */
function passGuards(guards: readonly CanActivate[], context: ExecutionContextHost, from: number): true | Promise<true> {
  for (let i = from; i < guards.length; i++) {
    const result = guards[i].canActivate(context);
    if (typeof result === 'boolean') {
      if (!result) throw new ForbiddenException('Forbidden resource');
      continue;
    }
    const settled = isObservable(result) ? lastValueFrom(result) : result;
    return settled.then((allowed) => {
      if (!allowed) throw new ForbiddenException('Forbidden resource');
      return passGuards(guards, context, i + 1);
    });
  }
  return true;
}

/** The status Nest would answer with: `@HttpCode()`, else 201 for POST and 200 for the other methods. */
function statusOf(method: Handler): number {
  const declared = Reflect.getMetadata(HTTP_CODE_METADATA, method) as number | undefined;
  if (declared !== undefined) return declared;
  return Reflect.getMetadata(METHOD_METADATA, method) === RequestMethod.POST ? HttpStatus.CREATED : HttpStatus.OK;
}

/** Refuses (at start-up) a fast route whose declarations Nest's pipeline would honour and this one would not. */
function assertFastRoute(controller: Type<unknown>, key: string, method: Handler | undefined): void {
  const name = `${controller.name}.${key}`;
  if (typeof method !== 'function') throw new Error(`Fast route ${name} is not a method`);
  for (const [what, metadataKey] of [
    ['guards', GUARDS_METADATA],
    ['pipes', PIPES_METADATA],
    ['interceptors', INTERCEPTORS_METADATA],
    ['exception filters', EXCEPTION_FILTERS_METADATA],
  ] as const) {
    const own = [Reflect.getMetadata(metadataKey, controller), Reflect.getMetadata(metadataKey, method)];
    if (own.some((list) => Array.isArray(list) && list.length > 0)) throw new Error(`Fast route ${name} declares ${what} of its own`);
  }
  const args = Object.keys((Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, key) as object | undefined) ?? {});
  if (args.length !== 1 || args[0] !== `${RouteParamtypes.REQUEST}:0`) {
    throw new Error(`Fast route ${name} must take the request (@Req()) as its only parameter`);
  }
}
