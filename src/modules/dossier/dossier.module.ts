import { Module } from '@nestjs/common';

/** A person's dossier for the case meeting. Being built. */
@Module({})
export class DossierModule {}
