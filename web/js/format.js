// Dutch labels for the register's codes, and date formatting in the Dutch way.
export const STATUS = {
  DRAFT: 'Concept', INTENT_SENT: 'Voornemen verzonden', ISSUED: 'Opgelegd', EXTENDED: 'Verlengd', AMENDED: 'Gewijzigd',
  SUSPENDED: 'Geschorst', WITHDRAWN: 'Ingetrokken', REVOKED: 'Herroepen', EXPIRED: 'Verlopen',
};
export const BASIS = { GEMW_172_3: 'Art. 172 lid 3 Gemeentewet', GEMW_172A: 'Art. 172a Gemeentewet', APV: 'APV' };
export const GROUND = {
  SINGLE_SERIOUS: 'Eenmalige ernstige verstoring', REPEATED: 'Herhaaldelijke verstoring',
  LEADING_ROLE: 'Leidende rol bij groepsverstoring', PRIVATE_SANCTION: 'Niet naleven van eerdere afspraken',
};
export const MEASURE = { AREA_BAN: 'Gebiedsverbod', GROUP_BAN: 'Groepsverbod', REPORTING_DUTY: 'Meldplicht' };
export const VERDICT = {
  BREACH: 'Overtreding', NO_BREACH: 'Geen overtreding', UNCERTAIN: 'Onzeker: de nauwkeurigheidscirkel snijdt de gebiedsgrens',
  POTENTIAL_BREACH: 'Mogelijke overtreding (groepsverbod: oordeel van de agent)',
};
export const ROLE = { mayor: 'Burgemeester', 'mayor-office': 'Medewerker kabinet burgemeester', police: 'Politie / boa', lawyer: 'Jurist', admin: 'Beheerder' };
export const WEEKDAYS = [['MON', 'ma'], ['TUE', 'di'], ['WED', 'wo'], ['THU', 'do'], ['FRI', 'vr'], ['SAT', 'za'], ['SUN', 'zo']];
export const SEVERITY = { error: 'Fout', warning: 'Waarschuwing' };
export const SLOT_STATUS = { UPCOMING: 'Gepland', OPEN: 'Open', MET: 'Gemeld', MISSED: 'Gemist', EXEMPT: 'Ontheven' };

const dateTime = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });
const dateOnly = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'Europe/Amsterdam' });

export const fmtDateTime = (iso) => (iso ? dateTime.format(new Date(iso)) : '—');
/** A calendar day "YYYY-MM-DD" (or an instant) as "12 januari 2027". */
export function fmtDate(value) {
  if (!value) return '—';
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? dateOnly.format(new Date(`${value}T12:00:00Z`)) : dateOnly.format(new Date(value));
}

/** The value of an `<input type="datetime-local">` for an instant, in the browser's time zone. */
export function toLocalInput(date = new Date()) {
  const d = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

/** An `<input type="datetime-local">` value as an RFC 3339 instant with the browser's offset; undefined when empty. */
export function fromLocalInput(value) {
  if (!value) return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return undefined;
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const pad = (n) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  return `${value.length === 16 ? `${value}:00` : value}${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
}
