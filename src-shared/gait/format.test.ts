import { describe, expect, it } from 'vitest';
import { analyzeGait } from './analyze';
import { formatSummary } from './format';
import { generateRunner } from './synthetic';

describe('formatSummary', () => {
  it('speaks clinic: cadence in steps/min, mean ± SD over n steps, left and right', () => {
    const clip = generateRunner({ view: 'side', durationS: 8, cadence: 176, trunkLeanDeg: 13 });
    const text = formatSummary(
      analyzeGait({ series: clip.series, view: 'side', calibration: { heightCm: 175 } }),
    );
    expect(text).toMatch(/Cadence: 176\.\d steps\/min/);
    // Designed 18° at the contact instant; read at the first contact frame (up to 1/60 s later,
    // the knee flexing ~4° a frame there), so 18–22°.
    expect(text).toMatch(
      /Knee flexion at initial contact:\n {2}left {2}(18|19|20|21)\.\d° ± \d\.\d( \[[^\]]*\])? over \d+ steps/,
    );
    expect(text).toMatch(/Finding: Forward trunk lean \(left\)/);
    expect(text).toMatch(/Suggested: .*Plank with leg lifts/);
    expect(text).toMatch(/Calibration: \d+\.\d\d px\/cm \(height\)/);
  });

  it('says when a side has too few steps', () => {
    const clip = generateRunner({ view: 'side', durationS: 2 });
    const text = formatSummary(analyzeGait({ series: clip.series, view: 'side' }));
    expect(text).toMatch(/\(too few\)/);
    expect(text).toMatch(/Warning: Only \d clean left steps?/);
  });
});
