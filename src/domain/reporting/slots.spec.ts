import { parseInstant } from '../time/windows';
import { localInstant, reportingSlots, SEPARATE_DAY_DEFAULT, type DueSlot } from './slots';
import { AMS, PLACE, reportingOrder } from './testing/orders';

const t = (iso: string) => parseInstant(iso);
const range = (from: string, to: string) => ({ start: t(from), end: t(to) });
const local = (s: DueSlot) => [localInstant(s.start, AMS), localInstant(s.end, AMS)];

describe('reportingSlots (BREACH-REPORTING): weekly slots in Europe/Amsterdam', () => {
  it('keeps Saturday 13:00 local across the spring change (2026-03-29): 12:00Z before, 11:00Z after', () => {
    const slots = reportingSlots(reportingOrder(), AMS, range('2026-03-21T00:00:00+01:00', '2026-04-05T00:00:00+02:00'));
    expect(slots.map((s) => new Date(s.start).toISOString())).toEqual(['2026-03-21T12:00:00.000Z', '2026-03-28T12:00:00.000Z', '2026-04-04T11:00:00.000Z']);
    expect(slots.map(local)).toEqual([
      ['2026-03-21T13:00:00+01:00', '2026-03-21T13:30:00+01:00'],
      ['2026-03-28T13:00:00+01:00', '2026-03-28T13:30:00+01:00'],
      ['2026-04-04T13:00:00+02:00', '2026-04-04T13:30:00+02:00'],
    ]);
    expect(slots.map((s) => s.day)).toEqual(['2026-03-21', '2026-03-28', '2026-04-04']);
  });

  it('keeps Sunday 13:00 local on the autumn change itself (2026-10-25 is a Sunday: 12:00Z, CET)', () => {
    const order = reportingOrder({}, [{ days: ['SUN'], at: '13:00', windowMinutes: 30 }]);
    const slots = reportingSlots(order, AMS, range('2026-10-18T00:00:00+02:00', '2026-10-26T00:00:00+01:00'));
    expect(slots.map((s) => localInstant(s.start, AMS))).toEqual(['2026-10-18T13:00:00+02:00', '2026-10-25T13:00:00+01:00']);
    expect(new Date(slots[1].start).toISOString()).toBe('2026-10-25T12:00:00.000Z');
  });

  it('moves a slot inside the spring-forward gap (02:30 on 2026-03-29) to the jump, 03:00 CEST, with its full window', () => {
    const order = reportingOrder({}, [{ days: ['SUN'], at: '02:30', windowMinutes: 60 }]);
    const [slot] = reportingSlots(order, AMS, range('2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00'));
    expect(local(slot)).toEqual(['2026-03-29T03:00:00+02:00', '2026-03-29T04:00:00+02:00']);
    expect(slot.day).toBe('2026-03-29');
  });

  it('takes the first 02:30 of the repeated autumn hour (2026-10-25) and counts the window in elapsed minutes', () => {
    const order = reportingOrder({}, [{ days: ['SUN'], at: '02:30', windowMinutes: 60 }]);
    const [slot] = reportingSlots(order, AMS, range('2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00'));
    expect(local(slot)).toEqual(['2026-10-25T02:30:00+02:00', '2026-10-25T02:30:00+01:00']);
    expect(slot.end - slot.start).toBe(60 * 60_000);
  });

  it('lets a late window cross midnight; the slot belongs to the day it opens', () => {
    const order = reportingOrder({}, [{ days: ['FRI'], at: '23:45', windowMinutes: 30 }, { days: ['SAT'], at: '00:00', windowMinutes: 15 }]);
    const slots = reportingSlots(order, AMS, range('2026-06-05T00:00:00+02:00', '2026-06-07T00:00:00+02:00'));
    expect(slots.map((s) => [s.day, ...local(s)])).toEqual([
      ['2026-06-05', '2026-06-05T23:45:00+02:00', '2026-06-06T00:15:00+02:00'],
      ['2026-06-06', '2026-06-06T00:00:00+02:00', '2026-06-06T00:15:00+02:00'],
    ]);
  });

  it('treats the range as half-open over slot starts', () => {
    const order = reportingOrder();
    expect(reportingSlots(order, AMS, range('2026-06-06T13:00:00+02:00', '2026-06-13T13:00:00+02:00')).map((s) => s.day)).toEqual(['2026-06-06']);
  });

  it('gives several slots a week for several days and patterns, one per instant', () => {
    const order = reportingOrder({}, [
      { days: ['MON', 'WED'], at: '09:00', windowMinutes: 60 },
      { days: ['WED'], at: '09:00', windowMinutes: 30 },
    ]);
    const slots = reportingSlots(order, AMS, range('2026-06-01T00:00:00+02:00', '2026-06-08T00:00:00+02:00'));
    expect(slots.map((s) => [s.day, s.windowMinutes])).toEqual([['2026-06-01', 60], ['2026-06-03', 60]]);
  });
});

describe('reportingSlots: separate-days orders', () => {
  const days = { mode: 'SEPARATE_DAYS' as const, days: ['2026-08-15', '2026-08-08', '2026-10-25'] };

  it('gives one slot per order day at the default time and window when the duty names no pattern', () => {
    const order = reportingOrder({ validity: days, measures: [{ type: 'REPORTING_DUTY', place: PLACE }] });
    const slots = reportingSlots(order, AMS, range('2026-01-01T00:00:00+01:00', '2027-01-01T00:00:00+01:00'));
    expect(SEPARATE_DAY_DEFAULT).toEqual({ at: '12:00', windowMinutes: 60 });
    expect(slots.map(local)).toEqual([
      ['2026-08-08T12:00:00+02:00', '2026-08-08T13:00:00+02:00'],
      ['2026-08-15T12:00:00+02:00', '2026-08-15T13:00:00+02:00'],
      ['2026-10-25T12:00:00+01:00', '2026-10-25T13:00:00+01:00'],
    ]);
  });

  it('uses the pattern naming the weekday, else the first pattern, still one slot per day', () => {
    const order = reportingOrder({ validity: days }, [
      { days: ['SUN'], at: '16:00', windowMinutes: 20 },
      { days: ['SAT'], at: '14:30', windowMinutes: 30 },
      { days: ['SAT'], at: '18:00', windowMinutes: 30 },
    ]);
    const slots = reportingSlots(order, AMS, range('2026-01-01T00:00:00+01:00', '2027-01-01T00:00:00+01:00'));
    expect(slots.map((s) => localInstant(s.start, AMS))).toEqual(['2026-08-08T14:30:00+02:00', '2026-08-15T14:30:00+02:00', '2026-10-25T16:00:00+01:00']);
  });

  it('gives no slot on days that are not order days', () => {
    const order = reportingOrder({ validity: days });
    expect(reportingSlots(order, AMS, range('2026-08-09T00:00:00+02:00', '2026-08-15T00:00:00+02:00'))).toEqual([]);
  });
});

describe('reportingSlots follow the current version', () => {
  const june = range('2026-05-01T00:00:00+02:00', '2026-08-01T00:00:00+02:00');
  const short = reportingOrder({ validity: { mode: 'CONTINUOUS', start: '2026-05-01T00:00:00+02:00', end: '2026-06-01T00:00:00+02:00' } });

  it('adds slots after the old end when the order is extended', () => {
    const before = reportingSlots(short, AMS, june);
    const extended = { ...short, status: 'EXTENDED' as const, extensions: [{ decidedAt: '2026-05-20T10:00:00+02:00', previousEnd: '2026-06-01T00:00:00+02:00', newEnd: '2026-07-01T00:00:00+02:00' }] };
    const after = reportingSlots(extended, AMS, june);
    expect(before.map((s) => s.day)).toEqual(['2026-05-02', '2026-05-09', '2026-05-16', '2026-05-23', '2026-05-30']);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length).map((s) => s.day)).toEqual(['2026-06-06', '2026-06-13', '2026-06-20', '2026-06-27']);
  });

  it('removes the slots from the withdrawal on and keeps the earlier ones (a slot already open stays due)', () => {
    const withdrawnAt = (at: string) => ({ ...short, status: 'WITHDRAWN' as const, withdrawnAt: at });
    expect(reportingSlots(withdrawnAt('2026-05-16T12:59:00+02:00'), AMS, june).map((s) => s.day)).toEqual(['2026-05-02', '2026-05-09']);
    expect(reportingSlots(withdrawnAt('2026-05-16T13:10:00+02:00'), AMS, june).map((s) => s.day)).toEqual(['2026-05-02', '2026-05-09', '2026-05-16']);
  });

  it('has no slots while suspended, revoked, before notification, or before issuing', () => {
    const suspended = { ...short, suspensions: [{ from: '2026-05-08T00:00:00+02:00', until: '2026-05-22T00:00:00+02:00' }] };
    expect(reportingSlots(suspended, AMS, june).map((s) => s.day)).toEqual(['2026-05-02', '2026-05-23', '2026-05-30']);
    const revoked = { ...short, status: 'REVOKED' as const, revokedAt: '2026-05-20T00:00:00+02:00' };
    expect(reportingSlots(revoked, AMS, june).map((s) => s.day)).toEqual(['2026-05-02', '2026-05-09', '2026-05-16']);
    const late = { ...short, procedure: { ...short.procedure, notifiedAt: '2026-05-12T09:00:00+02:00' } };
    expect(reportingSlots(late, AMS, june).map((s) => s.day)).toEqual(['2026-05-16', '2026-05-23', '2026-05-30']);
    expect(reportingSlots({ ...short, status: 'DRAFT' }, AMS, june)).toEqual([]);
  });

  it('marks a slot whose window a zone-less exemption overlaps; an exemption for zones leaves it due', () => {
    const exemptions = [
      { id: 'court', from: '2026-05-09T12:00:00+02:00', until: '2026-05-09T13:05:00+02:00' },
      { id: 'zone', from: '2026-05-16T00:00:00+02:00', until: '2026-05-17T00:00:00+02:00', zoneIds: ['z1'] },
    ];
    const slots = reportingSlots({ ...short, exemptions }, AMS, june);
    expect(slots.map((s) => [s.day, s.exemptionId])).toEqual([
      ['2026-05-02', undefined], ['2026-05-09', 'court'], ['2026-05-16', undefined], ['2026-05-23', undefined], ['2026-05-30', undefined],
    ]);
  });

  it('has no slots without a reporting duty', () => {
    expect(reportingSlots({ ...short, measures: [{ type: 'AREA_BAN', zoneIds: ['z1'] }] }, AMS, june)).toEqual([]);
  });
});
