import { ruleText } from '../rules-nl.js';
import { api, query } from '../api.js';
import { button, field, h, input, replace, select, textarea } from '../dom.js';
import { MEASURE, VERDICT, fmtDateTime, fromLocalInput, toLocalInput } from '../format.js';
import { alertBox } from '../dom.js';
import { announce, layout, problemAlert } from '../layout.js';
import { ZONE_STYLE, createMap, fitTo, zoneAtVersionId } from '../map.js';
import { personPicker } from '../person-picker.js';

// The police check page: who (person search), where (map click, device location or typed), when (default now) →
// the verdict with its evidence drawn on the map: the zone at the version the order holds, the position and the
// accuracy circle. Also: what applies at this point, and registering a violation or a reporting-duty check-in.
const session = layout({ roles: ['police'] });
const main = document.getElementById('main-content');
const purpose = input({ name: 'purpose', placeholder: 'bijv. surveillance Markt', maxlength: 200 });
let person = null;
const picker = personPicker({ onPick: (p) => { person = p; }, purpose: () => purpose.value.trim() });
const lat = input({ name: 'lat', inputmode: 'decimal', size: 10 });
const lon = input({ name: 'lon', inputmode: 'decimal', size: 10 });
const accuracy = input({ type: 'number', name: 'accuracyM', min: 0, max: 10000, size: 6 });
const at = input({ type: 'datetime-local', name: 'at', value: toLocalInput() });
const groupSize = input({ type: 'number', name: 'groupSize', min: 1, size: 5 });
const verdictBox = h('div', { id: 'verdict', 'aria-live': 'assertive' });
const appliesBox = h('div', { id: 'applies', 'aria-live': 'polite' });
const orderChoice = select([['', '— eerst controleren of "wat geldt hier" opvragen —']], { name: 'orderId', id: 'order-choice' });
const violationKind = select(Object.entries(MEASURE).map(([k, v]) => [k === 'REPORTING_DUTY' ? 'MISSED_REPORT' : k, k === 'REPORTING_DUTY' ? 'Meldplicht gemist' : v]), { name: 'kind' });
const reportRef = input({ name: 'reportRef', placeholder: 'PL0000-2026-000' });
const violationText = textarea({ name: 'description', rows: 2 });
const placeName = input({ name: 'placeName', placeholder: 'leeg: de meldplaats uit het bevel' });
const formResult = h('div', { id: 'form-result', 'aria-live': 'polite' });
const mapBox = h('div', { class: 'map', id: 'check-map' });
let map;
let overlay;

function position() {
  const p = { lon: Number(lon.value.replace(',', '.')), lat: Number(lat.value.replace(',', '.')) };
  if (accuracy.value !== '') p.accuracyM = Number(accuracy.value);
  return p;
}

function showPosition() {
  overlay.clearLayers();
  const p = position();
  if (!Number.isFinite(p.lat) || !Number.isFinite(p.lon) || lat.value === '') return;
  L.marker([p.lat, p.lon], { title: 'Positie', alt: 'Positie' }).addTo(overlay);
  if (p.accuracyM) L.circle([p.lat, p.lon], { radius: p.accuracyM, color: '#b35900', weight: 1, fillOpacity: 0.1 }).addTo(overlay);
}

function setPosition(latValue, lonValue, accuracyM) {
  lat.value = latValue.toFixed(6);
  lon.value = lonValue.toFixed(6);
  if (accuracyM !== undefined) accuracy.value = String(Math.round(accuracyM));
  showPosition();
}

function useDevice() {
  if (!navigator.geolocation) return announce(verdictBox, 'warning', 'Dit apparaat geeft geen locatie.');
  navigator.geolocation.getCurrentPosition(
    (pos) => { setPosition(pos.coords.latitude, pos.coords.longitude, pos.coords.accuracy); map.setView([pos.coords.latitude, pos.coords.longitude], 16); },
    (err) => announce(verdictBox, 'warning', `Locatie niet beschikbaar: ${err.message}`),
    { enableHighAccuracy: true, timeout: 10_000 });
}

async function drawZones(items) {
  const layers = [];
  const seen = new Set();
  for (const item of items) {
    if (seen.has(item.zoneVersionId)) continue;
    seen.add(item.zoneVersionId);
    const zone = await zoneAtVersionId(item.zoneId, item.zoneVersionId).catch(() => null);
    if (zone) layers.push(L.geoJSON(zone.geometry, { style: ZONE_STYLE }).bindTooltip(`${zone.name} (versie ${zone.version})`).addTo(overlay));
  }
  return layers;
}

function offerOrders(items) {
  const ids = [...new Set(items.map((e) => e.orderId))];
  replace(orderChoice, ids.length ? ids.map((id) => h('option', { value: id }, `Bevel ${id.slice(0, 8)}…`)) : h('option', { value: '' }, '— geen bevel gevonden —'));
}

async function check(event) {
  event.preventDefault();
  if (!person) return announce(verdictBox, 'error', 'Kies eerst een persoon.');
  try {
    const body = { personId: person.id, position: position(), at: fromLocalInput(at.value), purpose: purpose.value.trim() || undefined,
      groupSize: groupSize.value ? Number(groupSize.value) : undefined };
    const result = await api('/breach-checks', { method: 'POST', body });
    showPosition();
    const kind = result.verdict === 'BREACH' ? 'error' : result.verdict === 'NO_BREACH' ? 'ok' : 'warning';
    replace(verdictBox, alertBox(kind,
      h('p', { class: 'verdict' }, h('span', { id: 'verdict-code' }, result.verdict), ` — ${VERDICT[result.verdict] ?? ''}`),
      h('p', { class: 'utrecht-paragraph' }, `${person.name}, ${fmtDateTime(result.at)}. Register bijgewerkt tot ${fmtDateTime(result.dataAsOf)}.`),
      result.evidence.length ? h('ul', { class: 'evidence' }, result.evidence.map((e) => h('li', {},
        `${MEASURE[e.measureType] ?? e.measureType}, bevel ${e.orderId.slice(0, 8)} versie ${e.orderVersion ?? '?'}: ${e.inside ? 'binnen' : 'buiten'} het gebied `,
        `(${Math.round(e.signedDistanceM)} m van de grens)`,
        e.window ? `, tijdvenster ${e.window.from ?? ''}–${e.window.to ?? ''}` : '',
        e.exemption ? `, ontheffing van ${fmtDateTime(e.exemption.from)} tot ${fmtDateTime(e.exemption.until)}` : '',
        '. ', h('span', { class: 'muted' }, `${e.ruleIds.map((id) => ruleText(id)).filter(Boolean).join(' ')} [${e.ruleIds.join(', ')}]`)))) : null));
    offerOrders(result.evidence);
    const layers = await drawZones(result.evidence);
    fitTo(map, [...layers, ...overlay.getLayers()]);
  } catch (e) {
    replace(verdictBox, problemAlert(e));
  }
}

async function whatApplies() {
  try {
    const p = position();
    const result = await api(`/active-orders${query({ lon: p.lon, lat: p.lat, at: fromLocalInput(at.value) })}`);
    showPosition();
    replace(appliesBox, h('h3', { class: 'utrecht-heading-3' }, 'Wat geldt hier'),
      result.orders.length ? h('ul', {}, result.orders.map((o) => h('li', {},
        `${MEASURE[o.measureType]}: bevel ${o.orderId.slice(0, 8)} (${Math.round(o.signedDistanceM)} m binnen de grens)${o.exemptionId ? ', met ontheffing' : ''}`)))
        : h('p', { class: 'utrecht-paragraph' }, 'Hier geldt nu geen gebieds- of groepsverbod.'));
    offerOrders(result.orders);
    fitTo(map, [...(await drawZones(result.orders)), ...overlay.getLayers()]);
  } catch (e) {
    replace(appliesBox, problemAlert(e));
  }
}

async function registerViolation() {
  try {
    const v = await api(`/orders/${orderChoice.value}/violations`, { method: 'POST', headers: { 'Idempotency-Key': crypto.randomUUID() },
      body: { at: fromLocalInput(at.value), position: { lon: position().lon, lat: position().lat }, reportRef: reportRef.value.trim(), kind: violationKind.value, description: violationText.value.trim() || undefined } });
    announce(formResult, 'ok', `Overtreding geregistreerd (${v.statutoryLabel ?? v.kind}).`);
  } catch (e) {
    replace(formResult, problemAlert(e));
  }
}

async function registerCheckIn() {
  try {
    const place = placeName.value.trim() ? { name: placeName.value.trim(), municipalityCode: session.municipalities[0] } : undefined;
    const c = await api(`/orders/${orderChoice.value}/check-ins`, { method: 'POST', headers: { 'Idempotency-Key': crypto.randomUUID() }, body: { at: fromLocalInput(at.value), place } });
    announce(formResult, c.meetsSlot ? 'ok' : 'warning', `Melding geregistreerd: ${c.timing}${c.meetsSlot ? ', voldoet aan de meldplicht' : ', telt niet als melding'}.`);
  } catch (e) {
    replace(formResult, problemAlert(e));
  }
}

const form = h('form', { class: 'stack', id: 'check-form' },
  h('h2', { class: 'utrecht-heading-2' }, 'Wie'), picker.element, field('Doel of zaaknummer (voor het verwerkingslogboek)', purpose),
  h('h2', { class: 'utrecht-heading-2' }, 'Waar en wanneer'),
  h('p', { class: 'utrecht-paragraph muted' }, 'Klik op de kaart, gebruik de locatie van dit apparaat of typ de coördinaten.'),
  h('div', { class: 'row' }, field('Breedtegraad', lat), field('Lengtegraad', lon), field('Nauwkeurigheid (m)', accuracy), button('Gebruik mijn locatie', { onclick: useDevice })),
  h('div', { class: 'row' }, field('Tijdstip', at), field('Groepsgrootte (groepsverbod)', groupSize)),
  h('div', { class: 'utrecht-button-group' },
    h('button', { type: 'submit', class: 'utrecht-button utrecht-button--primary-action', id: 'run-check' }, 'Controleren'),
    button('Wat geldt hier?', { onclick: whatApplies, id: 'what-applies' })));
form.addEventListener('submit', check);
for (const el of [lat, lon, accuracy]) el.addEventListener('change', showPosition);

replace(main, h('h1', { class: 'utrecht-heading-1' }, 'Controle'),
  h('div', { class: 'grid-2' }, form,
    h('section', { 'aria-label': 'Uitkomst' }, verdictBox, mapBox, appliesBox)),
  h('h2', { class: 'utrecht-heading-2' }, 'Registreren'),
  h('div', { class: 'stack' }, field('Bevel', orderChoice),
    h('details', { class: 'action' }, h('summary', {}, 'Overtreding registreren'),
      h('div', { class: 'stack' }, field('Soort', violationKind), field('Kenmerk proces-verbaal', reportRef), field('Toelichting', violationText),
        button('Overtreding registreren', { onclick: registerViolation }, 'primary'))),
    h('details', { class: 'action' }, h('summary', {}, 'Melding (meldplicht) registreren'),
      h('div', { class: 'stack' }, field('Meldplaats', placeName), button('Melding registreren', { onclick: registerCheckIn }, 'primary'))),
    formResult));

map = await createMap(mapBox, { label: 'Kaart: klik om de positie te kiezen' });
overlay = L.featureGroup().addTo(map);
map.on('click', (e) => setPosition(e.latlng.lat, e.latlng.lng));
