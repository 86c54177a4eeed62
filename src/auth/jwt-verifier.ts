import { createRemoteJWKSet, importSPKI, jwtVerify, type JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';
import type { AppConfig } from '../config/app-config';
import { ALL_MUNICIPALITIES, ROLES, type Principal, type Role } from './principal';

export class InvalidTokenError extends Error {}

/** Verified tokens kept, so a police app's repeated checks with one token pay for the signature once. */
const CACHED_TOKENS = 10_000;

const MUNICIPALITY_CODE = /^GM\d{4}$/;
const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'];

type Key = Parameters<typeof jwtVerify>[1];

/**
 * Verifies bearer JWTs with `jose`: signature, `iss`, `aud`, `exp`/`nbf` (with bounded clock skew), and the
 * shape of the claims this service relies on (`sub`, `roles`, `municipalities`).
 */
export class JwtVerifier {
  private readonly verified = new LRUCache<string, { principal: Principal; expMs: number }>({ max: CACHED_TOKENS });

  private constructor(
    private readonly key: Key,
    private readonly algorithms: string[],
    private readonly jwt: AppConfig['jwt'],
  ) {}

  static async create(jwt: AppConfig['jwt']): Promise<JwtVerifier> {
    const k = jwt.key;
    if (k.kind === 'secret') return new JwtVerifier(new TextEncoder().encode(k.secret), ['HS256'], jwt);
    if (k.kind === 'jwks') return new JwtVerifier(createRemoteJWKSet(new URL(k.url)), ASYMMETRIC, jwt);
    const alg = await detectAlg(k.pem);
    return new JwtVerifier(await importSPKI(k.pem, alg), [alg], jwt);
  }

  /**
   * The principal of a valid token. A token verified before is answered from the cache until its `exp` (plus the
   * allowed clock skew) passes: signature, issuer and audience of a given token string cannot change.
   */
  async verify(token: string, nowMs: number = Date.now()): Promise<Principal> {
    const hit = this.verified.get(token);
    if (hit) {
      if (nowMs <= hit.expMs + this.jwt.clockToleranceS * 1000) return hit.principal;
      this.verified.delete(token);
      throw new InvalidTokenError('"exp" claim timestamp check failed');
    }
    const { principal, expMs } = await this.verifyFully(token);
    this.verified.set(token, { principal, expMs });
    return principal;
  }

  /**
   * The principal of a token verified before whose `exp` (plus the allowed clock skew) has not passed, without waiting;
   * undefined when the token must go through {@link verify}. Lets the hot path skip a promise per guard.
   */
  cached(token: string, nowMs: number = Date.now()): Principal | undefined {
    const hit = this.verified.get(token);
    return hit && nowMs <= hit.expMs + this.jwt.clockToleranceS * 1000 ? hit.principal : undefined;
  }

  private async verifyFully(token: string): Promise<{ principal: Principal; expMs: number }> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        issuer: this.jwt.issuer,
        audience: this.jwt.audience,
        algorithms: this.algorithms,
        clockTolerance: this.jwt.clockToleranceS,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (e) {
      throw new InvalidTokenError((e as Error).message);
    }
    return { principal: toPrincipal(payload), expMs: payload.exp! * 1000 };
  }
}

function toPrincipal(payload: JWTPayload): Principal {
  const roles = payload['roles'];
  const municipalities = payload['municipalities'];
  if (!Array.isArray(roles) || !roles.every((r) => (ROLES as readonly string[]).includes(r))) {
    throw new InvalidTokenError('claim "roles" must be a list of known roles');
  }
  if (
    !Array.isArray(municipalities) ||
    !municipalities.every((m) => typeof m === 'string' && (MUNICIPALITY_CODE.test(m) || m === ALL_MUNICIPALITIES))
  ) {
    throw new InvalidTokenError('claim "municipalities" must be a list of CBS codes');
  }
  return { sub: payload.sub!, roles: roles as Role[], municipalities: municipalities as string[] };
}

async function detectAlg(pem: string): Promise<string> {
  for (const alg of ['RS256', 'ES256', 'ES384', 'EdDSA']) {
    try {
      await importSPKI(pem, alg);
      return alg;
    } catch {
      /* try the next key type */
    }
  }
  throw new InvalidTokenError('JWT_PUBLIC_KEY is not an RSA, EC or Ed25519 public key');
}
