/**
 * Test helper: the report input the report tests build around their clips. All but the clips is
 * fixed (one patient and session, the clinic's default exercise library, the app version and the
 * build time, since pure code reads no clock), so a test writes only what it checks. Pure: shared
 * by the unit tests beside the report code and the tests under test/.
 */
import type { GaitAnalysis } from '../../gait/schema';
import type { SyntheticOptions } from '../../gait/synthetic';
import { DEFAULT_EXERCISES } from '../../gait/tables/exercises';
import { analysedRunner } from '../../gait/testing/runner';
import type { LandmarkSeries } from '../../pose/landmarks';
import type { ReportClipInput, ReportConditionInput, ReportInput } from '../build';

/** A clip of `view` analysed with the full pose model, filed as `<view>.mp4` unless `more` says. */
export function clipInput(
  view: 'side' | 'rear',
  analysis: GaitAnalysis,
  series: LandmarkSeries,
  more: Partial<ReportClipInput> = {},
): ReportClipInput {
  return { view, file: `${view}.mp4`, model: 'full', analysis, series, ...more };
}

/** A seeded synthetic runner filmed from `o.view`, analysed (testing/runner.ts), as a report clip. */
export function runnerClip(o: SyntheticOptions, more: Partial<ReportClipInput> = {}): ReportClipInput {
  const { series, analysis } = analysedRunner(o);
  return clipInput(o.view, analysis, series, more);
}

/** The session's one condition, 'Flat' (id c1), filmed in `clips`. */
export const flatCondition = (...clips: ReportClipInput[]): ReportConditionInput => ({
  id: 'c1',
  label: 'Flat',
  clips,
});

/** The report input of `conditions`; `more` replaces the patient, the session, the edits and so on. */
export function reportInput(
  conditions: readonly ReportConditionInput[],
  more: Partial<ReportInput> = {},
): ReportInput {
  return {
    patient: { name: 'Sam Synthetic' },
    session: { id: 's1', date: '2026-12-07' },
    conditions,
    exercises: DEFAULT_EXERCISES,
    appVersion: '0.1.0',
    now: '2026-12-07T10:00:00.000Z',
    ...more,
  };
}
