import { api } from '../api.js';
import { alertBox, button, field, h, input, replace, select } from '../dom.js';
import { ROLE } from '../format.js';
import { navFor, problemAlert, signOut } from '../layout.js';
import { signInOidc } from '../oidc.js';
import { currentSession, saveSession } from '../session.js';

const main = document.getElementById('main-content');
const params = new URLSearchParams(location.search);
/** Only a path on this site may be the way back after sign-in. */
const next = /^\/(?!\/)[^\s]*$/.test(params.get('next') ?? '') ? params.get('next') : null;

function startPage(session) {
  return navFor(session)[0]?.href ?? '/';
}

function header(session) {
  const bar = h('div', { class: 'app-header__bar' }, h('a', { href: '/', class: 'app-brand utrecht-link' }, 'Register bevelen burgemeester'),
    session ? button('Afmelden', { id: 'sign-out', onclick: signOut }, 'subtle') : null);
  replace(document.getElementById('page-header'), bar);
}

function signedIn(session) {
  header(session);
  replace(main,
    h('h1', { class: 'utrecht-heading-1' }, 'Register bevelen burgemeester'),
    h('p', { class: 'utrecht-paragraph' }, `U bent aangemeld als ${session.roles.map((r) => ROLE[r] ?? r).join(', ')} voor ${session.municipalities.join(', ')}.`),
    h('h2', { class: 'utrecht-heading-2' }, 'Uw pagina\'s'),
    h('ul', { class: 'utrecht-link-list utrecht-link-list--html-ul' }, navFor(session).map((item) =>
      h('li', { class: 'utrecht-link-list__item' }, h('a', { class: 'utrecht-link utrecht-link--html-a', href: item.href }, item.label)))));
}

function devForm() {
  const role = select(Object.entries(ROLE), { id: 'dev-role', name: 'role' });
  const municipality = input({ id: 'dev-municipality', name: 'municipality', value: 'GM1706', autocomplete: 'off', pattern: '(GM\\d{4}|\\*)(,\\s*GM\\d{4})*', required: true });
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'stack', id: 'dev-sign-in' },
    h('h2', { class: 'utrecht-heading-2' }, 'Aanmelden voor ontwikkeling en test'),
    h('p', { class: 'utrecht-paragraph' }, 'Alleen buiten productie: kies een rol en een gemeente (CBS-code, bijvoorbeeld GM1706).'),
    field('Rol', role), field('Gemeente(n)', municipality, 'CBS-codes, gescheiden door komma\'s'),
    h('button', { type: 'submit', class: 'utrecht-button utrecht-button--primary-action' }, 'Aanmelden'), result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const municipalities = municipality.value.split(',').map((m) => m.trim()).filter(Boolean);
      const { accessToken } = await api('/dev/sign-in', { method: 'POST', body: { role: role.value, municipalities } });
      const session = saveSession(accessToken, 'dev');
      location.assign(next ?? startPage(session));
    } catch (e) {
      replace(result, problemAlert(e));
    }
  });
  return form;
}

async function signInPage() {
  header(null);
  const config = await fetch('/api/v1/ui/config').then((r) => r.json());
  const parts = [h('h1', { class: 'utrecht-heading-1' }, 'Aanmelden')];
  if (params.get('expired')) parts.push(alertBox('warning', 'Uw sessie is verlopen. Meld u opnieuw aan.'));
  if (config.oidc) {
    parts.push(h('p', { class: 'utrecht-paragraph' }, 'Meld u aan met het account van uw organisatie.'),
      button('Aanmelden via de gemeente', { id: 'oidc-sign-in', onclick: () => signInOidc(config.oidc, next ?? undefined) }, 'primary'));
  }
  if (config.devSignIn) parts.push(devForm());
  if (!config.oidc && !config.devSignIn) parts.push(alertBox('error', 'Er is geen aanmeldmethode ingesteld (OIDC_ISSUER en OIDC_CLIENT_ID).'));
  replace(main, ...parts);
}

const session = currentSession();
if (session && next) location.replace(next);
else if (session) signedIn(session);
else signInPage();
