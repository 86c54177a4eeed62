import type { Motivation, OrderState } from '../order/order';
import { orderObjectionDeadline } from '../rules/awb-notification';
import { dutchDate, dutchDateTime, dutchDay } from './dutch-format';
import {
  basisCitation,
  basisParagraphs,
  exemptionParagraphs,
  HEARING_SKIPPED_TEXT,
  NOTIFICATION_METHOD_TEXT,
  sanctionText,
  signatureLines,
} from './legal-texts';
import type { LetterInput, LetterModel, LetterSection, LetterZone } from './letter-model';
import { measureItem, reportingItems, validityParagraphs } from './measure-texts';

const AWB = 'Algemene wet bestuursrecht';

/**
 * Composes the Dutch intent notice (voornemen, art. 4:8 Awb) or decision (beschikking, art. 3:46 Awb) for one stored
 * order version: legal basis, facts, motivation with the proportionality test, measures with their zone maps,
 * validity and times, reporting duty, exemption, sanction, and for a decision the objection clause with the deadline
 * of `AWB-6-7-OBJECTION-TERM`. Pure: the same input always gives the same letter.
 */
export function composeLetter(input: LetterInput): LetterModel {
  const { order, municipality } = input;
  const tz = municipality.timeZone;
  const intent = input.kind === 'INTENT';
  const deadline = intent || input.changeKind === 'EXTEND' ? undefined : orderObjectionDeadline(order, municipality);
  const letterDate = intent ? (order.procedure.intentSentAt ?? input.versionCreatedAt) : input.versionCreatedAt;
  return {
    kind: input.kind,
    title: letterTitle(input),
    municipalityName: municipality.name,
    placeAndDate: `${municipality.name}, ${dutchDate(letterDate, tz)}`,
    reference: `Kenmerk: ${input.reference} (versie ${input.version})`,
    addressee: [input.person.name, ...(input.person.dateOfBirth ? [`geboren op ${dutchDay(input.person.dateOfBirth, tz)}`] : [])],
    salutation: `Geachte ${input.person.name},`,
    sections: intent ? intentSections(input) : decisionSections(input, deadline),
    maps: heldZones(order, input.zones),
    signature: { closing: 'Hoogachtend,', lines: signatureLines(order.procedure.signatory.role, order.procedure.signatory.name, municipality.name) },
    documentDate: input.versionCreatedAt,
    fileName: `${intent ? 'voornemen' : 'beschikking'}-${input.orderId}-v${input.version}.pdf`,
    objectionDeadline: deadline,
  };
}

function letterTitle(input: LetterInput): string {
  if (input.kind === 'INTENT') return 'Voornemen tot het opleggen van een bevel';
  if (input.changeKind === 'EXTEND') return 'Besluit: verlenging van een bevel';
  if (input.changeKind === 'AMEND') return 'Besluit: wijziging van een bevel';
  return `Besluit: bevel op grond van ${basisCitation(input.order.basis, input.municipality.name)}`;
}

function intentSections(input: LetterInput): LetterSection[] {
  const { order, municipality } = input;
  const tz = municipality.timeZone;
  const opening = `Ik ben van plan u een bevel op te leggen op grond van ${basisCitation(order.basis, municipality.name)}. Voordat ik daarover besluit, kunt u uw zienswijze geven. In deze brief leest u wat ik van plan ben en waarom.`;
  return [
    { heading: 'Mijn voornemen', paragraphs: [opening] },
    { heading: 'Wettelijke grondslag', paragraphs: basisParagraphs(order.basis, municipality.name) },
    factsSection(order, tz),
    motivationSection(order.procedure.motivation, order, tz),
    { heading: 'Maatregelen die ik wil opleggen', paragraphs: ['Ik ben van plan u het volgende te bevelen:'], items: order.measures.map((m) => measureItem(m, input.zones)), showsMaps: true },
    validitySection(order, tz, []),
    ...reportingSection(order, tz),
    { heading: 'Uw zienswijze', paragraphs: viewParagraphs(order, tz) },
  ];
}

function viewParagraphs(order: OrderState, tz: string): string[] {
  const until = order.procedure.viewDeadline ? `tot ${dutchDateTime(order.procedure.viewDeadline, tz)}` : 'binnen twee weken na de datum van deze brief';
  return [
    `U kunt ${until} uw zienswijze op dit voornemen geven, schriftelijk of mondeling (artikel 4:8 ${AWB}). Neem daarvoor contact op met de gemeente en vermeld het kenmerk van deze brief.`,
    'Tegen dit voornemen kunt u geen bezwaar maken: het is nog geen besluit. Ik betrek uw zienswijze bij mijn besluit; tegen dat besluit kunt u wel bezwaar maken.',
  ];
}

function decisionSections(input: LetterInput, deadline: string | undefined): LetterSection[] {
  const { order, municipality } = input;
  const tz = municipality.timeZone;
  const extension = input.changeKind === 'EXTEND' ? order.extensions.at(-1) : undefined;
  return [
    { heading: 'Mijn besluit', paragraphs: decisionOpening(input) },
    { heading: 'Wettelijke grondslag', paragraphs: basisParagraphs(order.basis, municipality.name) },
    factsSection(order, tz),
    ...hearingSection(order, tz),
    motivationSection(extension?.motivation ?? order.procedure.motivation, order, tz),
    { heading: 'Maatregelen', paragraphs: ['Ik beveel u:'], items: order.measures.map((m) => measureItem(m, input.zones)), showsMaps: true },
    validitySection(order, tz, notificationParagraphs(order, tz)),
    ...reportingSection(order, tz),
    { heading: 'Ontheffing aanvragen', paragraphs: exemptionParagraphs(order, municipality.name) },
    { heading: 'Als u dit bevel niet naleeft', paragraphs: [sanctionText(order.basis)] },
    { heading: 'Bezwaar', paragraphs: objectionParagraphs(order, tz, municipality.name, deadline, input.changeKind === 'EXTEND') },
  ];
}

function decisionOpening(input: LetterInput): string[] {
  const { order, municipality } = input;
  const tz = municipality.timeZone;
  const citation = basisCitation(order.basis, municipality.name);
  if (input.changeKind === 'EXTEND') {
    const e = order.extensions.at(-1);
    const n = order.extensions.length;
    if (e) return [`Ik heb besloten het bevel op grond van ${citation} te verlengen tot ${dutchDateTime(e.newEnd, tz)} (verlenging ${n}; artikel 172a, zesde lid, onder a, Gemeentewet). Het bevel zou anders eindigen op ${dutchDateTime(e.previousEnd, tz)}.`];
  }
  if (input.changeKind === 'AMEND' && order.lastAmendment) {
    const lid = order.lastAmendment.direction === 'DETRIMENT' ? 'in uw nadeel (artikel 172a, zevende lid, Gemeentewet)' : 'in uw voordeel (artikel 172a, negende lid, Gemeentewet)';
    return [`Ik heb besloten het bevel op grond van ${citation} te wijzigen, ${order.basis.kind === 'GEMW_172A' ? lid : 'op grond van nieuwe feiten'}. Hieronder staat het bevel zoals het na deze wijziging luidt.`];
  }
  return [`Ik heb besloten u een bevel op te leggen op grond van ${citation}. Hieronder leest u wat het bevel inhoudt, waarom ik het geef en wat u kunt doen als u het er niet mee eens bent.`];
}

function factsSection(order: OrderState, tz: string): LetterSection {
  const incidents = [...order.incidents].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  if (!incidents.length) return { heading: 'Feiten', paragraphs: ['Er zijn bij dit bevel geen feiten vastgelegd.'] };
  const items = incidents.map((i) => {
    const notes = [i.reportRef ? `proces-verbaal ${i.reportRef}` : '', i.serious ? 'ernstige verstoring' : ''].filter(Boolean);
    return `${dutchDateTime(i.at, tz)}: ${i.description}${notes.length ? ` (${notes.join('; ')})` : ''}`;
  });
  return { heading: 'Feiten', paragraphs: ['Ik baseer dit bevel op de volgende feiten:'], items };
}

function hearingSection(order: OrderState, tz: string): LetterSection[] {
  const p = order.procedure;
  if (p.hearingSkippedGround) return [{ heading: 'Horen', paragraphs: [HEARING_SKIPPED_TEXT[p.hearingSkippedGround]] }];
  if (!p.intentSentAt) return [];
  const sent = `Op ${dutchDay(p.intentSentAt, tz)} heb ik u laten weten dat ik van plan was dit bevel op te leggen, en u gevraagd uw zienswijze te geven (artikel 4:8 ${AWB}).`;
  const view = p.viewReceivedAt
    ? `Uw zienswijze heb ik op ${dutchDay(p.viewReceivedAt, tz)} ontvangen. Ik heb haar bij dit besluit betrokken.`
    : p.noViewReceived
      ? `U heeft ${p.viewDeadline ? `tot ${dutchDateTime(p.viewDeadline, tz)} ` : ''}geen zienswijze gegeven.`
      : '';
  return [{ heading: 'Horen', paragraphs: [sent, ...(view ? [view] : [])] }];
}

function motivationSection(m: Motivation | undefined, order: OrderState, tz: string): LetterSection {
  const fearLabel = order.basis.kind === 'GEMW_172A' ? 'Ernstige vrees voor verdere verstoring van de openbare orde' : 'Verstoring van de openbare orde';
  const parts: [string, string | undefined][] = [
    [fearLabel, m?.fear],
    ['Geschiktheid', m?.suitability],
    ['Noodzakelijkheid', m?.necessity],
    ['Evenredigheid', m?.balance],
  ];
  const paragraphs = [`Ik heb afgewogen of dit bevel geschikt, noodzakelijk en evenredig is (artikel 3:4 en 3:46 ${AWB}).`];
  for (const [label, text] of parts) if (text?.trim()) paragraphs.push(`${label}: ${text.trim()}`);
  if (order.procedure.motivationDeferredUntil) {
    paragraphs.push(`Vanwege de spoed ontvangt u de volledige motivering uiterlijk op ${dutchDay(order.procedure.motivationDeferredUntil, tz)} (artikel 3:47, derde lid, ${AWB}).`);
  }
  return { heading: 'Motivering', paragraphs };
}

function validitySection(order: OrderState, tz: string, extra: string[]): LetterSection {
  const v = validityParagraphs(order, tz);
  const local = 'Alle tijden in deze brief zijn de tijd zoals die in Nederland op de klok staat (zomer- of wintertijd).';
  return { heading: 'Geldigheid en tijden', paragraphs: [...v.paragraphs, ...extra, local], items: v.items };
}

function notificationParagraphs(order: OrderState, tz: string): string[] {
  const p = order.procedure;
  const start = `Het bevel geldt pas vanaf het moment dat dit besluit aan u is bekendgemaakt (artikel 3:40 ${AWB}).`;
  if (!p.notifiedAt) return [start];
  return [start, `Dit besluit is op ${dutchDateTime(p.notifiedAt, tz)} ${NOTIFICATION_METHOD_TEXT[p.notificationMethod ?? 'OTHER']}.`];
}

function reportingSection(order: OrderState, tz: string): LetterSection[] {
  const items = reportingItems(order, tz);
  if (!items.length) return [];
  const paragraphs = ['U moet zich persoonlijk melden op de plaats en tijden hieronder. Neem een geldig identiteitsbewijs mee.'];
  for (const m of order.measures) {
    const place = m.place;
    if (m.type === 'REPORTING_DUTY' && place?.noticeToMayorAt) {
      paragraphs.push(`${place.name} ligt in gemeente ${place.municipalityCode}; de burgemeester van die gemeente is op ${dutchDay(place.noticeToMayorAt, tz)} hierover ingelicht (artikel 172a, vierde lid, Gemeentewet).`);
    }
  }
  return [{ heading: 'Meldplicht', paragraphs, items }];
}

function objectionParagraphs(order: OrderState, tz: string, municipalityName: string, deadline: string | undefined, extension: boolean): string[] {
  const term = `Bent u het niet eens met dit besluit? Dan kunt u bezwaar maken. Dat moet binnen zes weken, te rekenen vanaf de dag na de dag waarop dit besluit aan u is bekendgemaakt (artikel 6:7 en 6:8 ${AWB}).`;
  const when = deadline
    ? `Dit besluit is op ${dutchDay(order.procedure.notifiedAt!, tz)} aan u bekendgemaakt. De laatste dag waarop u bezwaar kunt maken is daarom ${dutchDay(deadline, tz)} (termijn berekend volgens de Algemene termijnenwet).`
    : extension
      ? 'De termijn begint op de dag na de dag waarop dit verlengingsbesluit aan u is bekendgemaakt.'
      : 'De termijn begint op de dag na de dag waarop dit besluit aan u is bekendgemaakt.';
  return [
    term,
    when,
    `Stuur uw bezwaarschrift aan de burgemeester van ${municipalityName}. Zet daarin uw naam en adres, de datum, het kenmerk van dit besluit en waarom u het er niet mee eens bent, en onderteken het (artikel 6:5 ${AWB}).`,
    'Een bezwaarschrift schorst de werking van dit besluit niet. Is de zaak spoedeisend, dan kunt u de voorzieningenrechter van de rechtbank vragen om een voorlopige voorziening (artikel 8:81 Algemene wet bestuursrecht).',
  ];
}

/** The distinct zone versions the measures hold, in measure order. */
function heldZones(order: OrderState, zones: readonly LetterZone[]): LetterZone[] {
  const byVersion = new Map(zones.map((z) => [z.zoneVersionId, z]));
  const ids = [...new Set(order.measures.flatMap((m) => m.zoneVersionIds ?? []))];
  return ids.flatMap((id) => (byVersion.has(id) ? [byVersion.get(id)!] : []));
}
