/**
 * Dutch wording of the register's rules, by rule id (the catalogue in shared/domain/legal-rules.md). The API states
 * its findings in English for clients; the pages show these texts, with the rule id and the API's citation.
 */
const RULES_NL = {
  'GW172A-GROUND': 'Het bevel heeft een grond nodig die door de vastgelegde feiten wordt gedragen (bij herhaalde verstoring ten minste twee incidenten).',
  'GW172A-FEAR': 'Er moet ernstige vrees voor verdere verstoring van de openbare orde zijn, gemotiveerd.',
  'GW172A-CONTINUOUS': 'Een aaneengesloten bevel duurt ten hoogste drie maanden.',
  'GW172A-EXTENSIONS': 'Een bevel kan ten hoogste drie keer met ten hoogste drie maanden worden verlengd, elk met een nieuw besluit.',
  'GW172A-SEPARATE-DAYS': 'Losse dagen: ten hoogste 90 kalenderdagen, alle binnen ten hoogste 24 maanden (lid 6 sub b).',
  'GW172A-ZONE-IN-MUNICIPALITY': 'Het gebied moet binnen de gemeente liggen, tenzij namens een andere burgemeester.',
  'GW172A-REPORT-ELSEWHERE': 'Een meldplaats in een andere gemeente vraagt een tijdige, vastgelegde kennisgeving aan die burgemeester (lid 4).',
  'GW172A-OVJ-CONFLICT': 'Het bevel mag niet in strijd zijn met een gedragsaanwijzing van de officier van justitie.',
  'GW172A-AMEND': 'Wijzigen ten nadele kan bij nieuwe feiten (lid 7), ten gunste moet als de feiten dat vragen; elke wijziging is een nieuwe versie met eigen motivering.',
  'GW172A-EXEMPTION': 'Op verzoek kan tijdelijk ontheffing worden verleend, met voorwaarden (lid 8); binnen de ontheffing is aanwezigheid geen overtreding.',
  'GW172A-REVIEW': 'Een lopend bevel dat vier weken niet is beoordeeld, krijgt een waarschuwing; het wordt ingetrokken zodra het niet meer nodig is (lid 9).',
  'GW172A-MINOR': 'Bij een kind jonger dan 12 jaar: gebruik artikel 172b (bevel aan de ouder).',
  'GW172-3-APV-PRECEDENCE': 'Heeft de APV een eigen gebiedsverbod, dan moet dat worden gebruikt; artikel 172 lid 3 is dan niet beschikbaar.',
  'GW172-3-ACUTE': 'Een bevel op grond van artikel 172 lid 3 beantwoordt een acute dreiging; langer dan 14 dagen geeft een waarschuwing.',
  'APV-AREA-BAN-ONLY': 'Een APV-bevel kan alleen een gebiedsverbod zijn.',
  'APV-MAX-DURATION': 'De duur mag niet langer zijn dan de APV voor deze stap van de escalatieladder toestaat.',
  'APV-ESCALATION-STEP': 'Een hogere stap van de escalatieladder vraagt eerdere verboden of overtredingen binnen de terugkijktermijn van de APV.',
  'APV-WITHIN-172A-CAP': 'Een APV-bevel mag niet langer duren dan een bevel op grond van artikel 172a.',
  'APV-SHOPLIFTING-24H': 'Standaard gebiedsverbod van 24 uur na winkeldiefstal.',
  'GW177-NO-MANDATE': 'Een bevel op grond van artikel 172 lid 3 of 172a wordt door de burgemeester zelf ondertekend, niet in mandaat.',
  'APV-MANDATE': 'Een APV-bevel door de politie kan alleen met een vastgelegd mandaat.',
  'AWB-4-8-HEARING': 'De betrokkene krijgt vooraf de gelegenheid een zienswijze te geven, tenzij een vastgelegde grond uit artikel 4:11 Awb dat uitsluit.',
  'AWB-3-46-MOTIVATION': 'Het besluit moet deugdelijk gemotiveerd zijn, met de afweging van noodzaak, geschiktheid en evenredigheid.',
  'AWB-3-47-DEFERRED': 'Kon de motivering door spoed niet bij de bekendmaking worden gegeven, dan volgt zij binnen een week.',
  'AWB-3-41-NOTIFICATION': 'Het besluit treedt pas in werking na bekendmaking aan de betrokkene.',
  'AWB-6-7-OBJECTION-TERM': 'Bezwaar kan binnen zes weken na bekendmaking (met de Algemene termijnenwet).',
  'AWB-SUSPENSION': 'Een rechter kan het bevel schorsen; geschorst of herroepen is het niet van kracht.',
  'BREACH-IN-FORCE': 'Alleen een opgelegd, bekendgemaakt bevel binnen zijn geldigheid, niet ingetrokken of geschorst, kan worden overtreden.',
  'BREACH-SCHEDULE': 'Beperkt het bevel zich tot tijden, dan gelden die in de tijdzone van de gemeente.',
  'BREACH-BOUNDARY': 'Op de grens telt als binnen; reikt de nauwkeurigheid over de grens, dan is het antwoord onzeker.',
  'BREACH-GROUP': 'Een groepsverbod geldt bij een groep van ten minste vijf personen; de agent beoordeelt de rest.',
  'BREACH-REPORTING': 'Een meldplicht is overtreden als een meldmoment voorbijgaat zonder melding.',
  'BREACH-SANCTION': 'Overtreding is strafbaar (artikel 184 Wetboek van Strafrecht, of de APV).',
};

/** The Dutch text of a rule id, or the given fallback (the API's own message) for an id this page does not know. */
export function ruleText(ruleId, fallback = '') {
  return RULES_NL[ruleId] ?? fallback;
}
