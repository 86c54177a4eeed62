import { api, download } from '../api.js';
import { button, checkbox, field, h, input, replace, select, textarea } from '../dom.js';
import { BASIS, GROUND, MEASURE, STATUS, fmtDate, fmtDateTime, fromLocalInput, toLocalInput } from '../format.js';
import { announce, findingsList, layout, problemAlert } from '../layout.js';
import { ZONE_STYLE, createMap, fitTo, zoneAtVersionId } from '../map.js';

const session = layout({ roles: ['mayor', 'mayor-office'] });
const main = document.getElementById('main-content');
const id = new URLSearchParams(location.search).get('id');
const RUNNING = ['ISSUED', 'EXTENDED', 'AMENDED'];
const METHODS = [['HANDED', 'Uitgereikt'], ['MAIL', 'Per post'], ['ELECTRONIC', 'Elektronisch'], ['OTHER', 'Anders']];
const CHANGE = {
  CREATE: 'Concept aangemaakt', UPDATE_DRAFT: 'Concept gewijzigd', SEND_INTENT: 'Voornemen verzonden', RECORD_VIEW: 'Zienswijze vastgelegd',
  ISSUE: 'Opgelegd en bekendgemaakt', EXTEND: 'Verlengd', AMEND: 'Gewijzigd', GRANT_EXEMPTION: 'Ontheffing verleend',
  RECORD_OBJECTION: 'Bezwaar ontvangen', SUSPEND: 'Geschorst', LIFT_SUSPENSION: 'Schorsing opgeheven', WITHDRAW: 'Ingetrokken',
  REVOKE: 'Herroepen', RECORD_REVIEW: 'Heroverwogen',
};

const dt = (name, value) => input({ type: 'datetime-local', name, value: value ?? '' });
const txt = (name) => textarea({ name, rows: 2 });

/**
 * The lifecycle actions: what each sends, and from which statuses the register allows it (the API decides; the page
 * only hides what cannot apply).
 */
function actions(order) {
  const end = order.validity.mode === 'CONTINUOUS' ? order.extensions.at(-1)?.newEnd ?? order.validity.end : undefined;
  return [
    { key: 'intent', title: 'Voornemen verzenden', from: ['DRAFT'],
      fields: () => [field('Verzonden op', dt('intentSentAt', toLocalInput())), field('Termijn voor de zienswijze', dt('viewDeadline'))],
      body: (f) => ({ intentSentAt: fromLocalInput(f.intentSentAt), viewDeadline: fromLocalInput(f.viewDeadline) }) },
    { key: 'view', title: 'Zienswijze vastleggen', from: ['INTENT_SENT'],
      fields: () => [field('Zienswijze ontvangen op', dt('viewReceivedAt')), checkbox('Geen zienswijze ontvangen', { name: 'noViewReceived', value: 'true' })],
      body: (f) => (f.noViewReceived ? { noViewReceived: true } : { viewReceivedAt: fromLocalInput(f.viewReceivedAt) }) },
    { key: 'issue', title: 'Opleggen en bekendmaken (burgemeester)', from: ['DRAFT', 'INTENT_SENT'], acknowledge: true,
      fields: () => [field('Bekendgemaakt op', dt('notifiedAt', toLocalInput())), field('Wijze van bekendmaking', select(METHODS, { name: 'notificationMethod' }))],
      body: (f) => ({ notifiedAt: fromLocalInput(f.notifiedAt), notificationMethod: f.notificationMethod }) },
    { key: 'extensions', title: 'Verlengen (burgemeester)', from: [...RUNNING, 'EXPIRED'], acknowledge: true,
      fields: () => [field('Nieuw einde', dt('newEnd')), field('Waarom bestaat de ernstige vrees nog?', txt('fear'))],
      body: (f) => ({ newEnd: fromLocalInput(f.newEnd), motivation: { fear: f.fear } }) },
    { key: 'amendments', title: 'Wijzigen (burgemeester)', from: RUNNING, acknowledge: true,
      fields: () => [field('Richting', select([['FAVOUR', 'Ten gunste van betrokkene'], ['DETRIMENT', 'Ten nadele van betrokkene']], { name: 'direction' })),
        end ? field('Nieuw einde (leeg: ongewijzigd)', dt('newEnd')) : null,
        field('Motivering', txt('fear')), field('Bekendgemaakt op', dt('notifiedAt', toLocalInput())), field('Wijze van bekendmaking', select(METHODS, { name: 'notificationMethod' }))],
      body: (f) => ({ direction: f.direction, motivation: { fear: f.fear }, notifiedAt: fromLocalInput(f.notifiedAt), notificationMethod: f.notificationMethod,
        validity: f.newEnd ? { mode: 'CONTINUOUS', start: order.validity.start, end: fromLocalInput(f.newEnd) } : undefined }) },
    { key: 'exemptions', title: 'Ontheffing verlenen (burgemeester)', from: RUNNING, acknowledge: true,
      fields: () => [field('Van', dt('from')), field('Tot', dt('until')), field('Voorwaarden', txt('conditions'))],
      body: (f) => ({ from: fromLocalInput(f.from), until: fromLocalInput(f.until), conditions: f.conditions || undefined }) },
    { key: 'withdrawal', title: 'Intrekken (burgemeester)', from: ['DRAFT', 'INTENT_SENT', ...RUNNING, 'SUSPENDED'],
      fields: () => [field('Met ingang van (leeg: nu)', dt('at')), field('Reden', txt('reason'))],
      body: (f) => ({ at: fromLocalInput(f.at), reason: f.reason }) },
    { key: 'objections', title: 'Bezwaar registreren', from: [...RUNNING, 'SUSPENDED', 'EXPIRED', 'WITHDRAWN'],
      fields: () => [field('Ontvangen op', dt('receivedAt', toLocalInput())), field('Kenmerk', input({ name: 'reference' }))],
      body: (f) => ({ receivedAt: fromLocalInput(f.receivedAt), reference: f.reference || undefined }) },
    { key: 'suspensions', title: 'Schorsing door de rechter registreren', from: RUNNING,
      fields: () => [field('Geschorst vanaf', dt('from')), field('Tot (indien bepaald)', dt('until')), field('Rechtbank', input({ name: 'court' })), field('Zaaknummer', input({ name: 'caseReference' }))],
      body: (f) => ({ from: fromLocalInput(f.from), until: fromLocalInput(f.until), court: f.court || undefined, caseReference: f.caseReference || undefined }) },
    { key: 'suspensions/lift', title: 'Schorsing opheffen', from: ['SUSPENDED'],
      fields: () => [field('Opgeheven op', dt('at', toLocalInput()))],
      body: (f) => ({ at: fromLocalInput(f.at) }) },
  ].filter((a) => a.from.includes(order.status));
}

function actionForm(order, action) {
  const result = h('div', { 'aria-live': 'polite' });
  const warnings = order.findings.filter((f) => f.severity === 'warning');
  const ackReason = textarea({ name: 'ackReason', rows: 2 });
  const form = h('form', { class: 'stack', dataset: { action: action.key } }, action.fields(),
    action.acknowledge && warnings.length ? field(`Waarom de waarschuwingen (${warnings.map((w) => w.ruleId).join(', ')}) geen bezwaar zijn`, ackReason) : null,
    h('button', { type: 'submit', class: 'utrecht-button utrecht-button--primary-action' }, action.title.replace(/ \(.*\)$/, '')), result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = Object.fromEntries([...new FormData(form).entries()].map(([k, v]) => [k, String(v).trim()]));
    const body = action.body(values);
    if (action.acknowledge && values.ackReason) body.acknowledgements = warnings.map((w) => ({ ruleId: w.ruleId, reason: values.ackReason }));
    try {
      await api(`/orders/${order.id}/${action.key}`, { method: 'POST', body, headers: { 'If-Match': `"${order.version}"` } });
      await render(`${action.title.replace(/ \(.*\)$/, '')}: gelukt.`);
    } catch (e) {
      replace(result, problemAlert(e));
    }
  });
  return h('details', { class: 'action' }, h('summary', {}, action.title), form);
}

async function letter(kind, name) {
  try {
    await download(`/orders/${id}/letters/${kind}`, 'application/pdf', `${name}.pdf`);
  } catch (e) {
    announce(document.getElementById('letters-status'), 'error', `De brief kon niet worden gemaakt: ${e.problem?.detail ?? e.message}`);
  }
}

function measureText(m) {
  const schedule = (m.schedule ?? []).map((w) => `${w.days.join(', ')} ${w.from}–${w.to}`).join('; ');
  if (m.type === 'REPORTING_DUTY') return `${MEASURE[m.type]}: ${m.place?.name ?? ''} ${(m.slots ?? []).map((s) => `${s.days.join(', ')} om ${s.at} (${s.windowMinutes} min)`).join('; ')}`;
  return `${MEASURE[m.type]}${schedule ? ` (${schedule})` : ' (de hele dag)'}`;
}

async function render(message) {
  const order = await api(`/orders/${id}`);
  const [person, versions] = await Promise.all([
    api(`/persons/${order.personId}`).catch(() => null),
    api(`/orders/${id}/versions`),
  ]);
  const v = order.validity;
  const period = v.mode === 'CONTINUOUS' ? `${fmtDateTime(v.start)} tot ${fmtDateTime(order.extensions.at(-1)?.newEnd ?? v.end)}` : `Losse dagen: ${v.days.map(fmtDate).join(', ')}`;
  const mapBox = h('div', { class: 'map', id: 'order-map' });
  const status = h('div', { id: 'order-status', 'aria-live': 'polite' });
  replace(main,
    h('h1', { class: 'utrecht-heading-1' }, `Bevel ${order.reference}`),
    status,
    h('div', { class: 'grid-2' },
      h('section', { 'aria-labelledby': 'facts' },
        h('h2', { class: 'utrecht-heading-2', id: 'facts' }, 'Gegevens'),
        h('dl', { class: 'utrecht-data-list' }, [
          ['Status', h('span', { class: 'status-badge', id: 'order-status-badge' }, STATUS[order.status] ?? order.status)],
          ['Versie', String(order.version)],
          ['Persoon', person ? `${person.name} (geboren ${fmtDate(person.dateOfBirth)})` : order.personId],
          ['Grondslag', `${BASIS[order.basis.kind]}${order.basis.ground ? ` — ${GROUND[order.basis.ground]}` : ''}${order.basis.apvArticle ? ` art. ${order.basis.apvArticle}` : ''}`],
          ['Maatregelen', h('ul', {}, order.measures.map((m) => h('li', {}, measureText(m))))],
          ['Geldigheid', period],
          ['Bezwaartermijn', order.objectionDeadline ? h('span', { id: 'objection-deadline' }, `Bezwaar kan tot en met ${fmtDate(order.objectionDeadline)} (zes weken na bekendmaking)`) : 'Begint bij bekendmaking'],
          ['Bevindingen', order.findings.length ? findingsList(order.findings) : 'Geen'],
        ].map(([k, val]) => h('div', { class: 'utrecht-data-list__item' }, h('dt', { class: 'utrecht-data-list__item-key' }, k), h('dd', { class: 'utrecht-data-list__item-value' }, val)))),
        h('h2', { class: 'utrecht-heading-2' }, 'Brieven'),
        h('div', { class: 'utrecht-button-group' },
          button('Voornemen (PDF)', { id: 'letter-intent', onclick: () => letter('intent', `voornemen-${order.reference}`) }),
          button('Beschikking (PDF)', { id: 'letter-decision', onclick: () => letter('decision', `beschikking-${order.reference}`) })),
        h('div', { id: 'letters-status', 'aria-live': 'polite' })),
      h('section', { 'aria-labelledby': 'zones-heading' },
        h('h2', { class: 'utrecht-heading-2', id: 'zones-heading' }, 'Gebieden (versie zoals in het bevel)'), mapBox)),
    h('div', { class: 'grid-2' },
      h('section', { 'aria-labelledby': 'actions-heading' },
        h('h2', { class: 'utrecht-heading-2', id: 'actions-heading' }, 'Acties'),
        actions(order).length ? actions(order).map((a) => actionForm(order, a)) : h('p', { class: 'utrecht-paragraph' }, 'Geen acties mogelijk in deze status.')),
      h('section', { 'aria-labelledby': 'timeline-heading' },
        h('h2', { class: 'utrecht-heading-2', id: 'timeline-heading' }, 'Versies'),
        h('ol', { class: 'timeline', id: 'timeline' }, [...versions].reverse().map((ver) => h('li', {},
          h('strong', {}, `Versie ${ver.version}: ${CHANGE[ver.changeKind] ?? ver.changeKind}`), h('br'),
          `${fmtDateTime(ver.changedAt)} — ${STATUS[ver.status] ?? ver.status}`, ver.reason ? ` — ${ver.reason}` : '', h('br'),
          h('span', { class: 'muted' }, `door ${ver.changedBy}`)))))));
  if (message) announce(status, 'ok', message);
  const map = await createMap(mapBox, { label: 'Kaart met de gebieden van het bevel' });
  const layers = [];
  for (const m of order.measures) {
    for (const [i, zoneId] of (m.zoneIds ?? []).entries()) {
      const zone = await zoneAtVersionId(zoneId, m.zoneVersionIds?.[i]).catch(() => null);
      if (zone) layers.push(L.geoJSON(zone.geometry, { style: ZONE_STYLE }).bindTooltip(`${zone.name} (versie ${zone.version})`).addTo(map));
    }
  }
  fitTo(map, layers);
}

if (!id) replace(main, h('h1', { class: 'utrecht-heading-1' }, 'Bevel'), h('p', {}, 'Geen bevel gekozen. ', h('a', { class: 'utrecht-link', href: '/orders.html' }, 'Naar de lijst')));
else render(new URLSearchParams(location.search).get('created') ? 'Het concept is opgeslagen.' : undefined).catch((e) => replace(main, h('h1', { class: 'utrecht-heading-1' }, 'Bevel'), problemAlert(e)));
void session;
