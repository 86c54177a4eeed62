import { HttpException, Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { SystemClock } from '../../common/clock';
import type { AppConfig } from '../../config/app-config';
import { DURABLE_WAIT_MS, ProcessingLogBuffer, storableText } from './processing-log.buffer';
import type { ProcessingLogJournal } from './processing-log.journal';

const actor = { sub: 'officer-7', roles: ['police'], municipalities: ['GM1706'], requestId: 'req-1' };
const entry = { action: 'breach-check' as const, personId: '5b0c8a8e-8f1e-4f6e-9d7a-0c1d2e3f4a01', municipalityCode: 'GM1706' };

/** A buffer without a journal (never initialised) whose database writes (a transaction each) take as long as `insert` says. */
function bufferWith(insert: () => Promise<unknown>): ProcessingLogBuffer {
  const transaction = async (work: (m: { query: () => Promise<unknown> }) => Promise<unknown>) => {
    await insert();
    return work({ query: () => Promise.resolve([]) });
  };
  return new ProcessingLogBuffer({ query: insert, transaction } as unknown as DataSource, new SystemClock(), {} as AppConfig);
}

/** 'durable', or the HTTP status the wait ended with; `settled` tells whether it has ended yet. */
function watch(wait: Promise<void>): { outcome: Promise<'durable' | number>; settled: () => boolean } {
  let done = false;
  const outcome = wait.then(
    () => 'durable' as const,
    (e: HttpException) => e.getStatus(),
  );
  void outcome.finally(() => (done = true));
  return { outcome, settled: () => done };
}

/** Lets pending promise callbacks run (fake timers do not move them). */
const drain = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('ProcessingLogBuffer.durable', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-06-01T12:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('refuses (503) each answer whose row is not durable within DURABLE_WAIT_MS of its own asking, and not before', async () => {
    const buffer = bufferWith(() => new Promise(() => undefined)); // the database never answers
    const first = watch(buffer.durable(buffer.add(actor, entry)));
    jest.advanceTimersByTime(3000);
    const second = watch(buffer.durable(buffer.add(actor, entry)));
    jest.advanceTimersByTime(DURABLE_WAIT_MS - 3000 - 1);
    await drain();
    expect([first.settled(), second.settled()]).toEqual([false, false]);

    jest.advanceTimersByTime(1);
    expect(await first.outcome).toBe(503);
    await drain();
    expect(second.settled()).toBe(false);

    jest.advanceTimersByTime(3000);
    expect(await second.outcome).toBe(503);
  });

  it('answers once the rows are in the database; an earlier deadline passing does not refuse a later answer', async () => {
    let databaseUp = true;
    const buffer = bufferWith(() => (databaseUp ? Promise.resolve([]) : new Promise(() => undefined)));
    const first = watch(buffer.durable(buffer.add(actor, entry)));
    jest.advanceTimersByTime(200); // the batch interval
    expect(await first.outcome).toBe('durable');

    jest.advanceTimersByTime(3800);
    databaseUp = false;
    const second = watch(buffer.durable(buffer.add(actor, entry)));
    jest.advanceTimersByTime(1000); // the first answer's deadline
    await drain();
    expect(second.settled()).toBe(false);
    jest.advanceTimersByTime(DURABLE_WAIT_MS - 1000);
    expect(await second.outcome).toBe(503);
  });
});

describe('ProcessingLogBuffer with its journal', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-06-01T12:00:00Z') }));
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  /** A journal whose appends end when the test says, each with success or failure. */
  function scriptedJournal() {
    const appends: { lastSeq: number; end: (ok: boolean) => void }[] = [];
    const journal = {
      append: (_rows: unknown[], lastSeq: number) =>
        new Promise<void>((resolve, reject) => appends.push({ lastSeq, end: (ok) => (ok ? resolve() : reject(new Error('EIO'))) })),
      release: () => Promise.resolve(),
    };
    return { journal: journal as unknown as ProcessingLogJournal, appends };
  }

  it('does not count the rows of a failed append as durable when a later append succeeds, until the database has them', async () => {
    let writeToDatabase!: () => void;
    const buffer = bufferWith(() => new Promise<void>((resolve) => (writeToDatabase = resolve)));
    const { journal, appends } = scriptedJournal();
    // The journal is opened in onModuleInit from a folder; here the scripted one stands in for it.
    Object.assign(buffer, { journal });
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);

    const first = watch(buffer.durable(buffer.add(actor, entry)));
    expect(appends.map((a) => a.lastSeq)).toEqual([1]); // appended at once
    const second = watch(buffer.durable(buffer.add(actor, entry)));
    appends[0].end(false); // the disk refuses the first row
    await drain();
    expect(appends.map((a) => a.lastSeq)).toEqual([1, 2]); // the second goes in its own append
    appends[1].end(true);
    await drain();
    expect([first.settled(), second.settled()]).toEqual([false, false]);

    const third = watch(buffer.durable(buffer.add(actor, entry)));
    appends[2].end(true);
    await drain();
    expect(third.settled()).toBe(false); // row 1 is still in memory only

    jest.advanceTimersByTime(200); // the batch interval: all three rows go to the database
    writeToDatabase();
    expect(await Promise.all([first.outcome, second.outcome, third.outcome])).toEqual(['durable', 'durable', 'durable']);
  });

  it('answers as soon as the journal holds the rows, before the database write', async () => {
    const buffer = bufferWith(() => new Promise(() => undefined)); // the database never answers
    const { journal, appends } = scriptedJournal();
    Object.assign(buffer, { journal });
    const first = watch(buffer.durable(buffer.add(actor, entry)));
    const second = watch(buffer.durable(buffer.add(actor, entry))); // gathers while the first append is in flight
    expect(appends).toHaveLength(1);
    appends[0].end(true);
    expect(await first.outcome).toBe('durable');
    await drain();
    expect(second.settled()).toBe(false);
    expect(appends.map((a) => a.lastSeq)).toEqual([1, 2]);
    appends[1].end(true);
    expect(await second.outcome).toBe('durable');
  });
});

describe('storableText', () => {
  it('turns lone surrogates and NULs into U+FFFD and leaves well-formed text (pairs included) as it is', () => {
    expect(storableText('zaak \ud83d')).toBe('zaak \uFFFD');
    expect(storableText('\udc00x')).toBe('\uFFFDx');
    expect(storableText('a\u0000b')).toBe('a\uFFFDb');
    const fine = 'zaak 2026/123 \ud83d\ude00 café';
    expect(storableText(fine)).toBe(fine);
  });
});
