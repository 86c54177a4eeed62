import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import request from 'supertest';
import { SeedService } from '../../src/modules/seed/seed.service';
import { resetDatabase } from '../helpers/database';
import { createPerson, demoZoneId, FULL_MOTIVATION } from '../helpers/factories';
import { OidcProviderProcess, type OidcTestAccount } from '../helpers/oidc-provider-process';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { freePort } from '../helpers/throwaway-postgres';
import { launchChromium, shot, watchConsole } from './browser';

jest.setTimeout(120_000);

const CLIENT_ID = 'ordreg-web';
/** The API's resource indicator at the provider, and so the audience the API requires (JWT_AUDIENCE). */
const RESOURCE = 'urn:gemeente:ordreg-api';
const ACCOUNTS: Record<string, OidcTestAccount> = {
  'bureau.cranendonck': { name: 'Mila de Vries', roles: ['mayor-office'], municipalities: ['GM1706'] },
  'agent.cranendonck': { name: 'Joris Jansen', roles: ['police'], municipalities: ['GM1706'] },
  'bureau.westerwolde': { name: 'Anna Bakker', roles: ['mayor-office'], municipalities: ['GM1950'] },
  'agent.westerwolde': { name: 'Sem Mulder', roles: ['police'], municipalities: ['GM1950'] },
};
const PERSON = 'Piet Aanmeldtest';

const hoursFromNow = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
const claimsOf = (jwt: string, part = 1) => JSON.parse(Buffer.from(jwt.split('.')[part], 'base64url').toString('utf8'));

/**
 * Sign-in through a real OpenID Connect provider (panva's oidc-provider in a child process): the start page's
 * button, the provider's login and consent pages, the code + PKCE exchange in the browser (oidc-client-ts), and the
 * API accepting the provider's JWT access token (verified against the provider's jwks_uri, issuer and audience).
 */
describe('sign-in through the municipality\'s OpenID Connect provider (chromium)', () => {
  let provider: OidcProviderProcess;
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let consoleProblems: string[];
  let orderId: string;
  let orderReference: string;

  async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    // The provider's development pages import a web font; there is no internet here, so they get an empty style sheet.
    await ctx.route('https://fonts.googleapis.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/css', body: '' }));
    return { context: ctx, page: await ctx.newPage() };
  }

  /** The start page's municipality sign-in, the provider's login (and consent) pages, back to the app. */
  async function signIn(p: Page, login: string, screenshots = false): Promise<void> {
    await p.goto(`${base}/`);
    await p.getByRole('button', { name: 'Aanmelden via de gemeente' }).click();
    await p.waitForURL(`${provider.issuer}/interaction/**`);
    await p.locator('input[name="login"]').fill(login);
    await p.locator('input[name="password"]').fill('willekeurig-wachtwoord');
    if (screenshots) await shot(p, 'oidc-02-provider-login');
    await p.getByRole('button', { name: 'Sign-in' }).click();
    await p.waitForURL((url) => url.href.startsWith(base) || /\/interaction\//.test(url.pathname));
    if (p.url().startsWith(provider.issuer)) {
      if (screenshots) await shot(p, 'oidc-03-provider-consent');
      await p.getByRole('button', { name: 'Continue' }).click();
    }
    await p.waitForURL((url) => url.href.startsWith(base) && !url.pathname.startsWith('/callback'));
  }

  async function accessToken(p: Page): Promise<string> {
    return p.evaluate(() => JSON.parse(sessionStorage.getItem('ordreg.session') ?? 'null')?.accessToken);
  }

  beforeAll(async () => {
    // The app's origin must be known to the provider (redirect URIs) before the app, which needs the issuer, starts.
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    provider = await OidcProviderProcess.start({
      clientId: CLIENT_ID,
      redirectUris: [`${base}/callback.html`],
      postLogoutRedirectUris: [`${base}/`],
      resource: RESOURCE,
      accounts: ACCOUNTS,
    });
    t = await createTestApp({
      env: {
        OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: CLIENT_ID, OIDC_SCOPES: 'openid profile',
        JWT_JWKS_URL: provider.jwksUri, JWT_ISSUER: provider.issuer, JWT_AUDIENCE: RESOURCE,
      },
    });
    await resetDatabase(t.dataSource);
    await t.app.get(SeedService).loadOnce();
    await t.app.listen(port, '127.0.0.1');
    browser = await launchChromium();

    // Cranendonck's data, written through the API with a token the provider issued to its clerk.
    const clerk = await newPage();
    await signIn(clerk.page, 'bureau.cranendonck');
    const token = await accessToken(clerk.page);
    await clerk.context.close();
    const personId = await createPerson(t, 'GM1706', { name: PERSON }, token);
    const created = await request(t.http).post('/api/v1/orders').set('Authorization', `Bearer ${token}`).send({
      municipalityCode: 'GM1706', personId,
      basis: { kind: 'GEMW_172A', ground: 'REPEATED' },
      measures: [{ type: 'AREA_BAN', zoneIds: [await demoZoneId(t, 'GM1706')] }],
      validity: { mode: 'CONTINUOUS', start: hoursFromNow(-1), end: hoursFromNow(24 * 80) },
      incidents: [
        { at: '2026-10-03T22:10:00+02:00', description: 'Vechtpartij op de Markt', reportRef: 'PL2100-2026-101' },
        { at: '2026-11-14T23:40:00+01:00', description: 'Intimidatie van winkelpersoneel', reportRef: 'PL2100-2026-187' },
      ],
      procedure: { intentSentAt: hoursFromNow(-5), viewDeadline: hoursFromNow(-4), viewReceivedAt: hoursFromNow(-3), signatory: { role: 'MAYOR', name: 'De burgemeester' }, motivation: FULL_MOTIVATION },
    }).expect(201);
    orderId = created.body.id;
    orderReference = created.body.reference;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await provider?.stop();
  });
  beforeEach(async () => {
    ({ context, page } = await newPage());
    consoleProblems = watchConsole(page);
  });
  afterEach(async () => {
    await context?.close();
    expect(consoleProblems).toEqual([]);
  });

  it('the dev sign-in is off; the page asks the provider for a code with PKCE (S256) and the clerk lands on the orders with data', async () => {
    const config = await request(t.http).get('/api/v1/ui/config').expect(200);
    expect(config.body).toMatchObject({ oidc: { issuer: provider.issuer, clientId: CLIENT_ID, scopes: 'openid profile' }, devSignIn: false });
    await request(t.http).post('/api/v1/dev/sign-in').send({ role: 'admin', municipalities: ['*'] }).expect(404);
    // The pages may reach the issuer (discovery and token endpoint), and nothing else off-site.
    const csp = (await request(t.http).get('/').expect(200)).headers['content-security-policy'];
    expect(csp).toContain(`connect-src 'self' ${provider.issuer}`);

    const authorizationRequests: Request[] = [];
    page.on('request', (r) => { if (r.url().startsWith(`${provider.issuer}/auth?`)) authorizationRequests.push(r); });
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: 'Aanmelden via de gemeente' }).waitFor();
    await shot(page, 'oidc-01-start-page');
    await signIn(page, 'bureau.cranendonck', true);

    expect(authorizationRequests).toHaveLength(1);
    const auth = new URL(authorizationRequests[0].url()).searchParams;
    expect(Object.fromEntries(['response_type', 'client_id', 'redirect_uri', 'scope', 'code_challenge_method'].map((k) => [k, auth.get(k)]))).toEqual({
      response_type: 'code', client_id: CLIENT_ID, redirect_uri: `${base}/callback.html`, scope: 'openid profile', code_challenge_method: 'S256',
    });
    expect(auth.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/); // base64url of a SHA-256 digest
    expect(auth.get('state')).toBeTruthy();

    // The mayor's office lands on its first page, and the orders list the page fetched with the provider's token.
    expect(new URL(page.url()).pathname).toBe('/orders.html');
    await page.getByRole('heading', { name: 'Bevelen' }).waitFor();
    await page.locator('#orders-table').getByRole('link', { name: orderReference }).waitFor();
    await expect(page.locator('.app-user').textContent()).resolves.toBe('Aangemeld als Medewerker kabinet burgemeester (GM1706)');
    await shot(page, 'oidc-04-orders');

    const token = await accessToken(page);
    expect(claimsOf(token, 0)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    expect(claimsOf(token)).toMatchObject({ iss: provider.issuer, aud: RESOURCE, sub: 'bureau.cranendonck', client_id: CLIENT_ID, roles: ['mayor-office'], municipalities: ['GM1706'] });
    await request(t.http).get(`/api/v1/orders/${orderId}`).set('Authorization', `Bearer ${token}`).expect(200);

    // Sign-out ends the provider's session too (RP-initiated logout with the ID token as hint), then back to the start.
    const endSession: Request[] = [];
    page.on('request', (r) => { if (r.url().startsWith(`${provider.issuer}/session/end?`)) endSession.push(r); });
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL(`${base}/`);
    await page.getByRole('button', { name: 'Aanmelden via de gemeente' }).waitFor();
    await shot(page, 'oidc-05-signed-out');
    const end = new URL(endSession[0].url()).searchParams;
    expect(end.get('post_logout_redirect_uri')).toBe(`${base}/`);
    expect(end.get('id_token_hint')).toBeTruthy();
    expect(claimsOf(end.get('id_token_hint')!)).toMatchObject({ iss: provider.issuer, aud: CLIENT_ID, sub: 'bureau.cranendonck' });
    await expect(accessToken(page)).resolves.toBeUndefined();
    // No single sign-on left at the provider: signing in again asks for the login.
    await page.getByRole('button', { name: 'Aanmelden via de gemeente' }).click();
    await page.waitForURL(`${provider.issuer}/interaction/**`);
    await page.locator('input[name="login"]').waitFor();
  });

  it('a police officer of the municipality lands on the check page and finds the person', async () => {
    await signIn(page, 'agent.cranendonck');
    expect(new URL(page.url()).pathname).toBe('/check.html');
    await page.getByRole('heading', { name: 'Controle' }).waitFor();
    await page.getByLabel('Naam van de persoon').fill('Aanmeldtest');
    await page.getByRole('button', { name: 'Zoek persoon' }).click();
    await page.getByLabel(new RegExp(PERSON)).waitFor();
    await shot(page, 'oidc-06-police-search');
  });

  it('accounts of another municipality see none of GM1706\'s data', async () => {
    await signIn(page, 'bureau.westerwolde');
    expect(new URL(page.url()).pathname).toBe('/orders.html');
    await page.getByText('Geen bevelen gevonden.').waitFor();
    await shot(page, 'oidc-07-other-municipality-orders');
    const token = await accessToken(page);
    expect(claimsOf(token)).toMatchObject({ municipalities: ['GM1950'] });
    const auth = { Authorization: `Bearer ${token}` };
    await request(t.http).get(`/api/v1/orders/${orderId}`).set(auth).expect(404);
    // Lists asked for another municipality come back empty (scoped to the caller's municipalities).
    const list = await request(t.http).get('/api/v1/orders?municipality=GM1706').set(auth).expect(200);
    expect(list.body).toEqual([]);
    const persons = await request(t.http).get('/api/v1/persons?query=Aanmeldtest&municipality=GM1706').set(auth).expect(200);
    expect(persons.body).toEqual([]);

    // This time signed out from the start page's header: the provider's session ends as well.
    await page.goto(`${base}/`);
    await page.getByText('U bent aangemeld als Medewerker kabinet burgemeester voor GM1950.').waitFor();
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL(`${base}/`);
    await signIn(page, 'agent.westerwolde');
    expect(new URL(page.url()).pathname).toBe('/check.html');
    await page.getByLabel('Naam van de persoon').fill('Aanmeldtest');
    await page.getByRole('button', { name: 'Zoek persoon' }).click();
    await page.getByText('Geen persoon gevonden.').waitFor();
    await shot(page, 'oidc-08-other-municipality-search');
  });
});
