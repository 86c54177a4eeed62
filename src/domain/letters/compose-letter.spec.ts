import type { MunicipalityConfig } from '../municipality/municipality-config';
import type { OrderState } from '../order/order';
import { composeLetter } from './compose-letter';
import type { LetterInput, LetterModel } from './letter-model';

const MUNICIPALITY: MunicipalityConfig = {
  code: 'GM1706',
  name: 'Cranendonck',
  timeZone: 'Europe/Amsterdam',
  mandates: [],
  prosecutorOrders: [],
  numbers: {},
  extraHolidays: [],
  policyRulesAsErrors: [],
};

const ZONE = {
  zoneVersionId: 'aaaaaaaa-0000-4000-8000-000000000001',
  zoneId: 'bbbbbbbb-0000-4000-8000-000000000001',
  name: 'Centrum Budel',
  version: 2,
  geometryHash: 'f'.repeat(64),
  geometry: { type: 'Polygon' as const, coordinates: [[[5.57, 51.27], [5.58, 51.27], [5.58, 51.28], [5.57, 51.27]]] },
};

function order172a(overrides: Partial<OrderState> = {}): OrderState {
  return {
    municipalityCode: 'GM1706',
    personId: 'cccccccc-0000-4000-8000-000000000001',
    status: 'ISSUED',
    basis: { kind: 'GEMW_172A', ground: 'REPEATED' },
    measures: [
      { type: 'AREA_BAN', zoneIds: [ZONE.zoneId], zoneVersionIds: [ZONE.zoneVersionId], schedule: [{ days: ['FRI', 'SAT'], from: '20:00', to: '06:00' }] },
      { type: 'REPORTING_DUTY', place: { name: 'Politiebureau Budel', municipalityCode: 'GM1706' }, slots: [{ days: ['SAT'], at: '13:00', windowMinutes: 30 }] },
    ],
    validity: { mode: 'CONTINUOUS', start: '2026-12-05T00:00:00+01:00', end: '2027-03-05T00:00:00+01:00' },
    incidents: [
      { at: '2026-11-14T23:40:00+01:00', description: 'Intimidatie van winkelpersoneel', reportRef: 'PL2100-2026-187' },
      { at: '2026-10-03T22:10:00+02:00', description: 'Vechtpartij op de Markt', reportRef: 'PL2100-2026-101', serious: true },
    ],
    procedure: {
      signatory: { role: 'MAYOR', name: 'M. de Burgemeester' },
      intentSentAt: '2026-12-01T10:00:00+01:00',
      viewDeadline: '2026-12-03T17:00:00+01:00',
      viewReceivedAt: '2026-12-02T15:00:00+01:00',
      notifiedAt: '2026-12-04T10:00:00+01:00',
      notificationMethod: 'HANDED',
      motivation: {
        fear: 'Er is ernstige vrees voor verdere verstoring.',
        suitability: 'Het verbod houdt betrokkene weg uit het centrum.',
        necessity: 'Een waarschuwing hielp niet.',
        balance: 'Woning en werk liggen buiten het gebied.',
      },
    },
    extensions: [],
    exemptions: [],
    suspensions: [],
    ...overrides,
  };
}

function letter(kind: LetterInput['kind'], order: OrderState, extra: Partial<LetterInput> = {}): LetterModel {
  return composeLetter({
    kind,
    orderId: 'dddddddd-0000-4000-8000-000000000001',
    reference: 'GM1706-2026-ABCDEF12',
    order,
    version: kind === 'INTENT' ? 2 : 4,
    changeKind: kind === 'INTENT' ? 'SEND_INTENT' : 'ISSUE',
    versionCreatedAt: '2026-12-04T10:00:00.000Z',
    municipality: MUNICIPALITY,
    person: { name: 'Jan Jansen', dateOfBirth: '1995-03-14' },
    zones: [ZONE],
    ...extra,
  });
}

/** All text of a letter, one string, for "the letter says ..." assertions. */
function textOf(l: LetterModel): string {
  return [l.title, l.placeAndDate, l.reference, ...l.addressee, l.salutation, ...l.sections.flatMap((s) => [s.heading, ...s.paragraphs, ...(s.items ?? [])]), ...l.signature.lines].join('\n');
}

function section(l: LetterModel, heading: string) {
  const found = l.sections.find((s) => s.heading === heading);
  if (!found) throw new Error(`no section ${heading} in ${l.sections.map((s) => s.heading).join(', ')}`);
  return found;
}

describe('composeLetter', () => {
  it('a 172a decision cites the basis and ground, states local dates in Dutch and the AWB-6-7 objection deadline', () => {
    const l = letter('DECISION', order172a());
    const text = textOf(l);
    expect(l.title).toBe('Besluit: bevel op grond van artikel 172a Gemeentewet');
    expect(text).toContain('artikel 172a, eerste lid, onder a, Gemeentewet');
    expect(text).toContain('herhaaldelijk');
    expect(l.placeAndDate).toBe('Cranendonck, 4 december 2026');
    expect(text).toContain('Dit bevel geldt van zaterdag 5 december 2026 om 00:00 uur tot vrijdag 5 maart 2027 om 00:00 uur.');
    expect(text).toContain('Dit besluit is op vrijdag 4 december 2026 om 10:00 uur aan u uitgereikt.');
    // notified Fri 4 Dec 2026: six weeks end Fri 15 Jan 2027 (no holiday)
    expect(l.objectionDeadline).toBe('2027-01-15');
    expect(text).toContain('De laatste dag waarop u bezwaar kunt maken is daarom vrijdag 15 januari 2027');
    expect(text).toContain('artikel 6:7 en 6:8 Algemene wet bestuursrecht');
    expect(text).toContain('artikel 184 Wetboek van Strafrecht');
    expect(text).toContain('artikel 172a, achtste lid, Gemeentewet');
    expect(l.signature.lines).toEqual(['De burgemeester van Cranendonck,', '', 'M. de Burgemeester']);
    expect(l.fileName).toBe('beschikking-dddddddd-0000-4000-8000-000000000001-v4.pdf');
    expect(l.documentDate).toBe('2026-12-04T10:00:00.000Z');
  });

  it('moves the objection deadline past a holiday (Atw): notified Mon 15 Feb 2027, six weeks end on Easter Monday', () => {
    const o = order172a();
    const notified = (at: string) => letter('DECISION', { ...o, procedure: { ...o.procedure, notifiedAt: at } });
    // Easter 2027 is Sunday 28 March: 15 Feb + 6 weeks = Monday 29 March (Easter Monday) runs on to Tuesday 30 March.
    const easter = notified('2027-02-15T12:00:00+01:00');
    expect(easter.objectionDeadline).toBe('2027-03-30');
    expect(textOf(easter)).toContain('De laatste dag waarop u bezwaar kunt maken is daarom dinsdag 30 maart 2027');
    // Notified a day later, the term ends on that Tuesday itself; two days later, on Wednesday 31 March.
    expect(notified('2027-02-16T12:00:00+01:00').objectionDeadline).toBe('2027-03-30');
    expect(notified('2027-02-17T12:00:00+01:00').objectionDeadline).toBe('2027-03-31');
  });

  it('lists the facts in time order with their police reports, and the proportionality test', () => {
    const l = letter('DECISION', order172a());
    expect(section(l, 'Feiten').items).toEqual([
      'zaterdag 3 oktober 2026 om 22:10 uur: Vechtpartij op de Markt (proces-verbaal PL2100-2026-101; ernstige verstoring)',
      'zaterdag 14 november 2026 om 23:40 uur: Intimidatie van winkelpersoneel (proces-verbaal PL2100-2026-187)',
    ]);
    const motivation = section(l, 'Motivering').paragraphs.join('\n');
    expect(motivation).toContain('geschikt, noodzakelijk en evenredig');
    expect(motivation).toContain('Ernstige vrees voor verdere verstoring van de openbare orde: Er is ernstige vrees');
    expect(motivation).toContain('Geschiktheid: Het verbod');
    expect(motivation).toContain('Noodzakelijkheid: Een waarschuwing');
    expect(motivation).toContain('Evenredigheid: Woning');
  });

  it('the intent notice asks for a view by the deadline, has no objection clause and no decision wording', () => {
    const o = order172a({ status: 'INTENT_SENT' });
    const l = letter('INTENT', { ...o, procedure: { ...o.procedure, notifiedAt: undefined, notificationMethod: undefined, viewReceivedAt: undefined } });
    const text = textOf(l);
    expect(l.title).toBe('Voornemen tot het opleggen van een bevel');
    expect(l.placeAndDate).toBe('Cranendonck, 1 december 2026');
    expect(text).toContain('tot donderdag 3 december 2026 om 17:00 uur uw zienswijze');
    expect(text).toContain('artikel 4:8 Algemene wet bestuursrecht');
    expect(text).toContain('kunt u geen bezwaar maken');
    expect(l.sections.map((s) => s.heading)).not.toContain('Bezwaar');
    expect(l.sections.map((s) => s.heading)).not.toContain('Horen');
    expect(l.objectionDeadline).toBeUndefined();
    expect(l.fileName).toMatch(/^voornemen-.*-v2\.pdf$/);
    // the intent still names the basis, facts, measures and validity
    expect(text).toContain('artikel 172a');
    expect(section(l, 'Maatregelen die ik wil opleggen').showsMaps).toBe(true);
  });

  it('the decision records the hearing: intent sent and view received, or the Awb 4:11 ground for skipping it', () => {
    expect(section(letter('DECISION', order172a()), 'Horen').paragraphs.join(' ')).toContain('Uw zienswijze heb ik op woensdag 2 december 2026 ontvangen');
    const o = order172a();
    const urgent = letter('DECISION', { ...o, procedure: { ...o.procedure, intentSentAt: undefined, viewReceivedAt: undefined, hearingSkippedGround: 'URGENCY' } });
    expect(section(urgent, 'Horen').paragraphs[0]).toContain('artikel 4:11, onder a');
  });

  it('describes each measure type with its zone (name and version) and its times', () => {
    const o = order172a({
      measures: [
        { type: 'AREA_BAN', zoneIds: [ZONE.zoneId], zoneVersionIds: [ZONE.zoneVersionId] },
        { type: 'GROUP_BAN', zoneIds: [ZONE.zoneId], zoneVersionIds: [ZONE.zoneVersionId], schedule: [{ days: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'], from: '10:00', to: '18:00' }] },
        { type: 'REPORTING_DUTY', place: { name: 'Politiebureau Budel', municipalityCode: 'GM1706' }, slots: [{ days: ['MON', 'THU'], at: '09:30', windowMinutes: 60 }] },
      ],
    });
    const items = section(letter('DECISION', o), 'Maatregelen').items!;
    expect(items[0]).toBe('Gebiedsverbod: het is u verboden zich te bevinden in het gebied "Centrum Budel" (kaart, versie 2), de hele dag (24 uur per dag).');
    expect(items[1]).toContain('Groepsverbod');
    expect(items[1]).toContain('met meer dan drie andere personen');
    expect(items[1]).toContain('op elke dag van 10:00 tot 18:00 uur');
    expect(items[2]).toContain('Meldplicht: u moet zich persoonlijk melden bij Politiebureau Budel');
    const duty = section(letter('DECISION', o), 'Meldplicht');
    expect(duty.items).toEqual(['Bij Politiebureau Budel: elke maandag en donderdag om 09:30 uur (u kunt zich melden tot 60 minuten na dat tijdstip).']);
  });

  it('a night window crossing midnight says so', () => {
    const items = section(letter('DECISION', order172a()), 'Maatregelen').items!;
    expect(items[0]).toContain('op vrijdag en zaterdag van 20:00 tot 06:00 uur (de volgende dag)');
  });

  it('separate days: lists each day in Dutch and gives one reporting time per order day', () => {
    const o = order172a({ validity: { mode: 'SEPARATE_DAYS', days: ['2027-01-09', '2026-12-12', '2026-12-19'] } });
    const l = letter('DECISION', o);
    const validity = section(l, 'Geldigheid en tijden');
    expect(validity.paragraphs[0]).toContain('op 3 afzonderlijke dagen (artikel 172a, zesde lid, onder b, Gemeentewet)');
    expect(validity.items).toEqual(['zaterdag 12 december 2026', 'zaterdag 19 december 2026', 'zaterdag 9 januari 2027']);
    expect(section(l, 'Meldplicht').items).toEqual(['Bij Politiebureau Budel: op elke dag waarop dit bevel geldt om 13:00 uur (u kunt zich melden tot 30 minuten na dat tijdstip).']);
  });

  it('separate days with differing report times lists them per day', () => {
    const o = order172a({
      validity: { mode: 'SEPARATE_DAYS', days: ['2026-12-12', '2026-12-13'] },
      measures: [{ type: 'REPORTING_DUTY', place: { name: 'Bureau', municipalityCode: 'GM1706' }, slots: [{ days: ['SUN'], at: '11:00', windowMinutes: 15 }, { days: ['SAT'], at: '16:00', windowMinutes: 15 }] }],
    });
    expect(section(letter('DECISION', o), 'Meldplicht').items).toEqual([
      'Bij Bureau: op zaterdag 12 december 2026 om 16:00 uur (u kunt zich melden tot 15 minuten na dat tijdstip).',
      'Bij Bureau: op zondag 13 december 2026 om 11:00 uur (u kunt zich melden tot 15 minuten na dat tijdstip).',
    ]);
  });

  it('an order without a reporting duty has no reporting section', () => {
    const o = order172a();
    const l = letter('DECISION', { ...o, measures: [o.measures[0]] });
    expect(l.sections.map((s) => s.heading)).not.toContain('Meldplicht');
  });

  it('an extension decision states the new end and its own motivation, and no deadline counted from the first notification', () => {
    const ext = { decidedAt: '2027-03-01T10:00:00+01:00', previousEnd: '2027-03-05T00:00:00+01:00', newEnd: '2027-06-05T00:00:00+02:00', motivation: { fear: 'Nieuwe meldingen van overlast.' } };
    const l = letter('DECISION', order172a({ status: 'EXTENDED', extensions: [ext] }), { changeKind: 'EXTEND', version: 6 });
    const text = textOf(l);
    expect(l.title).toBe('Besluit: verlenging van een bevel');
    expect(text).toContain('te verlengen tot zaterdag 5 juni 2027 om 00:00 uur (verlenging 1;');
    expect(section(l, 'Motivering').paragraphs.join(' ')).toContain('Nieuwe meldingen van overlast.');
    expect(section(l, 'Geldigheid en tijden').items).toEqual(['verlenging 1, besloten op maandag 1 maart 2027: tot zaterdag 5 juni 2027 om 00:00 uur']);
    expect(l.objectionDeadline).toBeUndefined();
    expect(text).toContain('dit verlengingsbesluit aan u is bekendgemaakt');
  });

  it('an unnotified decision states the term without a date', () => {
    const o = order172a();
    const l = letter('DECISION', { ...o, procedure: { ...o.procedure, notifiedAt: undefined } });
    expect(l.objectionDeadline).toBeUndefined();
    expect(section(l, 'Bezwaar').paragraphs[1]).toBe('De termijn begint op de dag na de dag waarop dit besluit aan u is bekendgemaakt.');
  });

  it('cites art. 172 lid 3 and the APV article, with the matching sanction and mandate signature', () => {
    const gw1723 = textOf(letter('DECISION', order172a({ basis: { kind: 'GEMW_172_3' } })));
    expect(gw1723).toContain('artikel 172, derde lid, Gemeentewet');
    expect(gw1723).toContain('artikel 184 Wetboek van Strafrecht');
    const o = order172a({ basis: { kind: 'APV', apvArticle: '2:79' } });
    const apv = letter('DECISION', { ...o, procedure: { ...o.procedure, signatory: { role: 'POLICE', name: 'Agent De Vries' } } });
    expect(apv.title).toBe('Besluit: bevel op grond van artikel 2:79 van de Algemene Plaatselijke Verordening Cranendonck');
    expect(textOf(apv)).toContain('artikel 154 van de Gemeentewet');
    expect(apv.signature.lines).toEqual(['De burgemeester van Cranendonck,', 'namens deze (mandaat),', '', 'Agent De Vries, politie']);
  });

  it('holds each zone version once for the maps, in measure order', () => {
    const o = order172a();
    const both = { ...o, measures: [o.measures[0], { ...o.measures[0], type: 'GROUP_BAN' as const }] };
    expect(letter('DECISION', both).maps.map((z) => z.zoneVersionId)).toEqual([ZONE.zoneVersionId]);
  });
});
