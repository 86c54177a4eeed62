import { parseInstant } from '../time/windows';
import { matchCheckIn, MATCH_HORIZON_MS, meetsSlot, samePlace, slotSearchRange } from './check-in';
import { closingStarts, newlyMissed } from './missed';
import { localInstant, reportingSlots } from './slots';
import { AMS, PLACE, reportingOrder } from './testing/orders';

const t = (iso: string) => parseInstant(iso);
const slotsAround = (at: string, order = reportingOrder()) => reportingSlots(order, AMS, slotSearchRange(t(at)));

describe('matchCheckIn (BREACH-REPORTING)', () => {
  it.each([
    ['at the opening', '2026-06-06T13:00:00+02:00', 'ON_TIME'],
    ['inside the window', '2026-06-06T13:29:59+02:00', 'ON_TIME'],
    ['at the closing (exclusive)', '2026-06-06T13:30:00+02:00', 'LATE'],
    ['an hour late', '2026-06-06T14:30:00+02:00', 'LATE'],
    ['a minute early', '2026-06-06T12:59:00+02:00', 'EARLY'],
    ['on a day without a slot', '2026-06-03T13:00:00+02:00', 'NO_SLOT'],
  ])('records a check-in %s as %s', (_why, at, timing) => {
    const match = matchCheckIn(slotsAround(at), t(at));
    expect(match.timing).toBe(timing);
    if (timing !== 'NO_SLOT') expect(localInstant(match.slot!.start, AMS)).toBe('2026-06-06T13:00:00+02:00');
    else expect(match.slot).toBeNull();
  });

  it('counts a check-in after midnight for the window that opened the day before', () => {
    const order = reportingOrder({}, [{ days: ['SAT'], at: '23:45', windowMinutes: 30 }]);
    const match = matchCheckIn(slotsAround('2026-06-07T00:10:00+02:00', order), t('2026-06-07T00:10:00+02:00'));
    expect(match).toMatchObject({ timing: 'ON_TIME', slot: { day: '2026-06-06' } });
  });

  it('counts a check-in in the repeated autumn hour by the instant, not the wall clock', () => {
    const order = reportingOrder({}, [{ days: ['SUN'], at: '02:30', windowMinutes: 30 }]);
    expect(matchCheckIn(slotsAround('2026-10-25T02:40:00+02:00', order), t('2026-10-25T02:40:00+02:00')).timing).toBe('ON_TIME');
    expect(matchCheckIn(slotsAround('2026-10-25T02:40:00+01:00', order), t('2026-10-25T02:40:00+01:00')).timing).toBe('LATE');
  });

  it('gives overlapping windows to the earliest slot not yet met', () => {
    const order = reportingOrder({}, [{ days: ['SAT'], at: '13:00', windowMinutes: 120 }, { days: ['SAT'], at: '14:00', windowMinutes: 60 }]);
    const slots = slotsAround('2026-06-06T14:30:00+02:00', order);
    const first = matchCheckIn(slots, t('2026-06-06T14:30:00+02:00'));
    expect(localInstant(first.slot!.start, AMS)).toBe('2026-06-06T13:00:00+02:00');
    const second = matchCheckIn(slots, t('2026-06-06T14:30:00+02:00'), new Set([first.slot!.start]));
    expect(localInstant(second.slot!.start, AMS)).toBe('2026-06-06T14:00:00+02:00');
  });

  it('relates nothing further than the horizon', () => {
    const slots = slotsAround('2026-06-06T13:00:00+02:00');
    const lateBeyond = t('2026-06-06T13:30:00+02:00') + MATCH_HORIZON_MS + 1;
    expect(matchCheckIn(slots, lateBeyond).timing).toBe('NO_SLOT');
  });
});

describe('samePlace and meetsSlot', () => {
  it('matches the place by municipality and name, ignoring case and spacing', () => {
    expect(samePlace(PLACE, { name: '  politiebureau   BUDEL ', municipalityCode: 'GM1706' })).toBe(true);
    expect(samePlace(PLACE, { name: 'Politiebureau Weert', municipalityCode: 'GM1706' })).toBe(false);
    expect(samePlace(PLACE, { name: 'Politiebureau Budel', municipalityCode: 'GM0988' })).toBe(false);
  });

  it('meets a slot only on time and at the set place', () => {
    const [slot] = slotsAround('2026-06-06T13:10:00+02:00');
    expect(meetsSlot({ timing: 'ON_TIME', slot }, true)).toBe(true);
    expect(meetsSlot({ timing: 'ON_TIME', slot }, false)).toBe(false);
    expect(meetsSlot({ timing: 'LATE', slot }, true)).toBe(false);
  });
});

describe('newlyMissed', () => {
  const order = reportingOrder();
  const slotsUntil = (now: string, cursor: number | null) => reportingSlots(order, AMS, closingStarts(cursor, t(now), 0));

  it('misses a slot once its window has closed, not before, and not twice', () => {
    const open = t('2026-06-06T13:29:59+02:00');
    expect(newlyMissed(slotsUntil('2026-06-06T13:29:59+02:00', open - 60_000), open - 60_000, open, new Set())).toEqual([]);
    const closed = t('2026-06-06T13:30:00+02:00');
    const missed = newlyMissed(slotsUntil('2026-06-06T13:30:00+02:00', open), open, closed, new Set());
    expect(missed.map((s) => s.day)).toEqual(['2026-06-06']);
    expect(newlyMissed(slotsUntil('2026-06-06T14:00:00+02:00', closed), closed, t('2026-06-06T14:00:00+02:00'), new Set())).toEqual([]);
  });

  it('catches up on every window that closed while nothing ran, including across the spring change', () => {
    const cursor = t('2026-03-14T14:00:00+01:00');
    const now = t('2026-04-05T10:00:00+02:00');
    const missed = newlyMissed(reportingSlots(order, AMS, closingStarts(cursor, now, 0)), cursor, now, new Set());
    expect(missed.map((s) => localInstant(s.start, AMS))).toEqual(['2026-03-21T13:00:00+01:00', '2026-03-28T13:00:00+01:00', '2026-04-04T13:00:00+02:00']);
  });

  it('skips met and exempted slots', () => {
    const now = t('2026-06-14T00:00:00+02:00');
    const exempted = reportingOrder({ exemptions: [{ id: 'e', from: '2026-06-13T12:00:00+02:00', until: '2026-06-13T14:00:00+02:00' }] });
    const slots = reportingSlots(exempted, AMS, { start: t('2026-05-25T00:00:00+02:00'), end: now });
    expect(slots.map((s) => [s.day, s.exemptionId])).toEqual([['2026-05-30', undefined], ['2026-06-06', undefined], ['2026-06-13', 'e']]);
    const met = new Set([slots[1].start]);
    expect(newlyMissed(slots, null, now, met).map((s) => s.day)).toEqual(['2026-05-30']);
  });
});
