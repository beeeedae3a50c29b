import { afterEach, describe, expect, it } from 'vitest';
import type { ClipAnalysisStatus } from '../../src-shared/contract/analysis';
import type { EventName } from '../../src-shared/contract';
import { startRunning } from '../../src-main/services/analysis/running';
import { createQueueStatus } from '../../src-main/services/analysis/status';
import type { Running } from '../../src-main/services/analysis/running';
import { tempLibrary, type TestLibrary } from '../media/helpers';
import { insertRecording } from '../sync/helpers';

/**
 * The status behind the session page while a run goes (src-main/services/analysis/status.ts): every
 * 2 s the clips waiting behind the run are told their time left. Each tell read the session's jobs
 * and recordings again, and each clip ahead of it one by one: on a real library file, one tick with
 * 3 clips waiting ran 18 SQL statements, with 6 waiting 42 (now 5 and 5). The session is now read once a tick and
 * passed down: the statements a tick runs do not grow with the clips waiting. The SQL is counted where
 * it reaches SQLite (the connection's prepare, which kysely calls once per statement).
 */
let lib: TestLibrary | undefined;
afterEach(() => {
  lib?.close();
  lib = undefined;
});

const AT = '2026-01-15T10:00:00.000Z';

/** One tick of a run going with `waiting` clips queued behind it: the statements it ran, and what each was told. */
async function tick(waiting: number): Promise<{ statements: number; told: ClipAnalysisStatus[] }> {
  lib = await tempLibrary();
  const { library, sessionId } = lib;
  const ids = Array.from({ length: waiting + 1 }, (_, i) => `r${i}`);
  ids.forEach((id, i) =>
    insertRecording(library.db, {
      id,
      sessionId,
      view: 'side',
      name: `${id}.mp4`,
      fps: 30,
      frames: 300 + 30 * i,
    }),
  );
  for (const [i, id] of ids.entries())
    await library.data.analysisJobs.enqueue(id, 'full', false, `2026-01-15T10:00:0${i}.000Z`);
  const job = await library.data.analysisJobs.claimNext({ worker: 'w', leaseMs: 60_000, busy: [] }, AT);
  const run: Running = { ...startRunning(job!), framesDone: 100, totalFrames: 300 };
  const running = new Map([[run.job.recordingId, run]]);

  const told: ClipAnalysisStatus[] = [];
  let heard: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (heard = resolve));
  const emit = (event: EventName, payload: unknown): void => {
    if (event !== 'analysis:changed') return;
    told.push(payload as ClipAnalysisStatus);
    if (told.length === waiting + 1) heard();
  };
  const ctx = { library, emit, version: 'test', transport: 'cli' } as const;
  const status = createQueueStatus(ctx as never, running, 'full', () => false, false, { slots: 1, cores: 2 });

  let statements = 0;
  const prepare = library.db.prepare.bind(library.db);
  library.db.prepare = ((sql: string) => {
    statements++;
    return prepare(sql);
  }) as typeof library.db.prepare;
  status.progress(run, true);
  await all;
  library.db.prepare = prepare;
  return { statements, told };
}

describe('the time left told to clips waiting behind a run', () => {
  it('reads the session once a tick, however many clips wait', async () => {
    const three = await tick(3);
    lib!.close();
    lib = undefined;
    const six = await tick(6);
    // The run's own clip (its recording, the session) and the waiting ones (the session once).
    expect(three.statements).toBeLessThanOrEqual(5);
    expect(six.statements).toBe(three.statements);
  });

  it('tells each waiting clip its turn: the clips ahead of it first, one slot', async () => {
    const { told } = await tick(3);
    const waiting = told
      .filter((c) => c.state === 'queued')
      .sort((a, b) => a.recordingId.localeCompare(b.recordingId));
    expect(waiting.map((c) => c.recordingId)).toEqual(['r1', 'r2', 'r3']);
    // One slot: each waits for the run (200 frames left) and the clips queued before it.
    const s = waiting.map((c) => c.secondsLeft!);
    expect(s[0]).toBeGreaterThan(0);
    expect(s[1]).toBeGreaterThan(s[0]!);
    expect(s[2]).toBeGreaterThan(s[1]!);
    expect(told.find((c) => c.recordingId === 'r0')?.state).toBe('pose');
  });
});
