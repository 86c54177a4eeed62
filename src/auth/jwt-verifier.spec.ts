import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { loadConfig } from '../config/app-config';
import { signDevToken } from './dev-token';
import { InvalidTokenError, JwtVerifier } from './jwt-verifier';

describe('JwtVerifier', () => {
  const dev = loadConfig({}).jwt;

  it('accepts a development token and returns the principal', async () => {
    const v = await JwtVerifier.create(dev);
    const token = await signDevToken(dev, { sub: 'u1', roles: ['police'], municipalities: ['GM1706'] });
    await expect(v.verify(token)).resolves.toEqual({ sub: 'u1', roles: ['police'], municipalities: ['GM1706'] });
  });

  it.each([
    ['another issuer', { issuer: 'someone-else' }],
    ['another audience', { audience: 'another-api' }],
    ['an expired token', { expiresIn: -3600 }],
    ['a wrong signature', { secret: 'z'.repeat(40) }],
  ])('refuses %s', async (_, overrides) => {
    const v = await JwtVerifier.create(dev);
    const token = await signDevToken(dev, { roles: ['police'], municipalities: ['GM1706'], ...overrides });
    await expect(v.verify(token)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('tolerates bounded clock skew only', async () => {
    const v = await JwtVerifier.create(dev);
    const slightly = await signDevToken(dev, { roles: ['police'], municipalities: ['GM1706'], expiresIn: -10 });
    await expect(v.verify(slightly)).resolves.toMatchObject({ roles: ['police'] });
    const beyond = await signDevToken(dev, { roles: ['police'], municipalities: ['GM1706'], expiresIn: -(dev.clockToleranceS + 5) });
    await expect(v.verify(beyond)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('refuses unknown roles and malformed municipality claims', async () => {
    const v = await JwtVerifier.create(dev);
    const key = new TextEncoder().encode((dev.key as { secret: string }).secret);
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('u').setIssuer(dev.issuer).setAudience(dev.audience).setExpirationTime('1h').sign(key);
    await expect(v.verify(await sign({ roles: ['superuser'], municipalities: ['GM1706'] }))).rejects.toThrow(/roles/);
    await expect(v.verify(await sign({ roles: ['police'], municipalities: ['Cranendonck'] }))).rejects.toThrow(/municipalities/);
    await expect(v.verify(await sign({ roles: ['police'], municipalities: ['*'] }))).resolves.toBeDefined();
  });

  it('verifies RS256 tokens with a configured public key and refuses HS256 ones then', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwt = { ...dev, key: { kind: 'public-key' as const, pem: await exportSPKI(publicKey) } };
    const v = await JwtVerifier.create(jwt);
    const good = await new SignJWT({ roles: ['lawyer'], municipalities: ['GM0243'] })
      .setProtectedHeader({ alg: 'RS256' }).setSubject('l1').setIssuer(dev.issuer).setAudience(dev.audience).setExpirationTime('1h')
      .sign(privateKey);
    await expect(v.verify(good)).resolves.toMatchObject({ sub: 'l1', roles: ['lawyer'] });
    const hs = await signDevToken(dev, { roles: ['admin'], municipalities: ['*'] });
    await expect(v.verify(hs)).rejects.toBeInstanceOf(InvalidTokenError);
  });
});

describe('JwtVerifier cache', () => {
  const dev = loadConfig({}).jwt;

  it('answers a repeated token from the cache until it expires, then refuses it', async () => {
    const v = await JwtVerifier.create(dev);
    const token = await signDevToken(dev, { roles: ['police'], municipalities: ['GM1706'], expiresIn: 60 });
    const now = Date.now();
    await expect(v.verify(token, now)).resolves.toMatchObject({ roles: ['police'] });
    await expect(v.verify(token, now + 30_000)).resolves.toMatchObject({ roles: ['police'] });
    await expect(v.verify(token, now + 60_000 + (dev.clockToleranceS + 2) * 1000)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('never caches a refused token', async () => {
    const v = await JwtVerifier.create(dev);
    const forged = await signDevToken(dev, { roles: ['admin'], municipalities: ['*'], secret: 'q'.repeat(40) });
    await expect(v.verify(forged)).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(v.verify(forged)).rejects.toBeInstanceOf(InvalidTokenError);
  });
});
