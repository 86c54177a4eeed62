import { alertBox, h, replace } from '../dom.js';
import { navFor } from '../layout.js';
import { userManager } from '../oidc.js';
import { saveSession } from '../session.js';

// The OpenID Connect provider sends the browser back here with the authorization code; oidc-client-ts swaps it
// (with the PKCE verifier it kept in sessionStorage) for the tokens.
const main = document.getElementById('main-content');
try {
  const manager = await userManager();
  const user = await manager.signinRedirectCallback();
  const session = saveSession(user.access_token, 'oidc');
  const next = user.state?.next;
  // Back to the page that sent the user to sign in, else the first page of the role (as the development sign-in does).
  location.replace(typeof next === 'string' && /^\/(?!\/)/.test(next) ? next : navFor(session)[0]?.href ?? '/');
} catch (e) {
  replace(main, h('h1', { class: 'utrecht-heading-1' }, 'Aanmelden mislukt'),
    alertBox('error', `De aanmelding kon niet worden afgerond: ${e.message}`), h('a', { class: 'utrecht-link', href: '/' }, 'Opnieuw aanmelden'));
}
