import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
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

  /** Rows per person (each test uses persons of its own). */
  async function count(personIds: string[]): Promise<number[]> {
    const rows: { person_id: string; n: number }[] = await t.dataSource.query(
      `SELECT person_id, count(*)::int AS n FROM processing_log WHERE person_id = ANY($1::uuid[]) GROUP BY person_id`,
      [personIds],
    );
    const n = new Map(rows.map((r) => [r.person_id, r.n]));
    return personIds.map((id) => n.get(id) ?? 0);
  }

  const person = (k: number) => `5b0c8a8e-8f1e-4f6e-9d7a-0c1d2e3f4${String(k).padStart(3, '0')}`;
  const ELSEWHERE = 'elsewhere.4242.deadbeef';
  const progressOf = async (instance: string) =>
    ((await t.dataSource.query(`SELECT written_seq::int AS n FROM processing_log_journal_progress WHERE instance = $1`, [instance])) as { n: number }[])[0]?.n;

  it('writes each row once when a crash fell between the database insert and the journal trim', async () => {
    const buffer = t.app.get(ProcessingLogBuffer);
    const personIds = [person(1), person(2), person(3)];
    for (const personId of personIds) buffer.add(actor, { action: 'breach-check', personId, municipalityCode: 'GM1706' });
    await buffer.durable();
    const journaled = await buffer.journalRows();
    expect(journaled.map((r) => r.personId)).toEqual(personIds);
    await buffer.flush();
    expect(await count(personIds)).toEqual([1, 1, 1]);
    expect(await buffer.journalRows()).toEqual([]); // trimmed once written

    // What a process killed after its INSERT committed but before it trimmed its journal leaves behind: its rows in
    // the database (with its progress mark), and the same rows in its segment.
    const [folder] = readdirSync(queueRoot);
    const rows = journaled.map((r, i) => ({ ...r, personId: person(11 + i), seq: i + 1 }));
    await buffer.writeRows(rows, ELSEWHERE);
    writeFileSync(join(queueRoot, folder, `${ELSEWHERE}-1.journal`), rows.map((r) => JSON.stringify(r)).join('\n') + '\n', { mode: 0o600 });
    expect(await progressOf(ELSEWHERE)).toBe(3);

    await buffer.replayOrphans();
    expect(await count(rows.map((r) => r.personId))).toEqual([1, 1, 1]);
    expect(readdirSync(join(queueRoot, folder)).filter((n) => n.endsWith('.journal') && n.startsWith('elsewhere'))).toEqual([]);
    expect(await progressOf(ELSEWHERE)).toBe(3); // kept: were that instance only stalled, its later writes skip these rows
    await buffer.writeRows(rows, ELSEWHERE); // the stalled owner writes the rows it still held in memory
    expect(await count(rows.map((r) => r.personId))).toEqual([1, 1, 1]);
    const [row] = await t.dataSource.query(`SELECT actor, actor_roles, municipality_code, action, request_id FROM processing_log WHERE person_id = $1`, [person(11)]);
    expect(row).toEqual({ actor: 'officer-7', actor_roles: ['police'], municipality_code: 'GM1706', action: 'breach-check', request_id: 'replay-test' });
  });

  it('replays the rows a segment holds beyond what the database has, in one go with rows it already has', async () => {
    const buffer = t.app.get(ProcessingLogBuffer);
    const [folder] = readdirSync(queueRoot);
    const base = { occurredAt: '2026-06-01T12:00:00.000Z', actor: 'officer-8', roles: 'police', municipalityCode: 'GM1706', action: 'breach-check', purpose: null, requestId: null };
    const rows = [1, 2, 3, 4].map((seq) => ({ ...base, seq, personId: person(20 + seq) }));
    await buffer.writeRows(rows.slice(0, 2), `${ELSEWHERE}2`); // the crash came after the first batch
    writeFileSync(join(queueRoot, folder, `${ELSEWHERE}2-1.journal`), rows.map((r) => JSON.stringify(r)).join('\n') + '\n', { mode: 0o600 });
    await buffer.replayOrphans();
    expect(await count(rows.map((r) => r.personId))).toEqual([1, 1, 1, 1]);
  });

  it('writes rows once when two processes write the same instance at the same time (a replay of a journal whose owner only seemed gone)', async () => {
    const buffer = t.app.get(ProcessingLogBuffer);
    const base = { occurredAt: '2026-06-01T12:00:00.000Z', actor: 'officer-9', roles: 'police', municipalityCode: 'GM1706', action: 'breach-check', purpose: null, requestId: null };
    const rows = [1, 2, 3].map((seq) => ({ ...base, seq, personId: person(40 + seq) }));
    await buffer.writeRows([], `${ELSEWHERE}3`); // the instance's progress row exists (mark 0), as once it has written
    await Promise.all([buffer.writeRows(rows, `${ELSEWHERE}3`), buffer.writeRows(rows, `${ELSEWHERE}3`), buffer.writeRows(rows.slice(0, 2), `${ELSEWHERE}3`)]);
    expect(await count(rows.map((r) => r.personId))).toEqual([1, 1, 1]);
    expect(await progressOf(`${ELSEWHERE}3`)).toBe(3);
  });

  it('writes a batch once when its insert committed but the answer was lost, and the buffer retried it', async () => {
    const buffer = t.app.get(ProcessingLogBuffer);
    const transaction = t.dataSource.transaction.bind(t.dataSource) as (work: (m: EntityManager) => Promise<unknown>) => Promise<unknown>;
    const spy = jest.spyOn(t.dataSource, 'transaction').mockImplementationOnce((async (work: (m: EntityManager) => Promise<unknown>) => {
      await transaction(work);
      throw new Error('Connection terminated unexpectedly');
    }) as unknown as DataSource['transaction']);
    try {
      const personIds = [person(31), person(32)];
      for (const personId of personIds) buffer.add(actor, { action: 'breach-check', personId, municipalityCode: 'GM1706' });
      await buffer.flush(); // fails after the commit; the rows stay queued and are retried a second later
      expect(buffer.size).toBe(2);
      await new Promise((r) => setTimeout(r, 1500));
      expect(buffer.size).toBe(0);
      expect(await count(personIds)).toEqual([1, 1]);
    } finally {
      spy.mockRestore();
    }
  });

  it('keeps a response waiting until its row is durable, and answers at once when no row was added', async () => {
    const buffer = t.app.get(ProcessingLogBuffer);
    await expect(buffer.durable(buffer.lastSeq)).resolves.toBeUndefined();
    buffer.add(actor, { action: 'breach-check', personId: person(4), municipalityCode: 'GM1706' });
    let done = false;
    const waiting = buffer.durable().then(() => (done = true));
    expect(done).toBe(false);
    await waiting;
    expect((await buffer.journalRows()).some((r) => r.personId === person(4)) || buffer.size === 0).toBe(true);
  });
});
