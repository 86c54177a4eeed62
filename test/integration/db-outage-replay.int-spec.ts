import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProcessingLogBuffer } from '../../src/modules/processing-log/processing-log.buffer';
import { resetDatabase } from '../helpers/database';
import { createTestApp, type TestApp } from '../helpers/test-app';

/** The processing-log queue against the real database: a replay after a crash writes each row exactly once. */
describe('processing-log journal replay (integration)', () => {
  let t: TestApp;
  let queueRoot: string;
  const actor = { sub: 'officer-7', roles: ['police'], municipalities: ['GM1706'], requestId: 'replay-test' };

  beforeAll(async () => {
    queueRoot = mkdtempSync(join(tmpdir(), 'ordreg-queue-'));
    t = await createTestApp({ env: { PROCESSING_LOG_QUEUE_DIR: queueRoot } });
    await resetDatabase(t.dataSource);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(queueRoot, { recursive: true, force: true });
  });

  async function count(ids: string[]): Promise<Map<string, number>> {
    const rows: { id: string; n: number }[] = await t.dataSource.query(
      `SELECT entry_id AS id, count(*)::int AS n FROM processing_log WHERE entry_id = ANY($1::uuid[]) GROUP BY entry_id`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.n]));
  }

  it('writes each row once when a crash fell between the database insert and the journal trim', async () => {
    const buffer = t.app.get(ProcessingLogBuffer);
    const personIds = ['5b0c8a8e-8f1e-4f6e-9d7a-0c1d2e3f4a01', '5b0c8a8e-8f1e-4f6e-9d7a-0c1d2e3f4a02', '5b0c8a8e-8f1e-4f6e-9d7a-0c1d2e3f4a03'];
    for (const personId of personIds) buffer.add(actor, { action: 'breach-check', personId, municipalityCode: 'GM1706' });
    await buffer.durable();
    const journaled = await buffer.journalRows();
    expect(journaled.map((r) => r.personId)).toEqual(personIds);

    // What a process killed after its INSERT committed but before it trimmed its journal leaves behind.
    const [folder] = readdirSync(queueRoot);
    const orphan = join(queueRoot, folder, 'elsewhere.4242.deadbeef-1.journal');
    writeFileSync(orphan, journaled.map((r) => JSON.stringify(r)).join('\n') + '\n', { mode: 0o600 });

    await buffer.flush();
    const ids = journaled.map((r) => r.id);
    expect([...(await count(ids)).values()]).toEqual([1, 1, 1]);
    expect(await buffer.journalRows()).toEqual([]); // trimmed once written

    await buffer.replayOrphans();
    const after = await count(ids);
    expect(ids.map((id) => after.get(id))).toEqual([1, 1, 1]);
    expect(readdirSync(join(queueRoot, folder)).filter((n) => n.endsWith('.journal') && n.startsWith('elsewhere'))).toEqual([]);
    const [row] = await t.dataSource.query(`SELECT actor, actor_roles, municipality_code, action, request_id FROM processing_log WHERE entry_id = $1`, [ids[0]]);
    expect(row).toEqual({ actor: 'officer-7', actor_roles: ['police'], municipality_code: 'GM1706', action: 'breach-check', request_id: 'replay-test' });
  });

  it('keeps a response waiting until its row is durable, and answers at once when no row was added', async () => {
    const buffer = t.app.get(ProcessingLogBuffer);
    await expect(buffer.durable(buffer.lastSeq)).resolves.toBeUndefined();
    buffer.add(actor, { action: 'breach-check', personId: '5b0c8a8e-8f1e-4f6e-9d7a-0c1d2e3f4a04', municipalityCode: 'GM1706' });
    let done = false;
    const waiting = buffer.durable().then(() => (done = true));
    expect(done).toBe(false);
    await waiting;
    expect((await buffer.journalRows()).some((r) => r.personId === '5b0c8a8e-8f1e-4f6e-9d7a-0c1d2e3f4a04') || buffer.size === 0).toBe(true);
  });
});
