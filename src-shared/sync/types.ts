/**
 * What the two-view synchronisation returns. Time mapping: a moment at time tB in clip B (seconds
 * from B's first frame, true timestamps) is the moment tA = timeScale × tB + offsetS in clip A.
 * `offsetS` > 0 means B started after A (cut k frames off the start of B and the offset grows by k
 * frames of A).
 */
export type SyncLevel = 'high' | 'medium' | 'low';

export interface SyncAlternative {
  readonly offsetS: number;
  readonly offsetFramesA: number;
  /** Combined correlation there, −1..1. */
  readonly score: number;
}

export interface SyncEstimate {
  readonly offsetS: number;
  /** The same offset in frames of A (at A's nominal rate), fractional. */
  readonly offsetFramesA: number;
  /** B seconds → A seconds; 1 unless one clip's clock runs at another speed (slow motion). */
  readonly timeScale: number;
  /** 0..1: peak height times its margin over the best other alignment. Shown, never hidden. */
  readonly confidence: number;
  readonly level: SyncLevel;
  /** Combined correlation at the chosen alignment, −1..1. */
  readonly peak: number;
  /** The best competing alignment (a distinct peak), if any. */
  readonly runnerUp: SyncAlternative | null;
  /** Up to 5 alignments, best first (the chosen one first): what a "try the next one" button offers. */
  readonly alternatives: readonly SyncAlternative[];
  /** The pose model labelled left/right the other way round in one of the clips. */
  readonly labelsSwapped: boolean;
  /** Share of each signal family (vertical velocity, image speed) in the combined score, 0..1. */
  readonly families: Readonly<Record<string, number>>;
  /** Body points tracked well enough in both clips to be compared. */
  readonly channelsUsed: number;
  /** Dominant period of the motion (seconds) when the clips are periodic (running, walking). */
  readonly periodS: number | null;
  readonly fpsA: number;
  readonly fpsB: number;
  /** Overlap of the two clips at the chosen alignment, seconds. */
  readonly overlapS: number;
  /** Plain-words notes for the PT (why confidence is low, what to check). */
  readonly warnings: readonly string[];
}

/** Input the estimator cannot work with; the message is meant for a person. */
export class SyncInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SyncInputError';
  }
}
