import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Public } from '../../auth/roles.decorator';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';

export class OidcSettingsDto {
  @ApiProperty({ example: 'https://login.gemeente.nl/realms/ordreg' }) issuer: string;
  @ApiProperty({ example: 'ordreg-web' }) clientId: string;
  @ApiProperty({ example: 'openid profile' }) scopes: string;
}

export class UiConfigDto {
  @ApiPropertyOptional({ type: OidcSettingsDto, nullable: true, description: 'Sign-in through OpenID Connect (authorization code + PKCE); null: not configured' })
  oidc: OidcSettingsDto | null;
  @ApiProperty({ description: 'Whether the development sign-in (POST /api/v1/dev/sign-in) exists' }) devSignIn: boolean;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Base-map tile URL template; null: zones on a plain background' })
  tileUrl: string | null;
  @ApiProperty({ description: 'Attribution of the base map (plain text)' }) tileAttribution: string;
}

/** What the web pages need before anyone signs in: how to sign in and which base map to draw. Nothing secret. */
@ApiTags('web')
@Controller('ui')
export class UiConfigController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get('config')
  @Public()
  @ApiOkResponse({ type: UiConfigDto })
  get(): UiConfigDto {
    const { oidc, devSignIn, tileUrl, tileAttribution } = this.config.web;
    return { oidc, devSignIn, tileUrl, tileAttribution };
  }
}
