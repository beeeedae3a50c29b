/**
 * The labelled real clips: landmarks of the clip (pose engine output, committed) and the events
 * labelled by hand on it (test/fixtures/labels). Shared by the accuracy test and the accuracy
 * benchmark, so both score the same set.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LandmarkSeriesSchema, type LandmarkSeries } from '../../src-shared/pose/landmarks';
import { LabelFileSchema, type LabelFile } from '../../src-shared/gait/testing/labels';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

export interface LabelledClip {
  readonly name: string;
  /** Whether the event detector was developed on this clip (its figures are then training figures). */
  readonly tunedOn: boolean;
  readonly heightCm: number;
  readonly series: LandmarkSeries;
  readonly labels: LabelFile;
}

export const LABELLED_CLIPS: readonly {
  name: string;
  landmarks: string;
  labels: string;
  tunedOn: boolean;
  heightCm: number;
}[] = [
  {
    name: 'treadmill_side_male (30 fps, MediaPipe full)',
    landmarks: 'landmarks/treadmill_side_male.full.json',
    labels: 'labels/treadmill_side_zzzhushi_male_side.events.json',
    tunedOn: true,
    heightCm: 178,
  },
];

export function loadLabelledClips(): LabelledClip[] {
  return LABELLED_CLIPS.map((c) => ({
    name: c.name,
    tunedOn: c.tunedOn,
    heightCm: c.heightCm,
    series: LandmarkSeriesSchema.parse(JSON.parse(readFileSync(join(FIXTURES, c.landmarks), 'utf8'))),
    labels: LabelFileSchema.parse(JSON.parse(readFileSync(join(FIXTURES, c.labels), 'utf8'))),
  }));
}
