import { neutraliseFormula, prefersCsv } from './audit-report.csv';

describe('prefersCsv (Accept negotiation)', () => {
  it.each([
    [undefined, false],
    ['*/*', false],
    ['application/json', false],
    ['text/csv', true],
    ['text/csv, application/json', false],
    ['application/json;q=0.5, text/csv', true],
    ['text/csv;q=0.9, */*;q=0.1', true],
    ['application/json, text/csv;q=0.5', false],
    ['text/csv;q=0', false],
    ['text/*', true],
  ])('%s → CSV: %s', (accept, csv) => {
    expect(prefersCsv(accept)).toBe(csv);
  });
});

describe('neutraliseFormula', () => {
  it.each([
    ['=HYPERLINK("x")', "'=HYPERLINK(\"x\")"],
    ['+31 6', "'+31 6"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['GW172A-FEAR [fout] ...', 'GW172A-FEAR [fout] ...'],
    ['2026-12-05T00:00:00+01:00', '2026-12-05T00:00:00+01:00'],
    [-3, -3],
    [null, null],
  ])('%p → %p', (value, expected) => {
    expect(neutraliseFormula(value)).toBe(expected);
  });
});
