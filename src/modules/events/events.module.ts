import { Global, Module } from '@nestjs/common';
import { RegisterEvents } from './register-events';
import { RegisterNoticesRepository } from './register-notices.repository';

@Global()
@Module({ providers: [RegisterEvents, RegisterNoticesRepository], exports: [RegisterEvents] })
export class EventsModule {}
