// A real OpenID Connect provider (panva's oidc-provider) for the sign-in tests, in its own process because the
// library is ESM-only. Usage: node oidc-provider-server.mjs, configured by one JSON argument:
//   { "clientId", "redirectUris": [...], "postLogoutRedirectUris": [...], "resource",
//     "accounts": { "<login>": { "name", "roles": [...], "municipalities": [...] } } }
// It listens on a free loopback port and prints "READY <issuer>". The login page is the library's development
// interaction (any password); the accounts' roles and municipalities go into the JWT access tokens for `resource`.
import { exportJWK, generateKeyPair } from 'jose';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const settings = JSON.parse(process.argv[2]);
const accounts = settings.accounts;

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

// A fresh signing key each start: the service under test must fetch it from jwks_uri.
const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const signingKey = { ...(await exportJWK(privateKey)), kid: `test-${randomBytes(4).toString('hex')}`, alg: 'RS256', use: 'sig' };

const provider = new Provider(issuer, {
  clients: [{
    client_id: settings.clientId,
    application_type: 'web',
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code'],
    response_types: ['code'],
    redirect_uris: settings.redirectUris,
    post_logout_redirect_uris: settings.postLogoutRedirectUris,
  }],
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  pkce: { required: () => true },
  claims: { openid: ['sub'], profile: ['name'] },
  async findAccount(_ctx, id) {
    const account = accounts[id];
    if (!account) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, name: account.name }) };
  },
  // The browser calls the token endpoint from the app's origin: allow exactly the origins of the client's redirect URIs.
  clientBasedCORS(_ctx, origin, client) {
    return client.redirectUris.some((uri) => new URL(uri).origin === origin);
  },
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: async () => settings.resource,
      // The code was granted for the API: the token request (which names no resource) gets the API's token.
      useGrantedResource: async () => true,
      getResourceServerInfo: async (_ctx, resource) => {
        if (resource !== settings.resource) throw new Provider.errors.InvalidTarget();
        return { scope: 'ordreg', audience: settings.resource, accessTokenFormat: 'jwt', accessTokenTTL: 600, jwt: { sign: { alg: 'RS256' } } };
      },
    },
  },
  // The claims the API authorizes on, as the municipality's identity provider would map them from its directory.
  async extraTokenClaims(_ctx, token) {
    const account = accounts[token.accountId];
    return account ? { roles: account.roles, municipalities: account.municipalities } : undefined;
  },
  ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
});
provider.on('server_error', (_ctx, err) => process.stderr.write(`oidc-provider server_error: ${err.stack}\n`));

server.on('request', provider.callback());
process.stdout.write(`READY ${issuer}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
