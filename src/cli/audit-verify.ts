import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { signDevToken } from '../auth/dev-token';
import { loadConfig, type AppConfig } from '../config/app-config';
import { DataFolderInUseError } from '../database/data-folder-lock';
import { describeDatabase, openDatabase } from '../database/open-database';
import { verifyAuditChain, type ChainAnchor, type ChainVerification } from '../modules/audit/audit-chain';
import { AuditRepository } from '../modules/audit/audit.repository';

const USAGE = 'usage: npm run audit:verify -- [--json] [--anchor <seq>:<hash>]';
const PAGE = 1000;

/** Exit codes: 0 the chain is intact, 1 it is broken, 2 it could not be verified. */
const EXIT_BROKEN = 1;
const EXIT_ERROR = 2;

/**
 * `npm run audit:verify`: walks the audit hash chain and reports the first broken link. With `DATABASE_URL` it reads
 * the database directly. In embedded mode it opens the data folder only when no service holds it; when a service
 * runs (the folder lock refuses us, see `openDatabase`), it asks that service's `GET /api/v1/audit/events/verify`.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { json: { type: 'boolean' }, anchor: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const anchor = values.anchor === undefined ? undefined : parseAnchor(values.anchor);
  const config = loadConfig();
  const { result, source } = await verifyDirectly(config, anchor).catch((e: Error) => {
    if (e instanceof DataFolderInUseError) return verifyThroughService(config, anchor);
    throw e;
  });
  process.stdout.write(values.json ? `${JSON.stringify({ source, ...result })}\n` : `${describe(result, source)}\n`);
  return result.intact ? 0 : EXIT_BROKEN;
}

function parseAnchor(text: string): ChainAnchor {
  const m = /^(\d+):([0-9a-f]{64})$/.exec(text);
  if (!m) throw new Error(`--anchor must be <seq>:<64 hex digits>; ${USAGE}`);
  return { seq: Number(m[1]), hash: m[2] };
}

async function verifyDirectly(config: AppConfig, anchor?: ChainAnchor): Promise<{ result: ChainVerification; source: string }> {
  const db = await openDatabase(config);
  try {
    const repository = new AuditRepository();
    const result = await verifyAuditChain((after) => repository.pageAfter(db.dataSource.manager, after, PAGE), anchor).catch((e: Error) => {
      if ((e as { driverError?: { code?: string } }).driverError?.code === '42P01') {
        throw new Error(`${describeDatabase(config)} has no audit_event table: apply the migrations first (npm run migration:run)`);
      }
      throw e;
    });
    return { result, source: describeDatabase(config) };
  } finally {
    await db.close();
  }
}

/** Asks the running service (the one holding the data folder) to verify, with a development token of a lawyer. */
async function verifyThroughService(config: AppConfig, anchor?: ChainAnchor): Promise<{ result: ChainVerification; source: string }> {
  if (config.jwt.key.kind !== 'secret' || config.env === 'production') {
    throw new Error('A running service holds the data folder and this configuration cannot sign a token for it: stop the service, or call GET /api/v1/audit/events/verify with a lawyer token');
  }
  const host = ['0.0.0.0', '::'].includes(config.host) ? '127.0.0.1' : config.host;
  const url = new URL(`http://${host.includes(':') ? `[${host}]` : host}:${config.port}/api/v1/audit/events/verify`);
  if (anchor) url.search = new URLSearchParams({ anchorSeq: String(anchor.seq), anchorHash: anchor.hash }).toString();
  const token = await signDevToken(config.jwt, { roles: ['lawyer'], municipalities: [], sub: 'cli:audit-verify', expiresIn: '5m' });
  const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } }).catch((e: Error) => {
    throw new Error(`A running service holds the data folder, but it does not answer at ${url.origin} (${e.message}); check HOST and PORT`);
  });
  if (!res.ok) throw new Error(`The running service answered ${res.status} at ${url.href}: ${await res.text()}`);
  return { result: (await res.json()) as ChainVerification, source: `the running service at ${url.origin}` };
}

function describe(r: ChainVerification, source: string): string {
  const head = r.head ? `head seq ${r.head.seq}, hash ${r.head.hash}` : 'no events';
  if (r.intact) return `Audit chain intact on ${source}: ${r.checked} event(s) checked; ${head}`;
  const b = r.brokenAt!;
  return [
    `Audit chain BROKEN on ${source} at seq ${b.seq} (${b.reason}): ${b.detail}`,
    `  expected: ${b.expected}`,
    `  found:    ${b.found}`,
    `  ${r.checked} event(s) checked; last sound: ${head}`,
  ].join('\n');
}

main()
  .then((code) => process.exit(code))
  .catch((e: Error) => {
    process.stderr.write(`audit-verify: ${e.message}\n`);
    process.exit(EXIT_ERROR);
  });
