import { defineMigration } from './types';

/**
 * Backfill of the jobs already done, from the only thing stored of their gait step: the note, whose
 * first words were the gait step's where it had any (run-job.ts joins gait's words, then alignment's).
 * The words are the ones StrideLab wrote since the queue began (git log -S on each): the clip check's
 * "A person was found in only N of M frames: this clip does not show the runner.", the engine's
 * "The clip [as trimmed] lasts N s: too short to measure steps…" (src-shared/review/clip-length.ts); a note that is only the alignment's ("The side and rear clips of …"), or
 * none, had numbers; anything else was a refusal in the engine's words. A clip analysed before that
 * gave no steps, or whose findings were withheld, left no note and reads as `numbers`, as its card
 * said; analysing it again (Retry, a new trim) stores what it is.
 */
const backfill = `
    UPDATE analysis_jobs SET outcome = CASE
      WHEN note IS NULL OR note LIKE 'The side and rear clips of % could not be aligned by themselves%' THEN 'numbers'
      WHEN note LIKE 'A person was found in only % of % frames: this clip does not show the runner.%' THEN 'no-runner'
      WHEN note LIKE 'The clip lasts % s: too short to measure steps%'
        OR note LIKE 'The clip as trimmed lasts % s: too short to measure steps%' THEN 'too-short'
      ELSE 'refused'
    END
    WHERE state = 'done';
  `;

const column = `
    ALTER TABLE analysis_jobs ADD COLUMN outcome TEXT
      CHECK (outcome IS NULL OR outcome IN ('numbers', 'withheld', 'no-runner', 'no-steps', 'too-short', 'refused'));
  `;

/**
 * What the gait step made of a finished clip (src-shared/analysis/outcome.ts): numbers, numbers with
 * findings withheld, or none and why. The session card said "✓ Analysed" for every clip that ended
 * without an error, and told a clip with nobody in it only by matching its note's words; it now reads
 * this field. Null unless the job is done (set by the data layer's `finish`, cleared when queued again).
 */
export const migration = defineMigration({
  version: 15,
  name: 'analysis-job-outcome',
  sqlite: column + backfill,
  postgres: column + backfill,
});
