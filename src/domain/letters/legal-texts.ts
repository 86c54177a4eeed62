import type { Basis, Ground172a, HearingSkippedGround, MeasureType, OrderState, SignatoryRole } from '../order/order';

/**
 * The fixed Dutch wording of the letters: legal bases with their articles (shared/domain/legal-rules.md), the grounds
 * of art. 172a, hearing exceptions (Awb 4:11), sanctions (art. 184 Sr; art. 154 Gemeentewet) and exemptions.
 */

const GW = 'Gemeentewet';

const GROUND_TEXT: Record<Ground172a, string> = {
  SINGLE_SERIOUS: 'u heeft de openbare orde ernstig verstoord (artikel 172a, eerste lid, onder a, Gemeentewet)',
  REPEATED: 'u heeft herhaaldelijk, individueel of in groepsverband, de openbare orde verstoord (artikel 172a, eerste lid, onder a, Gemeentewet)',
  LEADING_ROLE: 'u heeft een leidende rol gehad bij groepsgewijze verstoring van de openbare orde (artikel 172a, eerste lid, onder b, Gemeentewet)',
  PRIVATE_SANCTION: 'u is een privaatrechtelijke sanctie opgelegd, zoals een stadionverbod, wegens verstoring van de openbare orde (artikel 172a, tweede lid, Gemeentewet)',
};

/** The article the order rests on, as the letter cites it. */
export function basisCitation(basis: Basis, municipalityName: string): string {
  switch (basis.kind) {
    case 'GEMW_172A':
      return `artikel 172a ${GW}`;
    case 'GEMW_172_3':
      return `artikel 172, derde lid, ${GW}`;
    case 'APV':
      return `artikel ${basis.apvArticle ?? '(artikel niet vastgelegd)'} van de Algemene Plaatselijke Verordening ${municipalityName}`;
  }
}

/** The paragraphs of "Wettelijke grondslag": the power used and, for 172a, the ground and any request of another mayor. */
export function basisParagraphs(basis: Basis, municipalityName: string): string[] {
  switch (basis.kind) {
    case 'GEMW_172A':
      return [
        `Dit bevel berust op artikel 172a van de Gemeentewet. Daarin staat dat de burgemeester een gebiedsverbod, een groepsverbod of een meldplicht kan opleggen aan iemand die de openbare orde heeft verstoord, als er ernstige vrees bestaat voor verdere verstoring van de openbare orde.`,
        basis.ground ? `De grond is: ${GROUND_TEXT[basis.ground]}.` : 'De grond van het bevel is niet vastgelegd.',
        ...(basis.onBehalfOf
          ? [`Ik geef dit bevel op verzoek van de burgemeester van gemeente ${basis.onBehalfOf} (artikel 172a, derde lid, Gemeentewet).`]
          : []),
      ];
    case 'GEMW_172_3':
      return [
        'Dit bevel berust op artikel 172, derde lid, van de Gemeentewet. Daarin staat dat de burgemeester bij verstoring van de openbare orde of bij ernstige vrees voor het ontstaan daarvan de bevelen kan geven die noodzakelijk zijn voor de handhaving van de openbare orde.',
      ];
    case 'APV':
      return [
        `Dit bevel berust op ${basisCitation(basis, municipalityName)}, in samenhang met artikel 172, eerste lid, van de Gemeentewet (de burgemeester is belast met de handhaving van de openbare orde).`,
        ...(basis.apvStep ? [`Het bevel valt in stap ${basis.apvStep} van de opbouw van verboden in dat artikel.`] : []),
      ];
  }
}

/** Why the person was not heard beforehand (art. 4:11 Awb). */
export const HEARING_SKIPPED_TEXT: Record<HearingSkippedGround, string> = {
  URGENCY: 'Vanwege de vereiste spoed heb ik u niet vooraf in de gelegenheid gesteld uw zienswijze te geven (artikel 4:11, onder a, Algemene wet bestuursrecht).',
  VIEW_ALREADY_GIVEN:
    'U heeft al eerder uw zienswijze kunnen geven en sindsdien zijn er geen nieuwe feiten of omstandigheden; daarom heb ik u niet opnieuw gehoord (artikel 4:11, onder b, Algemene wet bestuursrecht).',
  NOTICE_DEFEATS_PURPOSE:
    'Het doel van dit bevel kan alleen worden bereikt als u er niet vooraf van op de hoogte bent; daarom heb ik u niet vooraf gehoord (artikel 4:11, onder c, Algemene wet bestuursrecht).',
};

export const MEASURE_NAME: Record<MeasureType, string> = {
  AREA_BAN: 'Gebiedsverbod',
  GROUP_BAN: 'Groepsverbod',
  REPORTING_DUTY: 'Meldplicht',
};

/** What breaking the order is (BREACH-SANCTION). */
export function sanctionText(basis: Basis): string {
  if (basis.kind === 'APV') {
    return 'Als u dit bevel niet naleeft, begaat u een strafbaar feit (overtreding van de Algemene Plaatselijke Verordening, strafbaar gesteld op grond van artikel 154 van de Gemeentewet). De politie kan u daarvoor aanhouden.';
  }
  return 'Als u dit bevel niet naleeft, begaat u een misdrijf: het niet opvolgen van een bevel van de burgemeester (artikel 184 Wetboek van Strafrecht). Daarop staat een gevangenisstraf van ten hoogste drie maanden of een geldboete.';
}

/** How to ask for an exemption (art. 172a lid 8 for 172a orders). */
export function exemptionParagraphs(order: OrderState, municipalityName: string): string[] {
  const how = `Stuur uw verzoek aan de burgemeester van ${municipalityName} en vermeld het kenmerk van deze brief, de reden, de datum en de tijden waarvoor u ontheffing vraagt en, als u door het gebied moet, de route.`;
  if (order.basis.kind === 'GEMW_172A') {
    return [
      'U kunt mij vragen om een tijdelijke ontheffing van dit bevel, bijvoorbeeld om een zitting bij de rechtbank bij te wonen of voor een afspraak met een arts of advocaat (artikel 172a, achtste lid, Gemeentewet). Aan een ontheffing kan ik voorwaarden verbinden.',
      how,
    ];
  }
  return [
    'Heeft u een dringende reden om in het gebied te zijn, zoals een afspraak met een arts, advocaat of de rechtbank? Dan kunt u mij vragen om een tijdelijke ontheffing. Aan een ontheffing kan ik voorwaarden verbinden.',
    how,
  ];
}

/** The signature block: the mayor signs 172(3)/172a orders (GW177-NO-MANDATE); police or boa only APV orders in mandate. */
export function signatureLines(role: SignatoryRole, name: string, municipalityName: string): string[] {
  switch (role) {
    case 'MAYOR':
      return [`De burgemeester van ${municipalityName},`, '', name];
    case 'ACTING_MAYOR':
      return [`De waarnemend burgemeester van ${municipalityName},`, '', name];
    case 'POLICE':
      return [`De burgemeester van ${municipalityName},`, 'namens deze (mandaat),', '', `${name}, politie`];
    case 'BOA':
      return [`De burgemeester van ${municipalityName},`, 'namens deze (mandaat),', '', `${name}, buitengewoon opsporingsambtenaar`];
  }
}

export const NOTIFICATION_METHOD_TEXT: Record<NonNullable<OrderState['procedure']['notificationMethod']>, string> = {
  HANDED: 'aan u uitgereikt',
  MAIL: 'per post aan u verzonden',
  ELECTRONIC: 'elektronisch aan u verzonden',
  OTHER: 'aan u bekendgemaakt',
};
