import fc from 'fast-check';
import { jsonDiff, jsonEqual } from './json-diff';

describe('jsonDiff', () => {
  it.each([
    ['equal documents', { a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 }, []],
    ['a changed leaf', { status: 'DRAFT', version: 1 }, { status: 'ISSUED', version: 1 }, [{ path: 'status', before: 'DRAFT', after: 'ISSUED' }]],
    ['a nested field added', { procedure: {} }, { procedure: { notifiedAt: 't' } }, [{ path: 'procedure.notifiedAt', after: 't' }]],
    ['a field removed', { a: 1, b: 2 }, { a: 1 }, [{ path: 'b', before: 2 }]],
    ['an array item appended', { extensions: [{ n: 1 }] }, { extensions: [{ n: 1 }, { n: 2 }] }, [{ path: 'extensions[1]', after: { n: 2 } }]],
    ['a change of type', { a: { b: 1 } }, { a: 'x' }, [{ path: 'a', before: { b: 1 }, after: 'x' }]],
    ['a creation (before null)', null, { name: 'x', roles: ['a'] }, [{ path: 'name', after: 'x' }, { path: 'roles', after: ['a'] }]],
    ['a scalar document', 1, 2, [{ path: '$', before: 1, after: 2 }]],
    ['an empty document removed', {}, null, [{ path: '$', before: {} }]],
  ])('%s', (_, before, after, expected) => {
    expect(jsonDiff(before, after)).toEqual(expected);
  });

  it('finds no change between a document and itself, and some change between unequal ones (invariant)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(jsonDiff(a, a)).toEqual([]);
        expect(jsonDiff(a, b).length === 0).toBe(jsonEqual(a === null ? undefined : a, b === null ? undefined : b));
      }),
      { numRuns: 500 },
    );
  });
});
