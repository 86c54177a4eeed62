import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { SeedService } from '../../src/modules/seed/seed.service';
import { resetDatabase } from '../helpers/database';
import { createPerson, demoZoneId, FULL_MOTIVATION } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { axeViolations, devSignIn, launchChromium, shot, watchConsole } from './browser';

jest.setTimeout(180_000);

const hoursFromNow = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

/**
 * A 172a order (whole-day area ban on the zone) for the person, made through the API: issued, or left a draft whose
 * motivation lacks the balance of interests (so the audit finds AWB-3-46-MOTIVATION).
 */
async function issuedOrder(t: TestApp, personId: string, zoneId: string, draftWithoutBalance = false): Promise<string> {
  const mo = `Bearer ${await t.token('mayor-office')}`;
  const mayor = `Bearer ${await t.token('mayor')}`;
  const created = await request(t.http).post('/api/v1/orders').set('Authorization', mo).send({
    municipalityCode: 'GM1706', personId,
    basis: { kind: 'GEMW_172A', ground: 'REPEATED' },
    measures: [{ type: 'AREA_BAN', zoneIds: [zoneId] }],
    validity: { mode: 'CONTINUOUS', start: hoursFromNow(-1), end: hoursFromNow(24 * 80) },
    incidents: [
      { at: '2026-10-03T22:10:00+02:00', description: 'Vechtpartij op de Markt', reportRef: 'PL2100-2026-101' },
      { at: '2026-11-14T23:40:00+01:00', description: 'Intimidatie van winkelpersoneel', reportRef: 'PL2100-2026-187' },
    ],
    procedure: { intentSentAt: hoursFromNow(-5), viewDeadline: hoursFromNow(-4), viewReceivedAt: hoursFromNow(-3), signatory: { role: 'MAYOR', name: 'De burgemeester' },
      motivation: draftWithoutBalance ? { ...FULL_MOTIVATION, balance: undefined } : FULL_MOTIVATION },
  }).expect(201);
  if (draftWithoutBalance) return created.body.id;
  await request(t.http).post(`/api/v1/orders/${created.body.id}/issue`).set('Authorization', mayor).set('If-Match', '"1"')
    .send({ notifiedAt: hoursFromNow(-2), notificationMethod: 'HANDED' }).expect(200);
  return created.body.id;
}

describe('web pages in a real browser (chromium)', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let consoleProblems: string[];

  beforeAll(async () => {
    t = await createTestApp();
    await resetDatabase(t.dataSource);
    await t.app.get(SeedService).loadOnce();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    page = await context.newPage();
    consoleProblems = watchConsole(page);
  });
  afterEach(async () => {
    await context?.close();
    expect(consoleProblems).toEqual([]);
  });

  async function expectAccessible(name: string) {
    expect({ page: name, violations: await axeViolations(page) }).toEqual({ page: name, violations: [] });
  }

  it('a clerk draws a zone, drafts an order and sees a finding come and go; the mayor issues it and downloads the decision', async () => {
    await page.goto(`${base}/`);
    await expectAccessible('sign-in');
    await shot(page, '01-sign-in');
    await devSignIn(page, base, 'mayor-office');
    await page.getByRole('heading', { name: 'Bevelen' }).waitFor();
    await expectAccessible('orders');
    await shot(page, '02-orders');

    // Zone editor: open the demo zone (the map moves to Budel), start a new zone and draw it with the geoman toolbar.
    await page.goto(`${base}/zones.html`);
    await page.locator('#zone-list button').first().click();
    await page.getByRole('heading', { name: /Gebied bewerken/ }).waitFor();
    await page.getByRole('button', { name: 'Nieuw gebied' }).click();
    const box = (await page.locator('#zone-map').boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    await page.locator('.leaflet-pm-icon-polygon').click();
    for (const [dx, dy] of [[-60, -60], [60, -60], [60, 60], [-60, 60]]) await page.mouse.click(cx + dx, cy + dy);
    await page.mouse.click(cx - 60, cy - 60); // back on the first vertex closes the ring
    // A hole: the cut tool, a small square inside.
    await page.locator('.leaflet-pm-icon-cut').click();
    for (const [dx, dy] of [[-15, -15], [15, -15], [15, 15], [-15, 15]]) await page.mouse.click(cx + dx, cy + dy);
    await page.mouse.click(cx - 15, cy - 15);
    await page.getByLabel('Naam', { exact: true }).fill('Testgebied station');
    await page.getByRole('button', { name: 'Gebied opslaan' }).click();
    await page.locator('#zone-saved').waitFor();
    const saved = await t.dataSource.query(`SELECT z.id, v.geometry FROM zone z JOIN zone_version v ON v.zone_id = z.id WHERE v.name = 'Testgebied station'`);
    expect(saved).toHaveLength(1);
    const geometry = typeof saved[0].geometry === 'string' ? JSON.parse(saved[0].geometry) : saved[0].geometry;
    expect(geometry.type).toBe('Polygon');
    expect(geometry.coordinates).toHaveLength(2); // shell and hole
    await expectAccessible('zones');
    await shot(page, '03-zone-drawn', 'zone-editor');

    // The wizard: findings appear and disappear by rule id as the clerk types.
    await page.goto(`${base}/order-new.html`);
    await page.getByText('Nieuwe persoon registreren').click();
    await page.getByLabel('Naam nieuwe persoon').fill('Kees Browsertest');
    await page.getByLabel('Geboortedatum').fill('1996-02-03');
    await page.getByRole('button', { name: 'Persoon registreren' }).click();
    await page.getByText('Kees Browsertest is geregistreerd en gekozen.').waitFor();
    await page.getByLabel('Grond (art. 172a)').selectOption('REPEATED');
    await page.getByLabel(/Testgebied station/).check();
    const local = (h: number) => { const d = new Date(Date.now() + h * 3600_000 - new Date().getTimezoneOffset() * 60_000); return d.toISOString().slice(0, 16); };
    await page.getByLabel('Ingang').fill(local(-1));
    await page.getByLabel('Einde').fill(local(24 * 80));
    const incident = page.locator('.incident').first();
    await incident.getByLabel('Datum en tijd').fill('2026-10-03T22:10');
    await incident.getByLabel('Omschrijving').fill('Vechtpartij bij het station');
    await page.getByRole('button', { name: 'Incident toevoegen' }).click();
    const second = page.locator('.incident').nth(1);
    await second.getByLabel('Datum en tijd').fill('2026-11-14T23:40');
    await second.getByLabel('Omschrijving').fill('Intimidatie van reizigers');
    await page.getByLabel('Voornemen verzonden op').fill(local(-5));
    await page.getByLabel('Termijn zienswijze').fill(local(-4));
    await page.getByLabel('Zienswijze ontvangen op').fill(local(-3));
    await page.getByLabel('Ernstige vrees voor verdere verstoring').fill(FULL_MOTIVATION.fear);
    await page.getByLabel(/Geschiktheid/).fill(FULL_MOTIVATION.suitability);
    await page.getByLabel(/Noodzakelijkheid/).fill(FULL_MOTIVATION.necessity);
    const motivationFinding = page.locator('#findings [data-rule-id="AWB-3-46-MOTIVATION"]');
    await motivationFinding.waitFor();
    await shot(page, '04-wizard-finding');
    await page.getByLabel(/Evenwichtigheid/).fill(FULL_MOTIVATION.balance);
    await motivationFinding.waitFor({ state: 'detached' });
    await page.locator('#no-findings').waitFor();
    await expectAccessible('order wizard');
    await shot(page, '05-wizard-no-findings');
    await page.getByRole('button', { name: 'Concept opslaan' }).click();
    await page.waitForURL(/order\.html\?id=/);
    const orderId = new URL(page.url()).searchParams.get('id')!;
    await page.getByText('Het concept is opgeslagen.').waitFor();
    await expectAccessible('order page');
    await shot(page, '06-order-draft');

    // Only the mayor signs a 172a order.
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await devSignIn(page, base, 'mayor', 'GM1706', `/order.html?id=${orderId}`);
    await page.getByText('Opleggen en bekendmaken (burgemeester)').click();
    await page.locator('form[data-action="issue"] button[type="submit"]').click();
    await page.getByText('Opleggen en bekendmaken: gelukt.').waitFor();
    await expect(page.locator('#order-status-badge').textContent()).resolves.toBe('Opgelegd');
    await expect(page.locator('#objection-deadline').textContent()).resolves.toMatch(/Bezwaar kan tot en met/);
    await shot(page, '07-order-issued', 'order-page');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#letter-decision').click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const pdf = readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('an officer finds a person, checks a position and sees BREACH with the zone on the map', async () => {
    const personId = await createPerson(t, 'GM1706', { name: 'Jan Overtreder' });
    await issuedOrder(t, personId, await demoZoneId(t, 'GM1706'));
    await devSignIn(page, base, 'police');
    await page.getByRole('heading', { name: 'Controle' }).waitFor();
    // A click on the map takes the position.
    const box = (await page.locator('#check-map').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(page.getByLabel('Breedtegraad').inputValue()).resolves.not.toBe('');
    await page.getByLabel('Naam van de persoon').fill('Overtreder');
    await page.getByRole('button', { name: 'Zoek persoon' }).click();
    await page.getByLabel(/Jan Overtreder/).check();
    await page.getByLabel('Breedtegraad').fill('51.2735');
    await page.getByLabel('Lengtegraad').fill('5.5745');
    await page.getByLabel('Nauwkeurigheid (m)').fill('10');
    await page.getByRole('button', { name: 'Controleren' }).click();
    await expect(page.locator('#verdict-code').textContent()).resolves.toBe('BREACH');
    // The zone, the accuracy circle (vector paths) and the position marker are on the map.
    await page.waitForFunction(() => document.querySelectorAll('#check-map .leaflet-overlay-pane path').length >= 2);
    await expect(page.locator('#check-map .leaflet-marker-icon').count()).resolves.toBe(1);
    await expectAccessible('police check');
    await shot(page, '08-police-breach', 'police-check');
    await page.getByRole('button', { name: 'Wat geldt hier?' }).click();
    await page.getByRole('heading', { name: 'Wat geldt hier' }).waitFor();
    await page.goto(`${base}/missed.html`);
    await page.getByRole('heading', { name: 'Gemiste meldingen' }).waitFor();
    await expectAccessible('missed reports');
  });

  it('a lawyer filters the audit by a rule id and downloads the CSV', async () => {
    const personId = await createPerson(t, 'GM1706', { name: 'Piet Audit' });
    await issuedOrder(t, personId, await demoZoneId(t, 'GM1706'));
    await issuedOrder(t, personId, await demoZoneId(t, 'GM1706'), true);
    await devSignIn(page, base, 'lawyer');
    await page.getByRole('heading', { name: 'Audit van de bevelen' }).waitFor();
    await page.locator('#audit-table table').waitFor();
    await expectAccessible('audit');
    const ruleIds = await page.locator('#audit-table [data-rule-id]').evaluateAll((els) => [...new Set(els.map((e) => (e as HTMLElement).dataset.ruleId!))]);
    expect(ruleIds.length).toBeGreaterThan(0);
    const total = await page.locator('#audit-table tbody tr').count();
    await page.getByLabel('Regel-id').selectOption(ruleIds[0]);
    await page.waitForFunction((id) => Array.from(document.querySelectorAll('#audit-table tbody tr')).every((tr) => tr.querySelector(`[data-rule-id="${id}"]`)), ruleIds[0]);
    const filtered = await page.locator('#audit-table tbody tr').count();
    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThanOrEqual(total);
    await shot(page, '09-audit-filtered', 'audit');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV downloaden' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split(/\r?\n/).filter(Boolean).length).toBe(filtered + 1);
    await page.locator('#audit-table tbody tr').first().getByRole('button').click();
    await page.locator('#history-heading').waitFor();
    await shot(page, '10-audit-history');
  });
});
