/**
 * Test helper: a seeded synthetic runner (synthetic/) analysed as the app analyses a clip, with the
 * runner's height given (175 cm unless said), so lengths are in cm. Pure; for the tests that need a
 * real analysis of a runner with designed effects, not hand-made numbers.
 */
import { analyzeGait } from '../analyze';
import type { GaitAnalysis } from '../schema';
import { generateRunner, type SyntheticClip, type SyntheticOptions } from '../synthetic';

/** The clip (series and truth) and its analysis. */
export function analysedRunner(
  o: SyntheticOptions,
  heightCm = 175,
): SyntheticClip & { readonly analysis: GaitAnalysis } {
  const clip = generateRunner(o);
  return { ...clip, analysis: analyzeGait({ series: clip.series, view: o.view, calibration: { heightCm } }) };
}

/**
 * The same runner filmed from the side and from behind, the rear clip timed by the side clip's
 * events (offset 0), as the app analyses the two once they are synced.
 */
export function sideAndRear(o: Omit<SyntheticOptions, 'view'>): {
  readonly side: SyntheticClip & { readonly analysis: GaitAnalysis };
  readonly rear: SyntheticClip & { readonly analysis: GaitAnalysis };
} {
  const side = analysedRunner({ view: 'side', ...o });
  const clip = generateRunner({ view: 'rear', ...o });
  const events = { events: side.analysis.events, offsetS: 0 };
  return {
    side,
    rear: { ...clip, analysis: analyzeGait({ series: clip.series, view: 'rear', externalEvents: events }) },
  };
}
