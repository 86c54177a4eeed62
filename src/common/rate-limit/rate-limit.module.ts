import { DynamicModule, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import type { RateLimitConfig } from '../../config/app-config';
import { FixedWindowStorage } from './fixed-window.storage';
import { rateLimitThrottlers } from './rate-limit.guard';

/** The throttler's options and counters; `RateLimitGuard` is registered as a global guard before the auth guard. */
@Module({})
export class RateLimitModule {
  static forRoot(config: RateLimitConfig): DynamicModule {
    const storage = new FixedWindowStorage(config.windowMs);
    return {
      module: RateLimitModule,
      imports: [ThrottlerModule.forRoot({ throttlers: rateLimitThrottlers(config), storage })],
      providers: [{ provide: FixedWindowStorage, useValue: storage }],
    };
  }
}
