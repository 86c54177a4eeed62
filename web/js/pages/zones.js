import { api, apiWithHeaders, query } from '../api.js';
import { button, field, h, input, replace, select, textarea } from '../dom.js';
import { fmtDateTime } from '../format.js';
import { announce, findingsList, layout, problemAlert } from '../layout.js';
import { OLD_VERSION_STYLE, ZONE_STYLE, createMap, fitTo } from '../map.js';

// The zone editor: draw polygons (with holes: geoman's cut tool) or import a GeoJSON file, save as a new zone or as
// a new version of the zone chosen, and look at earlier versions (drawn dashed, read-only).
const session = layout({ roles: ['mayor', 'mayor-office'] });
const main = document.getElementById('main-content');
const municipality = select(session.municipalities.map((m) => [m, m]), { name: 'municipality' });
const name = input({ name: 'name', id: 'zone-name', autocomplete: 'off' });
const description = textarea({ name: 'description', rows: 2 });
const reason = input({ name: 'reason' });
const fileInput = input({ type: 'file', accept: '.geojson,.json,application/geo+json,application/json', name: 'geojson', class: 'utrecht-textbox' });
const list = h('ul', { class: 'choice-list', id: 'zone-list' });
const versions = h('div', { id: 'zone-versions' });
const status = h('div', { id: 'zone-status', 'aria-live': 'polite' });
const heading = h('h2', { class: 'utrecht-heading-2', id: 'editor-heading' }, 'Nieuw gebied');
const mapBox = h('div', { class: 'map', id: 'zone-map' });
let current = null; // { id, version } of the zone being edited
let map;
let drawn;
let history;

function polygonsOf(layer) {
  const g = layer.toGeoJSON().geometry;
  return g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
}

/** The drawn shapes as one GeoJSON geometry: a Polygon, or a MultiPolygon for several. */
function geometry() {
  const polygons = drawn.getLayers().flatMap(polygonsOf);
  if (polygons.length === 0) return null;
  return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons };
}

function showGeometry(geo) {
  drawn.clearLayers();
  L.geoJSON(geo, { style: ZONE_STYLE }).eachLayer((layer) => drawn.addLayer(layer));
  fitTo(map, [drawn]);
}

async function loadList() {
  const zones = await api(`/zones${query({ municipality: municipality.value })}`);
  replace(list, zones.map((z) => h('li', {}, button(`${z.name} (versie ${z.version})`, { onclick: () => openZone(z.id), class: 'utrecht-link-button utrecht-link-button--html-button' }))));
}

async function openZone(id, version) {
  const path = version ? `/zones/${id}/versions/${version}` : `/zones/${id}`;
  const { body: zone } = await apiWithHeaders(path);
  history.clearLayers();
  if (version) {
    L.geoJSON(zone.geometry, { style: OLD_VERSION_STYLE }).addTo(history);
    fitTo(map, [history]);
    announce(status, 'info', `Versie ${zone.version} van ${zone.name} staat gestippeld op de kaart (alleen bekijken).`);
    return;
  }
  current = { id: zone.id, version: zone.version };
  name.value = zone.name;
  description.value = zone.description ?? '';
  replace(heading, `Gebied bewerken: ${zone.name} (versie ${zone.version})`);
  showGeometry(zone.geometry);
  const all = await api(`/zones/${id}/versions`);
  replace(versions, h('h3', { class: 'utrecht-heading-3' }, 'Eerdere versies'),
    h('ol', { class: 'timeline' }, [...all].reverse().map((v) => h('li', {},
      `Versie ${v.version} — ${fmtDateTime(v.createdAt)}${v.reason ? ` — ${v.reason}` : ''} `,
      v.version === zone.version ? h('span', { class: 'muted' }, '(huidig)') : button('Toon op kaart', { onclick: () => openZone(id, v.version), class: 'utrecht-link-button utrecht-link-button--html-button' })))));
}

function newZone() {
  current = null;
  name.value = '';
  description.value = '';
  reason.value = '';
  drawn.clearLayers();
  history.clearLayers();
  replace(versions);
  replace(heading, 'Nieuw gebied');
  replace(status);
}

async function importFile() {
  const file = fileInput.files?.[0];
  if (!file) return;
  try {
    const json = JSON.parse(await file.text());
    const geo = json.type === 'FeatureCollection' ? json.features.map((f) => f.geometry) : [json.type === 'Feature' ? json.geometry : json];
    const accepted = geo.filter((g) => g && (g.type === 'Polygon' || g.type === 'MultiPolygon'));
    if (!accepted.length) throw new Error('het bestand bevat geen Polygon of MultiPolygon');
    drawn.clearLayers();
    for (const g of accepted) L.geoJSON(g, { style: ZONE_STYLE }).eachLayer((layer) => drawn.addLayer(layer));
    fitTo(map, [drawn]);
    if (!name.value && json.properties?.name) name.value = json.properties.name;
    announce(status, 'info', `${file.name} geïmporteerd: controleer het gebied en sla het op.`);
  } catch (e) {
    announce(status, 'error', `Import mislukt: ${e.message}`);
  }
}

async function save(event) {
  event.preventDefault();
  const geo = geometry();
  if (!geo) return announce(status, 'error', 'Teken eerst een gebied op de kaart of importeer een GeoJSON-bestand.');
  const body = { name: name.value.trim(), description: description.value.trim() || undefined, geometry: geo };
  try {
    const zone = current
      ? await api(`/zones/${current.id}`, { method: 'PUT', body: { ...body, reason: reason.value.trim() || undefined }, headers: { 'If-Match': `"${current.version}"` } })
      : await api('/zones', { method: 'POST', body: { ...body, municipalityCode: municipality.value } });
    await loadList();
    await openZone(zone.id);
    announce(status, 'ok', h('span', { id: 'zone-saved' }, `Opgeslagen: ${zone.name}, versie ${zone.version}.`), zone.findings?.length ? findingsList(zone.findings) : null);
  } catch (e) {
    replace(status, problemAlert(e));
  }
}

const form = h('form', { class: 'stack', id: 'zone-form' },
  session.municipalities.length > 1 ? field('Gemeente', municipality) : null,
  field('Naam', name), field('Omschrijving', description), field('Reden van de wijziging (bij bewerken)', reason),
  field('GeoJSON-bestand importeren', fileInput, 'Polygon, MultiPolygon, Feature of FeatureCollection in WGS84'),
  h('div', { class: 'utrecht-button-group' },
    h('button', { type: 'submit', class: 'utrecht-button utrecht-button--primary-action', id: 'save-zone' }, 'Gebied opslaan'),
    button('Nieuw gebied', { onclick: newZone })));
form.addEventListener('submit', save);
fileInput.addEventListener('change', importFile);
municipality.addEventListener('change', () => { newZone(); loadList(); });

replace(main, h('h1', { class: 'utrecht-heading-1' }, 'Gebieden'),
  h('div', { class: 'grid-sidebar' },
    h('section', { 'aria-labelledby': 'list-heading' }, h('h2', { class: 'utrecht-heading-2', id: 'list-heading' }, 'Gebieden van de gemeente'), list),
    h('section', { 'aria-labelledby': 'editor-heading' }, heading,
      h('p', { class: 'utrecht-paragraph muted', id: 'map-help' },
        'Teken met de knoppen links op de kaart: veelhoek tekenen, hoekpunten bewerken, een gat uitsnijden, verwijderen. ',
        'Zonder muis: importeer een GeoJSON-bestand.'),
      mapBox, status, form, versions)));

map = await createMap(mapBox, { label: 'Kaart om het gebied te tekenen' });
mapBox.setAttribute('aria-describedby', 'map-help');
drawn = L.featureGroup().addTo(map);
history = L.featureGroup().addTo(map);
map.pm.setLang('nl');
map.pm.setGlobalOptions({ layerGroup: drawn, pathOptions: ZONE_STYLE, snappable: true });
map.pm.addControls({ position: 'topleft', drawMarker: false, drawCircleMarker: false, drawPolyline: false, drawRectangle: true, drawCircle: false, drawText: false, rotateMode: false, dragMode: false, cutPolygon: true, editMode: true, removalMode: true });
// geoman's toolbar buttons are links named only by their container's title: give them an accessible name.
for (const link of mapBox.querySelectorAll('.leaflet-pm-toolbar .leaflet-buttons-control-button')) {
  link.setAttribute('aria-label', link.parentElement?.getAttribute('title') ?? 'Tekenknop');
}
map.on('pm:cut', (e) => { drawn.removeLayer(e.originalLayer); drawn.addLayer(e.layer); });
map.on('pm:remove', (e) => drawn.removeLayer(e.layer));
await loadList();
