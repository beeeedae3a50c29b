/**
 * What the gait step (the queue's last step, src-main/services/analysis/steps.ts `checkGait`) made of
 * a clip, stored with its job (`analysis_jobs.outcome`, migration 0015) so the session card says it
 * from a field and not from the words of a note. A clip can finish its analysis without an error and
 * still give no numbers (nobody in it, no steps, too short as trimmed), or give numbers the clip check
 * keeps findings from (walking, the other view): the card must not say "✓ Analysed" to either
 * (docs/analysis-queue.md, "What the gait step made of a clip").
 */
import type { GaitAnalysis } from '../gait/schema';

export const CLIP_OUTCOMES = [
  'numbers',
  'withheld',
  'no-runner',
  'no-steps',
  'too-short',
  'refused',
] as const;
/**
 * - `numbers`: the whole clip's numbers and findings;
 * - `withheld`: numbers, but the clip check withholds findings (walking, the other view, someone standing);
 * - `no-runner`: a person in fewer than half the frames (clip-check.ts "no person");
 * - `no-steps`: no step found, so no numbers;
 * - `too-short`: the clip as trimmed is under 2 s (src-shared/review/clip-length.ts);
 * - `refused`: the gait engine refused the clip's landmarks for another reason (its words kept).
 */
export type ClipOutcome = (typeof CLIP_OUTCOMES)[number];

/** The card's words for an outcome other than `numbers`. */
export interface OutcomeWords {
  readonly badge: string;
  /** Whether the clip gave numbers all the same (the card keeps "Numbers from the whole clip"). */
  readonly numbers: boolean;
  /** What to do, where the note's words (the engine's) say only what went wrong. */
  readonly todo?: string;
}

export const OUTCOME_WORDS: Readonly<Record<Exclude<ClipOutcome, 'numbers'>, OutcomeWords>> = {
  withheld: { badge: 'Analysed: findings withheld', numbers: true },
  'no-runner': { badge: 'No numbers: no runner in view', numbers: false },
  'no-steps': { badge: 'No numbers: no steps found', numbers: false },
  'too-short': { badge: 'No numbers: clip too short', numbers: false },
  refused: {
    badge: 'No numbers: clip could not be measured',
    numbers: false,
    todo: 'Open the clip in Review to see what it shows, then import it again or film it again.',
  },
};

/** Said of a clip with poses but not one whole step, where the clip check gave no reason. */
const NO_STEPS =
  'No steps were found in this clip. Check that the runner\u2019s feet are in view for the whole clip, and film again if they are not.';

/** What the card says of a finished clip: the badge, or null for a clip with numbers and findings. */
export const outcomeWords = (outcome: ClipOutcome | null | undefined): OutcomeWords | null =>
  outcome == null || outcome === 'numbers' ? null : OUTCOME_WORDS[outcome];

/** Whether any variable has a mean on either side: the clip gave numbers. */
export const hasNumbers = (a: GaitAnalysis): boolean =>
  a.variables.some((v) => v.left.mean !== null || v.right.mean !== null);

export interface GaitOutcome {
  readonly outcome: ClipOutcome;
  /**
   * Why, in the PT's words, null for `numbers`. It ends in what to do, except a refusal's (the
   * engine's words: the card adds OUTCOME_WORDS.refused.todo, for refusals stored before 0015 too).
   */
  readonly note: string | null;
}

/**
 * The outcome of an analysis that ran: the clip check's reasons are the note (each ends in what to
 * do: clip-check.ts); a clip without steps and without a reason (contacts found, no whole step)
 * gets NO_STEPS.
 */
export function outcomeOfAnalysis(a: GaitAnalysis): GaitOutcome {
  const reasons = a.quality.reasons;
  const noPerson = reasons.find((r) => r.code === 'no-person');
  if (noPerson) return { outcome: 'no-runner', note: noPerson.message };
  const said = reasons.map((r) => r.message).join(' ');
  if (!hasNumbers(a)) return { outcome: 'no-steps', note: said || NO_STEPS };
  if (a.quality.findingsWithheld) return { outcome: 'withheld', note: said };
  return { outcome: 'numbers', note: null };
}
