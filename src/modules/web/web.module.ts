import { Module } from '@nestjs/common';
import { DevSignInController } from './dev-sign-in.controller';
import { UiConfigController } from './ui-config.controller';

/** The web pages' API: their public configuration. The static files are served by `registerWebAssets`. */
@Module({ controllers: [UiConfigController] })
export class WebModule {}

/** `POST /api/v1/dev/sign-in`: imported by the app module only when `config.web.devSignIn` (never in production). */
@Module({ controllers: [DevSignInController] })
export class DevSignInModule {}
