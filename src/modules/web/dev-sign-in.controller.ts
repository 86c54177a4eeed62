import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, Matches } from 'class-validator';
import { signDevToken } from '../../auth/dev-token';
import { ALL_MUNICIPALITIES, ROLES, type Role } from '../../auth/principal';
import { Public } from '../../auth/roles.decorator';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { DomainError } from '../../domain/shared/domain-error';

const TOKEN_LIFETIME_S = 8 * 3600;

export class DevSignInDto {
  @ApiProperty({ enum: ROLES, example: 'mayor-office' })
  @IsIn(ROLES as unknown as string[], { message: `role must be one of ${ROLES.join(', ')}` })
  role: Role;

  @ApiProperty({ example: ['GM1706'], description: 'CBS codes; "*" only with the admin role' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @ArrayUnique()
  @Matches(/^(GM\d{4}|\*)$/, { each: true, message: 'municipalities must be CBS codes such as GM1706 (or "*" for an admin)' })
  municipalities: string[];
}

export class DevSignInResultDto {
  @ApiProperty() accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ example: TOKEN_LIFETIME_S }) expiresIn: number;
}

/**
 * Development sign-in for the web pages: a token for the role and municipalities picked, signed with the development
 * secret. The module holding this controller is only loaded outside production (see `AppConfig.web.devSignIn`),
 * so in production the route does not exist.
 */
@ApiTags('web')
@Controller('dev')
export class DevSignInController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Post('sign-in')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Development only: a token for a chosen role and municipality' })
  @ApiOkResponse({ type: DevSignInResultDto })
  async signIn(@Body() dto: DevSignInDto): Promise<DevSignInResultDto> {
    if (dto.municipalities.includes(ALL_MUNICIPALITIES) && dto.role !== 'admin') {
      throw new DomainError('INVALID_INPUT', 'municipalities: "*" (every municipality) is for the admin role only', {
        errors: [{ field: 'municipalities', code: 'scope', message: '"*" is for the admin role only' }],
      });
    }
    const accessToken = await signDevToken(this.config.jwt, {
      sub: `dev-${dto.role}`,
      roles: [dto.role],
      municipalities: dto.municipalities,
      expiresIn: TOKEN_LIFETIME_S,
    });
    return { accessToken, tokenType: 'Bearer', expiresIn: TOKEN_LIFETIME_S };
  }
}
