// Sign-in through the municipality's OpenID Connect provider: authorization code with PKCE (oidc-client-ts).
// The library is loaded only when needed, from /vendor/ (same origin, so the strict CSP allows it).
let loading;

function loadLibrary() {
  if (window.oidc) return Promise.resolve(window.oidc);
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/vendor/oidc-client-ts/oidc-client-ts.js';
    script.onload = () => resolve(window.oidc);
    script.onerror = () => reject(new Error('oidc-client-ts could not be loaded'));
    document.head.append(script);
  });
  return loading;
}

async function uiConfig() {
  const res = await fetch('/api/v1/ui/config', { headers: { Accept: 'application/json' } });
  return res.json();
}

export async function userManager(settings) {
  const oidc = await loadLibrary();
  const config = settings ?? (await uiConfig()).oidc;
  if (!config) return null;
  return new oidc.UserManager({
    authority: config.issuer,
    client_id: config.clientId,
    scope: config.scopes,
    redirect_uri: `${location.origin}/callback.html`,
    post_logout_redirect_uri: `${location.origin}/`,
    response_type: 'code',
    automaticSilentRenew: false,
    userStore: new oidc.WebStorageStateStore({ store: window.sessionStorage }),
    stateStore: new oidc.WebStorageStateStore({ store: window.sessionStorage }),
  });
}

export async function signInOidc(settings, next) {
  const manager = await userManager(settings);
  await manager.signinRedirect({ state: { next } });
}

/**
 * Ends the session at the provider too (RP-initiated logout). signoutRedirect sends the stored ID token as
 * id_token_hint and then removes the stored user itself, so it must still be there when it is called.
 */
export async function signOutOidc() {
  let manager;
  try {
    manager = await userManager();
    if (manager) {
      await manager.signoutRedirect();
      return;
    }
  } catch {
    // The provider may offer no end-session endpoint: the local session is gone either way.
    await manager?.removeUser().catch(() => undefined);
  }
  location.assign('/');
}
