/**
 * Test helper: the report input the report tests build around their clips. All but the clips is
 * fixed (one patient and session, the clinic's default exercise library, the app version and the
 * build time, since pure code reads no clock), so a test writes only what it checks. Pure: shared
 * by the unit tests beside the report code and the tests under test/.
 */
import type { GaitAnalysis } from '../../gait/schema';
import type { SyntheticOptions } from '../../gait/synthetic';
import { DEFAULT_EXERCISES } from '../../gait/tables/exercises';
import { analysedRunner, sideAndRear } from '../../gait/testing/runner';
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

/**
 * The printed-report tests' session: a synthetic runner `o` filmed from the side and from behind
 * (sideAndRear) on the one condition 'Flat' at `o.speedKmh`, for Sam Synthetic (175 cm) with right
 * proximal hamstring pain on 2026-12-06; `session` adds to the session, `more` replaces the rest.
 */
export function sideRearSessionInput(
  o: Omit<SyntheticOptions, 'view'> & { readonly speedKmh: number },
  session: Partial<ReportInput['session']> = {},
  more: Partial<ReportInput> = {},
): ReportInput {
  const { side, rear } = sideAndRear(o);
  const clips = [
    clipInput('side', side.analysis, side.series),
    clipInput('rear', rear.analysis, rear.series),
  ];
  return reportInput([{ id: 'flat', label: 'Flat', speedKmh: o.speedKmh, clips }], {
    patient: { name: 'Sam Synthetic', heightCm: 175 },
    session: {
      id: 's1',
      date: '2026-12-06',
      complaint: 'Right proximal hamstring pain',
      injurySide: 'right',
      ...session,
    },
    ...more,
  });
}
