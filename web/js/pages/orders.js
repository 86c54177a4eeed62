import { api, query } from '../api.js';
import { button, field, h, input, replace, select } from '../dom.js';
import { BASIS, MEASURE, STATUS, fmtDate } from '../format.js';
import { layout, problemAlert } from '../layout.js';
import { personPicker } from '../person-picker.js';

const session = layout({ roles: ['mayor', 'mayor-office'] });
const main = document.getElementById('main-content');
const municipality = select(session.municipalities.map((m) => [m, m]), { name: 'municipality' });
const status = select([['', 'Alle'], ...Object.entries(STATUS).filter(([k]) => k !== 'EXPIRED')], { name: 'status' });
const basis = select([['', 'Alle'], ...Object.entries(BASIS)], { name: 'basis' });
const zone = select([['', 'Alle gebieden']], { name: 'zone' });
const from = input({ type: 'date', name: 'from' });
const to = input({ type: 'date', name: 'to' });
let person = null;
const picker = personPicker({ label: 'Persoon (naam)', municipality: () => municipality.value, onPick: (p) => { person = p; load(); } });
const results = h('div', { 'aria-live': 'polite' });

async function loadZones() {
  const zones = await api(`/zones${query({ municipality: municipality.value })}`);
  replace(zone, h('option', { value: '' }, 'Alle gebieden'), zones.map((z) => h('option', { value: z.id }, z.name)));
}

/** The period an order covers, for the period filter: continuous validity, or the first to the last separate day. */
function period(order) {
  const v = order.validity;
  if (v.mode === 'CONTINUOUS') return [v.start.slice(0, 10), (order.extensions.at(-1)?.newEnd ?? v.end).slice(0, 10)];
  const days = [...v.days].sort();
  return [days[0], days.at(-1)];
}

async function load() {
  try {
    const orders = await api(`/orders${query({ municipality: municipality.value, status: status.value, basis: basis.value, personId: person?.id, limit: 200 })}`);
    // Zone and period are filtered here: the list API has no such parameters.
    const shown = orders.filter((o) => {
      if (zone.value && !o.measures.some((m) => (m.zoneIds ?? []).includes(zone.value))) return false;
      const [start, end] = period(o);
      return (!from.value || end >= from.value) && (!to.value || start <= to.value);
    });
    replace(results, shown.length === 0 ? h('p', { class: 'utrecht-paragraph' }, 'Geen bevelen gevonden.') :
      h('div', { class: 'table-wrap' }, h('table', { class: 'utrecht-table', id: 'orders-table' },
        h('caption', { class: 'visually-hidden' }, `${shown.length} bevelen`),
        h('thead', {}, h('tr', {}, ['Kenmerk', 'Grondslag', 'Maatregelen', 'Periode', 'Status', 'Bevindingen'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, shown.map((o) => {
          const [start, end] = period(o);
          return h('tr', {},
            h('td', {}, h('a', { class: 'utrecht-link', href: `/order.html?id=${o.id}` }, o.reference)),
            h('td', {}, BASIS[o.basis.kind] ?? o.basis.kind),
            h('td', {}, o.measures.map((m) => MEASURE[m.type] ?? m.type).join(', ')),
            h('td', {}, `${fmtDate(start)} – ${fmtDate(end)}`),
            h('td', {}, h('span', { class: 'status-badge' }, STATUS[o.status] ?? o.status)),
            h('td', {}, o.findings.length ? o.findings.map((f) => f.ruleId).join(', ') : 'geen'));
        })))));
  } catch (e) {
    replace(results, problemAlert(e));
  }
}

const filters = h('form', { class: 'row', 'aria-label': 'Filters' },
  session.municipalities.length > 1 ? field('Gemeente', municipality) : null,
  field('Status', status), field('Grondslag', basis), field('Gebied', zone), field('Periode vanaf', from), field('Periode tot en met', to),
  button('Wis persoon', { onclick: () => picker.clear() }, 'subtle'));
filters.addEventListener('change', load);
filters.addEventListener('submit', (e) => { e.preventDefault(); load(); });
municipality.addEventListener('change', loadZones);
replace(main,
  h('h1', { class: 'utrecht-heading-1' }, 'Bevelen'),
  h('p', {}, h('a', { class: 'utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action', href: '/order-new.html' }, 'Nieuw bevel opstellen')),
  h('h2', { class: 'utrecht-heading-2' }, 'Filters'), filters, picker.element,
  h('h2', { class: 'utrecht-heading-2' }, 'Resultaat'), results);
await loadZones().catch(() => undefined);
await load();
