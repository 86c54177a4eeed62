import { api, download, query } from '../api.js';
import { button, field, h, input, replace, select } from '../dom.js';
import { BASIS, STATUS, fmtDate, fmtDateTime, fromLocalInput } from '../format.js';
import { layout, problemAlert } from '../layout.js';

// The lawyers' audit: every order with durations, procedure and the findings of every rule re-run, as a sortable
// table; a chart of durations per legal basis; the CSV download; an order's history; the register as it was at a date.
const session = layout({ roles: ['lawyer', 'mayor'] });
const main = document.getElementById('main-content');
const municipality = select([['', 'Alle'], ...session.municipalities.map((m) => [m, m])], { name: 'municipality' });
const basis = select([['', 'Alle'], ...Object.entries(BASIS)], { name: 'basis' });
const ruleId = select([['', 'Alle regels']], { name: 'ruleId', id: 'rule-filter' });
const from = input({ type: 'date', name: 'from' });
const to = input({ type: 'date', name: 'to' });
const asOf = input({ type: 'datetime-local', name: 'asOf' });
const summary = h('div', { id: 'audit-summary', 'aria-live': 'polite' });
const tableBox = h('div', { class: 'table-wrap', id: 'audit-table' });
const canvas = h('canvas', { id: 'duration-chart', role: 'img', 'aria-label': 'Grafiek: looptijd in dagen per wettelijke grondslag' });
const chartText = h('p', { class: 'visually-hidden', id: 'chart-text' });
const historyBox = h('section', { id: 'history', 'aria-live': 'polite' });
let rows = [];
let sort = { key: 'reference', dir: 1 };
let chart;

const COLUMNS = [
  ['reference', 'Kenmerk', (o) => o.reference],
  ['basis', 'Grondslag', (o) => BASIS[o.basis.kind] ?? o.basis.kind],
  ['status', 'Status', (o) => STATUS[o.status] ?? o.status],
  ['start', 'Ingang', (o) => o.start ?? o.separateDays?.firstDay ?? ''],
  ['end', 'Einde', (o) => o.end ?? o.separateDays?.lastDay ?? ''],
  ['days', 'Duur (dagen)', (o) => o.duration.totalDays],
  ['extensions', 'Verlengingen', (o) => o.extensions.count],
  ['deadline', 'Bezwaartermijn', (o) => o.objectionDeadline ?? ''],
  ['errors', 'Fouten', (o) => o.errors],
  ['warnings', 'Waarschuwingen', (o) => o.warnings],
];

function params() {
  return { municipality: municipality.value, basis: basis.value, ruleId: ruleId.value, from: from.value, to: to.value, asOf: fromLocalInput(asOf.value) };
}

function renderTable() {
  const column = COLUMNS.find(([key]) => key === sort.key);
  const sorted = [...rows].sort((a, b) => {
    const x = column[2](a);
    const y = column[2](b);
    return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'nl')) * sort.dir;
  });
  replace(tableBox, h('table', { class: 'utrecht-table' },
    h('caption', {}, `${rows.length} bevelen${asOf.value ? `, zoals het register ze kende op ${fmtDateTime(fromLocalInput(asOf.value))}` : ''}`),
    h('thead', {}, h('tr', {}, COLUMNS.map(([key, label]) => h('th', { scope: 'col', 'aria-sort': sort.key === key ? (sort.dir > 0 ? 'ascending' : 'descending') : 'none' },
      h('button', { type: 'button', class: 'sort-button', onclick: () => { sort = { key, dir: sort.key === key ? -sort.dir : 1 }; renderTable(); } }, label))),
      h('th', { scope: 'col' }, 'Bevindingen per regel'), h('th', { scope: 'col' }, 'Geschiedenis'))),
    h('tbody', {}, sorted.map((o) => h('tr', { dataset: { orderId: o.orderId } },
      COLUMNS.map(([key, , value]) => h('td', {}, ['start', 'end', 'deadline'].includes(key) ? fmtDate(value(o)) : String(value(o)))),
      h('td', {}, o.findings.length ? h('ul', { class: 'findings' }, o.findings.map((f) => h('li', { class: `finding finding--${f.severity}`, dataset: { ruleId: f.ruleId }, title: f.message },
        h('span', { class: 'finding__rule' }, f.ruleId), ` ${f.severity === 'error' ? 'fout' : 'waarschuwing'}`))) : 'geen'),
      h('td', {}, button(['Toon', h('span', { class: 'visually-hidden' }, ` de geschiedenis van ${o.reference}`)], { onclick: () => showHistory(o) }, 'subtle')))))));
}

function renderChart(orders) {
  const kinds = Object.keys(BASIS);
  const stats = kinds.map((k) => {
    const d = orders.filter((o) => o.basis.kind === k).map((o) => o.duration.totalDays).sort((a, b) => a - b);
    return { k, count: d.length, median: d.length ? d[Math.floor((d.length - 1) / 2)] : 0, max: d.at(-1) ?? 0 };
  });
  replace(chartText, stats.map((s) => `${BASIS[s.k]}: ${s.count} bevelen, mediaan ${s.median} dagen, langste ${s.max} dagen.`).join(' '));
  chart?.destroy();
  chart = new Chart(canvas, {
    type: 'bar',
    data: { labels: kinds.map((k) => BASIS[k]), datasets: [
      { label: 'Mediane duur (dagen)', data: stats.map((s) => s.median), backgroundColor: '#1f4e9c' },
      { label: 'Langste duur (dagen)', data: stats.map((s) => s.max), backgroundColor: '#b35900' }] },
    options: { responsive: true, maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true, title: { display: true, text: 'dagen' } } } },
  });
}

async function load() {
  try {
    const report = await api(`/audit/orders${query(params())}`);
    rows = report.orders;
    if (ruleId.options.length <= 1) {
      for (const r of report.summary.perRuleId) ruleId.append(h('option', { value: r.ruleId }, r.ruleId));
    }
    replace(summary, h('p', { class: 'utrecht-paragraph' },
      `${report.summary.orders} bevelen, beoordeeld op ${fmtDateTime(report.evaluatedAt)}. `,
      Object.entries(report.summary.perBasis).map(([k, n]) => `${BASIS[k] ?? k}: ${n}`).join(' · ')));
    renderTable();
    renderChart(rows);
  } catch (e) {
    replace(summary, problemAlert(e));
  }
}

async function showHistory(order) {
  try {
    const history = await api(`/audit/events${query({ entity: 'order', id: order.orderId })}`);
    replace(historyBox, h('h2', { class: 'utrecht-heading-2', tabindex: '-1', id: 'history-heading' }, `Geschiedenis van ${order.reference}`),
      h('ol', { class: 'timeline' }, history.events.map((e) => h('li', {},
        h('strong', {}, e.action), ` — ${fmtDateTime(e.occurredAt)} door ${e.actor} (${e.actorRoles.join(', ')})`, e.reason ? ` — ${e.reason}` : '',
        e.changes?.length ? h('ul', {}, e.changes.slice(0, 12).map((c) => h('li', {}, h('code', {}, c.path)))) : null))));
    document.getElementById('history-heading').focus();
  } catch (e) {
    replace(historyBox, problemAlert(e));
  }
}

async function csv() {
  try {
    await download(`/audit/orders${query(params())}`, 'text/csv', 'audit-bevelen.csv');
  } catch (e) {
    replace(summary, problemAlert(e));
  }
}

const filters = h('form', { class: 'row', id: 'audit-filters', 'aria-label': 'Filters' },
  field('Gemeente', municipality), field('Grondslag', basis), field('Regel-id', ruleId),
  field('Periode vanaf', from), field('Periode tot en met', to), field('Register zoals het was op', asOf, 'Leeg: nu'));
filters.addEventListener('change', load);
filters.addEventListener('submit', (e) => { e.preventDefault(); load(); });
replace(main, h('h1', { class: 'utrecht-heading-1' }, 'Audit van de bevelen'), filters,
  h('div', { class: 'utrecht-button-group' }, button('CSV downloaden', { onclick: csv, id: 'download-csv' })),
  summary, tableBox,
  h('h2', { class: 'utrecht-heading-2' }, 'Duur per wettelijke grondslag'), h('div', { class: 'chart-box' }, canvas), chartText,
  historyBox);
await load();
