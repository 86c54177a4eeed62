import { reservedKeyPath } from './reserved-keys';

describe('reservedKeyPath', () => {
  it.each([
    [{ name: 'x', nested: [{ a: 1 }] }, undefined],
    [JSON.parse('{"__proto__": {"admin": true}}'), '__proto__'],
    [{ constructor: { prototype: {} } }, 'constructor'],
    [{ measures: [{ zoneIds: [], hasOwnProperty: 1 }] }, 'measures[0].hasOwnProperty'],
    [{ geometry: { toString: 'x' } }, 'geometry.toString'],
    [['a', { valueOf: 1 }], '[1].valueOf'],
    ['text', undefined],
    [null, undefined],
  ])('%j -> %s', (body, path) => {
    expect(reservedKeyPath(body)).toBe(path);
  });

  it('refuses nesting deeper than any body of the API, without recursion', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(reservedKeyPath(deep)).toMatch(/^(\[0\])+$/);
    let fine: unknown = 1;
    for (let i = 0; i < 20; i++) fine = { a: fine };
    expect(reservedKeyPath(fine)).toBeUndefined();
  });
});
