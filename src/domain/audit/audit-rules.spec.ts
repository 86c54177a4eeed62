import { ctxFor, ids, issued172a, municipality, square } from '../rules/testing/fixtures';
import { amendmentFindings, AUDIT_RULE_IDS, catalogueFindings, orderZoneFindings, zoneInMunicipalityFinding } from './audit-rules';

describe('audit rules', () => {
  it('lists every catalogue rule and the zone rule', () => {
    expect(AUDIT_RULE_IDS).toContain('GW172A-EXTENSIONS');
    expect(AUDIT_RULE_IDS.at(-1)).toBe('GW172A-ZONE-IN-MUNICIPALITY');
  });

  it('re-runs the catalogue on a stored order as a check (a lawful issued order gives nothing)', () => {
    const ctx = ctxFor(issued172a());
    expect(catalogueFindings(ctx)).toEqual([]);
    expect(ids(catalogueFindings({ ...ctx, order: issued172a({}, { notifiedAt: undefined }) }))).toEqual(['AWB-3-41-NOTIFICATION']);
  });

  describe('amendmentFindings (GW172A-AMEND as decided)', () => {
    const previous = issued172a();
    const changed = { ...previous.procedure.motivation, necessity: 'A new, shorter zone is no longer enough after the new fight.' };

    it('accepts an amendment with its own motivation while the order ran', () => {
      const order = issued172a({ status: 'AMENDED' }, { motivation: changed });
      expect(amendmentFindings([{ version: 2, decidedAt: '2026-04-01T10:00:00+02:00', order, previous }], municipality())).toEqual([]);
    });

    it('flags a verbatim motivation and an amendment after the order ended, naming the version', () => {
      const order = issued172a({ status: 'AMENDED' });
      const late = { version: 3, decidedAt: '2026-07-01T10:00:00+02:00', order: issued172a({ status: 'AMENDED' }, { motivation: changed }), previous };
      const found = amendmentFindings([{ version: 2, decidedAt: '2026-04-01T10:00:00+02:00', order, previous }, late], municipality());
      expect(found.map((f) => [f.ruleId, f.path])).toEqual([
        ['GW172A-AMEND', 'versions[2].procedure.motivation'],
        ['GW172A-AMEND', 'versions[3].status'],
      ]);
      expect(found[1].message).toMatch(/^Amendment \(version 3/);
    });
  });

  describe('zone in municipality', () => {
    const boundary = square(5.6, 51.3, 0.1);

    it('finds nothing for a zone inside, an error for one far outside, warnings when it cannot check', () => {
      expect(zoneInMunicipalityFinding(square(5.6, 51.3, 0.01), { code: 'GM1706', boundary })).toBeNull();
      expect(zoneInMunicipalityFinding(square(6.5, 52.5, 0.01), { code: 'GM1706', boundary })).toMatchObject({ ruleId: 'GW172A-ZONE-IN-MUNICIPALITY', severity: 'error' });
      expect(zoneInMunicipalityFinding(square(5.6, 51.3, 0.01), { code: 'GM1706' })).toMatchObject({ severity: 'warning' });
      expect(zoneInMunicipalityFinding(undefined, { code: 'GM1706', boundary })).toMatchObject({ severity: 'warning' });
    });

    it('points each finding at the zone of the measure', () => {
      const order = issued172a({
        measures: [
          { type: 'REPORTING_DUTY', zoneVersionIds: ['ignored'] },
          { type: 'AREA_BAN', zoneIds: ['a', 'b'], zoneVersionIds: ['va', 'vb'] },
        ],
      });
      const bad = { ruleId: 'GW172A-ZONE-IN-MUNICIPALITY', severity: 'error' as const, message: 'outside', citation: 'c' };
      expect(orderZoneFindings(order, (id) => (id === 'vb' || id === 'ignored' ? bad : null))).toEqual([{ ...bad, path: 'measures[1].zoneIds[1]' }]);
    });
  });
});
