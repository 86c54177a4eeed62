import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { BreachModule } from '../breach/breach.module';
import { HealthController } from './health.controller';

@Module({ imports: [TerminusModule.forRoot({ logger: false }), BreachModule], controllers: [HealthController] })
export class HealthModule {}
