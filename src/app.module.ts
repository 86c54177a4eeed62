import { DynamicModule, Module, ValidationPipe, type CanActivate, type Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { DataSource } from 'typeorm';
import { AuthGuard } from './auth/auth.guard';
import { JwtVerifier } from './auth/jwt-verifier';
import { Clock, SystemClock } from './common/clock';
import { loggerOptions } from './common/logging';
import { ProblemDetailsFilter } from './common/problem/problem-details.filter';
import { RateLimitGuard } from './common/rate-limit/rate-limit.guard';
import { RateLimitModule } from './common/rate-limit/rate-limit.module';
import { validationExceptionFactory } from './common/problem/validation-errors';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { AuditReportModule } from './modules/audit-report/audit-report.module';
import { AuditModule } from './modules/audit/audit.module';
import { DossierModule } from './modules/dossier/dossier.module';
import { EventsModule } from './modules/events/events.module';
import { BenchModule } from './modules/bench/bench.module';
import { BreachModule } from './modules/breach/breach.module';
import { HealthModule } from './modules/health/health.module';
import { LettersModule } from './modules/letters/letters.module';
import { MunicipalitiesModule } from './modules/municipalities/municipalities.module';
import { OrdersModule } from './modules/orders/orders.module';
import { PersonsModule } from './modules/persons/persons.module';
import { ProsecutorOrdersModule } from './modules/prosecutor-orders/prosecutor-orders.module';
import { ReportingModule } from './modules/reporting/reporting.module';
import { RetentionModule } from './modules/retention/retention.module';
import { ViolationsModule } from './modules/violations/violations.module';
import { ProcessingLogModule } from './modules/processing-log/processing-log.module';
import { SeedModule } from './modules/seed/seed.module';
import { ZonesModule } from './modules/zones/zones.module';
import { DevSignInModule, WebModule } from './modules/web/web.module';

export interface AppModuleOptions {
  config: AppConfig;
  /** An initialised data source (see `openDatabase`): the app never opens its own, so start-up errors stay ours. */
  dataSource: DataSource;
  /** Replaces the system clock (tests). */
  clock?: Clock;
}

/**
 * The guards every route runs, in this order: Nest's `APP_GUARD`s, and the same instances for the fast routes (see
 * `registerFastRoutes`). The rate limit comes before the auth guard, so that requests with bad tokens are limited
 * (by address) too.
 */
export function globalGuards(config: AppConfig): Type<CanActivate>[] {
  return [...(config.rateLimit ? [RateLimitGuard] : []), AuthGuard];
}

@Module({})
export class AppModule {
  static forRoot({ config, dataSource, clock }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot(loggerOptions(config)),
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSource.options,
          dataSourceFactory: async () => dataSource,
        }),
        AuditModule,
        EventsModule,
        HealthModule,
        MunicipalitiesModule,
        ProcessingLogModule,
        PersonsModule,
        ProsecutorOrdersModule,
        SeedModule,
        ZonesModule,
        OrdersModule,
        BreachModule,
        ViolationsModule,
        ReportingModule,
        DossierModule,
        AuditReportModule,
        RetentionModule,
        LettersModule,
        ...(config.benchNoopRoute ? [BenchModule] : []),
        ...(config.rateLimit ? [RateLimitModule.forRoot(config.rateLimit)] : []),
        WebModule,
        ...(config.web.devSignIn ? [DevSignInModule] : []),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useValue: clock ?? new SystemClock() },
        { provide: JwtVerifier, useFactory: () => JwtVerifier.create(config.jwt) },
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({
            whitelist: true,
            forbidNonWhitelisted: true,
            transform: true,
            exceptionFactory: validationExceptionFactory,
          }),
        },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        ...globalGuards(config).flatMap((guard) => [guard, { provide: APP_GUARD, useExisting: guard }]),
      ],
      exports: [APP_CONFIG, Clock],
    };
  }
}
