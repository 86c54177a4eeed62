import { DomainError } from '../shared/domain-error';
import { letterVersion, type VersionFacts } from './letter-version';

const SENT = '2026-12-01T10:00:00+01:00';
const LIFECYCLE: VersionFacts[] = [
  { version: 1, changeKind: 'CREATE', status: 'DRAFT' },
  { version: 2, changeKind: 'SEND_INTENT', status: 'INTENT_SENT', intentSentAt: SENT },
  { version: 3, changeKind: 'RECORD_VIEW', status: 'INTENT_SENT', intentSentAt: SENT },
  { version: 4, changeKind: 'ISSUE', status: 'ISSUED', intentSentAt: SENT },
  { version: 5, changeKind: 'RECORD_REVIEW', status: 'ISSUED', intentSentAt: SENT },
  { version: 6, changeKind: 'EXTEND', status: 'EXTENDED', intentSentAt: SENT },
  { version: 7, changeKind: 'GRANT_EXEMPTION', status: 'EXTENDED', intentSentAt: SENT },
  { version: 8, changeKind: 'WITHDRAW', status: 'WITHDRAWN', intentSentAt: SENT },
];

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? e.code : 'OTHER';
  }
  return 'NONE';
}

describe('letterVersion', () => {
  it('takes the intent from the version that sent it, and the decision from the latest issue, extension or amendment', () => {
    expect(letterVersion('INTENT', LIFECYCLE)).toBe(2);
    expect(letterVersion('DECISION', LIFECYCLE)).toBe(6);
    expect(letterVersion('DECISION', LIFECYCLE.slice(0, 5))).toBe(4);
  });

  it('refuses an intent letter for an order without an intent notice, and a decision letter for one never issued (409)', () => {
    const draft = LIFECYCLE.slice(0, 1);
    expect(code(() => letterVersion('INTENT', draft))).toBe('CONFLICT');
    expect(code(() => letterVersion('DECISION', LIFECYCLE.slice(0, 3)))).toBe('CONFLICT');
    const withdrawnDraft: VersionFacts[] = [...draft, { version: 2, changeKind: 'WITHDRAW', status: 'WITHDRAWN' }];
    expect(code(() => letterVersion('DECISION', withdrawnDraft))).toBe('CONFLICT');
    expect(code(() => letterVersion('DECISION', withdrawnDraft, 2))).toBe('CONFLICT');
  });

  it('renders a requested version when it fits the letter; a missing one is 404, an unfitting one 409', () => {
    expect(letterVersion('DECISION', LIFECYCLE, 4)).toBe(4);
    expect(letterVersion('DECISION', LIFECYCLE, 7)).toBe(7);
    expect(letterVersion('INTENT', LIFECYCLE, 3)).toBe(3);
    expect(code(() => letterVersion('DECISION', LIFECYCLE, 3))).toBe('CONFLICT');
    expect(code(() => letterVersion('INTENT', LIFECYCLE, 1))).toBe('CONFLICT');
    expect(code(() => letterVersion('DECISION', LIFECYCLE, 9))).toBe('NOT_FOUND');
  });
});
