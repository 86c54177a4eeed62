import request from 'supertest';
import { createTestApp, type TestApp } from '../helpers/test-app';

const LIMITS = { RATE_LIMIT_WINDOW_S: '60', RATE_LIMIT_READS: '3', RATE_LIMIT_WRITES: '2', RATE_LIMIT_BREACH_CHECKS: '4' };

describe('per-user rate limits', () => {
  let t: TestApp;
  const bearer = async (sub: string, role: 'police' | 'mayor-office' = 'police') => `Bearer ${await t.token(role, ['GM1706'], { sub })}`;
  const read = (auth?: string) => {
    const req = request(t.http).get('/api/v1/municipalities');
    return auth ? req.set('Authorization', auth) : req;
  };
  const write = (auth: string) => request(t.http).post('/api/v1/persons').set('Authorization', auth).send({});
  const check = (auth: string) => request(t.http).post('/api/v1/breach-checks').set('Authorization', auth).send({});

  beforeAll(async () => {
    t = await createTestApp({ env: LIMITS });
  });
  afterAll(() => t?.close());

  it('answers 429 problem+json with Retry-After once a user exceeds the read limit, and counts per user across routes', async () => {
    const alice = await bearer('user:alice');
    await read(alice).expect(200);
    const other = await request(t.http).get('/api/v1/municipalities/GM1706').set('Authorization', alice);
    expect(other.status).not.toBe(429);
    await read(alice).expect(200);
    const refused = await read(alice).expect(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ type: 'urn:ordreg:problem:rate-limited', status: 429, title: 'Too Many Requests' });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another user (another token subject) has a bucket of its own, even with the same roles and address.
    await read(await bearer('user:bob')).expect(200);
  });

  it('limits writes and breach checks separately from reads, each with its own number', async () => {
    const carol = await bearer('user:carol', 'mayor-office');
    for (let i = 0; i < 2; i++) await write(carol).expect(400);
    await write(carol).expect(429);
    await read(carol).expect(200);

    const dave = await bearer('user:dave');
    for (let i = 0; i < 4; i++) await check(dave).expect(400);
    const refused = await check(dave).expect(429);
    expect(refused.headers['retry-after']).toBeDefined();
    await write(dave).expect(400);
  });

  it('limits requests without a valid token by client address, before authentication', async () => {
    const forged = `Bearer ${await t.token('police', ['GM1706'], { secret: 'x'.repeat(40), sub: 'user:mallory' })}`;
    await read().expect(401);
    await read(forged).expect(401);
    await read('Bearer not.a.token').expect(401);
    const refused = await read().expect(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.headers['retry-after']).toBeDefined();
    // The address is spent, but a user with a valid token from it is not.
    await read(await bearer('user:erin')).expect(200);
  });
});

describe('rate limits switched off', () => {
  it('lets every request through', async () => {
    const t = await createTestApp({ env: { ...LIMITS, RATE_LIMIT_ENABLED: 'false' } });
    try {
      const auth = `Bearer ${await t.token('police')}`;
      for (let i = 0; i < 6; i++) await request(t.http).get('/api/v1/municipalities').set('Authorization', auth).expect(200);
    } finally {
      await t.close();
    }
  });
});
