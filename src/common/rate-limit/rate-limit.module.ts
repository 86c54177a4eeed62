import { DynamicModule, Module } from '@nestjs/common';
import type { RateLimitConfig } from '../../config/app-config';
import { FixedWindowStorage } from './fixed-window.storage';

/** The rate limits' counters; `RateLimitGuard` is registered as a global guard before the auth guard. */
@Module({})
export class RateLimitModule {
  static forRoot(config: RateLimitConfig): DynamicModule {
    return {
      module: RateLimitModule,
      providers: [{ provide: FixedWindowStorage, useValue: new FixedWindowStorage(config.windowMs) }],
      exports: [FixedWindowStorage],
    };
  }
}
