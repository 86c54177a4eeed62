import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
/** The flags of the stack notes: headless, no sandbox, nothing that reaches the internet. */
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ROOT = join(__dirname, '..', '..');
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'browser');
export const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** Debian's chromium, driven by playwright-core (no browser download). Fails loudly when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
}

/** Console errors and CSP refusals of a page, so a test fails when the strict CSP blocks something. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of (401|403|404|409|412|422)/.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

/**
 * A screenshot of the step under test-artifacts/browser/; with UPDATE_SCREENSHOTS=true also the README's copy in
 * docs/screenshots/ (committed, so a plain test run leaves the checkout untouched).
 */
export async function shot(page: Page, name: string, alsoReadme?: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  if (alsoReadme && process.env.UPDATE_SCREENSHOTS === 'true') {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SCREENSHOTS, `${alsoReadme}.png`), fullPage: false });
  }
}

/** axe-core on the page as it is now: the serious and critical violations (none expected). */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's CSP (no inline scripts) does not apply to it.
  await page.evaluate(`${AXE};0`);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

/** The development sign-in page: pick a role and municipality. */
export async function devSignIn(page: Page, base: string, role: string, municipality = 'GM1706', next?: string): Promise<void> {
  await page.goto(`${base}/${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.getByLabel('Rol').selectOption(role);
  await page.getByLabel('Gemeente(n)').fill(municipality);
  await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
  await page.waitForURL(/\.html/);
}
