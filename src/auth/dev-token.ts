import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../config/app-config';
import type { Role } from './principal';

export interface DevTokenRequest {
  sub?: string;
  roles: Role[];
  municipalities: string[];
  /** Lifetime, e.g. "8h" (jose time span); negative values make an expired token for tests. */
  expiresIn?: string | number;
  secret?: string;
  issuer?: string;
  audience?: string;
}

/**
 * Signs a development token with the configured development secret. Refused when the service is configured
 * with a real (asymmetric) key, which is always so in production.
 */
export async function signDevToken(jwt: AppConfig['jwt'], req: DevTokenRequest): Promise<string> {
  if (jwt.key.kind !== 'secret' && !req.secret) {
    throw new Error('Development tokens need the development secret; this configuration verifies with a real key');
  }
  const secret = req.secret ?? (jwt.key.kind === 'secret' ? jwt.key.secret : '');
  const now = Math.floor(Date.now() / 1000);
  const exp = typeof req.expiresIn === 'number' ? now + req.expiresIn : (req.expiresIn ?? '8h');
  return new SignJWT({ roles: req.roles, municipalities: req.municipalities })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(req.sub ?? `dev-${req.roles.join('+')}-${randomUUID().slice(0, 8)}`)
    .setIssuer(req.issuer ?? jwt.issuer)
    .setAudience(req.audience ?? jwt.audience)
    .setIssuedAt(now)
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(secret));
}
