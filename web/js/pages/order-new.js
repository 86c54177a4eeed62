import { ApiError, api, query } from '../api.js';
import { $$, button, checkbox, field, fieldset, h, input, radio, replace, select, textarea } from '../dom.js';
import { BASIS, GROUND, MEASURE, WEEKDAYS, fmtDate, fromLocalInput } from '../format.js';
import { findingsList, layout, problemAlert } from '../layout.js';
import { personPicker } from '../person-picker.js';

// The order wizard: every change is sent to POST /order-checks (a dry run, nothing stored) and the register's
// findings are shown by rule id beside the form while the clerk types.
const session = layout({ roles: ['mayor', 'mayor-office'] });
const main = document.getElementById('main-content');
const municipality = select(session.municipalities.map((m) => [m, m]), { name: 'municipalityCode' });
let person = null;
const picker = personPicker({ municipality: () => municipality.value, onPick: (p) => { person = p; scheduleCheck(); } });

const newName = input({ name: 'new-person-name', autocomplete: 'off' });
const newBirth = input({ type: 'date', name: 'new-person-birth' });
const newPersonResult = h('div', { 'aria-live': 'polite' });
async function registerPerson() {
  try {
    const p = await api('/persons', { method: 'POST', body: { municipalityCode: municipality.value, name: newName.value.trim(), dateOfBirth: newBirth.value } });
    person = p;
    picker.set(p);
    replace(newPersonResult, h('p', { class: 'utrecht-paragraph' }, `${p.name} is geregistreerd en gekozen.`));
    scheduleCheck();
  } catch (e) {
    replace(newPersonResult, problemAlert(e));
  }
}

const kind = select(Object.entries(BASIS), { name: 'basis.kind' });
kind.value = 'GEMW_172A';
const ground = select([['', '— geen —'], ...Object.entries(GROUND)], { name: 'basis.ground' });
const apvArticle = input({ name: 'basis.apvArticle', placeholder: '2:79', size: 8 });
const apvStep = input({ type: 'number', name: 'basis.apvStep', min: 1, max: 10, size: 4 });

const measureBoxes = Object.entries(MEASURE).map(([type, label]) => checkbox(label, { name: 'measure', value: type, checked: type === 'AREA_BAN' }));
const zoneList = h('div', { class: 'zone-list' });
const dayBoxes = (name) => h('div', { class: 'row' }, WEEKDAYS.map(([code, label]) => checkbox(label, { name, value: code })));
const scheduleDays = dayBoxes('schedule-day');
const scheduleFrom = input({ type: 'time', name: 'schedule.from' });
const scheduleTo = input({ type: 'time', name: 'schedule.to' });
const placeName = input({ name: 'place.name', placeholder: 'Politiebureau …' });
const slotDays = dayBoxes('slot-day');
const slotAt = input({ type: 'time', name: 'slot.at' });
const slotWindow = input({ type: 'number', name: 'slot.windowMinutes', min: 1, max: 1440, value: 30, size: 5 });

const modeContinuous = radio('Aaneengesloten periode', { name: 'validity.mode', value: 'CONTINUOUS', checked: true });
const modeDays = radio('Losse dagen', { name: 'validity.mode', value: 'SEPARATE_DAYS' });
const start = input({ type: 'datetime-local', name: 'validity.start' });
const end = input({ type: 'datetime-local', name: 'validity.end' });
const days = textarea({ name: 'validity.days', rows: 3, placeholder: '2027-01-16\n2027-01-30' });

const incidents = h('ol', { class: 'stack' });
function addIncident() {
  const n = incidents.children.length + 1;
  incidents.append(h('li', { class: 'incident' }, fieldset(`Incident ${n}`,
    field('Datum en tijd', input({ type: 'datetime-local', name: 'incident.at' })),
    field('Omschrijving', textarea({ name: 'incident.description', rows: 2 })),
    field('Kenmerk proces-verbaal of mutatie', input({ name: 'incident.reportRef' })))));
}
addIncident();

const intentSentAt = input({ type: 'datetime-local', name: 'procedure.intentSentAt' });
const viewDeadline = input({ type: 'datetime-local', name: 'procedure.viewDeadline' });
const viewReceivedAt = input({ type: 'datetime-local', name: 'procedure.viewReceivedAt' });
const noView = checkbox('Geen zienswijze ontvangen binnen de termijn', { name: 'procedure.noViewReceived' });
const skipped = select([['', '— niet overgeslagen —'], ['URGENCY', 'Spoedeisend (art. 4:11 Awb)'], ['VIEW_ALREADY_GIVEN', 'Zienswijze al gegeven'], ['NOTICE_DEFEATS_PURPOSE', 'Aankondiging zou het doel schaden']], { name: 'procedure.hearingSkippedGround' });
const motivation = {
  fear: textarea({ name: 'motivation.fear', rows: 3 }),
  suitability: textarea({ name: 'motivation.suitability', rows: 3 }),
  necessity: textarea({ name: 'motivation.necessity', rows: 3 }),
  balance: textarea({ name: 'motivation.balance', rows: 3 }),
};
const signatoryRole = select([['MAYOR', 'Burgemeester'], ['ACTING_MAYOR', 'Waarnemend burgemeester'], ['POLICE', 'Politie (mandaat)'], ['BOA', 'Boa (mandaat)']], { name: 'signatory.role' });
const signatoryName = input({ name: 'signatory.name', value: 'De burgemeester' });

const findings = h('div', { id: 'findings', 'aria-live': 'polite', 'aria-atomic': 'true' }, h('p', { class: 'utrecht-paragraph' }, 'Nog niets gecontroleerd.'));
const saveResult = h('div', { 'aria-live': 'assertive' });

async function loadZones() {
  const zones = await api(`/zones${query({ municipality: municipality.value })}`);
  replace(zoneList, zones.length ? zones.map((z) => checkbox(`${z.name} (versie ${z.version})`, { name: 'zone', value: z.id })) :
    h('p', { class: 'utrecht-paragraph' }, 'Deze gemeente heeft nog geen gebieden. ', h('a', { class: 'utrecht-link', href: '/zones.html' }, 'Teken een gebied')));
}

const checked = (name) => $$(`input[name="${name}"]:checked`, form).map((i) => i.value);
const text = (el) => el.value.trim() || undefined;

function payload() {
  const zoneIds = checked('zone');
  const scheduleDaysPicked = checked('schedule-day');
  const schedule = scheduleDaysPicked.length && scheduleFrom.value && scheduleTo.value ? [{ days: scheduleDaysPicked, from: scheduleFrom.value, to: scheduleTo.value }] : undefined;
  const measures = checked('measure').map((type) => type === 'REPORTING_DUTY'
    ? { type, place: { name: placeName.value.trim(), municipalityCode: municipality.value }, slots: checked('slot-day').length && slotAt.value ? [{ days: checked('slot-day'), at: slotAt.value, windowMinutes: Number(slotWindow.value) }] : undefined }
    : { type, zoneIds, schedule });
  const mode = checked('validity.mode')[0];
  const motivationParts = Object.fromEntries(Object.entries(motivation).map(([k, el]) => [k, text(el)]).filter(([, v]) => v));
  return {
    municipalityCode: municipality.value,
    personId: person?.id,
    basis: { kind: kind.value, ground: ground.value || undefined, apvArticle: text(apvArticle), apvStep: apvStep.value ? Number(apvStep.value) : undefined },
    measures,
    validity: mode === 'CONTINUOUS' ? { mode, start: fromLocalInput(start.value), end: fromLocalInput(end.value) }
      : { mode, days: days.value.split(/\s+/).filter(Boolean) },
    incidents: $$('.incident', incidents).map((li) => ({
      at: fromLocalInput(li.querySelector('[name="incident.at"]').value),
      description: li.querySelector('[name="incident.description"]').value.trim(),
      reportRef: text(li.querySelector('[name="incident.reportRef"]')),
    })).filter((i) => i.at || i.description),
    procedure: {
      intentSentAt: fromLocalInput(intentSentAt.value), viewDeadline: fromLocalInput(viewDeadline.value),
      viewReceivedAt: fromLocalInput(viewReceivedAt.value), noViewReceived: checked('procedure.noViewReceived').length ? true : undefined,
      hearingSkippedGround: skipped.value || undefined,
      motivation: Object.keys(motivationParts).length ? motivationParts : undefined,
      signatory: { role: signatoryRole.value, name: signatoryName.value.trim() },
    },
  };
}

let timer;
let sequence = 0;
function scheduleCheck() {
  clearTimeout(timer);
  timer = setTimeout(check, 350);
}

async function check() {
  const mine = ++sequence;
  try {
    const result = await api('/order-checks', { method: 'POST', body: payload() });
    if (mine !== sequence) return;
    replace(findings,
      result.findings.length ? findingsList(result.findings) : h('p', { class: 'utrecht-paragraph', id: 'no-findings' }, 'Geen bevindingen: het register ziet geen bezwaren.'),
      result.objectionDeadline ? h('p', { class: 'utrecht-paragraph' }, `Bezwaartermijn loopt tot en met ${fmtDate(result.objectionDeadline)}.`) : null);
  } catch (e) {
    if (mine !== sequence) return;
    const fieldErrors = e instanceof ApiError && Array.isArray(e.problem.errors) ? e.problem.errors : null;
    replace(findings, fieldErrors
      ? h('div', {}, h('p', { class: 'utrecht-paragraph' }, 'Nog niet compleet:'), h('ul', {}, fieldErrors.map((f) => h('li', {}, h('code', {}, f.field), ` — ${f.message}`))))
      : problemAlert(e));
  }
}

async function save(event) {
  event.preventDefault();
  try {
    const order = await api('/orders', { method: 'POST', body: payload() });
    location.assign(`/order.html?id=${order.id}&created=1`);
  } catch (e) {
    replace(saveResult, problemAlert(e));
  }
}

const form = h('form', { id: 'order-wizard', novalidate: true },
  session.municipalities.length > 1 ? field('Gemeente', municipality) : null,
  fieldset('1. Persoon', picker.element,
    h('details', {}, h('summary', {}, 'Nieuwe persoon registreren'),
      h('div', { class: 'row' }, field('Naam nieuwe persoon', newName), field('Geboortedatum', newBirth), button('Persoon registreren', { onclick: registerPerson })), newPersonResult)),
  fieldset('2. Grondslag', h('div', { class: 'row' }, field('Wettelijke grondslag', kind), field('Grond (art. 172a)', ground), field('APV-artikel', apvArticle), field('APV-stap', apvStep))),
  fieldset('3. Maatregelen', h('div', { class: 'row' }, measureBoxes),
    fieldset('Gebieden (gebieds- en groepsverbod)', zoneList),
    fieldset('Tijden van het verbod (leeg: de hele dag)', scheduleDays, h('div', { class: 'row' }, field('Van', scheduleFrom), field('Tot', scheduleTo))),
    fieldset('Meldplicht', field('Meldplaats', placeName), slotDays, h('div', { class: 'row' }, field('Tijdstip', slotAt), field('Venster (minuten)', slotWindow)))),
  fieldset('4. Geldigheid', modeContinuous, modeDays, h('div', { class: 'row' }, field('Ingang', start), field('Einde', end)), field('Losse dagen (één datum per regel, JJJJ-MM-DD)', days)),
  fieldset('5. Incidenten', incidents, button('Incident toevoegen', { onclick: () => { addIncident(); } })),
  fieldset('6. Horen (voornemen en zienswijze)', h('div', { class: 'row' }, field('Voornemen verzonden op', intentSentAt), field('Termijn zienswijze', viewDeadline), field('Zienswijze ontvangen op', viewReceivedAt)), noView, field('Horen overgeslagen omdat', skipped)),
  fieldset('7. Motivering en evenredigheid',
    field('Ernstige vrees voor verdere verstoring', motivation.fear),
    field('Geschiktheid: waarom helpt deze maatregel?', motivation.suitability),
    field('Noodzakelijkheid: waarom volstaat niets lichters?', motivation.necessity),
    field('Evenwichtigheid: wonen, werk, school, zorg en routes', motivation.balance)),
  fieldset('8. Ondertekening', h('div', { class: 'row' }, field('Ondertekenaar', signatoryRole), field('Naam ondertekenaar', signatoryName))),
  h('button', { type: 'submit', class: 'utrecht-button utrecht-button--primary-action', id: 'save-draft' }, 'Concept opslaan'), saveResult);
form.addEventListener('input', scheduleCheck);
form.addEventListener('change', scheduleCheck);
form.addEventListener('submit', save);
municipality.addEventListener('change', loadZones);

replace(main, h('h1', { class: 'utrecht-heading-1' }, 'Nieuw bevel opstellen'),
  h('div', { class: 'grid-sidebar wizard' },
    h('aside', { class: 'wizard__findings', 'aria-labelledby': 'findings-heading' },
      h('h2', { class: 'utrecht-heading-2', id: 'findings-heading' }, 'Bevindingen van het register'),
      h('p', { class: 'utrecht-paragraph muted' }, 'Per regel-id, bijgewerkt terwijl u typt. Niets wordt opgeslagen tot u op "Concept opslaan" drukt.'), findings),
    form));
await loadZones().catch((e) => replace(zoneList, problemAlert(e)));
