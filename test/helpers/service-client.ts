import { signDevToken } from '../../src/auth/dev-token';
import type { Role } from '../../src/auth/principal';
import { loadConfig } from '../../src/config/app-config';
import { FULL_MOTIVATION } from './factories';

export interface Reply {
  status: number;
  /** The parsed JSON (of many shapes: tests read what they need), or the text. */
  body: any;
}

/** A 1 km × ~700 m square in Budel (Cranendonck, GM1706), and a point in its middle. */
export const BUDEL_SQUARE = { type: 'Polygon', coordinates: [[[5.565, 51.268], [5.58, 51.268], [5.58, 51.278], [5.565, 51.278], [5.565, 51.268]]] };
export const INSIDE_BUDEL = { lon: 5.5725, lat: 51.273 };

/** Talks to a spawned service (`spawnService`) over HTTP with development tokens, as a client would. */
export class ServiceClient {
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(
    public base: string,
    private readonly municipality = 'GM1706',
  ) {}

  token(role: Role): Promise<string> {
    if (!this.tokens.has(role)) {
      const jwt = loadConfig({ NODE_ENV: 'development' }).jwt;
      this.tokens.set(role, signDevToken(jwt, { roles: [role], municipalities: [this.municipality], expiresIn: 3600 }));
    }
    return this.tokens.get(role)!;
  }

  async call(method: 'GET' | 'POST' | 'PUT', path: string, role: Role, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const res = await fetch(`${this.base}/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${await this.token(role)}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text && /json/.test(res.headers.get('content-type') ?? '') ? JSON.parse(text) : text };
  }

  /** Like `call`, but throws with the problem document unless the status is the one expected. */
  async expect(status: number, method: 'GET' | 'POST' | 'PUT', path: string, role: Role, body?: unknown, headers?: Record<string, string>): Promise<Reply['body']> {
    const r = await this.call(method, path, role, body, headers);
    if (r.status !== status) throw new Error(`${method} ${path}: expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async createZone(name: string, geometry: object = BUDEL_SQUARE): Promise<string> {
    return (await this.expect(201, 'POST', '/zones', 'mayor-office', { municipalityCode: this.municipality, name, geometry })).id;
  }

  async createPerson(name = 'Test Persoon'): Promise<string> {
    return (await this.expect(201, 'POST', '/persons', 'mayor-office', { municipalityCode: this.municipality, name, dateOfBirth: '1995-03-14' })).id;
  }

  /** A draft 172a area ban (with a Saturday reporting duty) in force from an hour ago for a month. */
  draftBody(personId: string, zoneId: string, now = new Date()): object {
    const start = new Date(Math.floor(now.getTime() / 60_000) * 60_000 - 3_600_000);
    const end = new Date(start.getTime() + 30 * 86_400_000);
    const ago = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
    return {
      municipalityCode: this.municipality,
      personId,
      basis: { kind: 'GEMW_172A', ground: 'REPEATED' },
      measures: [
        { type: 'AREA_BAN', zoneIds: [zoneId] },
        { type: 'REPORTING_DUTY', place: { name: 'Politiebureau Budel', municipalityCode: this.municipality }, slots: [{ days: ['SAT'], at: '13:00', windowMinutes: 30 }] },
      ],
      validity: { mode: 'CONTINUOUS', start: start.toISOString(), end: end.toISOString() },
      incidents: [
        { at: ago(40), description: 'Vechtpartij op de Markt', reportRef: 'PL2100-2026-101' },
        { at: ago(20), description: 'Intimidatie van winkelpersoneel', reportRef: 'PL2100-2026-187' },
      ],
      procedure: { signatory: { role: 'MAYOR', name: 'Burgemeester' }, motivation: FULL_MOTIVATION, hearingSkippedGround: 'URGENCY' },
    };
  }

  /** Issues version 1 of a draft, notified two hours ago (before the validity starts). */
  issueBody(now = new Date()): object {
    return { version: 1, notifiedAt: new Date(now.getTime() - 7_200_000).toISOString(), notificationMethod: 'HANDED' };
  }

  async issuedOrder(personId: string, zoneId: string): Promise<string> {
    const draft = await this.expect(201, 'POST', '/orders', 'mayor-office', this.draftBody(personId, zoneId));
    await this.expect(200, 'POST', `/orders/${draft.id}/issue`, 'mayor', this.issueBody());
    return draft.id;
  }

  async verdict(personId: string, at = new Date()): Promise<string> {
    const r = await this.expect(200, 'POST', '/breach-checks', 'police', { personId, position: INSIDE_BUDEL, at: at.toISOString() });
    return r.verdict;
  }
}

/** Polls `probe` until it returns `want` or `timeoutMs` passes; resolves with the milliseconds it took (or null). */
export async function until<T>(probe: () => Promise<T>, want: T, timeoutMs: number, everyMs = 20): Promise<number | null> {
  const started = performance.now();
  for (;;) {
    if ((await probe()) === want) return performance.now() - started;
    if (performance.now() - started > timeoutMs) return null;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
