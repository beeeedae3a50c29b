/** What the review workspace shows for each player: the clip, its clock, landmarks and gait events. */
import type { LandmarkSeries } from '../../../src-shared/pose/landmarks';
import type { FrameTable } from '../../../src-shared/review/frames';
import type { View } from '../../../src-shared/review/overlay-tables';
import type { Seconds } from '../../../src-shared/units';
import type { ClipDecoder } from './player/clip-decoder';

export type { FrameEvent } from '../../../src-shared/review/analyse';

export interface ReviewClip {
  readonly recordingId: string;
  /** e.g. "Side · flat". */
  readonly title: string;
  readonly view: View;
  readonly clip: ClipDecoder;
  /** True presentation times of the frames (the ingest timestamps table when there is one). */
  readonly table: FrameTable;
  /** Session time at which this clip's time 0 falls (sync step; 0 when not aligned). */
  readonly offset: Seconds;
  /** The pose engine's landmarks (hand corrections are applied in the workspace), when it has run. */
  readonly series?: LandmarkSeries;
  /** Why there are no landmarks, in the PT's words. */
  readonly note?: string;
  /** Frames [start, end) the PT kept (trim on the session page): the analysis covers these only. */
  readonly trim: { readonly startFrame: number; readonly endFrame: number };
  readonly heightCm?: number;
}
