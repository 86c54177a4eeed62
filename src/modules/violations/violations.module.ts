import { Module } from '@nestjs/common';

/** Registered violations of orders. Being built. */
@Module({})
export class ViolationsModule {}
