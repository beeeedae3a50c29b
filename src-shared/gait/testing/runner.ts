/**
 * Test helper: a seeded synthetic runner (synthetic/) analysed as the app analyses a clip, with the
 * runner's height given (175 cm unless said), so lengths are in cm. Pure; for the tests that need a
 * real analysis of a runner with designed effects, not hand-made numbers.
 */
import { analyzeGait } from '../analyze';
import type { GaitAnalysis } from '../schema';
import { generateRunner, type SyntheticOptions } from '../synthetic';
import type { LandmarkSeries } from '../../pose/landmarks';

export function analysedRunner(
  o: SyntheticOptions,
  heightCm = 175,
): { readonly series: LandmarkSeries; readonly analysis: GaitAnalysis } {
  const { series } = generateRunner(o);
  return { series, analysis: analyzeGait({ series, view: o.view, calibration: { heightCm } }) };
}
