/**
 * Test helper: one visit of the synthetic runner for the late-swing timeline tests (timeline.ts):
 * a flat condition at 11 km/h filmed from the side (seed 11, 166 steps/min, 1.5 px of landmark
 * noise), the right thigh's peak hip flexion in late swing as designed, analysed as the app does
 * (gait/testing/runner.ts).
 */
import { analysedRunner } from '../../gait/testing/runner';
import type { SessionInput } from '../timeline';

export function lateSwingVisit(
  date: string,
  rightLateSwingHipFlexionDeg: number,
  durationS: number,
): SessionInput {
  const { analysis } = analysedRunner({
    view: 'side',
    durationS,
    cadence: 166,
    noisePx: 1.5,
    seed: 11,
    right: { lateSwingHipFlexionDeg: rightLateSwingHipFlexionDeg },
  });
  return {
    sessionId: `s-${date}`,
    date,
    symptoms: null,
    conditions: [
      {
        label: 'flat',
        speedKmh: 11,
        inclinePct: 0,
        recordings: [{ recordingId: `side-${date}`, name: 'side.mp4', analysis }],
      },
    ],
  };
}
