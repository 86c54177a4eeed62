// The signed-in user's token, kept in sessionStorage (gone when the tab closes). The API verifies every token;
// the claims read here only decide which links and forms the page shows.
const KEY = 'ordreg.session';

function decodeClaims(token) {
  const part = token.split('.')[1] ?? '';
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0))));
}

export function saveSession(accessToken, via) {
  const claims = decodeClaims(accessToken);
  const session = {
    accessToken,
    via,
    sub: claims.sub,
    roles: Array.isArray(claims.roles) ? claims.roles : [],
    municipalities: Array.isArray(claims.municipalities) ? claims.municipalities : [],
    expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : Date.now() + 3600_000,
  };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

export function currentSession() {
  try {
    const session = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    return session && session.expiresAt > Date.now() ? session : null;
  } catch {
    return null;
  }
}

export function clearSession() {
  sessionStorage.removeItem(KEY);
}

export function hasRole(session, ...roles) {
  return Boolean(session) && roles.some((r) => session.roles.includes(r));
}

/** The session, or a trip to the sign-in page that comes back here afterwards. */
export function requireSession() {
  const session = currentSession();
  if (!session) {
    const next = location.pathname + location.search;
    location.replace(`/?next=${encodeURIComponent(next)}`);
    throw new Error('not signed in');
  }
  return session;
}
