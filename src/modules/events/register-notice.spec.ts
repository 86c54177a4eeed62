import { encodeNotice, parseNotice, type RegisterNotice } from './register-notice';
import { RegisterEvents } from './register-events';
import { RegisterNoticesRepository } from './register-notices.repository';

const ORDER = '0b6f3a52-3d1e-4c0a-9a43-1f0c2b7d9e11';
const PERSON = '5d2c7e19-8f4b-4a61-b0c3-6e9d1a2f3b44';

describe('register notices on the PostgreSQL channel', () => {
  it.each<RegisterNotice>([
    { kind: 'order', orderId: ORDER, origin: 'instance-a' },
    { kind: 'person', personId: PERSON, municipalityCode: 'GM1706', origin: 'instance-b' },
    { kind: 'person', personId: PERSON, municipalityCode: null, origin: 'instance-b' },
  ])('round-trips %o', (notice) => {
    expect(parseNotice(encodeNotice(notice))).toEqual(notice);
  });

  it.each([
    ['nothing', undefined],
    ['not JSON', '{order'],
    ['no origin', JSON.stringify({ kind: 'order', orderId: ORDER })],
    ['an id that is not a UUID', JSON.stringify({ kind: 'order', orderId: "1'; DROP TABLE person; --", origin: 'a' })],
    ['an unknown kind', JSON.stringify({ kind: 'zone', zoneId: ORDER, origin: 'a' })],
    ['a bad municipality', JSON.stringify({ kind: 'person', personId: PERSON, municipalityCode: 'Weert', origin: 'a' })],
    ['an oversized payload', JSON.stringify({ kind: 'order', orderId: ORDER, origin: 'x'.repeat(2000) })],
    ['JSON null', 'null'],
  ])('ignores %s', (_, payload) => {
    expect(parseNotice(payload)).toBeNull();
  });
});

describe('RegisterEvents.deliver', () => {
  it("passes other instances' notices to the listeners and skips its own", async () => {
    const events = new RegisterEvents(new RegisterNoticesRepository());
    const orders: string[] = [];
    const persons: unknown[] = [];
    events.onOrderChanged((id) => void orders.push(id));
    events.onPersonChanged((p) => void persons.push(p));
    await events.deliver({ kind: 'order', orderId: ORDER, origin: 'another-instance' });
    await events.deliver({ kind: 'order', orderId: PERSON, origin: events.instanceId });
    await events.deliver({ kind: 'person', personId: PERSON, municipalityCode: 'GM1706', origin: 'another-instance' });
    expect(orders).toEqual([ORDER]);
    expect(persons).toEqual([{ personId: PERSON, municipalityCode: 'GM1706' }]);
  });
});
