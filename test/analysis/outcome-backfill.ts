import type { SqlRunner } from '../helpers/sql-both';
import { insertRow } from '../helpers/sql-both';

/**
 * Jobs as StrideLab wrote them before migration 0015 (its notes in the words the steps wrote: the
 * clip check's, the engine's, the alignment's), and the outcome each must get from its note. Shared by
 * the SQLite test (a library file made at version 14) and the PostgreSQL one.
 */
const TS = '2026-01-01T00:00:00.000Z';
const ALIGN =
  'The side and rear clips of flat could not be aligned by themselves (too few poses). Align them by hand in Review.';
const NO_RUNNER =
  'A person was found in only 0 of 180 frames: this clip does not show the runner. Findings are withheld. Film the whole runner, in good light, with nobody else in view.';

export interface OldJob {
  readonly recording: string;
  readonly model: 'lite' | 'full' | 'heavy';
  readonly state: string;
  readonly note: string | null;
  readonly error?: string;
  /** What 0015 must make of it. */
  readonly outcome: string | null;
}

export const OLD_JOBS: readonly OldJob[] = [
  { recording: 'r1', model: 'full', state: 'done', note: null, outcome: 'numbers' },
  { recording: 'r1', model: 'lite', state: 'done', note: ALIGN, outcome: 'numbers' },
  { recording: 'r1', model: 'heavy', state: 'done', note: NO_RUNNER, outcome: 'no-runner' },
  {
    recording: 'r2',
    model: 'full',
    state: 'done',
    note: 'The clip lasts 1.5 s: too short to measure steps and how much they vary (at least 2 s, two steps a side, are needed). Film 10 to 15 s of steady running.',
    outcome: 'too-short',
  },
  {
    recording: 'r2',
    model: 'lite',
    state: 'done',
    note: `The clip as trimmed lasts 0.9 s: too short to measure steps and how much they vary (at least 2 s, two steps a side, are needed). Trim less of it, or film 10 to 15 s of steady running. ${ALIGN}`,
    outcome: 'too-short',
  },
  {
    recording: 'r2',
    model: 'heavy',
    state: 'done',
    note: 'The clip has only 8 frames: too short to find steps.',
    outcome: 'refused',
  },
  { recording: 'r3', model: 'full', state: 'queued', note: null, outcome: null },
  { recording: 'r3', model: 'lite', state: 'failed', note: null, error: 'Unreadable.', outcome: null },
  { recording: 'r3', model: 'heavy', state: 'cancelled', note: null, outcome: null },
];

export async function insertOldJobs(db: SqlRunner): Promise<void> {
  for (const j of OLD_JOBS)
    await insertRow(db, 'analysis_jobs', {
      recording_id: j.recording,
      model: j.model,
      state: j.state,
      force: 0,
      attempts: 1,
      error: j.error ?? null,
      note: j.note,
      queued_at: TS,
      updated_at: TS,
    });
}

/** Every job's row, its columns as they were, ordered as OLD_JOBS. */
export const ROWS_SQL = `SELECT recording_id, model, state, error, note, attempts, queued_at, updated_at, outcome
  FROM analysis_jobs ORDER BY recording_id, CASE model WHEN 'full' THEN 0 WHEN 'lite' THEN 1 ELSE 2 END`;

export const EXPECTED_ROWS = OLD_JOBS.map((j) => ({
  recording_id: j.recording,
  model: j.model,
  state: j.state,
  error: j.error ?? null,
  note: j.note,
  attempts: 1,
  queued_at: TS,
  updated_at: TS,
  outcome: j.outcome,
}));
