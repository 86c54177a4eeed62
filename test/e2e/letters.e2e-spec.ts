import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Polygon } from 'geojson';
import { PNG } from 'pngjs';
import request from 'supertest';
import { FixedClock } from '../../src/common/clock';
import { ZONE_FILL } from '../../src/domain/letters/zone-map-svg';
import { SeedService } from '../../src/modules/seed/seed.service';
import { resetDatabase } from '../helpers/database';
import { createPerson, order172aBody } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts', 'letters');
const PROBLEM = /^application\/problem\+json/;

/** Shops in the centre of Budel (GM1706), with the church square cut out as a hole. */
const ZONE: Polygon = {
  type: 'Polygon',
  coordinates: [
    [[5.5715, 51.2717], [5.5775, 51.2717], [5.5775, 51.2753], [5.5715, 51.2753], [5.5715, 51.2717]],
    [[5.5735, 51.2729], [5.5735, 51.2741], [5.5755, 51.2741], [5.5755, 51.2729], [5.5735, 51.2729]],
  ],
};

/** Superagent parser that collects the raw PDF bytes (the response is a Node stream at run time). */
function binary(res: unknown, done: (err: Error | null, body: Buffer) => void) {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

/**
 * Text and metadata of a PDF, extracted with pdf-parse (v2, pdf.js) in a plain Node process: pdf.js loads its worker
 * with a dynamic import, which Jest's CommonJS VM refuses ("invoked without --experimental-vm-modules").
 */
const PDF_PARSE = `
  const { PDFParse } = require('pdf-parse');
  const parser = new PDFParse({ data: new Uint8Array(require('node:fs').readFileSync(process.argv[1])) });
  (async () => {
    const { text } = await parser.getText();
    const { info } = await parser.getInfo();
    await parser.destroy();
    process.stdout.write(JSON.stringify({ text, creationDate: info?.CreationDate }));
  })().catch((e) => { console.error(e); process.exit(1); });`;

function pdfContent(pdf: Buffer, name: string): { text: string; creationDate?: string } {
  const path = join(ARTIFACTS, name);
  writeFileSync(path, pdf);
  const out = execFileSync(process.execPath, ['-e', PDF_PARSE, path], { cwd: join(__dirname, '..', '..'), encoding: 'utf8' });
  const parsed = JSON.parse(out) as { text: string; creationDate?: string };
  return { ...parsed, text: parsed.text.replace(/\s+/g, ' ') };
}

/** Renders every page at 50 dpi with poppler's pdftoppm; returns the PNG paths in page order. */
function renderPages(pdfPath: string, prefix: string): string[] {
  execFileSync('pdftoppm', ['-png', '-r', '50', pdfPath, join(ARTIFACTS, prefix)]);
  return readdirSync(ARTIFACTS).filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.png')).sort().map((f) => join(ARTIFACTS, f));
}

/** Pixels within a small distance of the zone fill colour, and the bounding box they span. */
function fillPixels(pngPath: string): { count: number; box?: { x0: number; y0: number; x1: number; y1: number }; png: PNG } {
  const png = PNG.sync.read(readFileSync(pngPath));
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(ZONE_FILL.slice(i, i + 2), 16));
  let count = 0;
  let box: { x0: number; y0: number; x1: number; y1: number } | undefined;
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      if (Math.abs(png.data[i] - r) + Math.abs(png.data[i + 1] - g) + Math.abs(png.data[i + 2] - b) > 24) continue;
      count++;
      box = box ? { x0: Math.min(box.x0, x), y0: Math.min(box.y0, y), x1: Math.max(box.x1, x), y1: Math.max(box.y1, y) } : { x0: x, y0: y, x1: x, y1: y };
    }
  }
  return { count, box, png };
}

describe('letters (e2e)', () => {
  const clock = new FixedClock(new Date('2026-12-01T09:00:00+01:00'));
  let t: TestApp;
  let zone: { id: string; version: number; geometryHash: string };
  let orderId: string;
  let personId: string;
  let auth: (roles: Parameters<TestApp['token']>[0], m?: string[]) => Promise<string>;

  const download = async (kind: 'intent' | 'decision', role: Parameters<TestApp['token']>[0], query = '', m?: string[]) =>
    request(t.http).get(`/api/v1/orders/${orderId}/letters/${kind}${query}`).set('Authorization', await auth(role, m)).buffer(true).parse(binary);

  async function post(path: string, roles: Parameters<TestApp['token']>[0], body: object, status: number) {
    const res = await request(t.http).post(`/api/v1${path}`).set('Authorization', await auth(roles)).send(body);
    if (res.status !== status) throw new Error(`${path}: expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res;
  }

  beforeAll(async () => {
    rmSync(ARTIFACTS, { recursive: true, force: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await createTestApp({ clock });
    await resetDatabase(t.dataSource);
    await t.app.get(SeedService).loadOnce();
    auth = async (roles, m = ['GM1706']) => `Bearer ${await t.token(roles, m)}`;
    zone = (await post('/zones', 'mayor-office', { municipalityCode: 'GM1706', name: 'Centrum Budel', geometry: ZONE }, 201)).body;
    personId = await createPerson(t, 'GM1706', { name: 'Jan Jansen' });
    const draft = await post('/orders', 'mayor-office', order172aBody(personId, zone.id), 201);
    orderId = draft.body.id;
  });
  afterAll(() => t?.close());

  it('refuses letters the order does not have yet: no intent for a draft, no decision before issuing (409)', async () => {
    for (const kind of ['intent', 'decision'] as const) {
      const res = await download(kind, 'mayor-office');
      expect(res.status).toBe(409);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    }
    await post(`/orders/${orderId}/intent`, 'mayor-office', { version: 1, intentSentAt: '2026-12-01T10:00:00+01:00', viewDeadline: '2026-12-03T17:00:00+01:00' }, 200);
    expect((await download('decision', 'mayor-office')).status).toBe(409);
    await post(`/orders/${orderId}/view`, 'mayor-office', { version: 2, viewReceivedAt: '2026-12-02T15:00:00+01:00' }, 200);
    clock.set('2026-12-04T11:00:00+01:00');
    await post(`/orders/${orderId}/issue`, 'mayor', { version: 3, notifiedAt: '2026-12-04T10:00:00+01:00', notificationMethod: 'HANDED' }, 200);
    expect((await download('decision', 'lawyer', '?version=3')).status).toBe(409);
    expect((await download('intent', 'lawyer', '?version=1')).status).toBe(409);
    expect((await download('decision', 'lawyer', '?version=99')).status).toBe(404);
    const bad = await download('decision', 'lawyer', '?version=abc');
    expect([bad.status, bad.headers['content-type']]).toEqual([400, expect.stringMatching(PROBLEM)]);
  });

  it('renders the decision of the issued version: basis, dates, objection deadline, hash, and the zone drawn with its hole', async () => {
    const [{ n: logBefore }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM processing_log WHERE person_id = $1 AND action = 'letter.read'`, [personId]);
    const res = await download('decision', 'mayor');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="beschikking-${orderId}-v4.pdf"`);
    expect(res.headers['cache-control']).toBe('no-store');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pdfPath = join(ARTIFACTS, 'beschikking.pdf');
    const { text } = pdfContent(pdf, 'beschikking.pdf');
    expect(text).toContain('Besluit: bevel op grond van artikel 172a Gemeentewet');
    expect(text).toContain('artikel 172a, eerste lid, onder a, Gemeentewet');
    expect(text).toContain('Jan Jansen');
    expect(text).toContain('Cranendonck, 4 december 2026');
    expect(text).toContain('zaterdag 5 december 2026 om 00:00 uur tot vrijdag 5 maart 2027 om 00:00 uur');
    expect(text).toContain('vrijdag en zaterdag van 20:00 tot 06:00 uur (de volgende dag)');
    expect(text).toContain('elke zaterdag om 13:00 uur');
    expect(text).toContain('De laatste dag waarop u bezwaar kunt maken is daarom vrijdag 15 januari 2027');
    expect(text).toContain('Ernstige vrees voor verdere verstoring');
    expect(text).toContain('Evenredigheid:');
    expect(text).toContain(`versie ${zone.version}`);
    expect(text).toContain(zone.geometryHash);
    expect(zone.geometryHash).toMatch(/^[0-9a-f]{64}$/);

    const pages = renderPages(pdfPath, 'beschikking');
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const withMap = pages.map(fillPixels).filter((p) => p.count > 0);
    expect(withMap).toHaveLength(1);
    const { count, box, png } = withMap[0];
    expect(count).toBeGreaterThan(500);
    // the hole: the centre of the zone's drawn extent is paper white, not fill
    const cx = Math.round((box!.x0 + box!.x1) / 2);
    const cy = Math.round((box!.y0 + box!.y1) / 2);
    const i = (cy * png.width + cx) * 4;
    expect([png.data[i], png.data[i + 1], png.data[i + 2]]).toEqual([255, 255, 255]);

    const [{ n: logAfter }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM processing_log WHERE person_id = $1 AND action = 'letter.read'`, [personId]);
    expect(logAfter).toBeGreaterThan(logBefore);
  });

  it('renders the same bytes for the same version (creation date = the version date)', async () => {
    const a = await download('decision', 'lawyer');
    const b = await download('decision', 'mayor-office', '?version=4');
    expect(a.status).toBe(200);
    expect(Buffer.compare(a.body, b.body)).toBe(0);
    expect(pdfContent(a.body, 'beschikking-v4.pdf').creationDate).toMatch(/^D:20261204100000/);
  });

  it('renders the intent notice from the version that sent it: the view deadline, no objection clause', async () => {
    const res = await download('intent', 'mayor-office');
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="voornemen-${orderId}-v2.pdf"`);
    const { text } = pdfContent(res.body, 'voornemen.pdf');
    expect(text).toContain('Voornemen tot het opleggen van een bevel');
    expect(text).toContain('Cranendonck, 1 december 2026');
    expect(text).toContain('tot donderdag 3 december 2026 om 17:00 uur uw zienswijze');
    expect(text).toContain('artikel 172a Gemeentewet');
    expect(text).toContain(zone.geometryHash);
    expect(text).not.toContain('De laatste dag waarop u bezwaar kunt maken');
    const pages = renderPages(join(ARTIFACTS, 'voornemen.pdf'), 'voornemen');
    expect(pages.map(fillPixels).filter((p) => p.count > 500)).toHaveLength(1);
  });

  it('keeps the map of the issued zone version after the zone is edited', async () => {
    const smaller: Polygon = { type: 'Polygon', coordinates: [[[5.5725, 51.2725], [5.5765, 51.2725], [5.5765, 51.2745], [5.5725, 51.2745], [5.5725, 51.2725]]] };
    const edited = await request(t.http)
      .put(`/api/v1/zones/${zone.id}`)
      .set('Authorization', await auth('mayor-office'))
      .set('If-Match', `"${zone.version}"`)
      .send({ name: 'Centrum Budel', geometry: smaller, reason: 'Gebied verkleind' });
    expect(edited.status).toBe(200);
    expect(edited.body.geometryHash).not.toBe(zone.geometryHash);
    const { text } = pdfContent((await download('decision', 'lawyer')).body, 'beschikking-na-zonewijziging.pdf');
    expect(text).toContain(zone.geometryHash);
    expect(text).not.toContain(edited.body.geometryHash);
  });

  it('is for the mayor, the mayor\'s office and lawyers of the municipality: police 403, another municipality 404', async () => {
    const police = await download('decision', 'police');
    expect([police.status, police.headers['content-type']]).toEqual([403, expect.stringMatching(PROBLEM)]);
    const elsewhere = await download('decision', 'mayor-office', '', ['GM1950']);
    expect([elsewhere.status, elsewhere.headers['content-type']]).toEqual([404, expect.stringMatching(PROBLEM)]);
    expect((await download('intent', 'lawyer', '', ['GM1950'])).status).toBe(404);
  });
});
