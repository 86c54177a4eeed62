import { isValidBsn, isValidVNumber } from './identifiers';

describe('person identifiers', () => {
  it.each([
    ['111222333', true],
    ['123456782', true],
    ['123456789', false],
    ['000000000', false],
    ['12345678', false],
    ['12345678a', false],
  ])('BSN %s passes the elfproef: %s', (bsn, ok) => expect(isValidBsn(bsn)).toBe(ok));

  it('accepts ten-digit V-numbers only', () => {
    expect(isValidVNumber('1234567890')).toBe(true);
    expect(isValidVNumber('123456789')).toBe(false);
    expect(isValidVNumber('12345678901')).toBe(false);
  });
});
