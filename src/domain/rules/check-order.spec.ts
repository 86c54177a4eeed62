import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import * as api from './index';
import { ORDER_RULE_IDS } from './catalogue';
import { allowsIssuing, checkOrder, RULES } from './check-order';
import type { RuleContext } from './rule-context';
import { apvOrder, ctxFor, ids, issued172a, municipality, municipalityWithoutApv, order1723, order172a } from './testing/fixtures';

/** The catalogue lives outside the repository (shared/domain); where it is not checked out those comparisons are skipped. */
const CATALOGUE_PATH = join(__dirname, '../../../../shared/domain/legal-rules.md');
const LEGAL_RULES = existsSync(CATALOGUE_PATH) ? readFileSync(CATALOGUE_PATH, 'utf8') : undefined;
const withCatalogue = LEGAL_RULES === undefined ? it.skip : it;

describe('RULES (the registry of order-making rules)', () => {
  it('lists every rule id of the brief once, in catalogue order', () => {
    expect(RULES.map((r) => r.id)).toEqual([...ORDER_RULE_IDS]);
    expect(new Set(RULES.map((r) => r.id)).size).toBe(26);
  });

  withCatalogue('every id appears in legal-rules.md with the same status', () => {
    for (const rule of RULES) {
      const row = LEGAL_RULES!.split('\n').find((line) => line.startsWith(`| \`${rule.id}\``));
      expect(row).toBeDefined();
      expect(row!.split('|')[2].trim()).toBe(rule.status);
    }
  });

  withCatalogue('covers every id of legal-rules.md except the breach rules and the zone-in-municipality rule', () => {
    const documented = [...LEGAL_RULES!.matchAll(/^\| `([A-Z0-9]+-[A-Z0-9-]+)` \|/gm)].map((m) => m[1]);
    const others = documented.filter((id) => id.startsWith('BREACH-') || id === 'GW172A-ZONE-IN-MUNICIPALITY');
    expect(documented.filter((id) => !others.includes(id)).sort()).toEqual([...ORDER_RULE_IDS].sort());
  });

  it('wires each rule to the exported function named after it, and every rule but the template has a check', () => {
    for (const rule of RULES) {
      expect(rule.citation.length).toBeGreaterThan(5);
      if (rule.id === 'APV-SHOPLIFTING-24H') {
        expect(rule.check).toBeUndefined();
        expect(typeof (api as Record<string, unknown>)[rule.implementedBy]).toBe('function');
        continue;
      }
      expect(rule.check).toBe((api as Record<string, unknown>)[rule.implementedBy]);
    }
  });

  it('policy rules default to warnings; law rules to errors', () => {
    expect(RULES.filter((r) => r.status === 'policy').every((r) => r.severity === 'warning')).toBe(true);
    expect(RULES.filter((r) => r.status === 'law').every((r) => r.severity === 'error')).toBe(true);
  });
});

describe('checkOrder', () => {
  it.each<[string, () => RuleContext]>([
    ['a lawful 172a draft', () => ctxFor(order172a())],
    ['a lawful 172a order being issued', () => ctxFor(issued172a({ status: 'DRAFT' }), { action: { kind: 'ISSUE' } })],
    ['a lawful issued 172a order in an audit', () => ctxFor(issued172a(), { now: '2026-03-20T10:00:00+01:00' })],
    ['a lawful APV step-1 ban by a mandated officer', () => ctxFor(apvOrder())],
    ['a lawful 172(3) order where the APV has no area-ban provision', () => ctxFor(order1723(), { municipality: municipalityWithoutApv() })],
    ['a lawful separate-days 172a order', () => ctxFor(order172a({ validity: { mode: 'SEPARATE_DAYS', days: ['2026-04-04', '2026-04-11'] } }))],
  ])('finds nothing wrong with %s', (_label, ctx) => {
    expect(checkOrder(ctx())).toEqual([]);
  });

  it('reports findings in catalogue order, whatever the order of the defects', () => {
    const order = order172a(
      { basis: { kind: 'GEMW_172A' }, validity: { mode: 'CONTINUOUS', start: '2026-03-02T00:00:00+01:00', end: '2026-07-02T00:00:00+02:00' } },
      { signatory: { role: 'POLICE', name: 'X' }, intentSentAt: undefined, viewDeadline: undefined, viewReceivedAt: undefined },
    );
    const findings = checkOrder(ctxFor(order, { action: { kind: 'ISSUE' } }));
    expect(ids(findings)).toEqual([
      'GW172A-GROUND',
      'GW172A-CONTINUOUS',
      'GW177-NO-MANDATE',
      'AWB-4-8-HEARING',
      'AWB-3-41-NOTIFICATION',
      'AWB-3-41-NOTIFICATION',
    ]);
    expect(checkOrder(ctxFor(order, { action: { kind: 'ISSUE' } }))).toEqual(findings);
    expect(allowsIssuing(findings)).toBe(false);
  });

  it('warnings allow issuing; a municipality can make policy rules errors', () => {
    const child = { dateOfBirth: '2016-01-01', earlierOrders: [], violations: [] };
    const warned = checkOrder(ctxFor(order172a(), { history: child }));
    expect(warned).toEqual([expect.objectContaining({ ruleId: 'GW172A-MINOR', severity: 'warning' })]);
    expect(allowsIssuing(warned)).toBe(true);
    const strict = municipality({ policyRulesAsErrors: ['GW172A-MINOR'] });
    expect(allowsIssuing(checkOrder(ctxFor(order172a(), { history: child, municipality: strict })))).toBe(false);
  });

  it('runs rules owned elsewhere when they are passed in', () => {
    const extra = { check: () => [{ ruleId: 'GW172A-ZONE-IN-MUNICIPALITY', severity: 'error' as const, message: 'm', citation: 'c' }] };
    expect(ids(checkOrder(ctxFor(order172a()), [...RULES, extra]))).toEqual(['GW172A-ZONE-IN-MUNICIPALITY']);
  });

  it('accepts a plain draft through buildRuleContext', () => {
    const { status: _s, extensions: _e, exemptions: _x, suspensions: _u, ...draft } = order172a();
    const ctx = api.buildRuleContext({ order: draft, municipality: municipality(), now: '2026-03-01T12:00:00+01:00' });
    expect(ctx.order.status).toBe('DRAFT');
    expect(ctx.action).toEqual({ kind: 'CHECK' });
    expect(checkOrder(ctx)).toEqual([]);
  });
});

describe('purity of the domain core', () => {
  const forbidden = /from ['"](@nestjs\/|typeorm|pg['"]|class-validator|class-transformer)/;

  function sources(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
    );
  }

  it('rules and time import no framework or database code', () => {
    const files = [...sources(__dirname), ...sources(join(__dirname, '../time'))];
    expect(files.length).toBeGreaterThan(10);
    expect(files.filter((file) => forbidden.test(readFileSync(file, 'utf8')))).toEqual([]);
  });
});
