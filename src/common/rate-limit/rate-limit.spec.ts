import { FixedWindowStorage } from './fixed-window.storage';
import { requestKind } from './rate-limit.guard';

describe('requestKind', () => {
  it.each([
    ['POST', '/api/v1/breach-checks', 'breach-check'],
    ['POST', '/api/v1/breach-checks/batch', 'breach-check'],
    ['GET', '/api/v1/active-orders', 'breach-check'],
    ['GET', '/api/v1/orders/:id', 'read'],
    ['HEAD', '/api/v1/health', 'read'],
    ['POST', '/api/v1/orders', 'write'],
    ['PUT', '/api/v1/zones/:id', 'write'],
    ['DELETE', '/api/v1/anything', 'write'],
    ['POST', '/api/v1/breach-checks-export', 'write'],
  ])('%s %s counts as %s', (method, route, kind) => {
    expect(requestKind(method, route)).toBe(kind);
  });
});

describe('FixedWindowStorage', () => {
  let now = 1_000_000;
  const storage = new FixedWindowStorage(60_000, () => now);
  afterAll(() => storage.onApplicationShutdown());

  it('lets `limit` requests through per window, refuses the next with the seconds left, and starts afresh after', () => {
    for (let i = 1; i <= 3; i++) expect(storage.hit('a', 10_000, 3).isBlocked).toBe(false);
    now += 2_500;
    const refused = storage.hit('a', 10_000, 3);
    expect(refused).toEqual({ isBlocked: true, totalHits: 4, timeToExpire: 8 });
    expect(storage.hit('b', 10_000, 3).isBlocked).toBe(false);
    now += 7_500;
    expect(storage.hit('a', 10_000, 3)).toMatchObject({ isBlocked: false, totalHits: 1 });
  });

  it('forgets windows that ended', () => {
    storage.hit('c', 1_000, 3);
    now += 20_000;
    storage.sweep();
    expect(storage.size).toBe(0);
  });
});
