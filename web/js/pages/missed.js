import { api, query } from '../api.js';
import { field, h, input, replace } from '../dom.js';
import { SLOT_STATUS, fmtDateTime, fromLocalInput } from '../format.js';
import { layout, problemAlert } from '../layout.js';

// Missed reports of reporting duties in the officer's municipalities, newest first (GET /reporting-slots?status=MISSED).
layout({ roles: ['police'] });
const main = document.getElementById('main-content');
const from = input({ type: 'datetime-local', name: 'from' });
const to = input({ type: 'datetime-local', name: 'to' });
const results = h('div', { 'aria-live': 'polite' });

async function load() {
  try {
    const page = await api(`/reporting-slots${query({ status: 'MISSED', from: fromLocalInput(from.value), to: fromLocalInput(to.value), limit: 200 })}`);
    replace(results, page.items.length === 0 ? h('p', { class: 'utrecht-paragraph' }, 'Geen gemiste meldingen.') :
      h('div', { class: 'table-wrap' }, h('table', { class: 'utrecht-table' },
        h('caption', {}, `${page.total} gemiste meldingen${page.total > page.items.length ? ` (de nieuwste ${page.items.length})` : ''}`),
        h('thead', {}, h('tr', {}, ['Persoon', 'Bevel', 'Venster', 'Meldplaats', 'Status'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, page.items.map((s) => h('tr', {},
          h('td', {}, s.personName), h('td', {}, s.orderReference), h('td', {}, `${fmtDateTime(s.startsAt)} – ${fmtDateTime(s.endsAt)}`),
          h('td', {}, s.place.name), h('td', {}, SLOT_STATUS[s.status] ?? s.status)))))));
  } catch (e) {
    replace(results, problemAlert(e));
  }
}

const filters = h('form', { class: 'row', 'aria-label': 'Periode' }, field('Vanaf', from), field('Tot', to));
filters.addEventListener('change', load);
replace(main, h('h1', { class: 'utrecht-heading-1' }, 'Gemiste meldingen'), filters, results);
await load();
