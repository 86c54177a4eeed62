import { ruleText } from './rules-nl.js';
import { clearSession, currentSession, hasRole, requireSession } from './session.js';
import { ROLE, SEVERITY } from './format.js';
import { alertBox, button, h, replace } from './dom.js';
import { signOutOidc } from './oidc.js';

const NAV = [
  { href: '/orders.html', label: 'Bevelen', roles: ['mayor', 'mayor-office'] },
  { href: '/order-new.html', label: 'Nieuw bevel', roles: ['mayor', 'mayor-office'] },
  { href: '/zones.html', label: 'Gebieden', roles: ['mayor', 'mayor-office'] },
  { href: '/check.html', label: 'Controle', roles: ['police'] },
  { href: '/missed.html', label: 'Gemiste meldingen', roles: ['police'] },
  { href: '/audit.html', label: 'Audit', roles: ['lawyer', 'mayor'] },
];

/** The pages a session may use. */
export const navFor = (session) => NAV.filter((item) => hasRole(session, ...item.roles));

/** Ends the session here and, for a session from the OpenID Connect provider, there too. */
export async function signOut() {
  const session = currentSession();
  clearSession();
  if (session?.via === 'oidc') await signOutOidc();
  else location.assign('/');
}

/** Fills the page header (navigation, who is signed in, sign-out) and returns the session. */
export function layout({ roles } = {}) {
  const session = requireSession();
  const header = document.getElementById('page-header');
  const here = location.pathname;
  const nav = h('nav', { class: 'app-nav', 'aria-label': 'Hoofdmenu' },
    h('ul', { class: 'app-nav__list' }, navFor(session).map((item) =>
      h('li', {}, h('a', { class: 'utrecht-link utrecht-link--html-a', href: item.href, 'aria-current': item.href === here ? 'page' : undefined }, item.label)))));
  const who = h('p', { class: 'app-user' },
    `Aangemeld als ${session.roles.map((r) => ROLE[r] ?? r).join(', ')} (${session.municipalities.join(', ')})`);
  const out = button('Afmelden', { onclick: signOut, id: 'sign-out' }, 'subtle');
  replace(header, h('div', { class: 'app-header__bar' }, h('a', { href: '/', class: 'app-brand utrecht-link' }, 'Register bevelen burgemeester'), who, out), nav);
  if (roles && !hasRole(session, ...roles)) {
    replace(document.getElementById('main-content'), h('h1', { class: 'utrecht-heading-1' }, 'Geen toegang'),
      alertBox('warning', 'Deze pagina is voor een andere rol. Kies een pagina in het menu.'));
    throw new Error('role not allowed');
  }
  return session;
}

/** A problem answer of the API as a Dutch message: the detail, the fields at fault, the rules by id. */
export function problemAlert(error) {
  const p = error?.problem ?? {};
  const fields = Array.isArray(p.errors) ? p.errors : [];
  const findings = Array.isArray(p.findings) ? p.findings : [];
  return alertBox('error',
    h('p', { class: 'utrecht-paragraph' }, h('strong', {}, `Niet gelukt (${error?.status ?? 'fout'}): `), p.detail ?? error?.message ?? 'onbekende fout'),
    fields.length ? h('ul', {}, fields.map((f) => h('li', {}, h('code', {}, f.field), ` — ${f.message}`))) : null,
    findings.length ? findingsList(findings) : null);
}

/** Findings of the legal rules, each with its rule id, severity, the rule in Dutch and the citation. */
export function findingsList(findings) {
  return h('ul', { class: 'findings' }, findings.map((f) =>
    h('li', { class: `finding finding--${f.severity}`, dataset: { ruleId: f.ruleId } },
      h('span', { class: 'finding__rule' }, f.ruleId), ' ',
      h('span', { class: 'finding__severity' }, SEVERITY[f.severity] ?? f.severity), ': ',
      ruleText(f.ruleId, f.message), f.citation ? h('span', { class: 'finding__citation' }, ` (${f.citation})`) : null)));
}

/** Shows a message in a live region so screen readers announce it. */
export function announce(region, kind, ...content) {
  replace(region, alertBox(kind, ...content));
  region.scrollIntoView?.({ block: 'nearest' });
}
