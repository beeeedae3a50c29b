import { describe, expect, it } from 'vitest';
import { DEFAULT_FINDING_RULES } from './findings';

/**
 * A cue says only what its cited source reports (docs/report.md, "Cue and drill"). Heiderscheit 2011
 * (45 runners, treadmill, step rate ±5% and ±10%; checked against its published abstract): as the
 * step rate rose, step length, centre-of-mass vertical excursion, braking impulse and peak knee
 * flexion fell, and the knee and hip absorbed less energy. It reports no foot position relative to
 * the hips or the body. The overstride cue cited it for "Quick, quiet feet: land under your hips."
 */
describe('the cues cited to Heiderscheit 2011', () => {
  const cited = DEFAULT_FINDING_RULES.filter((r) => r.cue.source === 'heiderscheit2011');

  it('ask for the quicker, shorter steps it measured', () => {
    expect(cited.map((r) => r.id)).toEqual(['overstride']);
    for (const r of cited) expect(r.cue.text, r.id).toMatch(/quick/i);
    for (const r of cited) expect(r.cue.text, r.id).toMatch(/shorter/i);
  });

  it('ask for no foot placement, which it did not measure', () => {
    for (const r of cited) expect(r.cue.text, r.id).not.toMatch(/under (your|the) (hips?|body)|land\b/i);
  });
});

/**
 * Barton 2016 (BJSM 50(9):513; checked against its published abstract): a systematic review of 46
 * biomechanical studies of running retraining (step rate, strike pattern, proximal kinematics and
 * "cues to reduce impact loading variables") with 16 experts' opinions. It reports no foot placement
 * relative to the body or the hips. The dorsiflexed-ankle cue cited it for "Quiet feet: land softly,
 * closer to under your body.", the extended-knee cue for "Land with a soft, bent knee under you."
 */
describe('the cues cited to Barton 2016', () => {
  const cited = DEFAULT_FINDING_RULES.filter((r) => r.cue.source === 'barton2016');

  it('ask for no foot placement, which its abstract does not report', () => {
    expect(cited.map((r) => r.id)).toContain('dorsiflexed-ankle-landing');
    for (const r of cited)
      expect(r.cue.text, r.id).not.toMatch(/under (you\b|your|the)|closer to|in front of|ahead of/i);
  });

  it('ask the dorsiflexed ankle for a soft, quiet landing, a cue to reduce impact loading', () => {
    const ankle = cited.find((r) => r.id === 'dorsiflexed-ankle-landing');
    expect(ankle?.cue.text).toMatch(/soft/i);
    expect(ankle?.cue.text).toMatch(/quiet/i);
  });
});
