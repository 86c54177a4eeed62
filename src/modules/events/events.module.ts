import { Global, Module } from '@nestjs/common';
import { RegisterEvents } from './register-events';

@Global()
@Module({ providers: [RegisterEvents], exports: [RegisterEvents] })
export class EventsModule {}
