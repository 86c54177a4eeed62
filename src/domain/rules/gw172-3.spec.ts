import { checkGw1723Acute, checkGw1723ApvPrecedence } from './gw172-3';
import { ctxFor, ids, municipality, municipalityWithoutApv, order1723, order172a } from './testing/fixtures';

describe('GW172-3-APV-PRECEDENCE (art. 172 lid 3; case law)', () => {
  it('fires for a 172(3) order where the APV has an area-ban provision', () => {
    expect(checkGw1723ApvPrecedence(ctxFor(order1723(), { municipality: municipality() }))).toEqual([
      expect.objectContaining({ ruleId: 'GW172-3-APV-PRECEDENCE', severity: 'error', path: 'basis.kind', message: expect.stringContaining('2:78') }),
    ]);
  });

  it('does not fire where the APV has no area-ban provision', () => {
    expect(checkGw1723ApvPrecedence(ctxFor(order1723(), { municipality: municipalityWithoutApv() }))).toEqual([]);
  });

  it('does not apply to a 172a order', () => {
    expect(checkGw1723ApvPrecedence(ctxFor(order172a(), { municipality: municipality() }))).toEqual([]);
  });
});

describe('GW172-3-ACUTE (art. 172 lid 3; case law)', () => {
  const start = '2026-03-20T18:00:00+01:00';
  const withEnd = (end: string) => order1723({ validity: { mode: 'CONTINUOUS', start, end } });

  it.each([
    ['3 days', '2026-03-23T18:00:00+01:00', false],
    ['14 calendar days exactly (across the spring change)', '2026-04-03T18:00:00+02:00', false],
    ['14 days and 1 minute', '2026-04-03T18:01:00+02:00', true],
    ['a month', '2026-04-20T18:00:00+02:00', true],
  ])('%s → warns: %p', (_label, end, fires) => {
    const findings = checkGw1723Acute(ctxFor(withEnd(end), { municipality: municipalityWithoutApv() }));
    expect(findings).toEqual(fires ? [expect.objectContaining({ ruleId: 'GW172-3-ACUTE', severity: 'warning', path: 'validity.end' })] : []);
  });

  it('stays a warning even if listed among policy errors (it is a case-law rule)', () => {
    const m = municipalityWithoutApv({ policyRulesAsErrors: ['GW172-3-ACUTE'] });
    expect(checkGw1723Acute(ctxFor(withEnd('2026-04-20T18:00:00+02:00'), { municipality: m }))[0].severity).toBe('warning');
  });

  it('takes the number of days from the configuration', () => {
    const m = municipalityWithoutApv({ numbers: { 'gw172_3.warnAfterDays': 2 } });
    expect(ids(checkGw1723Acute(ctxFor(withEnd('2026-03-23T18:00:00+01:00'), { municipality: m })))).toEqual(['GW172-3-ACUTE']);
  });

  it('measures separate days from the first day to the end of the last', () => {
    const days = (list: string[]) => order1723({ validity: { mode: 'SEPARATE_DAYS', days: list } });
    expect(checkGw1723Acute(ctxFor(days(['2026-04-01', '2026-04-14']), { municipality: municipalityWithoutApv() }))).toEqual([]);
    expect(checkGw1723Acute(ctxFor(days(['2026-04-01', '2026-04-15']), { municipality: municipalityWithoutApv() }))).toHaveLength(1);
  });

  it('does not apply to a 172a order', () => {
    expect(checkGw1723Acute(ctxFor(order172a()))).toEqual([]);
  });
});
